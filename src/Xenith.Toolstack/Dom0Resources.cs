using Xenith.Abi;
using Xenith.Hypervisor.Domains;
using Xenith.Hypervisor.Memory;

namespace Xenith.Toolstack;

/// <summary>
/// What domain 0's own users of guest memory (the vchan ends, the block backends' grant maps) borrow from the
/// hypervisor: gfns in a window of dom0's p2m, grant references of dom0's table and event-channel ports. Every call
/// runs under the hypervisor's gate.
/// </summary>
internal sealed unsafe class Dom0Resources(Domain dom0, MachineMemory memory)
{
    /// <summary>dom0's p2m window for these pages (0xA000_0000..): dom0 has no RAM of its own in the pool.</summary>
    public const ulong GfnBase = 0xA0000;
    public const int MaxPages = 4096;

    private readonly SortedSet<ulong> _freeGfns = [];
    private ulong _nextGfn = GfnBase;
    private readonly SortedSet<uint> _freeRefs = [];
    private uint _nextRef = GrantTable.NrReservedEntries;
    private readonly List<(uint Gref, ulong Gfn)> _leaked = [];

    /// <summary>A zeroed pool frame at a fresh dom0 gfn; its host address.</summary>
    public (ulong Gfn, nint Page) AllocatePage()
    {
        ulong gfn = TakeGfn();
        if (!dom0.P2m.Populate(gfn))
        {
            _freeGfns.Add(gfn);
            throw new InvalidOperationException($"the machine has no free frame for a dom0 page (gfn 0x{gfn:x})");
        }
        dom0.P2m.TryGet(gfn, out var e);
        return (gfn, (nint)memory.Frame(e.Mfn));
    }

    /// <summary>A gfn of the window with nothing mapped at it (for a page or a grant mapping).</summary>
    public ulong TakeGfn()
    {
        Sweep();
        if (_freeGfns.Count > 0)
        {
            ulong gfn = _freeGfns.Min;
            _freeGfns.Remove(gfn);
            return gfn;
        }
        if (_nextGfn >= GfnBase + MaxPages)
            throw new InvalidOperationException($"domain 0's vchan window of {MaxPages} pages is full");
        return _nextGfn++;
    }

    /// <summary>Gives back a gfn whose mapping is already gone (a grant mapping's unmap removed it).</summary>
    public void ReturnGfn(ulong gfn)
    {
        dom0.P2m.Unmap(gfn);
        _freeGfns.Add(gfn);
    }

    /// <summary>The host address of what dom0's p2m has at gfn.</summary>
    public nint PageAt(ulong gfn) =>
        dom0.P2m.TryGet(gfn, out var e) ? (nint)memory.Frame(e.Mfn) : throw new InvalidOperationException($"nothing at dom0 gfn 0x{gfn:x}");

    public uint AllocateRef()
    {
        uint gref;
        if (_freeRefs.Count > 0)
        {
            gref = _freeRefs.Min;
            _freeRefs.Remove(gref);
            return gref;
        }
        while (_nextRef >= dom0.Grants.EntryCount)
        {
            if (!dom0.Grants.Grow(dom0.Grants.FrameCount + 1))
                throw new InvalidOperationException("domain 0's grant table is full");
        }
        return _nextRef++;
    }

    /// <summary>A grant entry as a granting guest writes it (domid and frame, then flags).</summary>
    public void Grant(uint gref, uint peer, ulong gfn, bool readOnly) =>
        dom0.Grants.WriteEntry(gref, new GrantEntryV1
        {
            Flags = (ushort)(GrantFlags.PermitAccess | (readOnly ? GrantFlags.Readonly : 0)),
            Domid = (ushort)peer,
            Frame = (uint)gfn,
        });

    /// <summary>
    /// Revokes each grant not in use and gives back its gfn and reference. A page the peer still maps keeps its grant
    /// (the peer's unmap needs it) and its gfn (so the entry cannot come to name another page) until a later sweep
    /// finds it unmapped. gfns[i] is the page of grefs[i]; a gfn without a reference (a failed open) is simply freed.
    /// </summary>
    public void Release(IReadOnlyList<ulong> gfns, IReadOnlyList<uint> grefs, uint port)
    {
        for (int i = 0; i < gfns.Count; i++)
        {
            if (i < grefs.Count && InUse(grefs[i]))
                _leaked.Add((grefs[i], gfns[i]));
            else
                Free(i < grefs.Count ? grefs[i] : null, gfns[i]);
        }
        if (port != 0)
            dom0.Events.Close(port);
    }

    /// <summary>Frees the pages of closed servers that their peers have unmapped since.</summary>
    private void Sweep()
    {
        // Bounded by the pages ever leaked, at most the window's size.
        for (int i = _leaked.Count - 1; i >= 0; i--)
        {
            if (InUse(_leaked[i].Gref))
                continue;
            Free(_leaked[i].Gref, _leaked[i].Gfn);
            _leaked.RemoveAt(i);
        }
    }

    private bool InUse(uint gref) => (dom0.Grants.ReadEntry(gref).Flags & (GrantFlags.Reading | GrantFlags.Writing)) != 0;

    private void Free(uint? gref, ulong gfn)
    {
        if (gref is uint g)
        {
            dom0.Grants.WriteEntry(g, default);
            _freeRefs.Add(g);
        }
        dom0.P2m.Unmap(gfn);
        _freeGfns.Add(gfn);
    }
}
