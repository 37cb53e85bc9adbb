using System.Runtime.InteropServices;

namespace Xenith.Abi;

/// <summary>struct grant_entry_v1 (spec 5.2): one entry of a v1 grant frame.</summary>
[StructLayout(LayoutKind.Explicit, Size = Size)]
public struct GrantEntryV1
{
    /// <summary>sizeof on arm32.</summary>
    public const int Size = 8;
    /// <summary>flags: GTF_*.</summary>
    [FieldOffset(0)] public ushort Flags;
    /// <summary>domid: domain being granted access.</summary>
    [FieldOffset(2)] public ushort Domid;
    /// <summary>frame: gfn of the granted page.</summary>
    [FieldOffset(4)] public uint Frame;
}

/// <summary>struct gnttab_map_grant_ref (GNTTABOP_map_grant_ref, spec 5.4).</summary>
[StructLayout(LayoutKind.Explicit, Size = Size)]
public struct GnttabMapGrantRef
{
    /// <summary>sizeof on arm32.</summary>
    public const int Size = 32;
    /// <summary>host_addr (IN): guest-physical address with GNTMAP_host_map.</summary>
    [FieldOffset(0)] public ulong HostAddr;
    /// <summary>flags (IN): GNTMAP_*.</summary>
    [FieldOffset(8)] public uint Flags;
    /// <summary>ref (IN): grant reference.</summary>
    [FieldOffset(12)] public uint Ref;
    /// <summary>dom (IN): granting domain.</summary>
    [FieldOffset(16)] public ushort Dom;
    /// <summary>status (OUT): GNTST_*.</summary>
    [FieldOffset(18)] public short Status;
    /// <summary>handle (OUT): grant_handle_t.</summary>
    [FieldOffset(20)] public uint Handle;
    /// <summary>dev_bus_addr (OUT).</summary>
    [FieldOffset(24)] public ulong DevBusAddr;
}

/// <summary>struct gnttab_unmap_grant_ref (GNTTABOP_unmap_grant_ref).</summary>
[StructLayout(LayoutKind.Explicit, Size = Size)]
public struct GnttabUnmapGrantRef
{
    /// <summary>sizeof on arm32.</summary>
    public const int Size = 24;
    /// <summary>host_addr (IN; 0 = ignore).</summary>
    [FieldOffset(0)] public ulong HostAddr;
    /// <summary>dev_bus_addr (IN; 0 = ignore).</summary>
    [FieldOffset(8)] public ulong DevBusAddr;
    /// <summary>handle (IN).</summary>
    [FieldOffset(16)] public uint Handle;
    /// <summary>status (OUT): GNTST_*.</summary>
    [FieldOffset(20)] public short Status;
}

/// <summary>struct gnttab_setup_table (GNTTABOP_setup_table).</summary>
[StructLayout(LayoutKind.Explicit, Size = Size)]
public struct GnttabSetupTable
{
    /// <summary>sizeof on arm32.</summary>
    public const int Size = 24;
    /// <summary>dom (IN).</summary>
    [FieldOffset(0)] public ushort Dom;
    /// <summary>nr_frames (IN).</summary>
    [FieldOffset(4)] public uint NrFrames;
    /// <summary>status (OUT): GNTST_*.</summary>
    [FieldOffset(8)] public short Status;
    /// <summary>frame_list: guest handle (VA) of a xen_pfn_t array receiving frame numbers.</summary>
    [FieldOffset(16)] public ulong FrameList;
}

/// <summary>struct gnttab_dump_table (GNTTABOP_dump_table).</summary>
[StructLayout(LayoutKind.Explicit, Size = Size)]
public struct GnttabDumpTable
{
    /// <summary>sizeof on arm32.</summary>
    public const int Size = 4;
    /// <summary>dom (IN).</summary>
    [FieldOffset(0)] public ushort Dom;
    /// <summary>status (OUT).</summary>
    [FieldOffset(2)] public short Status;
}

/// <summary>struct gnttab_transfer (GNTTABOP_transfer, PV only).</summary>
[StructLayout(LayoutKind.Explicit, Size = Size)]
public struct GnttabTransfer
{
    /// <summary>sizeof on arm32.</summary>
    public const int Size = 24;
    /// <summary>mfn (xen_pfn_t).</summary>
    [FieldOffset(0)] public ulong Mfn;
    /// <summary>domid.</summary>
    [FieldOffset(8)] public ushort Domid;
    /// <summary>ref.</summary>
    [FieldOffset(12)] public uint Ref;
    /// <summary>status (OUT).</summary>
    [FieldOffset(16)] public short Status;
}

/// <summary>struct gnttab_copy_ptr: one side of a GNTTABOP_copy (16 bytes inside gnttab_copy).</summary>
[StructLayout(LayoutKind.Explicit, Size = Size)]
public struct GnttabCopyPtr
{
    /// <summary>sizeof on arm32 (the union's 8-byte alignment pads it).</summary>
    public const int Size = 16;
    /// <summary>u.ref: grant ref when the matching GNTCOPY_*_gref flag is set.</summary>
    [FieldOffset(0)] public uint URef;
    /// <summary>u.gmfn (xen_pfn_t): gfn otherwise.</summary>
    [FieldOffset(0)] public ulong UGmfn;
    /// <summary>domid.</summary>
    [FieldOffset(8)] public ushort Domid;
    /// <summary>offset: byte offset in the page.</summary>
    [FieldOffset(10)] public ushort Offset;
}

/// <summary>struct gnttab_copy (GNTTABOP_copy, spec 5.4).</summary>
[StructLayout(LayoutKind.Explicit, Size = Size)]
public struct GnttabCopy
{
    /// <summary>sizeof on arm32.</summary>
    public const int Size = 40;
    /// <summary>source.</summary>
    [FieldOffset(0)] public GnttabCopyPtr Source;
    /// <summary>dest.</summary>
    [FieldOffset(16)] public GnttabCopyPtr Dest;
    /// <summary>len: bytes to copy.</summary>
    [FieldOffset(32)] public ushort Len;
    /// <summary>flags: GNTCOPY_*.</summary>
    [FieldOffset(34)] public ushort Flags;
    /// <summary>status (OUT): GNTST_*.</summary>
    [FieldOffset(36)] public short Status;
}

/// <summary>struct gnttab_query_size (GNTTABOP_query_size).</summary>
[StructLayout(LayoutKind.Explicit, Size = Size)]
public struct GnttabQuerySize
{
    /// <summary>sizeof on arm32.</summary>
    public const int Size = 16;
    /// <summary>dom (IN).</summary>
    [FieldOffset(0)] public ushort Dom;
    /// <summary>nr_frames (OUT): current frames.</summary>
    [FieldOffset(4)] public uint NrFrames;
    /// <summary>max_nr_frames (OUT).</summary>
    [FieldOffset(8)] public uint MaxNrFrames;
    /// <summary>status (OUT).</summary>
    [FieldOffset(12)] public short Status;
}

/// <summary>struct gnttab_set_version (GNTTABOP_set_version).</summary>
[StructLayout(LayoutKind.Explicit, Size = Size)]
public struct GnttabSetVersion
{
    /// <summary>sizeof on arm32.</summary>
    public const int Size = 4;
    /// <summary>version (IN/OUT).</summary>
    [FieldOffset(0)] public uint Version;
}

/// <summary>struct gnttab_get_status_frames (GNTTABOP_get_status_frames, v2 only).</summary>
[StructLayout(LayoutKind.Explicit, Size = Size)]
public struct GnttabGetStatusFrames
{
    /// <summary>sizeof on arm32.</summary>
    public const int Size = 16;
    /// <summary>nr_frames (IN).</summary>
    [FieldOffset(0)] public uint NrFrames;
    /// <summary>dom (IN).</summary>
    [FieldOffset(4)] public ushort Dom;
    /// <summary>status (OUT).</summary>
    [FieldOffset(6)] public short Status;
    /// <summary>frame_list: guest handle of a uint64 array.</summary>
    [FieldOffset(8)] public ulong FrameList;
}

/// <summary>struct gnttab_get_version (GNTTABOP_get_version).</summary>
[StructLayout(LayoutKind.Explicit, Size = Size)]
public struct GnttabGetVersion
{
    /// <summary>sizeof on arm32.</summary>
    public const int Size = 8;
    /// <summary>dom (IN).</summary>
    [FieldOffset(0)] public ushort Dom;
    /// <summary>pad.</summary>
    [FieldOffset(2)] public ushort Pad;
    /// <summary>version (OUT).</summary>
    [FieldOffset(4)] public uint Version;
}

/// <summary>struct gnttab_swap_grant_ref (GNTTABOP_swap_grant_ref).</summary>
[StructLayout(LayoutKind.Explicit, Size = Size)]
public struct GnttabSwapGrantRef
{
    /// <summary>sizeof on arm32.</summary>
    public const int Size = 12;
    /// <summary>ref_a.</summary>
    [FieldOffset(0)] public uint RefA;
    /// <summary>ref_b.</summary>
    [FieldOffset(4)] public uint RefB;
    /// <summary>status (OUT).</summary>
    [FieldOffset(8)] public short Status;
}

/// <summary>struct gnttab_cache_flush (GNTTABOP_cache_flush).</summary>
[StructLayout(LayoutKind.Explicit, Size = Size)]
public struct GnttabCacheFlush
{
    /// <summary>sizeof on arm32.</summary>
    public const int Size = 16;
    /// <summary>a.dev_bus_addr.</summary>
    [FieldOffset(0)] public ulong ADevBusAddr;
    /// <summary>a.ref (with GNTTAB_CACHE_SOURCE_GREF).</summary>
    [FieldOffset(0)] public uint ARef;
    /// <summary>offset.</summary>
    [FieldOffset(8)] public ushort Offset;
    /// <summary>length.</summary>
    [FieldOffset(10)] public ushort Length;
    /// <summary>op: GNTTAB_CACHE_*.</summary>
    [FieldOffset(12)] public uint Op;
}
