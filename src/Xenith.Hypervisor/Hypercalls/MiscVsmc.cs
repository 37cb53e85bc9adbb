using Xenith.Cpu.Arm;

namespace Xenith.Hypervisor.Hypercalls;

/// <summary>
/// The SMCCC services Xen answers on the HVC #0 conduit in front of vPSCI (Xen's vsmc.c; spec 7.1): SMCCC 1.1
/// with no firmware workaround to offer, the Xen hypervisor service and the standard service's identity
/// calls, and "not supported" for any SMC64-convention id from a 32-bit guest. Everything else is PSCI's.
/// </summary>
internal static class Vsmc
{
    public const uint SmcccVersion = 0x8000_0000, SmcccArchFeatures = 0x8000_0001;
    public const uint ArchWorkaround1 = 0x8000_8000, ArchWorkaround2 = 0x8000_7FFF, ArchWorkaround3 = 0x8000_3FFF;
    public const uint XenCallCount = 0x8500_FF00, XenUid = 0x8500_FF01, XenRevision = 0x8500_FF03;
    public const uint StandardCallCount = 0x8400_FF00, StandardUid = 0x8400_FF01, StandardRevision = 0x8400_FF03;
    public const uint PsciFeatures = 0x8400_000A;
    public const uint NotSupported = 0xFFFF_FFFF;

    /// <summary>SMCCC 1.1, as Xen 4.17 reports it.</summary>
    public const uint Version = 0x0001_0001;

    /// <summary>Answers the call in r0-r3 if it is one of these services; false hands it to PSCI.</summary>
    public static bool TryHandle(ArmCpu cpu)
    {
        uint[] r = cpu.R;
        uint fn = r[0];
        switch (fn)
        {
            case SmcccVersion:
                r[0] = Version;
                return true;
            case SmcccArchFeatures: // no workaround is needed or offered: Linux uses its in-CPU methods
                r[0] = NotSupported;
                return true;
            case ArchWorkaround1 or ArchWorkaround2 or ArchWorkaround3: // nothing to do, and no return value
                return true;
            case XenCallCount:
                r[0] = 3;
                return true;
            case XenUid: // a71812dc-c698-4369-9acf-79d18ddee667
                (r[0], r[1], r[2], r[3]) = (0xDC12_18A7, 0x6943_98C6, 0xD179_CF9A, 0x67E6_DE8D);
                return true;
            case XenRevision:
                (r[0], r[1]) = (0, 1);
                return true;
            case StandardCallCount:
                r[0] = 3;
                return true;
            case StandardUid: // f863386f-4b39-4cbd-9220-ce1641e59f6f
                (r[0], r[1], r[2], r[3]) = (0x6F38_63F8, 0xBD4C_394B, 0x16CE_2092, 0x6F9F_E541);
                return true;
            case StandardRevision:
                (r[0], r[1]) = (0, 1);
                return true;
            case PsciFeatures when r[1] == SmcccVersion: // Xen advertises SMCCC_VERSION through PSCI_FEATURES
                r[0] = 0;
                return true;
        }
        // Bit 31 fast call, bit 30 the SMC64 convention: meaningless for an AArch32 guest.
        if ((fn & 0xC000_0000) == 0xC000_0000)
        {
            r[0] = NotSupported;
            return true;
        }
        return false;
    }
}
