using Xenith.Abi;
using Xenith.Hypervisor.Grants;
using Xenith.Hypervisor.Hypercalls;
using Xenith.Hypervisor.Memory;

namespace Xenith.Hypervisor.Tests.Grants;

/// <summary>The table itself: its frames in the IPA space, query_size, setup_table, versions, malformed calls.</summary>
public class GrantTableSetupTests
{
    private const uint Args = GrantHarness.Args;

    [Fact]
    public void Query_size_reports_the_frames_and_the_maximum()
    {
        using var h = new GrantHarness();
        GrantHarness.Put(h.B, Args, new GnttabQuerySize { Dom = DomId.Self, Status = 0x777 });
        Assert.Equal(0, h.Call(h.B, GnttabOp.QuerySize, Args));
        var q = GrantHarness.Get<GnttabQuerySize>(h.B, Args);
        Assert.Equal((short)GrantStatus.Okay, q.Status);
        Assert.Equal(1u, q.NrFrames);
        Assert.Equal(64u, q.MaxNrFrames);

        GrantHarness.Put(h.B, Args, new GnttabQuerySize { Dom = 0x7000 });
        Assert.Equal(0, h.Call(h.B, GnttabOp.QuerySize, Args));
        Assert.Equal((short)GrantStatus.BadDomain, GrantHarness.Get<GnttabQuerySize>(h.B, Args).Status);

        GrantHarness.Put(h.B, Args, new GnttabQuerySize { Dom = (ushort)h.A.Id });
        Assert.Equal(0, h.Call(h.B, GnttabOp.QuerySize, Args));
        Assert.Equal((short)GrantStatus.PermissionDenied, GrantHarness.Get<GnttabQuerySize>(h.B, Args).Status);

        Assert.Equal(XenErrno.EINVAL.Neg(), h.Call(h.B, GnttabOp.QuerySize, Args, count: 2));
        Assert.Equal(XenErrno.EFAULT.Neg(), h.Call(h.B, GnttabOp.QuerySize, 0x1000));
    }

    [Fact]
    public void Add_to_physmap_grows_the_table_and_moves_a_frame_that_is_mapped_again()
    {
        using var h = new GrantHarness();
        var t = h.A.Grants;
        Assert.Equal(0, t.AddToPhysmap(3, GrantHarness.TableGfn + 3, status: false));
        Assert.Equal(4, t.FrameCount);
        Assert.Equal(4u * 512, t.EntryCount);
        Assert.True(h.A.P2m.TryGet(GrantHarness.TableGfn + 3, out var e));
        Assert.Equal(P2mType.Hypervisor, e.Type);
        Assert.Equal(t.FrameMfn(3), e.Mfn);

        // Frame 3 written through the guest's mapping is the table the hypervisor reads.
        GrantHarness.Put(h.A, ((GrantHarness.TableGfn + 3) << 12) + 5 * 8 + 4, 0x1234u);
        Assert.Equal(0x1234u, t.ReadEntry(3 * 512 + 5).Frame);

        // Mapping frame 3 over a RAM page moves it there: the old gfn becomes a hole, the RAM page is gone.
        Assert.Equal(0, t.AddToPhysmap(3, GrantHarness.PageA, status: false));
        Assert.False(h.A.P2m.TryGet(GrantHarness.TableGfn + 3, out _));
        Assert.True(h.A.P2m.TryGet(GrantHarness.PageA, out e));
        Assert.Equal((P2mType.Hypervisor, t.FrameMfn(3)), (e.Type, e.Mfn));
        Assert.Equal(GrantHarness.PageA, t.FrameGfn(3));

        Assert.Equal(XenErrno.EINVAL.Neg(), t.AddToPhysmap(64, GrantHarness.TableGfn + 64, status: false));
        Assert.Equal(XenErrno.EINVAL.Neg(), t.AddToPhysmap(0, GrantHarness.TableGfn, status: true));
        Assert.Equal(XenErrno.EINVAL.Neg(), t.AddToPhysmap(1, 1ul << 28, status: false));
        Assert.Equal(4, t.FrameCount);
    }

    [Fact]
    public void Setup_table_grows_and_lists_where_each_frame_is_mapped()
    {
        using var h = new GrantHarness();
        const uint list = Args + 0x100;
        GrantHarness.Put(h.A, Args, new GnttabSetupTable { Dom = DomId.Self, NrFrames = 2, FrameList = list, Status = 0x777 });
        GrantHarness.Put(h.A, list + 8, 0x5555ul);
        Assert.Equal(0, h.Call(h.A, GnttabOp.SetupTable, Args));
        Assert.Equal((short)GrantStatus.Okay, GrantHarness.Get<GnttabSetupTable>(h.A, Args).Status);
        Assert.Equal(GrantHarness.TableGfn, GrantHarness.Get<ulong>(h.A, list));
        Assert.Equal(0xFFFF_FFFFul, GrantHarness.Get<ulong>(h.A, list + 8)); // frame 1 exists but is not mapped anywhere
        Assert.Equal(2, h.A.Grants.FrameCount);

        GrantHarness.Put(h.A, Args, new GnttabSetupTable { Dom = DomId.Self, NrFrames = 65, FrameList = list });
        Assert.Equal(0, h.Call(h.A, GnttabOp.SetupTable, Args));
        Assert.Equal((short)GrantStatus.GeneralError, GrantHarness.Get<GnttabSetupTable>(h.A, Args).Status);

        GrantHarness.Put(h.A, Args, new GnttabSetupTable { Dom = DomId.Self, NrFrames = 1, FrameList = 0x1000 });
        Assert.Equal(0, h.Call(h.A, GnttabOp.SetupTable, Args));
        Assert.Equal((short)GrantStatus.BadVirtAddr, GrantHarness.Get<GnttabSetupTable>(h.A, Args).Status);

        GrantHarness.Put(h.A, Args, new GnttabSetupTable { Dom = (ushort)h.B.Id, NrFrames = 1, FrameList = list });
        Assert.Equal(0, h.Call(h.A, GnttabOp.SetupTable, Args));
        Assert.Equal((short)GrantStatus.PermissionDenied, GrantHarness.Get<GnttabSetupTable>(h.A, Args).Status);

        GrantHarness.Put(h.A, Args, new GnttabSetupTable { Dom = 0x7000, NrFrames = 1, FrameList = list });
        Assert.Equal(0, h.Call(h.A, GnttabOp.SetupTable, Args));
        Assert.Equal((short)GrantStatus.BadDomain, GrantHarness.Get<GnttabSetupTable>(h.A, Args).Status);

        Assert.Equal(XenErrno.EINVAL.Neg(), h.Call(h.A, GnttabOp.SetupTable, Args, count: 2));
    }

    [Fact]
    public void Only_version_1_exists()
    {
        using var h = new GrantHarness();
        foreach (var (asked, rc) in new[] { (1u, 0L), (2u, XenErrno.ENOSYS.Neg()), (3u, XenErrno.EINVAL.Neg()), (0u, XenErrno.EINVAL.Neg()) })
        {
            GrantHarness.Put(h.B, Args, new GnttabSetVersion { Version = asked });
            Assert.Equal(rc, h.Call(h.B, GnttabOp.SetVersion, Args));
            Assert.Equal(1u, GrantHarness.Get<GnttabSetVersion>(h.B, Args).Version); // the version in force, always written back
        }

        GrantHarness.Put(h.B, Args, new GnttabGetVersion { Dom = DomId.Self, Version = 77 });
        Assert.Equal(0, h.Call(h.B, GnttabOp.GetVersion, Args));
        Assert.Equal(1u, GrantHarness.Get<GnttabGetVersion>(h.B, Args).Version);
        GrantHarness.Put(h.B, Args, new GnttabGetVersion { Dom = 0x7000 });
        Assert.Equal(XenErrno.ESRCH.Neg(), h.Call(h.B, GnttabOp.GetVersion, Args));
        GrantHarness.Put(h.B, Args, new GnttabGetVersion { Dom = (ushort)h.A.Id });
        Assert.Equal(XenErrno.EPERM.Neg(), h.Call(h.B, GnttabOp.GetVersion, Args));

        // get_status_frames: v1 has none.
        GrantHarness.Put(h.B, Args, new GnttabGetStatusFrames { NrFrames = 1, Dom = DomId.Self, Status = 0x777 });
        Assert.Equal(0, h.Call(h.B, GnttabOp.GetStatusFrames, Args));
        Assert.Equal((short)GrantStatus.GeneralError, GrantHarness.Get<GnttabGetStatusFrames>(h.B, Args).Status);
        GrantHarness.Put(h.B, Args, new GnttabGetStatusFrames { NrFrames = 0, Dom = DomId.Self, Status = 0x777 });
        Assert.Equal(0, h.Call(h.B, GnttabOp.GetStatusFrames, Args));
        Assert.Equal((short)GrantStatus.Okay, GrantHarness.Get<GnttabGetStatusFrames>(h.B, Args).Status);
    }

    [Fact]
    public void Malformed_calls_get_errnos()
    {
        using var h = new GrantHarness();
        Assert.Equal(XenErrno.EINVAL.Neg(), h.Call(h.B, GnttabOp.MapGrantRef, Args, count: 0x8000_0000));
        Assert.Equal(XenErrno.EINVAL.Neg(), h.Call(h.B, (uint)GnttabOp.QuerySize | 0x1000, Args, 1));
        Assert.Equal(XenErrno.ENOSYS.Neg(), h.Call(h.B, GnttabOp.DumpTable, Args));
        Assert.Equal(XenErrno.ENOSYS.Neg(), h.Call(h.B, 99, Args, 1));
        Assert.Equal(XenErrno.EFAULT.Neg(), h.Call(h.B, GnttabOp.MapGrantRef, 0x1000));
        Assert.Equal(0, h.Call(h.B, GnttabOp.MapGrantRef, 0x1000, count: 0)); // nothing to read
    }

    [Fact]
    public void Transfer_is_refused_on_arm()
    {
        using var h = new GrantHarness();
        GrantHarness.Put(h.B, Args, new GnttabTransfer { Mfn = GrantHarness.PageB, Domid = (ushort)h.A.Id, Ref = 8, Status = 0x777 });
        GrantHarness.Put(h.B, Args + GnttabTransfer.Size, new GnttabTransfer { Mfn = 0x10, Domid = (ushort)h.A.Id, Ref = 8 });
        Assert.Equal(0, h.Call(h.B, GnttabOp.Transfer, Args, count: 2));
        Assert.Equal((short)GrantStatus.GeneralError, GrantHarness.Get<GnttabTransfer>(h.B, Args).Status);
        Assert.Equal((short)GrantStatus.BadPage, GrantHarness.Get<GnttabTransfer>(h.B, Args + GnttabTransfer.Size).Status);
        Assert.True(h.B.P2m.TryGet(GrantHarness.PageB, out _));
    }

    [Fact]
    public void Swap_exchanges_idle_entries_only()
    {
        using var h = new GrantHarness();
        h.Grant(8, h.B, GrantHarness.PageA);
        h.Grant(9, h.B, GrantHarness.PageA2, readOnly: true);
        GrantHarness.Put(h.A, Args, new GnttabSwapGrantRef { RefA = 8, RefB = 9, Status = 0x777 });
        GrantHarness.Put(h.A, Args + 12, new GnttabSwapGrantRef { RefA = 8, RefB = 512, Status = 0x777 });
        Assert.Equal(0, h.Call(h.A, GnttabOp.SwapGrantRef, Args, count: 2));
        Assert.Equal((short)GrantStatus.Okay, GrantHarness.Get<GnttabSwapGrantRef>(h.A, Args).Status);
        Assert.Equal((short)GrantStatus.BadGntref, GrantHarness.Get<GnttabSwapGrantRef>(h.A, Args + 12).Status);
        Assert.Equal((uint)GrantHarness.PageA2, h.A.Grants.ReadEntry(8).Frame);
        Assert.Equal(GrantFlags.PermitAccess | GrantFlags.Readonly, h.Flags(8));
        Assert.Equal((uint)GrantHarness.PageA, h.A.Grants.ReadEntry(9).Frame);

        var m = h.MapB(9);
        Assert.Equal((short)GrantStatus.Okay, m.Status);
        Assert.Equal(GrantStatus.Eagain, h.A.Grants.Swap(8, 9));
        Assert.Equal(GrantStatus.Okay, h.A.Grants.Swap(9, 9));
    }

    [Fact]
    public void A_long_batch_is_continued_by_rewinding_the_hvc()
    {
        using var h = new GrantHarness();
        const uint count = GrantTableOpHypercall.BatchPerCall + 88;
        for (uint i = 0; i < count; i++)
            GrantHarness.Put(h.A, Args + i * 12, new GnttabSwapGrantRef { RefA = 8, RefB = 8, Status = 0x777 });
        var cpu = h.A.Vcpus[0].Cpu;
        cpu.Pc = 0x4000_8004;
        long rc = h.Call(h.A, GnttabOp.SwapGrantRef, Args, count);
        Assert.Equal((long)GnttabOp.SwapGrantRef, rc);
        Assert.Equal(0x4000_8000u, cpu.Pc);
        Assert.Equal(Args + GrantTableOpHypercall.BatchPerCall * 12, cpu.R[1]);
        Assert.Equal(88u, cpu.R[2]);
        Assert.Equal(0x777, GrantHarness.Get<short>(h.A, cpu.R[1] + 8));
        Assert.Equal(0, h.Call(h.A, GnttabOp.SwapGrantRef, cpu.R[1], cpu.R[2]));
        for (uint i = 0; i < count; i++)
            Assert.Equal(0, GrantHarness.Get<short>(h.A, Args + i * 12 + 8));
    }

    [Fact]
    public void Cache_flush_checks_its_arguments()
    {
        using var h = new GrantHarness();
        ulong bus = Gnttab.DevBusAddress(h.B.P2m.TryGet(GrantHarness.PageB, out var e) ? e.Mfn : 0);
        GrantHarness.Put(h.B, Args, new GnttabCacheFlush { ADevBusAddr = bus, Offset = 0, Length = 4096, Op = GntCopy.CacheClean });
        Assert.Equal(0, h.Call(h.B, GnttabOp.CacheFlush, Args));
        GrantHarness.Put(h.B, Args, new GnttabCacheFlush { ADevBusAddr = bus, Offset = 100, Length = 4000, Op = GntCopy.CacheClean });
        Assert.Equal(XenErrno.EINVAL.Neg(), h.Call(h.B, GnttabOp.CacheFlush, Args));
        GrantHarness.Put(h.B, Args, new GnttabCacheFlush { ADevBusAddr = bus, Length = 8, Op = 4 });
        Assert.Equal(XenErrno.EINVAL.Neg(), h.Call(h.B, GnttabOp.CacheFlush, Args));
        GrantHarness.Put(h.B, Args, new GnttabCacheFlush { ADevBusAddr = 0x10, Length = 8, Op = GntCopy.CacheInval });
        Assert.Equal(XenErrno.EINVAL.Neg(), h.Call(h.B, GnttabOp.CacheFlush, Args));
    }

    [Fact]
    public unsafe void Inside_a_multicall_a_long_batch_runs_to_its_end()
    {
        using var h = new GrantHarness();
        const uint count = GrantTableOpHypercall.BatchPerCall + 10, list = Args + 0x10000;
        for (uint i = 0; i < count; i++)
            GrantHarness.Put(h.A, Args + i * 12, new GnttabSwapGrantRef { RefA = 8, RefB = 8, Status = 0x777 });
        var entry = new MulticallEntry { Op = (ulong)Hypercall.GrantTableOp, Result = 0x777 };
        entry.Args[0] = (ulong)GnttabOp.SwapGrantRef;
        entry.Args[1] = Args;
        entry.Args[2] = count;
        GrantHarness.Put(h.A, list, entry);
        var cpu = h.A.Vcpus[0].Cpu;
        cpu.Pc = 0x4000_8004;
        cpu.R[0] = list;
        cpu.R[1] = 1;
        cpu.R[12] = (uint)Hypercall.Multicall;
        new HypercallDispatcher(h.Machine).Dispatch(new HypercallContext(h.A.Vcpus[0]));
        Assert.Equal(0u, cpu.R[0]);
        Assert.Equal(0x4000_8004u, cpu.Pc);
        Assert.Equal(0L, GrantHarness.Get<MulticallEntry>(h.A, list).Result);
        Assert.Equal(0, GrantHarness.Get<short>(h.A, Args + (count - 1) * 12 + 8));
    }
}
