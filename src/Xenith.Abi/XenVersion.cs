namespace Xenith.Abi;

/// <summary>xen_version commands (XENVER_*, spec 6.3).</summary>
public enum XenVersionCmd : uint
{
    /// <summary>XENVER_version: returns (major &lt;&lt; 16) | minor.</summary>
    Version = 0,
    /// <summary>XENVER_extraversion (xen_extraversion_t, char[16]).</summary>
    Extraversion = 1,
    /// <summary>XENVER_compile_info (struct xen_compile_info).</summary>
    CompileInfo = 2,
    /// <summary>XENVER_capabilities (char[1024]).</summary>
    Capabilities = 3,
    /// <summary>XENVER_changeset (char[64]).</summary>
    Changeset = 4,
    /// <summary>XENVER_platform_parameters (struct xen_platform_parameters).</summary>
    PlatformParameters = 5,
    /// <summary>XENVER_get_features (struct xen_feature_info).</summary>
    GetFeatures = 6,
    /// <summary>XENVER_pagesize: returns 4096.</summary>
    Pagesize = 7,
    /// <summary>XENVER_guest_handle (uint8[16], the domain UUID).</summary>
    GuestHandle = 8,
    /// <summary>XENVER_commandline (char[1024], privileged).</summary>
    Commandline = 9,
    /// <summary>XENVER_build_id (varbuf, privileged).</summary>
    BuildId = 10,
    /// <summary>XENVER_extraversion2 (varbuf).</summary>
    Extraversion2 = 11,
    /// <summary>XENVER_capabilities2 (varbuf).</summary>
    Capabilities2 = 12,
    /// <summary>XENVER_changeset2 (varbuf).</summary>
    Changeset2 = 13,
    /// <summary>XENVER_commandline2 (varbuf).</summary>
    Commandline2 = 14,
}

/// <summary>Feature bit numbers of submap 0 (XENFEAT_*, spec 6.3) and the submap an ARM domU sees.</summary>
public static class XenFeat
{
    /// <summary>XENFEAT_writable_page_tables.</summary>
    public const int WritablePageTables = 0;
    /// <summary>XENFEAT_writable_descriptor_tables.</summary>
    public const int WritableDescriptorTables = 1;
    /// <summary>XENFEAT_auto_translated_physmap (checked by Linux).</summary>
    public const int AutoTranslatedPhysmap = 2;
    /// <summary>XENFEAT_supervisor_mode_kernel.</summary>
    public const int SupervisorModeKernel = 3;
    /// <summary>XENFEAT_pae_pgdir_above_4gb.</summary>
    public const int PaePgdirAbove4gb = 4;
    /// <summary>XENFEAT_mmu_pt_update_preserve_ad.</summary>
    public const int MmuPtUpdatePreserveAd = 5;
    /// <summary>XENFEAT_highmem_assist.</summary>
    public const int HighmemAssist = 6;
    /// <summary>XENFEAT_gnttab_map_avail_bits.</summary>
    public const int GnttabMapAvailBits = 7;
    /// <summary>XENFEAT_hvm_callback_vector.</summary>
    public const int HvmCallbackVector = 8;
    /// <summary>XENFEAT_hvm_safe_pvclock.</summary>
    public const int HvmSafePvclock = 9;
    /// <summary>XENFEAT_hvm_pirqs.</summary>
    public const int HvmPirqs = 10;
    /// <summary>XENFEAT_dom0 (0 for a domU; checked by Linux).</summary>
    public const int Dom0 = 11;
    /// <summary>XENFEAT_memory_op_vnode_supported.</summary>
    public const int MemoryOpVnodeSupported = 13;
    /// <summary>XENFEAT_ARM_SMCCC_supported.</summary>
    public const int ArmSmcccSupported = 14;
    /// <summary>XENFEAT_linux_rsdp_unrestricted.</summary>
    public const int LinuxRsdpUnrestricted = 15;
    /// <summary>XENFEAT_not_direct_mapped (1 for a domU; checked by Linux).</summary>
    public const int NotDirectMapped = 16;
    /// <summary>XENFEAT_direct_mapped.</summary>
    public const int DirectMapped = 17;
    /// <summary>XENFEAT_runstate_phys_area.</summary>
    public const int RunstatePhysArea = 18;
    /// <summary>XENFEAT_vcpu_time_phys_area.</summary>
    public const int VcpuTimePhysArea = 19;
    /// <summary>XENFEAT_dm_msix_all_writes.</summary>
    public const int DmMsixAllWrites = 20;
    /// <summary>XENFEAT_NR_SUBMAPS: only submap 0 exists.</summary>
    public const int NrSubmaps = 1;

    /// <summary>Submap 0 for a Xen-4.17-like ARM domU: writable_page_tables, auto_translated_physmap,
    /// memory_op_vnode_supported, ARM_SMCCC_supported, not_direct_mapped.</summary>
    public const uint ArmDomUSubmap0 = 0x0001_6005;
}
