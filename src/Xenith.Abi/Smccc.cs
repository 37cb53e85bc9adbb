namespace Xenith.Abi;

/// <summary>SMCCC function ids and fields reached with <c>HVC #0</c> (spec 7.1).</summary>
public static class Smccc
{
    /// <summary>Bit 31 of a function id: fast call.</summary>
    public const uint FastCall = 1u << 31;
    /// <summary>Bit 30: SMC64/HVC64 calling convention (a 32-bit guest gets NOT_SUPPORTED).</summary>
    public const uint Convention64 = 1u << 30;
    /// <summary>Shift of the owning-entity field (bits 29:24).</summary>
    public const int OwnerShift = 24;
    /// <summary>Mask of the owning-entity field after shifting.</summary>
    public const uint OwnerMask = 0x3F;
    /// <summary>Mask of the function number (bits 15:0).</summary>
    public const uint FunctionMask = 0xFFFF;

    /// <summary>Owner: Arm architecture calls.</summary>
    public const uint OwnerArch = 0;
    /// <summary>Owner: CPU service.</summary>
    public const uint OwnerCpu = 1;
    /// <summary>Owner: SiP service.</summary>
    public const uint OwnerSip = 2;
    /// <summary>Owner: OEM service.</summary>
    public const uint OwnerOem = 3;
    /// <summary>Owner: standard secure service (PSCI).</summary>
    public const uint OwnerStandard = 4;
    /// <summary>Owner: standard hypervisor service (Xen's).</summary>
    public const uint OwnerStandardHyp = 5;
    /// <summary>Owner: vendor-specific hypervisor service (KVM).</summary>
    public const uint OwnerVendorHyp = 6;
    /// <summary>First trusted-application owner.</summary>
    public const uint OwnerTrustedAppFirst = 48;
    /// <summary>Last trusted-application owner.</summary>
    public const uint OwnerTrustedAppLast = 49;
    /// <summary>First trusted-OS owner.</summary>
    public const uint OwnerTrustedOsFirst = 50;
    /// <summary>Last trusted-OS owner.</summary>
    public const uint OwnerTrustedOsLast = 63;

    /// <summary>SMCCC_RET_NOT_SUPPORTED / ERR_UNKNOWN_FUNCTION as the 32-bit r0 value.</summary>
    public const uint NotSupported = 0xFFFF_FFFF;
    /// <summary>SMCCC_RET_NOT_REQUIRED (ARCH_WORKAROUND_2 answer).</summary>
    public const int NotRequired = -2;

    /// <summary>ARM_SMCCC_VERSION_FUNC_ID.</summary>
    public const uint Version = 0x8000_0000;
    /// <summary>ARM_SMCCC_ARCH_FEATURES_FUNC_ID (r1 = function id).</summary>
    public const uint ArchFeatures = 0x8000_0001;
    /// <summary>ARM_SMCCC_ARCH_SOC_ID_FUNC_ID.</summary>
    public const uint ArchSocId = 0x8000_0002;
    /// <summary>ARM_SMCCC_ARCH_WORKAROUND_1_FUNC_ID.</summary>
    public const uint ArchWorkaround1 = 0x8000_8000;
    /// <summary>ARM_SMCCC_ARCH_WORKAROUND_2_FUNC_ID.</summary>
    public const uint ArchWorkaround2 = 0x8000_7FFF;
    /// <summary>ARM_SMCCC_ARCH_WORKAROUND_3_FUNC_ID.</summary>
    public const uint ArchWorkaround3 = 0x8000_3FFF;
    /// <summary>SMCCC version 1.1 (Xen 4.17's answer).</summary>
    public const uint Version1_1 = 0x0001_0001;
    /// <summary>SMCCC version 1.2 (Xen ≥ 4.18).</summary>
    public const uint Version1_2 = 0x0001_0002;

    /// <summary>Xen hypervisor service: call count (answer 3).</summary>
    public const uint XenCallCount = 0x8500_FF00;
    /// <summary>Xen hypervisor service: UID (r0..r3 = XenUid0..3).</summary>
    public const uint XenUid = 0x8500_FF01;
    /// <summary>Xen hypervisor service: revision (r0 = 0 major, r1 = 1 minor).</summary>
    public const uint XenRevision = 0x8500_FF03;
    /// <summary>Answer to XenCallCount.</summary>
    public const uint XenCallCountValue = 3;
    /// <summary>XenRevision major.</summary>
    public const uint XenRevisionMajor = 0;
    /// <summary>XenRevision minor.</summary>
    public const uint XenRevisionMinor = 1;
    /// <summary>Xen UID a71812dc-c698-4369-9acf-79d18ddee667, word 0 (r0).</summary>
    public const uint XenUid0 = 0xDC1218A7;
    /// <summary>Xen UID word 1 (r1).</summary>
    public const uint XenUid1 = 0x694398C6;
    /// <summary>Xen UID word 2 (r2).</summary>
    public const uint XenUid2 = 0xD179CF9A;
    /// <summary>Xen UID word 3 (r3).</summary>
    public const uint XenUid3 = 0x67E6DE8D;

    /// <summary>Standard secure service: call count.</summary>
    public const uint StandardCallCount = 0x8400_FF00;
    /// <summary>Standard secure service: UID (f863386f-4b39-4cbd-9220-ce1641e59f6f).</summary>
    public const uint StandardUid = 0x8400_FF01;
    /// <summary>Standard secure service: revision (0.1).</summary>
    public const uint StandardRevision = 0x8400_FF03;

    /// <summary>TRNG_VERSION (Linux probes it; answer NOT_SUPPORTED).</summary>
    public const uint TrngVersion = 0x8400_0050;
    /// <summary>Vendor hypervisor UID (KVM detection; answer NOT_SUPPORTED).</summary>
    public const uint VendorHypUid = 0x8600_FF01;
}
