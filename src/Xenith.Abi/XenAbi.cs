namespace Xenith.Abi;

/// <summary>Global facts of the Xen arm32 guest ABI (spec section 0 and 1.1).</summary>
public static class XenAbi
{
    /// <summary>XEN_HYPERCALL_TAG: the HVC immediate that marks a Xen hypercall (number in r12).</summary>
    public const ushort XenHypercallTag = 0xEA1;

    /// <summary>HVC #0 is the SMCCC conduit (PSCI, SMCCC arch calls, hypervisor service queries).</summary>
    public const ushort SmcccImmediate = 0x0000;

    /// <summary>Lowest imm16 of Xen's debug-build traps (0xFF00-0xFFFF); release Xen treats them as any other unknown immediate.</summary>
    public const ushort DebugTrapImmediateFirst = 0xFF00;

    /// <summary>A32 encoding of <c>hvc #0xEA1</c> (cond AL).</summary>
    public const uint HvcXenA32 = 0xE140EA71;

    /// <summary>A32 encoding of <c>hvc #0</c>.</summary>
    public const uint HvcSmcccA32 = 0xE1400070;

    /// <summary>T32 encoding of <c>hvc #0xEA1</c> (first halfword in the high half).</summary>
    public const uint HvcXenT32 = 0xF7E08EA1;

    /// <summary>XEN_PAGE_SIZE: Xen page = Linux page on arm32.</summary>
    public const int PageSize = 4096;

    /// <summary>XEN_PAGE_SHIFT.</summary>
    public const int PageShift = 12;

    /// <summary>XEN_LEGACY_MAX_VCPUS: vcpu_info slots inside shared_info on ARM.</summary>
    public const int LegacyMaxVcpus = 1;

    /// <summary>Size of an embedded XEN_GUEST_HANDLE on ARM (pointer in the low 4 bytes for arm32).</summary>
    public const int GuestHandleSize = 8;

    /// <summary>__XEN_LATEST_INTERFACE_VERSION__ the spec assumes.</summary>
    public const uint InterfaceVersion = 0x00041300;
}
