using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Xenith.Abi;

/// <summary>blkif operations (BLKIF_OP_*, spec 10.2).</summary>
public enum BlkifOp : byte
{
    /// <summary>BLKIF_OP_READ.</summary>
    Read = 0,
    /// <summary>BLKIF_OP_WRITE.</summary>
    Write = 1,
    /// <summary>BLKIF_OP_WRITE_BARRIER.</summary>
    WriteBarrier = 2,
    /// <summary>BLKIF_OP_FLUSH_DISKCACHE.</summary>
    FlushDiskcache = 3,
    /// <summary>BLKIF_OP_RESERVED_1.</summary>
    Reserved1 = 4,
    /// <summary>BLKIF_OP_DISCARD.</summary>
    Discard = 5,
    /// <summary>BLKIF_OP_INDIRECT.</summary>
    Indirect = 6,
}

/// <summary>blkif response status (BLKIF_RSP_*, int16).</summary>
public enum BlkifRsp : short
{
    /// <summary>BLKIF_RSP_OKAY.</summary>
    Okay = 0,
    /// <summary>BLKIF_RSP_ERROR.</summary>
    Error = -1,
    /// <summary>BLKIF_RSP_EOPNOTSUPP.</summary>
    EOpNotSupp = -2,
}

/// <summary>blkif constants (spec 10.2).</summary>
public static class Blkif
{
    /// <summary>BLKIF_MAX_SEGMENTS_PER_REQUEST.</summary>
    public const int MaxSegmentsPerRequest = 11;
    /// <summary>BLKIF_MAX_INDIRECT_PAGES_PER_REQUEST.</summary>
    public const int MaxIndirectPagesPerRequest = 8;
    /// <summary>blkif_request_segment entries per indirect page (4096 / 8).</summary>
    public const int SegmentsPerIndirectFrame = 512;
    /// <summary>Sector unit of sector_number, first_sect, last_sect.</summary>
    public const int SectorSize = 512;
    /// <summary>Ring entries in one page (entry = 112-byte request).</summary>
    public const int RingEntriesOnePage = 32;
    /// <summary>BLKIF_DISCARD_SECURE flag of a discard request.</summary>
    public const byte DiscardSecure = 1;
    /// <summary>VDISK_CDROM bit of the backend info key.</summary>
    public const uint VdiskCdrom = 1;
    /// <summary>VDISK_REMOVABLE.</summary>
    public const uint VdiskRemovable = 2;
    /// <summary>VDISK_READONLY.</summary>
    public const uint VdiskReadonly = 4;
    /// <summary>XEN_IO_PROTO_ABI_ARM: the protocol key value of an ARM frontend.</summary>
    public const string ProtocolArm = "arm-abi";
}

/// <summary>struct blkif_request_segment.</summary>
[StructLayout(LayoutKind.Explicit, Size = Size)]
public struct BlkifRequestSegment
{
    /// <summary>sizeof.</summary>
    public const int Size = 8;
    /// <summary>gref: grant ref of a 4 KiB data page.</summary>
    [FieldOffset(0)] public uint Gref;
    /// <summary>first_sect: first 512-byte sector in the page.</summary>
    [FieldOffset(4)] public byte FirstSect;
    /// <summary>last_sect: last sector, inclusive.</summary>
    [FieldOffset(5)] public byte LastSect;
}

/// <summary>seg[BLKIF_MAX_SEGMENTS_PER_REQUEST] of a blkif_request.</summary>
[InlineArray(Blkif.MaxSegmentsPerRequest)]
public struct BlkifSegmentArray
{
    private BlkifRequestSegment _element0;
}

/// <summary>struct blkif_request (READ, WRITE, WRITE_BARRIER, FLUSH_DISKCACHE; spec 10.2).</summary>
[StructLayout(LayoutKind.Explicit, Size = Size)]
public struct BlkifRequest
{
    /// <summary>sizeof on arm32.</summary>
    public const int Size = 112;
    /// <summary>operation: BLKIF_OP_*.</summary>
    [FieldOffset(0)] public byte Operation;
    /// <summary>nr_segments (0..11).</summary>
    [FieldOffset(1)] public byte NrSegments;
    /// <summary>handle (blkif_vdev_t).</summary>
    [FieldOffset(2)] public ushort Handle;
    /// <summary>id: echoed in the response.</summary>
    [FieldOffset(8)] public ulong Id;
    /// <summary>sector_number (512-byte units).</summary>
    [FieldOffset(16)] public ulong SectorNumber;
    /// <summary>seg[11].</summary>
    [FieldOffset(24)] public BlkifSegmentArray Seg;
}

/// <summary>struct blkif_request_discard (BLKIF_OP_DISCARD).</summary>
[StructLayout(LayoutKind.Explicit, Size = Size)]
public struct BlkifRequestDiscard
{
    /// <summary>sizeof on arm32.</summary>
    public const int Size = 32;
    /// <summary>operation.</summary>
    [FieldOffset(0)] public byte Operation;
    /// <summary>flag: BLKIF_DISCARD_SECURE.</summary>
    [FieldOffset(1)] public byte Flag;
    /// <summary>handle.</summary>
    [FieldOffset(2)] public ushort Handle;
    /// <summary>id.</summary>
    [FieldOffset(8)] public ulong Id;
    /// <summary>sector_number.</summary>
    [FieldOffset(16)] public ulong SectorNumber;
    /// <summary>nr_sectors.</summary>
    [FieldOffset(24)] public ulong NrSectors;
}

/// <summary>struct blkif_request_indirect (BLKIF_OP_INDIRECT).</summary>
[StructLayout(LayoutKind.Explicit, Size = Size)]
public unsafe struct BlkifRequestIndirect
{
    /// <summary>sizeof on arm32.</summary>
    public const int Size = 64;
    /// <summary>operation (= BLKIF_OP_INDIRECT).</summary>
    [FieldOffset(0)] public byte Operation;
    /// <summary>indirect_op: READ or WRITE.</summary>
    [FieldOffset(1)] public byte IndirectOp;
    /// <summary>nr_segments: total segments.</summary>
    [FieldOffset(2)] public ushort NrSegments;
    /// <summary>id.</summary>
    [FieldOffset(8)] public ulong Id;
    /// <summary>sector_number.</summary>
    [FieldOffset(16)] public ulong SectorNumber;
    /// <summary>handle.</summary>
    [FieldOffset(24)] public ushort Handle;
    /// <summary>indirect_grefs[8].</summary>
    [FieldOffset(28)] public fixed uint IndirectGrefs[Blkif.MaxIndirectPagesPerRequest];
}

/// <summary>struct blkif_response.</summary>
[StructLayout(LayoutKind.Explicit, Size = Size)]
public struct BlkifResponse
{
    /// <summary>sizeof on arm32.</summary>
    public const int Size = 16;
    /// <summary>id: copied from the request.</summary>
    [FieldOffset(0)] public ulong Id;
    /// <summary>operation: copied from the request.</summary>
    [FieldOffset(8)] public byte Operation;
    /// <summary>status: BLKIF_RSP_*.</summary>
    [FieldOffset(10)] public short Status;
}
