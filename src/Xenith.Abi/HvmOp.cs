using System.Runtime.InteropServices;

namespace Xenith.Abi;

/// <summary>hvm_op sub-ops (HVMOP_*, spec 3.7); others → -ENOSYS on ARM.</summary>
public enum HvmOp : uint
{
    /// <summary>HVMOP_set_param.</summary>
    SetParam = 0,
    /// <summary>HVMOP_get_param.</summary>
    GetParam = 1,
    /// <summary>HVMOP_guest_request_vm_event.</summary>
    GuestRequestVmEvent = 24,
}

/// <summary>HVM parameter indexes that exist on ARM (HVM_PARAM_*, spec 3.7); others → -EINVAL.</summary>
public enum HvmParam : uint
{
    /// <summary>HVM_PARAM_CALLBACK_IRQ.</summary>
    CallbackIrq = 0,
    /// <summary>HVM_PARAM_STORE_PFN.</summary>
    StorePfn = 1,
    /// <summary>HVM_PARAM_STORE_EVTCHN.</summary>
    StoreEvtchn = 2,
    /// <summary>HVM_PARAM_CONSOLE_PFN.</summary>
    ConsolePfn = 17,
    /// <summary>HVM_PARAM_CONSOLE_EVTCHN.</summary>
    ConsoleEvtchn = 18,
    /// <summary>HVM_PARAM_MONITOR_RING_PFN (toolstack only; a guest read → -EPERM).</summary>
    MonitorRingPfn = 28,
}

/// <summary>HVM_PARAM_CALLBACK_IRQ encoding (spec 3.4).</summary>
public static class HvmCallback
{
    /// <summary>HVM_PARAM_CALLBACK_IRQ_TYPE_SHIFT.</summary>
    public const int TypeShift = 56;
    /// <summary>HVM_PARAM_CALLBACK_TYPE_PPI.</summary>
    public const ulong TypePpi = 2;
    /// <summary>HVM_PARAM_CALLBACK_TYPE_PPI_FLAG_MASK bit for active-low (bit 9); bit 8 is 0 for level.</summary>
    public const ulong PpiFlagLowLevel = 2 << 8;
    /// <summary>Value the toolstack stores for an ARM domU: PPI 31, level, active-low.</summary>
    public const ulong ArmDomUValue = 0x0200_0000_0000_021F;
}

/// <summary>struct xen_hvm_param (HVMOP_get_param / HVMOP_set_param).</summary>
[StructLayout(LayoutKind.Explicit, Size = Size)]
public struct XenHvmParam
{
    /// <summary>sizeof on arm32.</summary>
    public const int Size = 16;
    /// <summary>domid.</summary>
    [FieldOffset(0)] public ushort Domid;
    /// <summary>pad.</summary>
    [FieldOffset(2)] public ushort Pad;
    /// <summary>index: HVM_PARAM_*.</summary>
    [FieldOffset(4)] public uint Index;
    /// <summary>value (IN for set, OUT for get).</summary>
    [FieldOffset(8)] public ulong Value;
}
