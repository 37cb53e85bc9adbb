using Xenith.Abi;
using Xenith.Toolstack.Block;

namespace Xenith.Toolstack.Tests.Block;

/// <summary>blkback's checks of a copied request (spec 10.2), including what a hostile frontend can put there.</summary>
public class BlockRequestTests
{
    private const ulong Sectors = 256;

    private static BlkifRequest Request(BlkifOp op, ulong sector, params (uint Gref, byte First, byte Last)[] segs)
    {
        var r = new BlkifRequest { Operation = (byte)op, NrSegments = (byte)segs.Length, Id = 0x1122334455667788, SectorNumber = sector };
        for (int i = 0; i < segs.Length; i++)
            r.Seg[i] = new BlkifRequestSegment { Gref = segs[i].Gref, FirstSect = segs[i].First, LastSect = segs[i].Last };
        return r;
    }

    [Fact]
    public void A_read_of_partial_segments_gives_page_offsets_lengths_and_the_byte_offset_on_disk()
    {
        var r = Request(BlkifOp.Read, 10, (5, 3, 5), (6, 0, 7), (7, 7, 7));
        Assert.Equal(BlkifRsp.Okay, BlockRequest.Parse(r, Sectors, readOnly: false, out var p));
        Assert.Equal(10ul * 512, p!.Offset);
        Assert.Equal([new BlockSegment(5, 1536, 1536), new BlockSegment(6, 0, 4096), new BlockSegment(7, 3584, 512)], p.Segments);
        Assert.Equal(12 * 512, p.Bytes);
        Assert.Equal(0x1122334455667788ul, p.Id);
        Assert.False(p.Writes);
    }

    [Fact]
    public void The_last_sectors_of_the_disk_are_in_range_and_one_more_is_not()
    {
        Assert.Equal(BlkifRsp.Okay, BlockRequest.Parse(Request(BlkifOp.Write, Sectors - 8, (1, 0, 7)), Sectors, false, out _));
        Assert.Equal(BlkifRsp.Error, BlockRequest.Parse(Request(BlkifOp.Write, Sectors - 7, (1, 0, 7)), Sectors, false, out _));
        Assert.Equal(BlkifRsp.Error, BlockRequest.Parse(Request(BlkifOp.Read, Sectors, (1, 0, 0)), Sectors, false, out _));
    }

    [Theory]
    [InlineData(ulong.MaxValue)]
    [InlineData(ulong.MaxValue - 7)]
    [InlineData(1ul << 63)]
    [InlineData(ulong.MaxValue / 512 + 1)]
    public void A_sector_number_that_would_wrap_is_an_error(ulong sector)
    {
        Assert.Equal(BlkifRsp.Error, BlockRequest.Parse(Request(BlkifOp.Read, sector, (1, 0, 7)), Sectors, false, out var p));
        Assert.Null(p);
    }

    [Theory]
    [InlineData(5, 4)]
    [InlineData(0, 8)]
    [InlineData(8, 8)]
    [InlineData(255, 255)]
    public void A_segment_outside_its_page_or_backwards_is_an_error(byte first, byte last) =>
        Assert.Equal(BlkifRsp.Error, BlockRequest.Parse(Request(BlkifOp.Read, 0, (1, 0, 7), (2, first, last)), Sectors, false, out _));

    [Theory]
    [InlineData(BlkifOp.Read, 0, BlkifRsp.Error)]
    [InlineData(BlkifOp.Write, 0, BlkifRsp.Error)]
    [InlineData(BlkifOp.Read, 12, BlkifRsp.Error)]
    [InlineData(BlkifOp.Write, 255, BlkifRsp.Error)]
    [InlineData(BlkifOp.FlushDiskcache, 0, BlkifRsp.Okay)]
    [InlineData(BlkifOp.WriteBarrier, 0, BlkifRsp.Okay)]
    [InlineData(BlkifOp.FlushDiskcache, 12, BlkifRsp.Error)]
    [InlineData(BlkifOp.Read, 11, BlkifRsp.Okay)]
    public void Segment_counts_are_checked_per_operation(BlkifOp op, byte count, BlkifRsp want)
    {
        // The segment array holds 11: a count above that must be refused before any entry is read past it.
        var r = Request(op, 0, Enumerable.Repeat((1u, (byte)0, (byte)0), Math.Min((int)count, 11)).ToArray());
        r.NrSegments = count;
        Assert.Equal(want, BlockRequest.Parse(r, Sectors, false, out _));
    }

    [Theory]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(0xff)]
    public void Operations_not_served_are_eopnotsupp(byte op)
    {
        var r = Request(BlkifOp.Read, 0, (1, 0, 0));
        r.Operation = op;
        Assert.Equal(BlkifRsp.EOpNotSupp, BlockRequest.Parse(r, Sectors, false, out _));
    }

    [Theory]
    [InlineData(BlkifOp.Write)]
    [InlineData(BlkifOp.WriteBarrier)]
    [InlineData(BlkifOp.FlushDiskcache)]
    public void A_read_only_disk_refuses_everything_but_reads(BlkifOp op)
    {
        Assert.Equal(BlkifRsp.Error, BlockRequest.Parse(Request(op, 0, (1, 0, 0)), Sectors, readOnly: true, out _));
        Assert.Equal(BlkifRsp.Okay, BlockRequest.Parse(Request(BlkifOp.Read, 0, (1, 0, 0)), Sectors, readOnly: true, out _));
    }

    [Fact]
    public void A_pure_flush_ignores_its_sector_number()
    {
        Assert.Equal(BlkifRsp.Okay, BlockRequest.Parse(Request(BlkifOp.FlushDiskcache, ulong.MaxValue), Sectors, false, out var p));
        Assert.Equal(0, p!.Bytes);
        Assert.True(p.Writes);
    }
}
