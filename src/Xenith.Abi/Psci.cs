namespace Xenith.Abi;

/// <summary>
/// PSCI function ids (32-bit convention) and values Xen reports to a domU (spec 7.2). Not named Psci so it
/// does not collide with Xenith.Platform.Psci, the board firmware.
/// </summary>
public static class PsciFunction
{
    /// <summary>PSCI_VERSION.</summary>
    public const uint Version = 0x8400_0000;
    /// <summary>CPU_SUSPEND (r1 power_state, r2 entry, r3 context).</summary>
    public const uint CpuSuspend = 0x8400_0001;
    /// <summary>CPU_OFF.</summary>
    public const uint CpuOff = 0x8400_0002;
    /// <summary>CPU_ON (r1 target MPIDR, r2 entry, r3 context_id).</summary>
    public const uint CpuOn = 0x8400_0003;
    /// <summary>AFFINITY_INFO (r1 target affinity, r2 lowest level).</summary>
    public const uint AffinityInfo = 0x8400_0004;
    /// <summary>MIGRATE_INFO_TYPE.</summary>
    public const uint MigrateInfoType = 0x8400_0006;
    /// <summary>SYSTEM_OFF.</summary>
    public const uint SystemOff = 0x8400_0008;
    /// <summary>SYSTEM_RESET.</summary>
    public const uint SystemReset = 0x8400_0009;
    /// <summary>PSCI_FEATURES (r1 function id).</summary>
    public const uint Features = 0x8400_000A;
    /// <summary>SYSTEM_SUSPEND (Xen &gt; 4.20 only).</summary>
    public const uint SystemSuspend = 0x8400_000E;
    /// <summary>SYSTEM_RESET2 (not implemented by Xen).</summary>
    public const uint SystemReset2 = 0x8400_0012;
    /// <summary>CPU_SUSPEND, 64-bit convention.</summary>
    public const uint CpuSuspend64 = 0xC400_0001;
    /// <summary>CPU_ON, 64-bit convention.</summary>
    public const uint CpuOn64 = 0xC400_0003;
    /// <summary>AFFINITY_INFO, 64-bit convention.</summary>
    public const uint AffinityInfo64 = 0xC400_0004;
    /// <summary>SYSTEM_SUSPEND, 64-bit convention.</summary>
    public const uint SystemSuspend64 = 0xC400_000E;

    /// <summary>PSCI 0.1 CPU_OFF id (DT cpu_off = &lt;1&gt;).</summary>
    public const uint V0_1CpuOff = 1;
    /// <summary>PSCI 0.1 CPU_ON id (DT cpu_on = &lt;2&gt;).</summary>
    public const uint V0_1CpuOn = 2;

    /// <summary>PSCI_VERSION answer: 1.1.</summary>
    public const uint Version1_1 = 0x0001_0001;
    /// <summary>MIGRATE_INFO_TYPE answer: 2 (no trusted OS / MP).</summary>
    public const uint MigrateInfoTypeNone = 2;
    /// <summary>AFFINITY_INFO answer: target on.</summary>
    public const int AffinityOn = 0;
    /// <summary>AFFINITY_INFO answer: target off.</summary>
    public const int AffinityOff = 1;
}

/// <summary>PSCI return codes (spec 7.2), as the signed value placed in r0.</summary>
public enum PsciReturn
{
    /// <summary>PSCI_SUCCESS.</summary>
    Success = 0,
    /// <summary>PSCI_NOT_SUPPORTED.</summary>
    NotSupported = -1,
    /// <summary>PSCI_INVALID_PARAMETERS.</summary>
    InvalidParameters = -2,
    /// <summary>PSCI_DENIED.</summary>
    Denied = -3,
    /// <summary>PSCI_ALREADY_ON.</summary>
    AlreadyOn = -4,
    /// <summary>PSCI_ON_PENDING.</summary>
    OnPending = -5,
    /// <summary>PSCI_INTERNAL_FAILURE.</summary>
    InternalFailure = -6,
    /// <summary>PSCI_NOT_PRESENT.</summary>
    NotPresent = -7,
    /// <summary>PSCI_DISABLED.</summary>
    Disabled = -8,
    /// <summary>PSCI_INVALID_ADDRESS.</summary>
    InvalidAddress = -9,
}
