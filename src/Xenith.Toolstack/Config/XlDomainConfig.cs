using Xenith.Cpu.Arm;

namespace Xenith.Toolstack.Config;

/// <summary>ARM guests are all PVH; "pv" and "hvm" configs are converted.</summary>
public enum XlDomainType { Pvh }

public enum XlGicVersion { Default, V2, V3 }

public enum XlVuart { None, SbsaUart }

/// <summary>
/// A guest as an xl.cfg describes it for an ARM host, after xl's parsing, defaults and checks
/// (tools/xl/xl_parse.c, libxl's setdefault). Sizes in MiB as the file gives them.
/// </summary>
/// <param name="Cpus">Hard affinity per vCPU (index = vCPU id, at most <see cref="MaxVcpus"/> entries); empty = no pinning.</param>
/// <param name="CpusSoft">Soft affinity, the same way.</param>
/// <param name="Cmdline">The kernel command line composed from cmdline, or root and extra; null when none is given.</param>
/// <param name="Uuid">null = generate one at creation.</param>
/// <param name="Cpu">Xenith's own key <c>cpu</c>: the vCPUs' CPU model (Xen passes the host's; here it is chosen).</param>
public sealed record XlDomainConfig(
    string Name,
    XlDomainType Type,
    long MemoryMiB,
    long MaxMemMiB,
    int Vcpus,
    int MaxVcpus,
    IReadOnlyList<CpuAffinity> Cpus,
    IReadOnlyList<CpuAffinity> CpusSoft,
    int CpuWeight,
    int Cap,
    string? Pool,
    XlPath? Kernel,
    XlPath? Ramdisk,
    XlPath? DeviceTree,
    string? Cmdline,
    IReadOnlyList<XlDiskSpec> Disks,
    IReadOnlyList<XlVifSpec> Vifs,
    XlShutdownAction OnPoweroff,
    XlShutdownAction OnReboot,
    XlShutdownAction OnWatchdog,
    XlShutdownAction OnCrash,
    XlShutdownAction OnSoftReset,
    Guid? Uuid,
    int MaxGrantFrames,
    int MaxMaptrackFrames,
    int MaxEventChannels,
    XlVuart Vuart,
    XlGicVersion GicVersion,
    bool TrapUnmappedAccesses,
    CpuProfile Cpu)
{
    /// <summary>libxl's memory size when a config gives neither memory nor maxmem.</summary>
    public const long DefaultMemoryMiB = 32;
    public const int DefaultCpuWeight = 256;
    /// <summary>Xen's gnttab_max_frames and gnttab_max_maptrack_frames, xl's defaults when xl.conf sets none.</summary>
    public const int DefaultMaxGrantFrames = 64;
    public const int DefaultMaxMaptrackFrames = 1024;
    public const int DefaultMaxEventChannels = 1023;
    /// <summary>2-level event channels with ARM's 64-bit xen_ulong_t: 64 × 64 = 4096 ports, port 0 unused.</summary>
    public const int MaxEventChannelsLimit = 4095;
    /// <summary>A GICv2 has 8 CPU interfaces.</summary>
    public const int GicV2MaxVcpus = 8;

    public long MemoryBytes => MemoryMiB << 20;

    public long MaxMemBytes => MaxMemMiB << 20;

    /// <summary>The model as stable text, one key per line (see <see cref="XlDomainConfigDump"/>).</summary>
    public string Describe() => XlDomainConfigDump.Describe(this);
}
