namespace Xenith.Rpc;

/// <summary>
/// What <c>xl info</c> prints, as libxl_physinfo and libxl_version_info carry it: memory in pages of
/// <see cref="XenPagesize"/> bytes (xl turns them into MiB), CPU speed in kHz, eight hw_caps words.
/// <see cref="Host"/> .. <see cref="Machine"/> are the uname of domain 0.
/// </summary>
public sealed record HostInfo(
    string Host,
    string Release,
    string Version,
    string Machine,
    int NrCpus,
    int MaxCpuId,
    int NrNodes,
    int CoresPerSocket,
    int ThreadsPerCore,
    uint CpuKhz,
    IReadOnlyList<uint> HwCaps,
    IReadOnlyList<string> VirtCaps,
    uint ArmSveVectorLength,
    ulong TotalPages,
    ulong FreePages,
    ulong SharingFreedPages,
    ulong SharingUsedFrames,
    ulong OutstandingPages,
    int FreeCpus,
    int XenMajor,
    int XenMinor,
    string XenExtra,
    string XenCaps,
    string XenScheduler,
    uint XenPagesize,
    ulong VirtStart,
    string XenChangeset,
    string XenCommandline,
    string CcCompiler,
    string CcCompileBy,
    string CcCompileDomain,
    string CcCompileDate,
    string BuildId,
    uint XenstoreFeatures);
