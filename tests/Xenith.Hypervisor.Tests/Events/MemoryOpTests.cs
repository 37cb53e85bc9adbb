using Xenith.Abi;
using Xenith.Hypervisor.Hypercalls;
using Xenith.Hypervisor.Memory;

namespace Xenith.Hypervisor.Tests.Events;

/// <summary>memory_op: reservations with their limits and continuations, and add_to_physmap of shared_info (spec 3.6, 6.4).</summary>
public class MemoryOpTests
{
    private const ulong RamGfn = 0x40000;

    private static long Reservation(EventHarness h, XenMemOp op, ulong[] gfns, uint order = 0, ushort domid = DomId.Self, uint cmdHigh = 0)
    {
        for (int i = 0; i < gfns.Length; i++)
            EventHarness.Put(h.A, EventHarness.List + (ulong)i * 8, gfns[i]);
        EventHarness.Put(h.A, EventHarness.Args, new XenMemoryReservation { ExtentStart = EventHarness.List, NrExtents = (ulong)gfns.Length, ExtentOrder = order, Domid = domid });
        return h.Call(h.A, Hypercall.MemoryOp, (uint)op | cmdHigh, EventHarness.Args);
    }

    private static long DomainQuery(EventHarness h, XenMemOp op, ushort domid)
    {
        EventHarness.Put(h.A, EventHarness.Args, domid);
        return h.Call(h.A, Hypercall.MemoryOp, (uint)op, EventHarness.Args);
    }

    [Fact]
    public void Decrease_makes_a_hole_and_populate_fills_it_again()
    {
        using var h = new EventHarness();
        long pages = DomainQuery(h, XenMemOp.CurrentReservation, DomId.Self);
        Assert.Equal(1024, pages); // 4 MiB
        Assert.Equal(1024 + 256, DomainQuery(h, XenMemOp.MaximumReservation, DomId.Self));
        uint free = h.Machine.Memory.FreeFrames;

        Assert.Equal(2, Reservation(h, XenMemOp.DecreaseReservation, [RamGfn + 100, RamGfn + 101]));
        Assert.False(h.A.P2m.TryGet(RamGfn + 100, out _));
        Assert.Equal(free + 2, h.Machine.Memory.FreeFrames);
        Assert.Equal(pages - 2, DomainQuery(h, XenMemOp.CurrentReservation, DomId.Self));
        // Stops at the first extent that is not the domain's RAM.
        Assert.Equal(1, Reservation(h, XenMemOp.DecreaseReservation, [RamGfn + 102, RamGfn + 100, RamGfn + 103]));
        Assert.True(h.A.P2m.TryGet(RamGfn + 103, out _));

        Assert.Equal(3, Reservation(h, XenMemOp.PopulatePhysmap, [RamGfn + 100, RamGfn + 101, RamGfn + 102]));
        Assert.Equal(P2mType.Ram, h.A.P2m.Entries[RamGfn + 101].Type);
        // An order-1 extent: two pages, aligned.
        Assert.Equal(1, Reservation(h, XenMemOp.PopulatePhysmap, [0x80000], order: 1));
        Assert.True(h.A.P2m.TryGet(0x80001, out _));
        Assert.Equal(0, Reservation(h, XenMemOp.PopulatePhysmap, [0x80003], order: 1));
        // Taken gfns, the vGIC window and gfns beyond the IPA space are refused.
        Assert.Equal(0, Reservation(h, XenMemOp.PopulatePhysmap, [RamGfn]));
        Assert.Equal(0, Reservation(h, XenMemOp.PopulatePhysmap, [0x3001]));
        Assert.Equal(0, Reservation(h, XenMemOp.PopulatePhysmap, [1ul << 28]));
        Assert.Equal(0, Reservation(h, XenMemOp.PopulatePhysmap, [0x90000], order: 10));
        Assert.Equal(0x80001, DomainQuery(h, XenMemOp.MaximumGpfn, DomId.Self));
    }

    [Fact]
    public void Populate_stops_at_the_domains_maximum()
    {
        using var h = new EventHarness();
        h.A.MaxPages = 1026;
        Assert.Equal(2, Reservation(h, XenMemOp.PopulatePhysmap, [0x80000, 0x80001, 0x80002]));
        Assert.False(h.A.P2m.TryGet(0x80002, out _));
    }

    [Fact]
    public void A_long_extent_list_continues_by_running_the_hvc_again()
    {
        using var h = new EventHarness();
        int n = MemoryOpHypercall.PagesPerCall + 10;
        var gfns = Enumerable.Range(0, n).Select(i => 0x80000ul + (ulong)i).ToArray();
        h.A.MaxPages = 1024 + (ulong)n;
        var cpu = h.A.Vcpus[0].Cpu;
        uint pc = cpu.Pc;
        long r = Reservation(h, XenMemOp.PopulatePhysmap, gfns);
        Assert.Equal((long)(uint)XenMemOp.PopulatePhysmap | ((long)MemoryOpHypercall.PagesPerCall << XenMem.ExtentShift), (uint)r);
        Assert.Equal(pc - 4, cpu.Pc);
        Assert.Equal(EventHarness.Args, cpu.R[1]);
        // The re-executed HVC carries on from there.
        Assert.Equal(n, h.Call(h.A, Hypercall.MemoryOp, (uint)r, EventHarness.Args));
        Assert.True(h.A.P2m.TryGet(0x80000ul + (ulong)n - 1, out _));
        // A start extent at or past the end does nothing.
        Assert.Equal(5, Reservation(h, XenMemOp.DecreaseReservation, [RamGfn], cmdHigh: 5u << XenMem.ExtentShift));
    }

    [Fact]
    public void Shared_info_replaces_the_ram_page_and_keeps_its_content_when_moved()
    {
        using var h = new EventHarness();
        uint free = h.Machine.Memory.FreeFrames;
        var add = new XenAddToPhysmap { Domid = DomId.Self, Space = (uint)XenMapSpace.SharedInfo, Idx = 0, Gpfn = RamGfn + 5 };
        EventHarness.Put(h.A, EventHarness.Args, add);
        Assert.Equal(0, h.Call(h.A, Hypercall.MemoryOp, (uint)XenMemOp.AddToPhysmap, EventHarness.Args));
        Assert.Equal(free + 1, h.Machine.Memory.FreeFrames); // the RAM page went back to the pool
        Assert.Equal((h.A.SharedInfo.Mfn, P2mType.Hypervisor), (h.A.P2m.Entries[RamGfn + 5].Mfn, h.A.P2m.Entries[RamGfn + 5].Type));
        uint wcVersion = EventHarness.Get<uint>(h.A, ((RamGfn + 5) << 12) + 1072);
        Assert.Equal(0u, wcVersion % 2);
        Assert.NotEqual(0u, wcVersion);
        Assert.NotEqual(0u, EventHarness.Get<uint>(h.A, ((RamGfn + 5) << 12) + 1076));
        EventHarness.Put(h.A, ((RamGfn + 5) << 12) + 560 + 63 * 8, 0x8000_0000_0000_0001ul);

        add.Gpfn = RamGfn + 6;
        EventHarness.Put(h.A, EventHarness.Args, add);
        Assert.Equal(0, h.Call(h.A, Hypercall.MemoryOp, (uint)XenMemOp.AddToPhysmap, EventHarness.Args));
        Assert.Equal(0x8000_0000_0000_0001ul, EventHarness.Get<ulong>(h.A, ((RamGfn + 6) << 12) + 560 + 63 * 8));
        Assert.False(h.A.P2m.TryGet(RamGfn + 5, out _));

        add.Idx = 1;
        EventHarness.Put(h.A, EventHarness.Args, add);
        Assert.Equal(XenErrno.EINVAL.Neg(), h.Call(h.A, Hypercall.MemoryOp, (uint)XenMemOp.AddToPhysmap, EventHarness.Args));
        add = add with { Idx = 0, Gpfn = Xenith.Hypervisor.Domains.Domain.GicDistributorBase >> 12 };
        EventHarness.Put(h.A, EventHarness.Args, add);
        Assert.Equal(XenErrno.EINVAL.Neg(), h.Call(h.A, Hypercall.MemoryOp, (uint)XenMemOp.AddToPhysmap, EventHarness.Args));
        add = add with { Gpfn = RamGfn + 7, Space = (uint)XenMapSpace.Gmfn };
        EventHarness.Put(h.A, EventHarness.Args, add);
        Assert.Equal(XenErrno.EINVAL.Neg(), h.Call(h.A, Hypercall.MemoryOp, (uint)XenMemOp.AddToPhysmap, EventHarness.Args));
        add = add with { Domid = 0x7000 };
        EventHarness.Put(h.A, EventHarness.Args, add);
        Assert.Equal(XenErrno.ESRCH.Neg(), h.Call(h.A, Hypercall.MemoryOp, (uint)XenMemOp.AddToPhysmap, EventHarness.Args));
        add = add with { Domid = (ushort)h.B.Id };
        EventHarness.Put(h.A, EventHarness.Args, add);
        Assert.Equal(XenErrno.EPERM.Neg(), h.Call(h.A, Hypercall.MemoryOp, (uint)XenMemOp.AddToPhysmap, EventHarness.Args));
    }

    [Fact]
    public void Other_domains_and_missing_sub_ops_are_refused()
    {
        using var h = new EventHarness();
        Assert.Equal(XenErrno.ESRCH.Neg(), DomainQuery(h, XenMemOp.CurrentReservation, 0x7000));
        Assert.Equal(XenErrno.EPERM.Neg(), DomainQuery(h, XenMemOp.MaximumReservation, (ushort)h.B.Id));
        Assert.Equal(XenErrno.EPERM.Neg(), Reservation(h, XenMemOp.DecreaseReservation, [0x40000], domid: (ushort)h.B.Id));
        Assert.Equal(0, Reservation(h, XenMemOp.DecreaseReservation, [0x40000], domid: 0x7000));
        Assert.Equal(XenErrno.EFAULT.Neg(), h.Call(h.A, Hypercall.MemoryOp, (uint)XenMemOp.CurrentReservation, 0x1000_0000));
        foreach (var op in new[] { XenMemOp.MachphysMfnList, XenMemOp.MemoryMap, XenMemOp.Exchange, XenMemOp.AddToPhysmapBatch })
            Assert.Equal(XenErrno.ENOSYS.Neg(), h.Call(h.A, Hypercall.MemoryOp, (uint)op, EventHarness.Args));
        Assert.Equal(XenErrno.ENOSYS.Neg(), h.Call(h.A, Hypercall.MemoryOp, 63, EventHarness.Args));
        EventHarness.Put(h.A, EventHarness.Args, new XenRemoveFromPhysmap { Domid = DomId.Self, Gpfn = 0x10 });
        Assert.Equal(XenErrno.ENOENT.Neg(), h.Call(h.A, Hypercall.MemoryOp, (uint)XenMemOp.RemoveFromPhysmap, EventHarness.Args));
    }
}
