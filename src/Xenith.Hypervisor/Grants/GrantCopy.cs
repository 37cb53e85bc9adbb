using Xenith.Abi;
using Xenith.Hypervisor.Domains;
using Xenith.Hypervisor.Memory;

namespace Xenith.Hypervisor.Grants;

/// <summary>
/// One GNTTABOP_copy element (spec 5.4): each side is a grant reference of some domain or a frame of the caller
/// itself; grants are pinned (GTF_reading / GTF_writing set) only for the duration of the copy.
/// </summary>
public static unsafe class GrantCopy
{
    /// <summary>
    /// Copies as <paramref name="op"/> says on behalf of <paramref name="caller"/>; <paramref name="lookup"/> finds a
    /// domain by id (DOMID_SELF included) or gives null. Returns the GNTST code for the element's status.
    /// </summary>
    public static GrantStatus CopyOne(Domain caller, in GnttabCopy op, Func<ushort, Domain?> lookup, MachineMemory machine)
    {
        bool sourceGref = (op.Flags & GntCopy.SourceGref) != 0, destGref = (op.Flags & GntCopy.DestGref) != 0;
        var rc = FindDomain(op.Source.Domid, sourceGref, lookup, out var sourceDomain);
        if (rc != GrantStatus.Okay)
            return rc;
        rc = FindDomain(op.Dest.Domid, destGref, lookup, out var destDomain);
        if (rc != GrantStatus.Okay)
            return rc;

        rc = Claim(caller, sourceDomain, op.Source, sourceGref, readOnly: true, out uint sourceMfn);
        if (rc != GrantStatus.Okay)
            return rc;
        rc = Claim(caller, destDomain, op.Dest, destGref, readOnly: false, out uint destMfn);
        if (rc == GrantStatus.Okay)
        {
            if (op.Source.Offset + op.Len > MachineMemory.FrameSize || op.Dest.Offset + op.Len > MachineMemory.FrameSize)
            {
                rc = GrantStatus.BadCopyArg;
            }
            else
            {
                // Source and destination may be the same page: copy as memmove does.
                Buffer.MemoryCopy(machine.Frame(sourceMfn) + op.Source.Offset, machine.Frame(destMfn) + op.Dest.Offset, op.Len, op.Len);
            }
            if (destGref)
                destDomain.Grants.Release(op.Dest.URef, readOnly: false);
        }
        if (sourceGref)
            sourceDomain.Grants.Release(op.Source.URef, readOnly: true);
        return rc;
    }

    // Only the caller's own frames can be named by frame number, and only as DOMID_SELF.
    private static GrantStatus FindDomain(ushort domid, bool byGref, Func<ushort, Domain?> lookup, out Domain domain)
    {
        domain = null!;
        if (domid != DomId.Self && !byGref)
            return GrantStatus.PermissionDenied;
        if (lookup(domid) is not { } d)
            return GrantStatus.BadDomain;
        domain = d;
        return GrantStatus.Okay;
    }

    private static GrantStatus Claim(Domain caller, Domain owner, in GnttabCopyPtr side, bool byGref, bool readOnly, out uint mfn)
    {
        if (byGref)
            return owner.Grants.Acquire(side.URef, (ushort)caller.Id, readOnly, forMapping: false, out mfn);
        mfn = 0;
        // The caller's own RAM only: a grant mapping at that gfn is someone else's page (and may be read-only).
        if (side.UGmfn >= Gnttab.GfnLimit || !owner.P2m.TryGet(side.UGmfn, out var e) || e.Type != P2mType.Ram)
            return GrantStatus.BadPage;
        mfn = e.Mfn;
        return GrantStatus.Okay;
    }
}
