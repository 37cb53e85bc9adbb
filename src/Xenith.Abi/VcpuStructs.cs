using System.Runtime.InteropServices;

namespace Xenith.Abi;

/// <summary>struct vcpu_register_vcpu_info (VCPUOP_register_vcpu_info, spec 3.5).</summary>
[StructLayout(LayoutKind.Explicit, Size = Size)]
public struct VcpuRegisterVcpuInfo
{
    /// <summary>sizeof on arm32.</summary>
    public const int Size = 16;
    /// <summary>mfn: guest frame of the page holding the new vcpu_info.</summary>
    [FieldOffset(0)] public ulong Mfn;
    /// <summary>offset within that page.</summary>
    [FieldOffset(8)] public uint Offset;
    /// <summary>rsvd.</summary>
    [FieldOffset(12)] public uint Rsvd;
}

/// <summary>
/// struct vcpu_register_runstate_memory_area (VCPUOP_register_runstate_memory_area, spec 3.8):
/// a union of a guest handle and a VA; an arm32 caller only writes the low 4 bytes.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = Size)]
public struct VcpuRegisterRunstateMemoryArea
{
    /// <summary>sizeof on arm32.</summary>
    public const int Size = 8;
    /// <summary>addr.v: guest VA of a vcpu_runstate_info (the only half to trust).</summary>
    [FieldOffset(0)] public uint AddrV;
    /// <summary>addr.p: the whole 8-byte union (high half may be stack garbage).</summary>
    [FieldOffset(0)] public ulong AddrP;
}

/// <summary>struct vcpu_runstate_info (spec 3.8).</summary>
[StructLayout(LayoutKind.Explicit, Size = Size)]
public unsafe struct VcpuRunstateInfo
{
    /// <summary>sizeof on arm32.</summary>
    public const int Size = 48;
    /// <summary>state: RUNSTATE_*.</summary>
    [FieldOffset(0)] public int State;
    /// <summary>state_entry_time (ns); bit 63 is XEN_RUNSTATE_UPDATE.</summary>
    [FieldOffset(8)] public ulong StateEntryTime;
    /// <summary>time[4]: ns spent running, runnable, blocked, offline.</summary>
    [FieldOffset(16)] public fixed ulong Time[4];
}
