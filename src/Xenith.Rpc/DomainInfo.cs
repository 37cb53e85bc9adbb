namespace Xenith.Rpc;

/// <summary>Why a domain shut down: Xen's SHUTDOWN_* codes (sched.h), which <c>xl list</c> prints as a letter.</summary>
public enum ShutdownReason
{
    Poweroff = 0,
    Reboot = 1,
    Suspend = 2,
    Crash = 3,
    Watchdog = 4,
    SoftReset = 5,
}

/// <summary>
/// One domain as libxl_dominfo describes it. Memory is in KiB; <see cref="CpuTimeNs"/> is the sum of its
/// vCPUs' run time. The flags are Xen's: running (a vCPU is on a pCPU now), blocked (every online vCPU is
/// blocked), paused (by the toolstack), shutdown (SCHEDOP_shutdown done, with <see cref="ShutdownReason"/>),
/// dying (being destroyed).
/// </summary>
public sealed record DomainInfo(
    uint DomId,
    string Name,
    Guid Uuid,
    ulong CurrentMemoryKb,
    ulong MaxMemoryKb,
    int VcpusOnline,
    int VcpusMax,
    bool Running,
    bool Blocked,
    bool Paused,
    bool Shutdown,
    bool Dying,
    ShutdownReason ShutdownReason,
    ulong CpuTimeNs,
    ulong OutstandingMemoryKb = 0,
    string? SecurityLabel = null);

/// <summary>One vCPU as libxl_vcpuinfo describes it; affinities are pCPU bitmaps (bit n = pCPU n).</summary>
public sealed record VcpuInfo(
    uint DomId,
    uint VcpuId,
    bool Online,
    uint Cpu,
    bool Running,
    bool Blocked,
    ulong CpuTimeNs,
    ulong HardAffinity,
    ulong SoftAffinity);

/// <summary>Seconds since a domain was created (for domain 0: since the host started).</summary>
public sealed record DomainUptime(uint DomId, ulong Seconds);

/// <summary>A domain's credit-scheduler parameters: weight 1..65535 (default 256), cap in % of a pCPU (0 = none).</summary>
public sealed record SchedCredit(int Weight, int Cap);

/// <summary>The credit scheduler's global parameters for one cpupool.</summary>
public sealed record SchedCreditParams(string PoolName, int TsliceMs, int RatelimitUs, int MigrationDelayUs);

/// <summary>What ended a wait on a domain: it shut down (with a reason) or it is gone.</summary>
public enum DomainEventKind
{
    Shutdown,
    Death,
}

public sealed record DomainEvent(uint DomId, DomainEventKind Kind, ShutdownReason Reason);
