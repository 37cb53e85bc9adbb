using System.Runtime.InteropServices;
using Xenith.Abi;
using Xenith.Toolstack.Block;

namespace Xenith.Toolstack.Tests.Block;

/// <summary>The backend's ring (spec 10.1) over plain memory playing the frontend's granted pages.</summary>
public sealed unsafe class BlkifBackRingTests : IDisposable
{
    private readonly List<nint> _pages = [];

    private BlkifBackRing Ring(int pages)
    {
        for (int i = 0; i < pages; i++)
            _pages.Add((nint)NativeMemory.AllocZeroed(4096));
        // SHARED_RING_INIT.
        Header(4) = 1;
        Header(12) = 1;
        return new BlkifBackRing(_pages);
    }

    private ref uint Header(int offset) => ref *(uint*)(_pages[0] + offset);

    /// <summary>The frontend writes request <paramref name="index"/> at its slot, across pages as the layout falls.</summary>
    private void Produce(uint index, ulong id, byte op = 0, uint size = 32)
    {
        var r = new BlkifRequest { Operation = op, NrSegments = 1, Id = id, SectorNumber = index };
        var bytes = MemoryMarshal.AsBytes(new ReadOnlySpan<BlkifRequest>(in r));
        int at = 64 + (int)(index & (size - 1)) * 112;
        for (int i = 0; i < bytes.Length; i++)
            ((byte*)_pages[(at + i) / 4096])[(at + i) % 4096] = bytes[i];
    }

    private BlkifResponse Response(uint index, uint size = 32)
    {
        var b = new byte[16];
        int at = 64 + (int)(index & (size - 1)) * 112;
        for (int i = 0; i < 16; i++)
            b[i] = ((byte*)_pages[(at + i) / 4096])[(at + i) % 4096];
        return MemoryMarshal.Read<BlkifResponse>(b);
    }

    [Fact]
    public void One_page_holds_32_entries_and_two_pages_64()
    {
        Assert.Equal(32u, Ring(1).Size);
        Dispose();
        Assert.Equal(64u, Ring(2).Size);
    }

    [Fact]
    public void Requests_are_copied_out_and_responses_land_in_their_slots_with_the_notify_rule()
    {
        var ring = Ring(1);
        for (uint i = 0; i < 3; i++)
            Produce(i, 100 + i);
        Header(0) = 3;
        var got = new List<BlkifRequest>();
        Assert.Equal(3, ring.TakeRequests(got));
        Assert.Equal([100ul, 101ul, 102ul], got.Select(r => r.Id));
        // A frontend that rewrites a slot after we took it changes nothing we hold.
        Produce(0, 999);
        Assert.Equal(100ul, got[0].Id);
        ring.PutResponse(got[0].Id, 0, BlkifRsp.Okay);
        ring.PutResponse(got[1].Id, 1, BlkifRsp.Error);
        // rsp_event = 1: the first response asks for an event.
        Assert.True(ring.PushResponses());
        Assert.Equal(2u, Header(8));
        Assert.Equal(100ul, Response(0).Id);
        Assert.Equal((short)BlkifRsp.Error, Response(1).Status);
        Assert.Equal(1, Response(1).Operation);
        // The frontend has not moved rsp_event past 1: no event for the third.
        ring.PutResponse(got[2].Id, 0, BlkifRsp.Okay);
        Assert.False(ring.PushResponses());
        Header(12) = 4;
        ring.PutResponse(7, 0, BlkifRsp.Okay);
        Assert.True(ring.PushResponses());
    }

    [Fact]
    public void Entries_that_straddle_a_page_boundary_are_read_and_written_whole()
    {
        var ring = Ring(2);
        // Entry 36 is at 64 + 36 * 112 = 4096: entry 35 straddles (4032..4144).
        for (uint i = 0; i < 36; i++)
            Produce(i, 1000 + i, size: 64);
        Header(0) = 36;
        var got = new List<BlkifRequest>();
        ring.TakeRequests(got);
        Assert.Equal(1035ul, got[35].Id);
        Assert.Equal(35ul, got[35].SectorNumber);
        for (int i = 0; i < 36; i++)
            ring.PutResponse(got[i].Id, 0, BlkifRsp.Okay);
        ring.PushResponses();
        Assert.Equal(1035ul, Response(35, size: 64).Id);
    }

    [Fact]
    public void Requests_are_taken_up_to_the_free_response_slots_and_one_more_overflows()
    {
        var ring = Ring(1);
        for (uint i = 0; i < 32; i++)
            Produce(i, i);
        Header(0) = 32;
        var got = new List<BlkifRequest>();
        Assert.Equal(32, ring.TakeRequests(got));
        Assert.Equal(0, ring.TakeRequests(got));
        // Eight answered (not yet pushed): their slots take the next eight, and the ring is full again.
        for (int i = 0; i < 8; i++)
            ring.PutResponse((ulong)i, 0, BlkifRsp.Okay);
        for (uint i = 32; i < 40; i++)
            Produce(i, i);
        Header(0) = 40;
        Assert.Equal(8, ring.TakeRequests(got));
        Assert.Equal(39ul, got[^1].Id);
        Assert.False(ring.Overflowed);
        // One more than the responses free is a frontend overrunning its ring.
        Header(0) = 41;
        Assert.Equal(0, ring.TakeRequests(got));
        Assert.True(ring.Overflowed);
    }

    [Theory]
    [InlineData(33u)]
    [InlineData(0x8000_0000u)]
    [InlineData(uint.MaxValue)]
    public void A_req_prod_more_than_a_ring_ahead_overflows_the_ring_and_nothing_is_taken(uint prod)
    {
        var ring = Ring(1);
        Header(0) = prod;
        var got = new List<BlkifRequest>();
        Assert.Equal(0, ring.TakeRequests(got));
        Assert.True(ring.Overflowed);
        Assert.Empty(got);
        Header(0) = 1;
        Assert.Equal(0, ring.TakeRequests(got));
        Assert.False(ring.FinalCheckForRequests());
    }

    [Fact]
    public void The_final_check_asks_for_the_next_request_and_sees_one_produced_meanwhile()
    {
        var ring = Ring(1);
        Assert.False(ring.FinalCheckForRequests());
        Assert.Equal(1u, Header(4));
        Produce(0, 5);
        Header(0) = 1;
        Assert.True(ring.FinalCheckForRequests());
        var got = new List<BlkifRequest>();
        ring.TakeRequests(got);
        Assert.False(ring.FinalCheckForRequests());
        Assert.Equal(2u, Header(4));
    }

    public void Dispose()
    {
        foreach (nint p in _pages)
            NativeMemory.Free((void*)p);
        _pages.Clear();
    }
}
