namespace Xenith.Abi;

/// <summary>console_io commands (CONSOLEIO_*, spec 6.2).</summary>
public enum ConsoleIoCmd : uint
{
    /// <summary>CONSOLEIO_write.</summary>
    Write = 0,
    /// <summary>CONSOLEIO_read.</summary>
    Read = 1,
}

/// <summary>vm_assist commands (VMASST_CMD_*, spec 3.8).</summary>
public enum VmAssistCmd : uint
{
    /// <summary>VMASST_CMD_enable.</summary>
    Enable = 0,
    /// <summary>VMASST_CMD_disable.</summary>
    Disable = 1,
}

/// <summary>vm_assist types valid on ARM (VMASST_TYPE_*).</summary>
public enum VmAssistType : uint
{
    /// <summary>VMASST_TYPE_runstate_update_flag: the only type ARM accepts.</summary>
    RunstateUpdateFlag = 5,
}

/// <summary>physdev_op commands named by the spec (PHYSDEVOP_*, spec 6.5); ARM implements only the PCI pair.</summary>
public enum PhysdevOp : uint
{
    /// <summary>PHYSDEVOP_irq_status_query.</summary>
    IrqStatusQuery = 5,
    /// <summary>PHYSDEVOP_map_pirq.</summary>
    MapPirq = 13,
    /// <summary>PHYSDEVOP_pci_device_add.</summary>
    PciDeviceAdd = 25,
    /// <summary>PHYSDEVOP_pci_device_remove.</summary>
    PciDeviceRemove = 26,
}

/// <summary>platform_op constants (spec 6.7).</summary>
public static class PlatformOp
{
    /// <summary>XENPF_INTERFACE_VERSION.</summary>
    public const uint InterfaceVersion = 0x03000001;
    /// <summary>XENPF_settime64: the only command ARM implements (hardware domain only).</summary>
    public const uint Settime64 = 62;
    /// <summary>sizeof(struct xen_platform_op).</summary>
    public const int Size = 136;
    /// <summary>offsetof(struct xen_platform_op, u).</summary>
    public const int UnionOffset = 8;
}
