using System.Runtime.InteropServices;

namespace Xenith.Abi;

/// <summary>struct vcpu_time_info (spec 3.1): not maintained on ARM, kept zero.</summary>
[StructLayout(LayoutKind.Explicit, Size = Size)]
public unsafe struct VcpuTimeInfo
{
    /// <summary>sizeof on arm32.</summary>
    public const int Size = 32;
    /// <summary>version.</summary>
    [FieldOffset(0)] public uint Version;
    /// <summary>pad0.</summary>
    [FieldOffset(4)] public uint Pad0;
    /// <summary>tsc_timestamp.</summary>
    [FieldOffset(8)] public ulong TscTimestamp;
    /// <summary>system_time.</summary>
    [FieldOffset(16)] public ulong SystemTime;
    /// <summary>tsc_to_system_mul.</summary>
    [FieldOffset(24)] public uint TscToSystemMul;
    /// <summary>tsc_shift (int8).</summary>
    [FieldOffset(28)] public sbyte TscShift;
    /// <summary>flags.</summary>
    [FieldOffset(29)] public byte Flags;
    /// <summary>pad1[2].</summary>
    [FieldOffset(30)] public fixed byte Pad1[2];
}

/// <summary>
/// struct arch_vcpu_info is empty on ARM, so it has no C# struct (a C# struct cannot be 0 bytes);
/// vcpu_info.arch occupies no bytes at <see cref="Offset"/>.
/// </summary>
public static class ArchVcpuInfo
{
    /// <summary>sizeof(struct arch_vcpu_info) on ARM.</summary>
    public const int Size = 0;
    /// <summary>offsetof(struct vcpu_info, arch).</summary>
    public const int Offset = 16;
}

/// <summary>struct arch_shared_info is empty on ARM (see <see cref="ArchVcpuInfo"/>).</summary>
public static class ArchSharedInfo
{
    /// <summary>sizeof(struct arch_shared_info) on ARM.</summary>
    public const int Size = 0;
    /// <summary>offsetof(struct shared_info, arch).</summary>
    public const int Offset = 1088;
}

/// <summary>struct vcpu_info (spec 3.1), 8-aligned.</summary>
[StructLayout(LayoutKind.Explicit, Size = Size)]
public struct VcpuInfo
{
    /// <summary>sizeof on arm32.</summary>
    public const int Size = 48;
    /// <summary>evtchn_upcall_pending: set by the hypervisor, cleared by the guest's upcall handler.</summary>
    [FieldOffset(0)] public byte EvtchnUpcallPending;
    /// <summary>evtchn_upcall_mask (pad0 on ARM: no XEN_HAVE_PV_UPCALL_MASK; ignore).</summary>
    [FieldOffset(1)] public byte EvtchnUpcallMask;
    /// <summary>evtchn_pending_sel (xen_ulong_t): bit w ⇒ word w of evtchn_pending may hold work.</summary>
    [FieldOffset(8)] public ulong EvtchnPendingSel;
    /// <summary>time (struct vcpu_time_info), after the empty arch part.</summary>
    [FieldOffset(16)] public VcpuTimeInfo Time;
}

/// <summary>struct shared_info (spec 3.2): the page mapped with XENMAPSPACE_shared_info.</summary>
[StructLayout(LayoutKind.Explicit, Size = Size)]
public unsafe struct SharedInfo
{
    /// <summary>sizeof on arm32.</summary>
    public const int Size = 1088;
    /// <summary>Words of each 2-level bitmap (64 × 64 bits = 4096 ports).</summary>
    public const int EvtchnWords = 64;
    /// <summary>vcpu_info[XEN_LEGACY_MAX_VCPUS = 1]: vCPU 0's slot until it registers its own.</summary>
    [FieldOffset(0)] public VcpuInfo VcpuInfo0;
    /// <summary>evtchn_pending[64] (xen_ulong_t): port p is bit p%64 of word p/64.</summary>
    [FieldOffset(48)] public fixed ulong EvtchnPending[EvtchnWords];
    /// <summary>evtchn_mask[64] (xen_ulong_t).</summary>
    [FieldOffset(560)] public fixed ulong EvtchnMask[EvtchnWords];
    /// <summary>wc_version: wallclock seqlock, odd while updating.</summary>
    [FieldOffset(1072)] public uint WcVersion;
    /// <summary>wc_sec: low 32 bits of the wallclock seconds.</summary>
    [FieldOffset(1076)] public uint WcSec;
    /// <summary>wc_nsec.</summary>
    [FieldOffset(1080)] public uint WcNsec;
    /// <summary>wc_sec_hi: high 32 bits of the wallclock seconds.</summary>
    [FieldOffset(1084)] public uint WcSecHi;
}

/// <summary>struct multicall_entry (spec 1.5), 8-aligned.</summary>
[StructLayout(LayoutKind.Explicit, Size = Size)]
public unsafe struct MulticallEntry
{
    /// <summary>sizeof on arm32.</summary>
    public const int Size = 64;
    /// <summary>Argument slots (Xen uses args[0..4]).</summary>
    public const int ArgCount = 6;
    /// <summary>op (xen_ulong_t): hypercall number.</summary>
    [FieldOffset(0)] public ulong Op;
    /// <summary>result (xen_long_t): written back, sign-extended.</summary>
    [FieldOffset(8)] public long Result;
    /// <summary>args[6] (xen_ulong_t).</summary>
    [FieldOffset(16)] public fixed ulong Args[ArgCount];
}
