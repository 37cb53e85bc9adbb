using Xenith.Abi;
using Xenith.Hypervisor.Memory;

namespace Xenith.Hypervisor.Grants;

/// <summary>
/// Pinning grants of this table for a grantee: validating the entry, keeping GTF_reading/GTF_writing set in it
/// while any use lasts, and holding the granted machine frame. Map, copy and in-hypervisor backends share it.
/// </summary>
public sealed unsafe partial class Gnttab
{
    /// <summary>Xen bounds its compare-and-swap on an entry a guest may keep rewriting, then gives up.</summary>
    private const int CasRetries = 5;
    private const ushort CacheAttributes = GrantFlags.Pwt | GrantFlags.Pcd | GrantFlags.Pat;

    private readonly Dictionary<uint, ActiveGrant> _active = [];

    /// <summary>Grant references in use (pinned) right now.</summary>
    public int ActiveCount => _active.Count;

    /// <summary>Pin counts of <paramref name="gref"/> (0 when not in use): writable uses in bits 0-7, read-only ones in bits 8-15.</summary>
    public uint PinOf(uint gref) => _active.TryGetValue(gref, out var a) ? a.Pin : 0;

    /// <summary>
    /// Takes one use of grant <paramref name="gref"/> for domain <paramref name="grantee"/> (Xen's map_grant_ref and
    /// acquire_grant_for_copy for v1): the first use checks the entry is GTF_permit_access for the grantee (and not
    /// GTF_readonly for a writable use), sets GTF_reading (GTF_writing), and resolves the entry's frame to the granter's
    /// RAM page. <paramref name="mfn"/> is that page; undo with <see cref="Release"/>.
    /// </summary>
    public GrantStatus Acquire(uint gref, ushort grantee, bool readOnly, bool forMapping, out uint mfn)
    {
        mfn = 0;
        if (gref >= EntryCount)
            return GrantStatus.BadGntref;
        _active.TryGetValue(gref, out var act);
        uint pin = act?.Pin ?? 0;
        if (act != null && (act.Domid != grantee || (pin & ActiveGrant.OverflowMask) != 0))
            return GrantStatus.GeneralError;
        if (act == null || (!readOnly && (pin & ActiveGrant.HostWriteMask) == 0))
        {
            var rc = SetInUse(gref, pinned: act != null, readOnly, forMapping, grantee);
            if (rc != GrantStatus.Okay)
                return rc;
            if (act == null)
            {
                uint gfn = ReadEntry(gref).Frame;
                // Only the granter's own RAM can be granted: not a page it has mapped from someone else, not a hole.
                if (!Domain.P2m.TryGet(gfn, out var page) || page.Type != P2mType.Ram)
                {
                    ClearInUse(gref, readOnly ? GrantFlags.Reading : (ushort)(GrantFlags.Reading | GrantFlags.Writing));
                    return GrantStatus.BadPage;
                }
                act = new ActiveGrant(grantee, page.Mfn, gfn);
                _machine.AddRef(page.Mfn);
                _active[gref] = act;
            }
        }
        act.Pin += ActiveGrant.Increment(readOnly);
        mfn = act.Mfn;
        return GrantStatus.Okay;
    }

    /// <summary>Drops one use taken by <see cref="Acquire"/>; the last writable use clears GTF_writing, the last use GTF_reading.</summary>
    public void Release(uint gref, bool readOnly)
    {
        if (!_active.TryGetValue(gref, out var act))
            throw new InvalidOperationException($"grant {gref} of d{Domain.Id} is not in use");
        act.Pin -= ActiveGrant.Increment(readOnly);
        ushort clear = 0;
        if (!readOnly && (act.Pin & ActiveGrant.HostWriteMask) == 0)
            clear |= GrantFlags.Writing;
        if (act.Pin == 0)
        {
            clear |= GrantFlags.Reading;
            _active.Remove(gref);
            _machine.Release(act.Mfn);
        }
        if (clear != 0)
            ClearInUse(gref, clear);
    }

    /// <summary>The machine frame grant <paramref name="gref"/> is pinned to, if it is in use.</summary>
    internal bool TryGetActiveMfn(uint gref, out uint mfn)
    {
        mfn = _active.TryGetValue(gref, out var a) ? a.Mfn : 0;
        return a != null;
    }

    /// <summary>Whether the entry asks for x86 cache attributes, which an ARM grant mapping refuses.</summary>
    internal bool HasCacheAttributes(uint gref) => (ReadEntry(gref).Flags & CacheAttributes) != 0;

    /// <summary>
    /// Sets GTF_reading (and GTF_writing) with a compare-and-swap on the {flags, domid} word, so a guest that rewrites
    /// the entry at the same moment either sees its change fail or ours re-checked against it.
    /// </summary>
    private GrantStatus SetInUse(uint gref, bool pinned, bool readOnly, bool forMapping, ushort grantee)
    {
        ref int word = ref *(int*)EntryAddress(gref);
        ushort typeMask = forMapping ? (ushort)(GrantFlags.TypeMask | GrantFlags.SubPage) : GrantFlags.TypeMask;
        uint seen = (uint)Volatile.Read(ref word);
        for (int attempt = 0; ; attempt++)
        {
            ushort flags = (ushort)seen, domid = (ushort)(seen >> 16);
            if (!pinned && ((flags & typeMask) != GrantFlags.PermitAccess || domid != grantee))
                return GrantStatus.GeneralError;
            uint wanted = seen | GrantFlags.Reading;
            if (!readOnly)
            {
                if ((flags & GrantFlags.Readonly) != 0)
                    return GrantStatus.GeneralError;
                wanted |= GrantFlags.Writing;
            }
            uint before = (uint)Interlocked.CompareExchange(ref word, (int)wanted, (int)seen);
            if (before == seen)
                return GrantStatus.Okay;
            if (attempt == CasRetries - 1)
                return GrantStatus.GeneralError;
            seen = before;
        }
    }

    /// <summary>Clears in-use bits atomically, whatever else the guest has written in the entry meanwhile.</summary>
    private void ClearInUse(uint gref, ushort bits)
    {
        ref int word = ref *(int*)EntryAddress(gref);
        Interlocked.And(ref word, ~(int)bits);
    }
}
