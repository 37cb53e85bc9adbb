using Xenith.Abi;
using Xenith.Cpu.Arm;
using Xenith.Hypervisor.Domains;
using Xenith.Hypervisor.Hypercalls;

namespace Xenith.Hypervisor.Tests.Events;

/// <summary>
/// Two domains (A with 2 vCPUs, B with 1) whose vCPUs are stopped; hypercalls are issued on a vCPU as its
/// HVC would issue them. The MMU is off, so argument VAs are guest physical addresses in the caller's RAM.
/// </summary>
internal sealed unsafe class EventHarness : IDisposable
{
    /// <summary>Where argument structures go in the caller's RAM.</summary>
    public const uint Args = 0x4030_0000;
    /// <summary>A second scratch area (lists, extents).</summary>
    public const uint List = 0x4031_0000;

    private readonly HypercallDispatcher _dispatcher;

    public EventHarness()
    {
        Machine = new XenMachine(64ul << 20, deterministic: true);
        A = Machine.CreateDomain("a", 4ul << 20, 2, CpuProfile.CortexA15);
        B = Machine.CreateDomain("b", 4ul << 20, 1, CpuProfile.CortexA15);
        _dispatcher = new HypercallDispatcher(Machine);
        foreach (var d in new[] { A, B })
        {
            foreach (var v in d.Vcpus)
            {
                XenMachine.StartVcpu(v, 0x4000_8000, 0);
                v.Cpu.Pc = 0x4000_8004; // as after the HVC at 0x40008000
            }
        }
    }

    public XenMachine Machine { get; }
    public Domain A { get; }
    public Domain B { get; }

    /// <summary>Issues hypercall <paramref name="number"/> on vCPU <paramref name="vcpu"/> of <paramref name="d"/>; the sign-extended r0.</summary>
    public long Call(Domain d, Hypercall number, uint a0 = 0, uint a1 = 0, uint a2 = 0, int vcpu = 0)
    {
        var cpu = d.Vcpus[vcpu].Cpu;
        cpu.R[0] = a0;
        cpu.R[1] = a1;
        cpu.R[2] = a2;
        cpu.R[12] = (uint)number;
        _dispatcher.Dispatch(new HypercallContext(d.Vcpus[vcpu]));
        return (int)cpu.R[0];
    }

    /// <summary>event_channel_op with <paramref name="op"/> written at <see cref="Args"/>; the struct as the call left it.</summary>
    public long Evtchn<T>(Domain d, EvtchnOp cmd, ref T op, int vcpu = 0) where T : unmanaged
    {
        Put(d, Args, op);
        long rc = Call(d, Hypercall.EventChannelOp, (uint)cmd, Args, vcpu: vcpu);
        op = Get<T>(d, Args);
        return rc;
    }

    public uint AllocUnbound(Domain d, ushort remote)
    {
        var op = new EvtchnAllocUnbound { Dom = DomId.Self, RemoteDom = remote };
        Assert.Equal(0, Evtchn(d, EvtchnOp.AllocUnbound, ref op));
        return op.Port;
    }

    public uint BindInterdomain(Domain d, ushort remote, uint remotePort)
    {
        var op = new EvtchnBindInterdomain { RemoteDom = remote, RemotePort = remotePort };
        Assert.Equal(0, Evtchn(d, EvtchnOp.BindInterdomain, ref op));
        return op.LocalPort;
    }

    public long Send(Domain d, uint port)
    {
        var op = new EvtchnSend { Port = port };
        return Evtchn(d, EvtchnOp.Send, ref op);
    }

    public EvtchnStatus Status(Domain d, uint port)
    {
        var op = new EvtchnStatus { Dom = DomId.Self, Port = port };
        Assert.Equal(0, Evtchn(d, EvtchnOp.Status, ref op));
        return op;
    }

    /// <summary>The guest turns its GIC on and enables the upcall PPI, as Linux does after registering vcpu_info.</summary>
    public static void EnableUpcallPpi(Domain d, int vcpu = 0)
    {
        d.Gic.CurrentCpu = vcpu;
        d.Gic.Distributor.Write(0x000, 4, 1);          // GICD_CTLR
        d.Gic.Distributor.Write(0x100, 4, 1u << 31);   // GICD_ISENABLER0: PPI 31
        d.Gic.CpuInterface.Write(0x04, 4, 0xF0);       // GICC_PMR
        d.Gic.CpuInterface.Write(0x00, 4, 1);          // GICC_CTLR
    }

    public static ulong SharedWord(Domain d, int offset) => *(ulong*)(Ptr(d.SharedInfo.Bytes) + offset);

    public static void SetSharedWord(Domain d, int offset, ulong value) => *(ulong*)(Ptr(d.SharedInfo.Bytes) + offset) = value;

    /// <summary>The legacy vcpu_info of vCPU 0 in shared_info: upcall_pending and pending_sel.</summary>
    public static (byte UpcallPending, ulong PendingSel) VcpuInfo0(Domain d)
    {
        var vi = d.SharedInfo.VcpuInfoBytes(0);
        return (vi[0], BitConverter.ToUInt64(vi[8..16]));
    }

    public static T Get<T>(Domain d, ulong pa) where T : unmanaged => *(T*)Pointer(d, pa);

    public static void Put<T>(Domain d, ulong pa, T value) where T : unmanaged => *(T*)Pointer(d, pa) = value;

    public static byte* Pointer(Domain d, ulong pa)
    {
        byte* p = d.P2m.HostAddress(pa);
        Assert.True(p != null, $"d{d.Id} has nothing at 0x{pa:x}");
        return p;
    }

    private static byte* Ptr(Span<byte> s)
    {
        fixed (byte* p = s)
            return p; // the page is native memory: it does not move
    }

    public void Dispose() => Machine.Dispose();
}
