using Xenith.Abi;
using Xenith.Hypervisor.Domains;
using Xenith.Hypervisor.Memory;

namespace Xenith.Hypervisor.Hypercalls;

/// <summary>
/// memory_op (12): cmd in r0 (sub-op in the low 6 bits, a continuation's start extent above), arg VA in r1
/// (spec 3.6, 6.4). The reservation sub-ops work through their extent list a bounded number of pages per
/// call and continue as Xen does: the HVC is re-executed with the next start extent in cmd.
/// </summary>
internal static class MemoryOpHypercall
{
    /// <summary>Pages populated or released before a continuation gives the vCPU back.</summary>
    public const int PagesPerCall = 4096;

    /// <summary>Largest extent_order a domU may ask for (Xen's domU max order: 2 MiB extents).</summary>
    public const int MaxExtentOrder = 9;

    /// <summary>Guest frames above 40 bits of IPA do not exist (p2m_ipa_bits with LPAE stage 2).</summary>
    public const ulong MaxGfn = (1ul << 28) - 1;

    public static long Handle(HypercallContext c, XenMachine machine)
    {
        uint cmd = c.Arg(0), arg = c.Arg(1);
        uint start = cmd >> XenMem.ExtentShift;
        switch ((XenMemOp)(cmd & XenMem.CommandMask))
        {
            case XenMemOp.DecreaseReservation:
            case XenMemOp.PopulatePhysmap:
            case XenMemOp.IncreaseReservation:
                return Reservation(c, machine, cmd, start, arg);
            case XenMemOp.MaximumRamPage:
                return machine.Memory.TotalFrames;
            case XenMemOp.CurrentReservation:
            case XenMemOp.MaximumReservation:
            case XenMemOp.MaximumGpfn:
                {
                    if (!GuestMemory.Read(c.Vcpu, arg, out ushort domid))
                        return XenErrno.EFAULT.Neg();
                    long rc = DomainIds.Target(machine, c.Domain, domid, out var d);
                    if (rc != 0)
                        return rc;
                    return (XenMemOp)(cmd & XenMem.CommandMask) switch
                    {
                        XenMemOp.CurrentReservation => RamPages(d),
                        XenMemOp.MaximumReservation => (long)d.MaxPages,
                        _ => d.P2m.Entries.Count == 0 ? 0 : (long)d.P2m.Entries.Keys.Max(),
                    };
                }
            case XenMemOp.AddToPhysmap:
                {
                    if (!GuestMemory.Read(c.Vcpu, arg, out XenAddToPhysmap a))
                        return XenErrno.EFAULT.Neg();
                    long rc = DomainIds.Target(machine, c.Domain, a.Domid, out var d);
                    return rc != 0 ? rc : AddToPhysmap(d, a);
                }
            case XenMemOp.RemoveFromPhysmap:
                {
                    if (!GuestMemory.Read(c.Vcpu, arg, out XenRemoveFromPhysmap r))
                        return XenErrno.EFAULT.Neg();
                    long rc = DomainIds.Target(machine, c.Domain, r.Domid, out var d);
                    if (rc != 0)
                        return rc;
                    return d.P2m.Unmap(r.Gpfn) ? 0 : XenErrno.ENOENT.Neg();
                }
            default: // machphys_*, memory maps, exchange, batch, claims, vNUMA, resources
                return XenErrno.ENOSYS.Neg();
        }
    }

    /// <summary>XENMEM_current_reservation: the domain's own RAM pages (tot_pages).</summary>
    public static long RamPages(Domain d) => d.P2m.Entries.Values.Count(e => e.Type == P2mType.Ram);

    /// <summary>XENMEM_add_to_physmap for the two spaces a domU uses (spec 3.6).</summary>
    public static long AddToPhysmap(Domain d, in XenAddToPhysmap a)
    {
        switch ((XenMapSpace)a.Space)
        {
            case XenMapSpace.SharedInfo:
                if (a.Idx != 0)
                    return XenErrno.EINVAL.Neg();
                if (!IsMappableGfn(a.Gpfn))
                    return XenErrno.EINVAL.Neg();
                d.SharedInfo.MapAt(a.Gpfn);
                return 0;
            case XenMapSpace.GrantTable:
                {
                    if (!IsMappableGfn(a.Gpfn))
                        return XenErrno.EINVAL.Neg();
                    bool status = (a.Idx & XenMem.MapIdxGrantTableStatus) != 0;
                    ulong index = a.Idx & ~XenMem.MapIdxGrantTableStatus;
                    if (index > uint.MaxValue)
                        return XenErrno.EINVAL.Neg();
                    return d.Grants.AddToPhysmap((uint)index, a.Gpfn, status);
                }
            default: // gmfn, gmfn_range, dev_mmio are for the hardware domain; foreign is batch-only
                return XenErrno.EINVAL.Neg();
        }
    }

    /// <summary>A gfn inside the IPA space that does not shadow the vGIC.</summary>
    public static bool IsMappableGfn(ulong gfn)
    {
        if (gfn > MaxGfn)
            return false;
        ulong pa = gfn << 12;
        return !(pa - Domain.GicDistributorBase < Domain.GicDistributorSize || pa - Domain.GicCpuInterfaceBase < Domain.GicCpuInterfaceSize);
    }

    /// <summary>
    /// increase/decrease_reservation and populate_physmap: returns the number of extents done (Xen's
    /// "nr_done"), stopping at the first that fails, or a continuation when the page budget runs out.
    /// </summary>
    private static long Reservation(HypercallContext c, XenMachine machine, uint cmd, uint start, uint arg)
    {
        if (!GuestMemory.Read(c.Vcpu, arg, out XenMemoryReservation r))
            return XenErrno.EFAULT.Neg();
        // The start extent must fit in cmd for a continuation; anything larger is refused outright.
        if (start >= r.NrExtents || r.NrExtents > uint.MaxValue >> XenMem.ExtentShift)
            return start;
        var op = (XenMemOp)(cmd & XenMem.CommandMask);
        if (op == XenMemOp.IncreaseReservation)
            return start; // a translated guest has nowhere to put unmapped frames: nothing done
        if (r.ExtentOrder > MaxExtentOrder)
            return start;
        var d = DomainIds.Find(machine, c.Domain, r.Domid);
        if (d is null)
            return start;
        if (d != c.Domain)
            return XenErrno.EPERM.Neg();
        uint list = (uint)r.ExtentStart;
        ulong pagesPerExtent = 1ul << (int)r.ExtentOrder;
        long budget = PagesPerCall;
        ulong ram = (ulong)RamPages(d);
        for (uint i = start; i < r.NrExtents; i++)
        {
            if (budget <= 0)
            {
                if (MulticallHypercall.InProgress)
                    return i; // no continuation inside a multicall: a short count, which callers handle
                c.Vcpu.Cpu.Pc -= 4; // run the HVC again with the next start extent
                return (long)((cmd & XenMem.CommandMask) | (i << XenMem.ExtentShift));
            }
            if (!GuestMemory.Read(c.Vcpu, list + i * 8, out ulong gfn))
                return i;
            if (op == XenMemOp.PopulatePhysmap)
            {
                if (ram + pagesPerExtent > d.MaxPages || !Populate(d, gfn, pagesPerExtent))
                    return i;
                ram += pagesPerExtent;
            }
            else if (!Decrease(d, gfn, pagesPerExtent))
            {
                return i;
            }
            budget -= (long)pagesPerExtent;
        }
        return (long)r.NrExtents;
    }

    /// <summary>Backs gfn..gfn+n-1 with fresh RAM; false (nothing mapped) when a frame is taken or the pool runs dry.</summary>
    private static bool Populate(Domain d, ulong gfn, ulong n)
    {
        if ((gfn & (n - 1)) != 0 || gfn + n - 1 > MaxGfn || gfn + n < gfn)
            return false;
        for (ulong g = gfn; g < gfn + n; g++)
        {
            if (!IsMappableGfn(g) || d.P2m.TryGet(g, out _))
                return false;
        }
        for (ulong g = gfn; g < gfn + n; g++)
        {
            if (!d.P2m.Populate(g))
            {
                // Out of machine memory half-way: give back what this extent took.
                for (ulong u = gfn; u < g; u++)
                    d.P2m.Unmap(u);
                return false;
            }
        }
        return true;
    }

    /// <summary>Releases the domain's RAM at gfn..gfn+n-1 (the frames go back to the pool); false if any of it is not its RAM.</summary>
    private static bool Decrease(Domain d, ulong gfn, ulong n)
    {
        if ((gfn & (n - 1)) != 0 || gfn + n - 1 > MaxGfn)
            return false;
        for (ulong g = gfn; g < gfn + n; g++)
        {
            if (!d.P2m.TryGet(g, out var e) || e.Type != P2mType.Ram)
                return false;
        }
        for (ulong g = gfn; g < gfn + n; g++)
            d.P2m.Unmap(g);
        return true;
    }
}
