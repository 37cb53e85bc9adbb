using Xenith.Abi;

namespace Xenith.Hypervisor.Tests.Events;

/// <summary>event_channel_op with the 2-level ABI: port states, delivery into shared_info and PPI 31, errnos (spec 3.3, 4).</summary>
public class EventChannelTests
{
    private const int Pending = 48, Mask = 560;

    [Fact]
    public void Alloc_unbound_takes_the_lowest_free_port_and_status_names_the_remote()
    {
        using var h = new EventHarness();
        uint p1 = h.AllocUnbound(h.A, DomId.Self);
        uint p2 = h.AllocUnbound(h.A, (ushort)h.B.Id);
        Assert.Equal((1u, 2u), (p1, p2));
        var st = h.Status(h.A, p1);
        Assert.Equal((uint)EvtchnStat.Unbound, st.Status);
        Assert.Equal((ushort)h.A.Id, st.UnboundDom); // DOMID_SELF is resolved
        Assert.Equal((ushort)h.B.Id, h.Status(h.A, p2).UnboundDom);

        var close = new EvtchnClose { Port = p1 };
        Assert.Equal(0, h.Evtchn(h.A, EvtchnOp.Close, ref close));
        Assert.Equal(1u, h.AllocUnbound(h.A, DomId.Self));
        // Port 0 is reserved: reported closed, never handed out, never closable.
        Assert.Equal((uint)EvtchnStat.Closed, h.Status(h.A, 0).Status);
        close.Port = 0;
        Assert.Equal(XenErrno.EINVAL.Neg(), h.Evtchn(h.A, EvtchnOp.Close, ref close));
    }

    [Fact]
    public void An_interdomain_send_sets_the_peer_port_pending_and_raises_the_upcall_ppi()
    {
        using var h = new EventHarness();
        uint a = h.AllocUnbound(h.A, (ushort)h.B.Id);
        uint b = h.BindInterdomain(h.B, (ushort)h.A.Id, a);
        Assert.Equal(1u, b);
        var sa = h.Status(h.A, a);
        Assert.Equal(((uint)EvtchnStat.Interdomain, (ushort)h.B.Id, b), (sa.Status, sa.InterdomainDom, sa.InterdomainPort));
        var sb = h.Status(h.B, b);
        Assert.Equal(((uint)EvtchnStat.Interdomain, (ushort)h.A.Id, a), (sb.Status, sb.InterdomainDom, sb.InterdomainPort));
        // bind_interdomain leaves the new port pending: a send before the bind may have been dropped.
        Assert.True(h.B.Events.IsPending(b));
        Assert.Equal((byte)1, EventHarness.VcpuInfo0(h.B).UpcallPending);
        Assert.Equal(1ul, EventHarness.VcpuInfo0(h.B).PendingSel);

        // The guest consumes it; then A sends.
        EventHarness.SetSharedWord(h.B, Pending, 0);
        EventHarness.SetSharedWord(h.B, 8, 0);
        h.B.SharedInfo.Bytes[0] = 0;
        h.B.SharedInfo.ResampleUpcall(0);
        EventHarness.EnableUpcallPpi(h.B);
        Assert.False(h.B.Vcpus[0].WakeupPending);
        Assert.Equal(0, h.Send(h.A, a));
        Assert.Equal(1ul << (int)b, EventHarness.SharedWord(h.B, Pending));
        Assert.Equal((byte)1, EventHarness.VcpuInfo0(h.B).UpcallPending);
        Assert.True(h.B.Vcpus[0].Cpu.IrqLine);
        Assert.False(h.A.Events.IsPending(a));
    }

    [Fact]
    public void A_masked_port_collects_the_event_and_unmask_delivers_it()
    {
        using var h = new EventHarness();
        uint a = h.AllocUnbound(h.A, DomId.Self);
        uint b = h.BindInterdomain(h.A, DomId.Self, a);
        EventHarness.SetSharedWord(h.A, Pending, 0);
        EventHarness.SetSharedWord(h.A, 8, 0);
        h.A.SharedInfo.Bytes[0] = 0;
        EventHarness.SetSharedWord(h.A, Mask, 1ul << (int)b);

        Assert.Equal(0, h.Send(h.A, a));
        Assert.True(h.A.Events.IsPending(b));
        Assert.Equal(((byte)0, 0ul), EventHarness.VcpuInfo0(h.A));

        var unmask = new EvtchnUnmask { Port = b };
        Assert.Equal(0, h.Evtchn(h.A, EvtchnOp.Unmask, ref unmask));
        Assert.Equal(0ul, EventHarness.SharedWord(h.A, Mask));
        Assert.Equal(((byte)1, 1ul), EventHarness.VcpuInfo0(h.A));
    }

    [Fact]
    public void Closing_one_end_returns_the_peer_to_unbound_and_its_sends_are_dropped()
    {
        using var h = new EventHarness();
        uint a = h.AllocUnbound(h.A, (ushort)h.B.Id);
        uint b = h.BindInterdomain(h.B, (ushort)h.A.Id, a);
        var close = new EvtchnClose { Port = b };
        Assert.Equal(0, h.Evtchn(h.B, EvtchnOp.Close, ref close));
        Assert.False(h.B.Events.IsPending(b)); // closing clears the pending bit
        var st = h.Status(h.A, a);
        Assert.Equal(((uint)EvtchnStat.Unbound, (ushort)h.B.Id), (st.Status, st.UnboundDom));
        Assert.Equal(0, h.Send(h.A, a));
        Assert.Equal(XenErrno.EINVAL.Neg(), h.Send(h.B, b));
        Assert.Equal(XenErrno.EINVAL.Neg(), h.Evtchn(h.B, EvtchnOp.Close, ref close));
        // B may bind again: a's remote is still B.
        Assert.Equal(b, h.BindInterdomain(h.B, (ushort)h.A.Id, a));
    }

    [Fact]
    public void Bind_interdomain_refuses_ports_that_are_not_unbound_for_the_caller()
    {
        using var h = new EventHarness();
        uint forA = h.AllocUnbound(h.B, (ushort)h.B.Id);
        var op = new EvtchnBindInterdomain { RemoteDom = (ushort)h.B.Id, RemotePort = forA };
        Assert.Equal(XenErrno.EINVAL.Neg(), h.Evtchn(h.A, EvtchnOp.BindInterdomain, ref op));
        op.RemotePort = 77; // free
        Assert.Equal(XenErrno.EINVAL.Neg(), h.Evtchn(h.A, EvtchnOp.BindInterdomain, ref op));
        op.RemotePort = 5000;
        Assert.Equal(XenErrno.EINVAL.Neg(), h.Evtchn(h.A, EvtchnOp.BindInterdomain, ref op));
        op.RemoteDom = 0x7000;
        Assert.Equal(XenErrno.ESRCH.Neg(), h.Evtchn(h.A, EvtchnOp.BindInterdomain, ref op));
        // A failed bind takes no port.
        Assert.Equal(1u, h.AllocUnbound(h.A, DomId.Self));
    }

    [Fact]
    public void Bad_ports_and_vcpus_get_the_errnos_xen_gives()
    {
        using var h = new EventHarness();
        foreach (uint port in new uint[] { 0, 5, 1023, 1024, 4095, 4096, 0xFFFF_FFFF })
            Assert.Equal(XenErrno.EINVAL.Neg(), h.Send(h.A, port));
        var unmask = new EvtchnUnmask { Port = 1024 };
        Assert.Equal(XenErrno.EINVAL.Neg(), h.Evtchn(h.A, EvtchnOp.Unmask, ref unmask));
        unmask.Port = 1023; // valid even when free
        Assert.Equal(0, h.Evtchn(h.A, EvtchnOp.Unmask, ref unmask));
        var st = new EvtchnStatus { Dom = DomId.Self, Port = 1024 };
        Assert.Equal(XenErrno.EINVAL.Neg(), h.Evtchn(h.A, EvtchnOp.Status, ref st));
        st = new EvtchnStatus { Dom = (ushort)h.B.Id, Port = 1 };
        Assert.Equal(XenErrno.EPERM.Neg(), h.Evtchn(h.A, EvtchnOp.Status, ref st));
        st.Dom = 0x7000;
        Assert.Equal(XenErrno.ESRCH.Neg(), h.Evtchn(h.A, EvtchnOp.Status, ref st));
        // bind_vcpu checks the vCPU before the port.
        var bv = new EvtchnBindVcpu { Port = 100_000, Vcpu = 2 };
        Assert.Equal(XenErrno.ENOENT.Neg(), h.Evtchn(h.A, EvtchnOp.BindVcpu, ref bv));
        bv.Vcpu = 1;
        Assert.Equal(XenErrno.EINVAL.Neg(), h.Evtchn(h.A, EvtchnOp.BindVcpu, ref bv));
        var au = new EvtchnAllocUnbound { Dom = (ushort)h.B.Id, RemoteDom = DomId.Self };
        Assert.Equal(XenErrno.EPERM.Neg(), h.Evtchn(h.A, EvtchnOp.AllocUnbound, ref au));
        Assert.Equal(XenErrno.EFAULT.Neg(), h.Call(h.A, Hypercall.EventChannelOp, (uint)EvtchnOp.Send, 0x1000_0000));
        var init = new EvtchnInitControl();
        Assert.Equal(XenErrno.ENOSYS.Neg(), h.Evtchn(h.A, EvtchnOp.InitControl, ref init));
        Assert.Equal(XenErrno.ENOSYS.Neg(), h.Evtchn(h.A, EvtchnOp.ExpandArray, ref init));
        Assert.Equal(XenErrno.ENOSYS.Neg(), h.Evtchn(h.A, (EvtchnOp)99, ref init));
    }

    [Fact]
    public void The_port_space_ends_at_max_event_channels()
    {
        using var h = new EventHarness();
        Assert.Equal(1023u, h.A.Events.MaxPort);
        for (uint i = 1; i <= 1023; i++)
            Assert.Equal(i, h.AllocUnbound(h.A, DomId.Self));
        var op = new EvtchnAllocUnbound { Dom = DomId.Self, RemoteDom = DomId.Self };
        Assert.Equal(XenErrno.ENOSPC.Neg(), h.Evtchn(h.A, EvtchnOp.AllocUnbound, ref op));
        var reset = new EvtchnReset { Dom = DomId.Self };
        Assert.Equal(0, h.Evtchn(h.A, EvtchnOp.Reset, ref reset));
        Assert.Equal(1u, h.AllocUnbound(h.A, DomId.Self));

        // A toolstack may allow the whole 2-level space: port 4095 is the last bit of the bitmaps.
        h.B.Events.MaxPort = 4095;
        for (uint i = 1; i <= 4095; i++)
            Assert.Equal(i, h.AllocUnbound(h.B, DomId.Self));
        Assert.Equal(XenErrno.ENOSPC.Neg(), h.Evtchn(h.B, EvtchnOp.AllocUnbound, ref op));
        Assert.Equal(0, h.Send(h.B, 4095));
        Assert.Equal(XenErrno.EINVAL.Neg(), h.Send(h.B, 4096));
        Assert.Throws<ArgumentOutOfRangeException>(() => h.B.Events.MaxPort = 4096);
    }

    [Fact]
    public void Virqs_bind_per_vcpu_or_globally_and_are_raised_on_their_vcpu()
    {
        using var h = new EventHarness();
        var bind = new EvtchnBindVirq { Virq = (uint)Virq.Timer, Vcpu = 1 };
        Assert.Equal(0, h.Evtchn(h.A, EvtchnOp.BindVirq, ref bind));
        uint timer1 = bind.Port;
        var st = h.Status(h.A, timer1);
        Assert.Equal(((uint)EvtchnStat.Virq, 1u, (uint)Virq.Timer), (st.Status, st.Vcpu, st.Virq));
        Assert.Equal(XenErrno.EEXIST.Neg(), h.Evtchn(h.A, EvtchnOp.BindVirq, ref bind));
        bind = new EvtchnBindVirq { Virq = (uint)Virq.DomExc, Vcpu = 1 };
        Assert.Equal(XenErrno.EINVAL.Neg(), h.Evtchn(h.A, EvtchnOp.BindVirq, ref bind));
        bind = new EvtchnBindVirq { Virq = Virqs.NrVirqs, Vcpu = 0 };
        Assert.Equal(XenErrno.EINVAL.Neg(), h.Evtchn(h.A, EvtchnOp.BindVirq, ref bind));
        bind = new EvtchnBindVirq { Virq = (uint)Virq.Debug, Vcpu = 2 };
        Assert.Equal(XenErrno.ENOENT.Neg(), h.Evtchn(h.A, EvtchnOp.BindVirq, ref bind));
        Assert.Equal(XenErrno.EINVAL.Neg(), h.Send(h.A, timer1));
        var bv = new EvtchnBindVcpu { Port = timer1, Vcpu = 0 };
        Assert.Equal(XenErrno.EINVAL.Neg(), h.Evtchn(h.A, EvtchnOp.BindVcpu, ref bv));

        Assert.True(h.A.Events.RaiseVirq(Virq.Timer, 1));
        Assert.False(h.A.Events.RaiseVirq(Virq.Timer, 0));
        Assert.True(h.A.Events.IsPending(timer1));
        var vi1 = h.A.SharedInfo.VcpuInfoBytes(1);
        Assert.Equal((byte)1, vi1[0]);
        Assert.Equal((byte)0, EventHarness.VcpuInfo0(h.A).UpcallPending);
    }

    [Fact]
    public void Bind_vcpu_moves_an_interdomain_ports_upcalls_to_another_vcpu()
    {
        using var h = new EventHarness();
        uint b = h.AllocUnbound(h.B, (ushort)h.A.Id);
        uint a = h.BindInterdomain(h.A, (ushort)h.B.Id, b);
        var bv = new EvtchnBindVcpu { Port = a, Vcpu = 1 };
        Assert.Equal(0, h.Evtchn(h.A, EvtchnOp.BindVcpu, ref bv));
        Assert.Equal(1u, h.Status(h.A, a).Vcpu);
        h.A.SharedInfo.ClearPending(a);
        h.A.SharedInfo.VcpuInfoBytes(1).Clear();
        Assert.Equal(0, h.Send(h.B, b));
        var vi1 = h.A.SharedInfo.VcpuInfoBytes(1);
        Assert.Equal((byte)1, vi1[0]);
        Assert.Equal(1ul << (int)(a / 64), BitConverter.ToUInt64(vi1[8..16]));
        // Closing resets the notify vCPU: the port, bound again, notifies vCPU 0.
        var close = new EvtchnClose { Port = a };
        Assert.Equal(0, h.Evtchn(h.A, EvtchnOp.Close, ref close));
        Assert.Equal(0u, h.Status(h.A, a).Vcpu);
    }

    [Fact]
    public void An_ipi_port_comes_back_to_itself_on_its_vcpu()
    {
        using var h = new EventHarness();
        var ipi = new EvtchnBindIpi { Vcpu = 1 };
        Assert.Equal(0, h.Evtchn(h.A, EvtchnOp.BindIpi, ref ipi));
        Assert.Equal(0, h.Send(h.A, ipi.Port));
        Assert.True(h.A.Events.IsPending(ipi.Port));
        Assert.Equal((byte)1, h.A.SharedInfo.VcpuInfoBytes(1)[0]);
        ipi.Vcpu = 2;
        Assert.Equal(XenErrno.ENOENT.Neg(), h.Evtchn(h.A, EvtchnOp.BindIpi, ref ipi));
    }

    [Fact]
    public void The_upcall_ppi_follows_upcall_pending_when_the_guest_eois_it()
    {
        using var h = new EventHarness();
        EventHarness.EnableUpcallPpi(h.A);
        var cpu = h.A.Vcpus[0].Cpu;
        uint p = h.AllocUnbound(h.A, DomId.Self);
        uint q = h.BindInterdomain(h.A, DomId.Self, p); // pending, upcall raised
        Assert.True(cpu.IrqLine);
        const ulong Gicc = Xenith.Hypervisor.Domains.Domain.GicCpuInterfaceBase;

        // Handler still sees upcall_pending at EOI: the upcall is taken again.
        Assert.True(h.A.P2m.TryRead(Gicc + 0x0C, 4, out ulong iar));
        Assert.Equal(31ul, iar);
        Assert.False(cpu.IrqLine);
        Assert.True(h.A.P2m.TryWrite(Gicc + 0x10, 4, 31));
        Assert.True(cpu.IrqLine);

        // The handler clears upcall_pending before its EOI: the line drops.
        Assert.True(h.A.P2m.TryRead(Gicc + 0x0C, 4, out iar));
        h.A.SharedInfo.Bytes[0] = 0;
        Assert.True(h.A.P2m.TryWrite(Gicc + 0x10, 4, 31));
        Assert.False(cpu.IrqLine);
        Assert.NotEqual(p, q);
    }
}
