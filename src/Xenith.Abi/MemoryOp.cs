namespace Xenith.Abi;

/// <summary>memory_op sub-ops (XENMEM_*, spec 6.4); the sub-op is <c>cmd &amp; XenMem.CommandMask</c>.</summary>
public enum XenMemOp : uint
{
    /// <summary>XENMEM_increase_reservation.</summary>
    IncreaseReservation = 0,
    /// <summary>XENMEM_decrease_reservation: unmap and free the listed gfns.</summary>
    DecreaseReservation = 1,
    /// <summary>XENMEM_maximum_ram_page.</summary>
    MaximumRamPage = 2,
    /// <summary>XENMEM_current_reservation (arg: domid_t).</summary>
    CurrentReservation = 3,
    /// <summary>XENMEM_maximum_reservation (arg: domid_t).</summary>
    MaximumReservation = 4,
    /// <summary>XENMEM_machphys_mfn_list (-ENOSYS on ARM).</summary>
    MachphysMfnList = 5,
    /// <summary>XENMEM_populate_physmap: allocate RAM at the listed gfns.</summary>
    PopulatePhysmap = 6,
    /// <summary>XENMEM_add_to_physmap (struct xen_add_to_physmap).</summary>
    AddToPhysmap = 7,
    /// <summary>XENMEM_memory_map (-ENOSYS on ARM).</summary>
    MemoryMap = 9,
    /// <summary>XENMEM_machine_memory_map (-ENOSYS on ARM).</summary>
    MachineMemoryMap = 10,
    /// <summary>XENMEM_exchange (PV only).</summary>
    Exchange = 11,
    /// <summary>XENMEM_machphys_mapping (-ENOSYS on ARM).</summary>
    MachphysMapping = 12,
    /// <summary>XENMEM_set_memory_map (-ENOSYS on ARM).</summary>
    SetMemoryMap = 13,
    /// <summary>XENMEM_maximum_gpfn.</summary>
    MaximumGpfn = 14,
    /// <summary>XENMEM_remove_from_physmap (struct xen_remove_from_physmap).</summary>
    RemoveFromPhysmap = 15,
    /// <summary>XENMEM_add_to_physmap_batch (privileged foreign mapping).</summary>
    AddToPhysmapBatch = 23,
    /// <summary>XENMEM_claim_pages (privileged).</summary>
    ClaimPages = 24,
    /// <summary>XENMEM_get_vnumainfo.</summary>
    GetVnumainfo = 26,
    /// <summary>XENMEM_acquire_resource (privileged).</summary>
    AcquireResource = 28,
}

/// <summary>Map spaces of XENMEM_add_to_physmap (XENMAPSPACE_*, spec 3.6).</summary>
public enum XenMapSpace : uint
{
    /// <summary>XENMAPSPACE_shared_info (idx must be 0).</summary>
    SharedInfo = 0,
    /// <summary>XENMAPSPACE_grant_table (idx = grant frame number).</summary>
    GrantTable = 1,
    /// <summary>XENMAPSPACE_gmfn.</summary>
    Gmfn = 2,
    /// <summary>XENMAPSPACE_gmfn_range.</summary>
    GmfnRange = 3,
    /// <summary>XENMAPSPACE_gmfn_foreign (batch only).</summary>
    GmfnForeign = 4,
    /// <summary>XENMAPSPACE_dev_mmio (ARM only).</summary>
    DevMmio = 5,
}

/// <summary>Other memory_op constants.</summary>
public static class XenMem
{
    /// <summary>MEMOP_CMD_MASK: low 6 bits select the sub-op; higher bits are a continuation start extent.</summary>
    public const uint CommandMask = 0x3F;

    /// <summary>MEMOP_EXTENT_SHIFT: where the continuation start extent begins in cmd.</summary>
    public const int ExtentShift = 6;

    /// <summary>XENMAPIDX_grant_table_status: OR-ed into idx to name a v2 status frame.</summary>
    public const ulong MapIdxGrantTableStatus = 0x8000_0000;
}
