using Xenith.Cpu.Arm;

namespace Xenith.Platform;

/// <summary>What PSCI needs from the machine: CPU power states and the system power switch.</summary>
public interface IPsciPlatform
{
    int CpuCount { get; }

    /// <summary>Starts a CPU that is off at <paramref name="entry"/> with r0 = <paramref name="contextId"/>; returns a PSCI code.</summary>
    int CpuOn(int cpu, uint entry, uint contextId);

    /// <summary>The calling CPU powers down.</summary>
    void CpuOff(int cpu);

    /// <summary>0 ON, 1 OFF, 2 ON_PENDING.</summary>
    int AffinityInfo(int cpu);

    void SystemOff();

    void SystemReset();
}

/// <summary>
/// The board's firmware for HVC #0 / SMC #0: PSCI 1.1 (ARM DEN0022) and the SMCCC discovery calls, with
/// the answers QEMU's built-in PSCI gives, so Linux logs the same lines ("PSCIv1.1 detected", "Trusted OS
/// migration not required", "SMC Calling Convention v1.0").
/// </summary>
public sealed class Psci(IPsciPlatform platform)
{
    public const uint PsciVersion = 0x8400_0000, CpuSuspend = 0x8400_0001, CpuOff = 0x8400_0002, CpuOn = 0x8400_0003,
        AffinityInfo = 0x8400_0004, Migrate = 0x8400_0005, MigrateInfoType = 0x8400_0006, MigrateInfoUpCpu = 0x8400_0007,
        SystemOff = 0x8400_0008, SystemReset = 0x8400_0009, PsciFeatures = 0x8400_000A;
    /// <summary>The SMC64 forms of the calls that take an address or an affinity (a 32-bit caller may use either form).</summary>
    public const uint CpuSuspend64 = 0xC400_0001, CpuOn64 = 0xC400_0003, AffinityInfo64 = 0xC400_0004;
    public const uint SmcccVersion = 0x8000_0000, SmcccArchFeatures = 0x8000_0001;

    /// <summary>PSCI 1.1.</summary>
    public const uint Version = 0x0001_0001;

    public const int Success = 0, NotSupported = -1, InvalidParameters = -2, Denied = -3, InternalFailure = -6;
    /// <summary>MIGRATE_INFO_TYPE: no Trusted OS that needs migrating.</summary>
    public const int TrustedOsNotPresent = 2;

    /// <summary>Handles the call in r0-r3 of <paramref name="cpu"/> and puts the result in r0.</summary>
    public void Handle(ArmCpu cpu)
    {
        uint[] r = cpu.R;
        r[0] = unchecked((uint)Call(cpu.CpuIndex, r[0], r[1], r[2], r[3]));
    }

    private int Call(int caller, uint function, uint a1, uint a2, uint a3)
    {
        switch (function)
        {
            case PsciVersion: return (int)Version;
            // Treated as standby: returning at once is a valid wake-up, and the caller re-checks its condition.
            case CpuSuspend or CpuSuspend64: return Success;
            case CpuOff:
                platform.CpuOff(caller);
                return Denied; // only seen if the platform did not stop the CPU
            case CpuOn or CpuOn64:
                return TryCpuIndex(a1, out int target) ? platform.CpuOn(target, a2, a3) : InvalidParameters;
            case AffinityInfo or AffinityInfo64: return AffinityState(a1, a2);
            case MigrateInfoType: return TrustedOsNotPresent;
            case SystemOff:
                platform.SystemOff();
                return InternalFailure;
            case SystemReset:
                platform.SystemReset();
                return InternalFailure;
            case PsciFeatures: return IsImplemented(a1) ? Success : NotSupported;
            // SMCCC_VERSION is not advertised by PSCI_FEATURES, so Linux keeps SMCCC v1.0 and never asks
            // SMCCC_ARCH_FEATURES; both answer NOT_SUPPORTED if called anyway, like every unknown function.
            default: return NotSupported;
        }
    }

    private static bool IsImplemented(uint function) => function switch
    {
        PsciVersion or CpuSuspend or CpuSuspend64 or CpuOff or CpuOn or CpuOn64 or AffinityInfo or AffinityInfo64
            or MigrateInfoType or SystemOff or SystemReset or PsciFeatures => true,
        _ => false,
    };

    // The board's CPUs are MPIDR.Aff0 = 0..n-1 in cluster 0.
    private bool TryCpuIndex(uint mpidr, out int cpu)
    {
        cpu = (int)(mpidr & 0xFF);
        return (mpidr & 0x00FF_FF00) == 0 && cpu < platform.CpuCount;
    }

    /// <summary>AFFINITY_INFO: the state of one CPU (level 0) or of the whole cluster (levels 1 and 2: ON if any CPU is ON).</summary>
    private int AffinityState(uint affinity, uint lowestLevel)
    {
        switch (lowestLevel)
        {
            case 0:
                return TryCpuIndex(affinity, out int cpu) ? platform.AffinityInfo(cpu) : InvalidParameters;
            case 1 or 2:
            {
                uint significant = lowestLevel == 1 ? 0x00FF_FF00u : 0x00FF_0000u;
                if ((affinity & significant) != 0)
                    return InvalidParameters;
                int state = 1; // OFF unless a CPU is ON or ON_PENDING
                for (int i = 0; i < platform.CpuCount; i++)
                {
                    int s = platform.AffinityInfo(i);
                    if (s == 0)
                        return 0;
                    if (s == 2)
                        state = 2;
                }
                return state;
            }
            default:
                return InvalidParameters; // level 3 does not exist in an AArch32 MPIDR
        }
    }
}
