using Xenith.Abi;

namespace Xenith.Toolstack.Block;

/// <summary>One data segment of a request: a granted page, and the bytes of it the request moves.</summary>
internal readonly record struct BlockSegment(uint Gref, int PageOffset, int Length);

/// <summary>
/// A blkif request after validation (the ring's copy, never the shared entry): what to do, where on the disk, and
/// which granted bytes hold or receive the data, consecutive on disk from <see cref="Offset"/>.
/// </summary>
internal sealed class BlockRequest
{
    private BlockRequest(BlkifOp op, ulong id, ulong offset, BlockSegment[] segments)
    {
        Op = op;
        Id = id;
        Offset = offset;
        Segments = segments;
        Bytes = segments.Sum(s => s.Length);
    }

    public BlkifOp Op { get; }
    public ulong Id { get; }
    /// <summary>Byte offset in the image (sector_number × 512).</summary>
    public ulong Offset { get; }
    public BlockSegment[] Segments { get; }
    public int Bytes { get; }

    /// <summary>The data, once copied from the frontend (writes) or read from the image (reads).</summary>
    public byte[]? Data { get; set; }

    /// <summary>The operations that move data from the frontend to the disk.</summary>
    public bool Writes => Op is BlkifOp.Write or BlkifOp.WriteBarrier or BlkifOp.FlushDiskcache;

    /// <summary>
    /// Checks a copied request as blkback does before touching anything: an operation this backend does not serve
    /// gets EOPNOTSUPP; a non-read on a read-only disk, a segment count outside 1..11 (0..11 for flush and barrier),
    /// a segment whose first_sect is after last_sect or whose last_sect is past the page, and a range past the end
    /// of the disk get ERROR. On OKAY, <paramref name="request"/> is set.
    /// </summary>
    public static BlkifRsp Parse(in BlkifRequest r, ulong diskSectors, bool readOnly, out BlockRequest? request)
    {
        request = null;
        var op = (BlkifOp)r.Operation;
        if (op is not (BlkifOp.Read or BlkifOp.Write or BlkifOp.WriteBarrier or BlkifOp.FlushDiskcache))
            return BlkifRsp.EOpNotSupp;
        if (readOnly && op != BlkifOp.Read)
            return BlkifRsp.Error;
        int n = r.NrSegments;
        int min = op is BlkifOp.Read or BlkifOp.Write ? 1 : 0;
        if (n < min || n > Blkif.MaxSegmentsPerRequest)
            return BlkifRsp.Error;
        const int SectorsPerPage = 4096 / Blkif.SectorSize;
        var segments = new BlockSegment[n];
        ulong sectors = 0;
        for (int i = 0; i < n; i++)
        {
            BlkifRequestSegment s = r.Seg[i];
            if (s.FirstSect > s.LastSect || s.LastSect >= SectorsPerPage)
                return BlkifRsp.Error;
            int count = s.LastSect - s.FirstSect + 1;
            segments[i] = new BlockSegment(s.Gref, s.FirstSect * Blkif.SectorSize, count * Blkif.SectorSize);
            sectors += (ulong)count;
        }
        // Written so that a sector_number near 2^64 cannot wrap past the check.
        if (n != 0 && (r.SectorNumber > diskSectors || sectors > diskSectors - r.SectorNumber))
            return BlkifRsp.Error;
        request = new BlockRequest(op, r.Id, n == 0 ? 0 : r.SectorNumber * Blkif.SectorSize, segments);
        return BlkifRsp.Okay;
    }
}
