using Xenith.Abi;
using Xenith.Hypervisor.Domains;

namespace Xenith.Hypervisor.Tests.Events;

/// <summary>vcpu_op, hvm_op, multicall, SCHEDOP_poll and the small hypercalls (spec 1.5, 3.5, 3.7, 3.8, 6.1, 6.5-6.7).</summary>
public class VcpuHvmMiscTests
{
    private const ulong Page = 0x4020_0000;

    private static long RegisterVcpuInfo(EventHarness h, uint vcpu, ulong gfn, uint offset)
    {
        EventHarness.Put(h.A, EventHarness.Args, new VcpuRegisterVcpuInfo { Mfn = gfn, Offset = offset });
        return h.Call(h.A, Hypercall.VcpuOp, (uint)VcpuOp.RegisterVcpuInfo, vcpu, EventHarness.Args);
    }

    [Fact]
    public void Register_vcpu_info_moves_it_copies_it_and_raises_a_spurious_upcall()
    {
        using var h = new EventHarness();
        h.A.SharedInfo.Bytes[16] = 0x5A; // something in vCPU 0's legacy vcpu_info to carry over
        Assert.Equal(XenErrno.ENOENT.Neg(), RegisterVcpuInfo(h, 2, Page >> 12, 64));
        Assert.Equal(XenErrno.ENXIO.Neg(), RegisterVcpuInfo(h, 0, Page >> 12, 4));
        Assert.Equal(XenErrno.ENXIO.Neg(), RegisterVcpuInfo(h, 0, Page >> 12, 4096 - 40));
        Assert.Equal(XenErrno.EINVAL.Neg(), RegisterVcpuInfo(h, 0, 0x10, 0));
        Assert.Equal(0, RegisterVcpuInfo(h, 0, Page >> 12, 64));
        Assert.Equal((byte)1, EventHarness.Get<byte>(h.A, Page + 64));
        Assert.Equal(ulong.MaxValue, EventHarness.Get<ulong>(h.A, Page + 64 + 8));
        Assert.Equal((byte)0x5A, EventHarness.Get<byte>(h.A, Page + 64 + 16));
        Assert.Equal(XenErrno.EBUSY.Neg(), RegisterVcpuInfo(h, 0, Page >> 12, 128));
        Assert.Equal(0, RegisterVcpuInfo(h, 1, Page >> 12, 128));

        // Events for vCPU 0 now land in the registered copy.
        EventHarness.Put(h.A, Page + 64, (byte)0);
        EventHarness.Put(h.A, Page + 64 + 8, 0ul);
        uint p = h.AllocUnbound(h.A, DomId.Self);
        h.BindInterdomain(h.A, DomId.Self, p);
        Assert.Equal((byte)1, EventHarness.Get<byte>(h.A, Page + 64));
        Assert.Equal(1ul, EventHarness.Get<ulong>(h.A, Page + 64 + 8));
    }

    [Fact]
    public void The_runstate_area_is_written_at_registration_and_on_each_switch()
    {
        using var h = new EventHarness();
        const uint Area = 0x4020_1000;
        EventHarness.Put(h.A, Area, 0xFFFF_FFFFu);
        EventHarness.Put(h.A, EventHarness.Args, new VcpuRegisterRunstateMemoryArea { AddrP = 0xDEAD_BEEF_0000_0000ul | Area });
        Assert.Equal(0, h.Call(h.A, Hypercall.VcpuOp, (uint)VcpuOp.RegisterRunstateMemoryArea, 0, EventHarness.Args));
        Assert.Equal((int)RunstateState.Runnable, EventHarness.Get<VcpuRunstateInfo>(h.A, Area).State);
        var v = h.A.Vcpus[0];
        v.Runstate.Scheduled();
        Assert.Equal((int)RunstateState.Running, EventHarness.Get<VcpuRunstateInfo>(h.A, Area).State);
        v.State = VcpuState.Blocked;
        v.Runstate.Descheduled();
        var info = EventHarness.Get<VcpuRunstateInfo>(h.A, Area);
        Assert.Equal((int)RunstateState.Blocked, info.State);
        Assert.Equal(0ul, info.StateEntryTime & Runstate.XenRunstateUpdate);
        Assert.Equal(XenErrno.ENOENT.Neg(), h.Call(h.A, Hypercall.VcpuOp, (uint)VcpuOp.RegisterRunstateMemoryArea, 5, EventHarness.Args));
        foreach (var op in new[] { VcpuOp.Initialise, VcpuOp.Up, VcpuOp.IsUp, VcpuOp.SetSingleshotTimer, VcpuOp.RegisterRunstatePhysArea })
            Assert.Equal(XenErrno.EINVAL.Neg(), h.Call(h.A, Hypercall.VcpuOp, (uint)op, 0, EventHarness.Args));
    }

    private static long Param(EventHarness h, HvmOp op, uint index, ushort domid = DomId.Self, ulong value = 0)
    {
        EventHarness.Put(h.A, EventHarness.Args, new XenHvmParam { Domid = domid, Index = index, Value = value });
        return h.Call(h.A, Hypercall.HvmOp, (uint)op, EventHarness.Args);
    }

    [Fact]
    public void Hvm_params_are_readable_by_the_domain_and_set_by_the_toolstack_only()
    {
        using var h = new EventHarness();
        Assert.Equal(0, Param(h, HvmOp.GetParam, (uint)HvmParam.CallbackIrq));
        Assert.Equal(HvmCallback.ArmDomUValue, EventHarness.Get<XenHvmParam>(h.A, EventHarness.Args).Value);
        h.A.HvmParams[HvmParam.StorePfn] = 0x39001;
        Assert.Equal(0, Param(h, HvmOp.GetParam, (uint)HvmParam.StorePfn));
        Assert.Equal(0x39001ul, EventHarness.Get<XenHvmParam>(h.A, EventHarness.Args).Value);
        Assert.Equal(XenErrno.EPERM.Neg(), Param(h, HvmOp.SetParam, (uint)HvmParam.ConsolePfn, value: 5));
        Assert.Equal(XenErrno.EPERM.Neg(), Param(h, HvmOp.GetParam, (uint)HvmParam.MonitorRingPfn));
        Assert.Equal(XenErrno.EINVAL.Neg(), Param(h, HvmOp.GetParam, 3));
        Assert.Equal(XenErrno.EINVAL.Neg(), Param(h, HvmOp.SetParam, 99));
        Assert.Equal(XenErrno.ESRCH.Neg(), Param(h, HvmOp.GetParam, 1, domid: 0x7000));
        Assert.Equal(XenErrno.EPERM.Neg(), Param(h, HvmOp.GetParam, 1, domid: (ushort)h.B.Id));
        Assert.Equal(XenErrno.EFAULT.Neg(), h.Call(h.A, Hypercall.HvmOp, (uint)HvmOp.GetParam, 0x1000_0000));
        Assert.Equal(XenErrno.ENOSYS.Neg(), h.Call(h.A, Hypercall.HvmOp, 5, EventHarness.Args));
        Assert.Equal(0, h.Call(h.A, Hypercall.HvmOp, (uint)HvmOp.GuestRequestVmEvent, EventHarness.Args));
    }

    private static unsafe void PutEntry(EventHarness h, int i, Hypercall op, params uint[] args)
    {
        var e = new MulticallEntry { Op = (ulong)op, Result = 0x5555 };
        for (int a = 0; a < args.Length; a++)
            e.Args[a] = args[a];
        EventHarness.Put(h.A, EventHarness.List + (ulong)(i * MulticallEntry.Size), e);
    }

    [Fact]
    public void Multicall_runs_entries_in_order_and_writes_each_result_back()
    {
        using var h = new EventHarness();
        PutEntry(h, 0, Hypercall.XenVersion, (uint)XenVersionCmd.Version);
        PutEntry(h, 1, (Hypercall)99);
        PutEntry(h, 2, Hypercall.EventChannelOp, (uint)EvtchnOp.Send, EventHarness.Args);
        PutEntry(h, 3, Hypercall.Multicall, EventHarness.List, 1);
        EventHarness.Put(h.A, EventHarness.Args, new EvtchnSend { Port = 7 });
        var cpu = h.A.Vcpus[0].Cpu;
        cpu.R[3] = 0x3333;
        Assert.Equal(0, h.Call(h.A, Hypercall.Multicall, EventHarness.List, 4));
        long Result(int i) => EventHarness.Get<MulticallEntry>(h.A, EventHarness.List + (ulong)(i * MulticallEntry.Size)).Result;
        Assert.Equal(0x0004_0011, Result(0));
        Assert.Equal(XenErrno.ENOSYS.Neg(), Result(1));
        Assert.Equal(XenErrno.EINVAL.Neg(), Result(2));
        Assert.Equal(XenErrno.EINVAL.Neg(), Result(3)); // no multicall inside a multicall
        Assert.Equal(0x3333u, cpu.R[3]);
        Assert.Equal((uint)Hypercall.Multicall, cpu.R[12]);
        Assert.Equal(XenErrno.EFAULT.Neg(), h.Call(h.A, Hypercall.Multicall, 0x1000_0000, 1));
    }

    [Fact]
    public void A_long_multicall_continues_by_running_the_hvc_again()
    {
        using var h = new EventHarness();
        const int N = 70;
        for (int i = 0; i < N; i++)
            PutEntry(h, i, Hypercall.XenVersion, (uint)XenVersionCmd.Pagesize);
        var cpu = h.A.Vcpus[0].Cpu;
        uint pc = cpu.Pc;
        long r = h.Call(h.A, Hypercall.Multicall, EventHarness.List, N);
        Assert.Equal(EventHarness.List + 64u * MulticallEntry.Size, (uint)r);
        Assert.Equal((N - 64u, pc - 4), (cpu.R[1], cpu.Pc));
        Assert.Equal(0, h.Call(h.A, Hypercall.Multicall, (uint)r, cpu.R[1]));
        Assert.Equal(4096, EventHarness.Get<MulticallEntry>(h.A, EventHarness.List + (N - 1) * MulticallEntry.Size).Result);
    }

    [Fact]
    public void Poll_returns_at_once_for_a_pending_port_and_otherwise_blocks_until_one_is()
    {
        using var h = new EventHarness();
        uint a = h.AllocUnbound(h.A, (ushort)h.B.Id);
        uint b = h.BindInterdomain(h.B, (ushort)h.A.Id, a); // b pending
        var v = h.B.Vcpus[0];
        EventHarness.Put(h.B, EventHarness.List, b);
        EventHarness.Put(h.B, EventHarness.Args, new SchedPoll { Ports = EventHarness.List, NrPorts = 1 });
        Assert.Equal(0, h.Call(h.B, Hypercall.SchedOp, (uint)SchedOp.Poll, EventHarness.Args));
        Assert.Equal(VcpuState.Runnable, v.State);

        EventHarness.SetSharedWord(h.B, 48, 0);
        Assert.Equal(0, h.Call(h.B, Hypercall.SchedOp, (uint)SchedOp.Poll, EventHarness.Args));
        Assert.Equal(VcpuState.Blocked, v.State);
        Assert.False(v.WakeupPending);
        Assert.Equal(0, h.Send(h.A, a));
        Assert.True(v.WakeupPending);
        v.Runstate.Scheduled(); // running again ends the poll
        EventHarness.SetSharedWord(h.B, 48, 0);
        Assert.False(v.WakeupPending);

        EventHarness.Put(h.B, EventHarness.Args, new SchedPoll { Ports = EventHarness.List, NrPorts = 129 });
        Assert.Equal(XenErrno.EINVAL.Neg(), h.Call(h.B, Hypercall.SchedOp, (uint)SchedOp.Poll, EventHarness.Args));
        EventHarness.Put(h.B, EventHarness.List, 1024u);
        EventHarness.Put(h.B, EventHarness.Args, new SchedPoll { Ports = EventHarness.List, NrPorts = 1 });
        Assert.Equal(XenErrno.EINVAL.Neg(), h.Call(h.B, Hypercall.SchedOp, (uint)SchedOp.Poll, EventHarness.Args));
        EventHarness.Put(h.B, EventHarness.Args, new SchedPoll { Ports = 0x1000_0000, NrPorts = 1 });
        Assert.Equal(XenErrno.EFAULT.Neg(), h.Call(h.B, Hypercall.SchedOp, (uint)SchedOp.Poll, EventHarness.Args));
    }

    [Fact]
    public void A_poll_timeout_is_a_deadline_the_idle_machine_moves_to()
    {
        using var h = new EventHarness();
        uint p = h.AllocUnbound(h.B, DomId.Self);
        EventHarness.Put(h.B, EventHarness.List, p);
        var v = h.B.Vcpus[0];
        ulong deadlineNs = 1_000_000; // 1 ms of system time
        EventHarness.Put(h.B, EventHarness.Args, new SchedPoll { Ports = EventHarness.List, NrPorts = 1, Timeout = deadlineNs });
        Assert.Equal(0, h.Call(h.B, Hypercall.SchedOp, (uint)SchedOp.Poll, EventHarness.Args));
        Assert.Equal(VcpuState.Blocked, v.State);
        Assert.False(v.WakeupPending);
        h.Machine.Clock.SkipTo(h.Machine.Clock.Frequency / 1000);
        Assert.True(v.WakeupPending);
        // A timeout already past does not block.
        v.Runstate.Scheduled();
        v.State = VcpuState.Runnable;
        EventHarness.Put(h.B, EventHarness.Args, new SchedPoll { Ports = EventHarness.List, NrPorts = 1, Timeout = 1 });
        Assert.Equal(0, h.Call(h.B, Hypercall.SchedOp, (uint)SchedOp.Poll, EventHarness.Args));
        Assert.Equal(VcpuState.Runnable, v.State);
    }

    [Fact]
    public void The_small_hypercalls_answer_as_xen_on_arm_answers_a_domu()
    {
        using var h = new EventHarness();
        Assert.Equal(0, h.Call(h.A, Hypercall.VmAssist, (uint)VmAssistCmd.Enable, (uint)VmAssistType.RunstateUpdateFlag));
        Assert.Equal(0, h.Call(h.A, Hypercall.VmAssist, (uint)VmAssistCmd.Disable, (uint)VmAssistType.RunstateUpdateFlag));
        Assert.Equal(XenErrno.EINVAL.Neg(), h.Call(h.A, Hypercall.VmAssist, 0, 1));
        Assert.Equal(XenErrno.ENOSYS.Neg(), h.Call(h.A, Hypercall.VmAssist, 2, (uint)VmAssistType.RunstateUpdateFlag));
        Assert.Equal(XenErrno.ENOSYS.Neg(), h.Call(h.A, Hypercall.PhysdevOp, (uint)PhysdevOp.MapPirq, EventHarness.Args));
        foreach (var op in new[] { Hypercall.Domctl, Hypercall.Sysctl, Hypercall.PlatformOp })
        {
            Assert.Equal(XenErrno.EPERM.Neg(), h.Call(h.A, op, EventHarness.Args));
            Assert.Equal(XenErrno.EFAULT.Neg(), h.Call(h.A, op, 0x1000_0000));
        }
    }
}

/// <summary>The SMCCC conduit (HVC #0) as Xen answers it before vPSCI (spec 7.1).</summary>
public class VsmcTests
{
    private static uint[] Smccc(params uint[] regs)
    {
        var cpu = new Xenith.Cpu.Arm.ArmCpu(new Xenith.Hypervisor.Memory.P2m(new Xenith.Hypervisor.Memory.MachineMemory(4096)));
        for (int i = 0; i < regs.Length; i++)
            cpu.R[i] = regs[i];
        Assert.True(Xenith.Hypervisor.Hypercalls.Vsmc.TryHandle(cpu));
        return cpu.R[..4];
    }

    [Fact]
    public void Xen_service_calls_answer_with_xens_identity()
    {
        Assert.Equal(3u, Smccc(0x8500_FF00)[0]);
        Assert.Equal([0xDC12_18A7u, 0x6943_98C6, 0xD179_CF9A, 0x67E6_DE8D], Smccc(0x8500_FF01));
        Assert.Equal([0u, 1u], Smccc(0x8500_FF03)[..2]);
        Assert.Equal([0x6F38_63F8u, 0xBD4C_394B, 0x16CE_2092, 0x6F9F_E541], Smccc(0x8400_FF01));
        Assert.Equal(0x0001_0001u, Smccc(0x8000_0000)[0]);
        Assert.Equal(0xFFFF_FFFFu, Smccc(0x8000_0001, 0x8000_8000)[0]);
        Assert.Equal(0x8000_8000u, Smccc(0x8000_8000)[0]); // no return value
        Assert.Equal(0u, Smccc(0x8400_000A, 0x8000_0000)[0]);
        Assert.Equal(0xFFFF_FFFFu, Smccc(0xC400_0003, 1, 0x4000_0000)[0]);
        var cpu = new Xenith.Cpu.Arm.ArmCpu(new Xenith.Hypervisor.Memory.P2m(new Xenith.Hypervisor.Memory.MachineMemory(4096)));
        cpu.R[0] = 0x8400_0000; // PSCI_VERSION is PSCI's
        Assert.False(Xenith.Hypervisor.Hypercalls.Vsmc.TryHandle(cpu));
    }
}

/// <summary>SCHEDOP_watchdog and SCHEDOP_remote_shutdown for a domU (spec 6.1).</summary>
public class SchedDomainOpTests
{
    private static long Watchdog(EventHarness h, uint id, uint timeout)
    {
        EventHarness.Put(h.A, EventHarness.Args, new SchedWatchdog { Id = id, Timeout = timeout });
        return h.Call(h.A, Hypercall.SchedOp, (uint)SchedOp.Watchdog, EventHarness.Args);
    }

    [Fact]
    public void Watchdogs_are_two_slots_and_an_expired_one_shuts_the_domain_down()
    {
        using var h = new EventHarness();
        Assert.Equal((1, 2), (Watchdog(h, 0, 10), Watchdog(h, 0, 5)));
        Assert.Equal(XenErrno.ENOSPC.Neg(), Watchdog(h, 0, 10));
        Assert.Equal(XenErrno.EINVAL.Neg(), Watchdog(h, 3, 10));
        Assert.Equal(0, Watchdog(h, 2, 0));
        Assert.Equal(XenErrno.EINVAL.Neg(), Watchdog(h, 2, 0));
        Assert.Equal(h.Machine.Clock.Now + 10 * h.Machine.Clock.Frequency, h.A.Watchdogs.NextDeadline);

        h.Machine.Clock.SkipTo(h.Machine.Clock.Now + 9 * h.Machine.Clock.Frequency);
        h.A.Watchdogs.Check();
        Assert.True(h.A.IsAlive);
        Assert.Equal(0, Watchdog(h, 1, 10)); // re-armed: 10 s from now
        h.Machine.Clock.SkipTo(h.Machine.Clock.Now + 9 * h.Machine.Clock.Frequency);
        h.A.Watchdogs.Check();
        Assert.True(h.A.IsAlive);
        h.Machine.Clock.SkipTo(h.Machine.Clock.Now + 2 * h.Machine.Clock.Frequency);
        h.A.Watchdogs.Check();
        Assert.Equal((Xenith.Hypervisor.Domains.DomainState.Shutdown, ShutdownReason.Watchdog), (h.A.State, h.A.Reason));
        Assert.True(h.B.IsAlive);
    }

    [Fact]
    public void Remote_shutdown_names_a_domain_by_id_and_refuses_a_domu()
    {
        using var h = new EventHarness();
        foreach (var (domid, expected) in new[] { ((ushort)h.B.Id, XenErrno.EPERM), ((ushort)h.A.Id, XenErrno.EPERM), (DomId.Self, XenErrno.ESRCH), ((ushort)0x7000, XenErrno.ESRCH) })
        {
            EventHarness.Put(h.A, EventHarness.Args, new SchedRemoteShutdown { DomainId = domid, Reason = 0 });
            Assert.Equal(expected.Neg(), h.Call(h.A, Hypercall.SchedOp, (uint)SchedOp.RemoteShutdown, EventHarness.Args));
        }
        Assert.True(h.B.IsAlive);
        Assert.Equal(XenErrno.EFAULT.Neg(), h.Call(h.A, Hypercall.SchedOp, (uint)SchedOp.RemoteShutdown, 0x1000_0000));
    }
}
