namespace Xenith.Abi;

/// <summary>grant_table_op commands (GNTTABOP_*, spec 5.3); the command is <c>cmd &amp; GrantTable.CommandMask</c>.</summary>
public enum GnttabOp : uint
{
    /// <summary>GNTTABOP_map_grant_ref.</summary>
    MapGrantRef = 0,
    /// <summary>GNTTABOP_unmap_grant_ref.</summary>
    UnmapGrantRef = 1,
    /// <summary>GNTTABOP_setup_table.</summary>
    SetupTable = 2,
    /// <summary>GNTTABOP_dump_table.</summary>
    DumpTable = 3,
    /// <summary>GNTTABOP_transfer (PV only).</summary>
    Transfer = 4,
    /// <summary>GNTTABOP_copy.</summary>
    Copy = 5,
    /// <summary>GNTTABOP_query_size.</summary>
    QuerySize = 6,
    /// <summary>GNTTABOP_unmap_and_replace (PV).</summary>
    UnmapAndReplace = 7,
    /// <summary>GNTTABOP_set_version.</summary>
    SetVersion = 8,
    /// <summary>GNTTABOP_get_status_frames (v2 only).</summary>
    GetStatusFrames = 9,
    /// <summary>GNTTABOP_get_version.</summary>
    GetVersion = 10,
    /// <summary>GNTTABOP_swap_grant_ref.</summary>
    SwapGrantRef = 11,
    /// <summary>GNTTABOP_cache_flush.</summary>
    CacheFlush = 12,
}

/// <summary>Per-operation grant status codes (GNTST_*, int16, spec 5.5).</summary>
public enum GrantStatus : short
{
    /// <summary>GNTST_okay.</summary>
    Okay = 0,
    /// <summary>GNTST_general_error.</summary>
    GeneralError = -1,
    /// <summary>GNTST_bad_domain.</summary>
    BadDomain = -2,
    /// <summary>GNTST_bad_gntref.</summary>
    BadGntref = -3,
    /// <summary>GNTST_bad_handle.</summary>
    BadHandle = -4,
    /// <summary>GNTST_bad_virt_addr.</summary>
    BadVirtAddr = -5,
    /// <summary>GNTST_bad_dev_addr.</summary>
    BadDevAddr = -6,
    /// <summary>GNTST_no_device_space.</summary>
    NoDeviceSpace = -7,
    /// <summary>GNTST_permission_denied.</summary>
    PermissionDenied = -8,
    /// <summary>GNTST_bad_page.</summary>
    BadPage = -9,
    /// <summary>GNTST_bad_copy_arg: copy crosses a page boundary.</summary>
    BadCopyArg = -10,
    /// <summary>GNTST_address_too_big.</summary>
    AddressTooBig = -11,
    /// <summary>GNTST_eagain.</summary>
    Eagain = -12,
    /// <summary>GNTST_no_space: out of maptrack handles etc.</summary>
    NoSpace = -13,
}

/// <summary>grant_entry_v1.flags bits (GTF_*, spec 5.2).</summary>
public static class GrantFlags
{
    /// <summary>GTF_invalid (type).</summary>
    public const ushort Invalid = 0;
    /// <summary>GTF_permit_access (type).</summary>
    public const ushort PermitAccess = 1;
    /// <summary>GTF_accept_transfer (type, x86 PV only).</summary>
    public const ushort AcceptTransfer = 2;
    /// <summary>GTF_transitive (type, v2 only).</summary>
    public const ushort Transitive = 3;
    /// <summary>GTF_type_mask.</summary>
    public const ushort TypeMask = 3;
    /// <summary>GTF_readonly: grantee gets read-only access (set by the granter).</summary>
    public const ushort Readonly = 1 << 2;
    /// <summary>GTF_reading: set by the hypervisor while mapped/pinned for reading.</summary>
    public const ushort Reading = 1 << 3;
    /// <summary>GTF_writing: set by the hypervisor while mapped/pinned for writing.</summary>
    public const ushort Writing = 1 << 4;
    /// <summary>GTF_PWT (x86 cache attribute).</summary>
    public const ushort Pwt = 1 << 5;
    /// <summary>GTF_PCD (x86 cache attribute).</summary>
    public const ushort Pcd = 1 << 6;
    /// <summary>GTF_PAT (x86 cache attribute).</summary>
    public const ushort Pat = 1 << 7;
    /// <summary>GTF_sub_page (v2 only).</summary>
    public const ushort SubPage = 1 << 8;
    /// <summary>GTF_transfer_committed (accept_transfer entries).</summary>
    public const ushort TransferCommitted = 1 << 2;
    /// <summary>GTF_transfer_completed (accept_transfer entries).</summary>
    public const ushort TransferCompleted = 1 << 3;
}

/// <summary>gnttab_map_grant_ref.flags bits (GNTMAP_*, spec 5.5).</summary>
public static class GntMap
{
    /// <summary>GNTMAP_device_map (rejected on ARM).</summary>
    public const uint DeviceMap = 1 << 0;
    /// <summary>GNTMAP_host_map: map at host_addr (guest-physical on ARM).</summary>
    public const uint HostMap = 1 << 1;
    /// <summary>GNTMAP_readonly.</summary>
    public const uint Readonly = 1 << 2;
    /// <summary>GNTMAP_application_map (PV only, rejected on ARM).</summary>
    public const uint ApplicationMap = 1 << 3;
    /// <summary>GNTMAP_contains_pte (PV only, rejected on ARM).</summary>
    public const uint ContainsPte = 1 << 4;
    /// <summary>_GNTMAP_guest_avail0: first of the PV-only guest-available bits.</summary>
    public const int GuestAvail0Shift = 16;
}

/// <summary>gnttab_copy.flags bits (GNTCOPY_*) and cache_flush ops (GNTTAB_CACHE_*).</summary>
public static class GntCopy
{
    /// <summary>GNTCOPY_source_gref: source.u is a grant ref, not a gfn.</summary>
    public const ushort SourceGref = 1;
    /// <summary>GNTCOPY_dest_gref: dest.u is a grant ref, not a gfn.</summary>
    public const ushort DestGref = 2;
    /// <summary>GNTTAB_CACHE_CLEAN.</summary>
    public const uint CacheClean = 1;
    /// <summary>GNTTAB_CACHE_INVAL.</summary>
    public const uint CacheInval = 2;
    /// <summary>GNTTAB_CACHE_SOURCE_GREF.</summary>
    public const uint CacheSourceGref = 1u << 31;
}

/// <summary>Grant table sizes and reserved refs (spec 5.1, 2.2).</summary>
public static class GrantTable
{
    /// <summary>grant_table_op uses the low 12 bits of cmd (GNTTABOP_CMD_MASK).</summary>
    public const uint CommandMask = 0xFFF;
    /// <summary>GNTTAB_MAX_VERSION on ARM.</summary>
    public const uint MaxVersion = 1;
    /// <summary>v1 entries per 4 KiB frame (4096 / 8).</summary>
    public const int EntriesPerFrameV1 = 512;
    /// <summary>Default max_grant_frames.</summary>
    public const int DefaultMaxFrames = 64;
    /// <summary>GNTTAB_NR_RESERVED_ENTRIES: refs 0..7 belong to the toolstack.</summary>
    public const int NrReservedEntries = 8;
    /// <summary>GNTTAB_RESERVED_CONSOLE.</summary>
    public const uint ReservedConsole = 0;
    /// <summary>GNTTAB_RESERVED_XENSTORE.</summary>
    public const uint ReservedXenstore = 1;
}
