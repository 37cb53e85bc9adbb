using System.Runtime.InteropServices;

namespace Xenith.Abi;

/// <summary>struct evtchn_alloc_unbound (EVTCHNOP_alloc_unbound).</summary>
[StructLayout(LayoutKind.Explicit, Size = Size)]
public struct EvtchnAllocUnbound
{
    /// <summary>sizeof on arm32.</summary>
    public const int Size = 8;
    /// <summary>dom (IN): domain that gets the port.</summary>
    [FieldOffset(0)] public ushort Dom;
    /// <summary>remote_dom (IN): domain allowed to bind to it.</summary>
    [FieldOffset(2)] public ushort RemoteDom;
    /// <summary>port (OUT).</summary>
    [FieldOffset(4)] public uint Port;
}

/// <summary>struct evtchn_bind_interdomain (EVTCHNOP_bind_interdomain).</summary>
[StructLayout(LayoutKind.Explicit, Size = Size)]
public struct EvtchnBindInterdomain
{
    /// <summary>sizeof on arm32.</summary>
    public const int Size = 12;
    /// <summary>remote_dom (IN).</summary>
    [FieldOffset(0)] public ushort RemoteDom;
    /// <summary>remote_port (IN).</summary>
    [FieldOffset(4)] public uint RemotePort;
    /// <summary>local_port (OUT).</summary>
    [FieldOffset(8)] public uint LocalPort;
}

/// <summary>struct evtchn_bind_virq (EVTCHNOP_bind_virq).</summary>
[StructLayout(LayoutKind.Explicit, Size = Size)]
public struct EvtchnBindVirq
{
    /// <summary>sizeof on arm32.</summary>
    public const int Size = 12;
    /// <summary>virq (IN): VIRQ_*.</summary>
    [FieldOffset(0)] public uint Virq;
    /// <summary>vcpu (IN).</summary>
    [FieldOffset(4)] public uint Vcpu;
    /// <summary>port (OUT).</summary>
    [FieldOffset(8)] public uint Port;
}

/// <summary>struct evtchn_bind_pirq (EVTCHNOP_bind_pirq).</summary>
[StructLayout(LayoutKind.Explicit, Size = Size)]
public struct EvtchnBindPirq
{
    /// <summary>sizeof on arm32.</summary>
    public const int Size = 12;
    /// <summary>pirq (IN).</summary>
    [FieldOffset(0)] public uint Pirq;
    /// <summary>flags (IN): BIND_PIRQ__*.</summary>
    [FieldOffset(4)] public uint Flags;
    /// <summary>port (OUT).</summary>
    [FieldOffset(8)] public uint Port;
}

/// <summary>struct evtchn_bind_ipi (EVTCHNOP_bind_ipi).</summary>
[StructLayout(LayoutKind.Explicit, Size = Size)]
public struct EvtchnBindIpi
{
    /// <summary>sizeof on arm32.</summary>
    public const int Size = 8;
    /// <summary>vcpu (IN).</summary>
    [FieldOffset(0)] public uint Vcpu;
    /// <summary>port (OUT).</summary>
    [FieldOffset(4)] public uint Port;
}

/// <summary>struct evtchn_close (EVTCHNOP_close).</summary>
[StructLayout(LayoutKind.Explicit, Size = Size)]
public struct EvtchnClose
{
    /// <summary>sizeof on arm32.</summary>
    public const int Size = 4;
    /// <summary>port.</summary>
    [FieldOffset(0)] public uint Port;
}

/// <summary>struct evtchn_send (EVTCHNOP_send).</summary>
[StructLayout(LayoutKind.Explicit, Size = Size)]
public struct EvtchnSend
{
    /// <summary>sizeof on arm32.</summary>
    public const int Size = 4;
    /// <summary>port.</summary>
    [FieldOffset(0)] public uint Port;
}

/// <summary>struct evtchn_status (EVTCHNOP_status); the union u is flattened into its members.</summary>
[StructLayout(LayoutKind.Explicit, Size = Size)]
public struct EvtchnStatus
{
    /// <summary>sizeof on arm32.</summary>
    public const int Size = 24;
    /// <summary>dom (IN).</summary>
    [FieldOffset(0)] public ushort Dom;
    /// <summary>port (IN).</summary>
    [FieldOffset(4)] public uint Port;
    /// <summary>status (OUT): EVTCHNSTAT_*.</summary>
    [FieldOffset(8)] public uint Status;
    /// <summary>vcpu (OUT): notify vCPU.</summary>
    [FieldOffset(12)] public uint Vcpu;
    /// <summary>u.unbound.dom (OUT).</summary>
    [FieldOffset(16)] public ushort UnboundDom;
    /// <summary>u.interdomain.dom (OUT).</summary>
    [FieldOffset(16)] public ushort InterdomainDom;
    /// <summary>u.interdomain.port (OUT).</summary>
    [FieldOffset(20)] public uint InterdomainPort;
    /// <summary>u.pirq (OUT).</summary>
    [FieldOffset(16)] public uint Pirq;
    /// <summary>u.virq (OUT).</summary>
    [FieldOffset(16)] public uint Virq;
}

/// <summary>struct evtchn_bind_vcpu (EVTCHNOP_bind_vcpu).</summary>
[StructLayout(LayoutKind.Explicit, Size = Size)]
public struct EvtchnBindVcpu
{
    /// <summary>sizeof on arm32.</summary>
    public const int Size = 8;
    /// <summary>port.</summary>
    [FieldOffset(0)] public uint Port;
    /// <summary>vcpu.</summary>
    [FieldOffset(4)] public uint Vcpu;
}

/// <summary>struct evtchn_unmask (EVTCHNOP_unmask).</summary>
[StructLayout(LayoutKind.Explicit, Size = Size)]
public struct EvtchnUnmask
{
    /// <summary>sizeof on arm32.</summary>
    public const int Size = 4;
    /// <summary>port.</summary>
    [FieldOffset(0)] public uint Port;
}

/// <summary>struct evtchn_reset (EVTCHNOP_reset).</summary>
[StructLayout(LayoutKind.Explicit, Size = Size)]
public struct EvtchnReset
{
    /// <summary>sizeof on arm32.</summary>
    public const int Size = 2;
    /// <summary>dom.</summary>
    [FieldOffset(0)] public ushort Dom;
}

/// <summary>struct evtchn_init_control (EVTCHNOP_init_control).</summary>
[StructLayout(LayoutKind.Explicit, Size = Size)]
public unsafe struct EvtchnInitControl
{
    /// <summary>sizeof on arm32.</summary>
    public const int Size = 24;
    /// <summary>control_gfn (IN).</summary>
    [FieldOffset(0)] public ulong ControlGfn;
    /// <summary>offset (IN) of the control block in that page.</summary>
    [FieldOffset(8)] public uint Offset;
    /// <summary>vcpu (IN).</summary>
    [FieldOffset(12)] public uint Vcpu;
    /// <summary>link_bits (OUT).</summary>
    [FieldOffset(16)] public byte LinkBits;
    /// <summary>_pad[7].</summary>
    [FieldOffset(17)] public fixed byte Pad[7];
}

/// <summary>struct evtchn_expand_array (EVTCHNOP_expand_array).</summary>
[StructLayout(LayoutKind.Explicit, Size = Size)]
public struct EvtchnExpandArray
{
    /// <summary>sizeof on arm32.</summary>
    public const int Size = 8;
    /// <summary>array_gfn.</summary>
    [FieldOffset(0)] public ulong ArrayGfn;
}

/// <summary>struct evtchn_set_priority (EVTCHNOP_set_priority).</summary>
[StructLayout(LayoutKind.Explicit, Size = Size)]
public struct EvtchnSetPriority
{
    /// <summary>sizeof on arm32.</summary>
    public const int Size = 8;
    /// <summary>port.</summary>
    [FieldOffset(0)] public uint Port;
    /// <summary>priority (0 highest … 15 lowest).</summary>
    [FieldOffset(4)] public uint Priority;
}

/// <summary>struct evtchn_fifo_control_block (per-vCPU FIFO control block, spec 4.5).</summary>
[StructLayout(LayoutKind.Explicit, Size = Size)]
public unsafe struct EvtchnFifoControlBlock
{
    /// <summary>sizeof on arm32.</summary>
    public const int Size = 72;
    /// <summary>ready: bit q set ⇒ queue q non-empty.</summary>
    [FieldOffset(0)] public uint Ready;
    /// <summary>_rsvd.</summary>
    [FieldOffset(4)] public uint Rsvd;
    /// <summary>head[16]: head port of each priority queue.</summary>
    [FieldOffset(8)] public fixed uint Head[Evtchn.FifoMaxQueues];
}
