using Xenith.Toolstack.Vchan;

namespace Xenith.Toolstack.Tests.Vchan;

public class VchanRingTests
{
    private static VchanPair NonBlockingPair(int leftOrder, int rightOrder) =>
        VchanPair.Create(leftOrder, rightOrder, new VchanOptions { Blocking = false });

    private static int OtherOrder(int order) => order == 11 ? 10 : 11;

    [Theory]
    [InlineData(10)]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    [InlineData(14)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(18)]
    [InlineData(19)]
    [InlineData(20)]
    public void Data_wraps_around_the_ring_end_and_the_index_overflow(int order)
    {
        using var pair = NonBlockingPair(order, OtherOrder(order));
        int size = 1 << order;
        // Free-running indices start just below 2^32 so this pass also crosses the uint32 wrap.
        uint start = uint.MaxValue - (uint)size / 2 + 1;
        pair.Control.LeftCons = start;
        pair.Control.LeftProd = start;
        var stream = new Xorshift32Stream(7);
        var check = new Xorshift32Stream(7);
        var data = new byte[size];
        var got = new byte[size];

        // Fill the ring exactly: its first half sits at the end of the buffer, the second half at the start.
        stream.Fill(data);
        Assert.Equal(size, pair.Client.Write(data));
        Assert.Equal(0, pair.Client.BufferSpace);
        Assert.Equal(0, pair.Client.Write(data.AsSpan(0, 1)));
        Assert.Equal(size, pair.Server.DataReady);
        Assert.Equal(size, pair.Server.Read(got));
        Assert.Equal(0, check.Verify(got, out _));
        Assert.Equal(start + (uint)size, pair.Control.LeftProd);
        Assert.Equal(start + (uint)size, pair.Control.LeftCons);

        // Odd-sized pieces so copies split at page boundaries and at the ring end at every offset pattern.
        int moved = 0;
        for (int piece = 1; moved < 3 * size; piece = piece * 7 % (size - 1) + 1)
        {
            stream.Fill(data.AsSpan(0, piece));
            Assert.Equal(piece, pair.Client.Write(data.AsSpan(0, piece)));
            Assert.Equal(piece, pair.Server.Read(got.AsSpan(0, piece)));
            Assert.Equal(0, check.Verify(got.AsSpan(0, piece), out long first));
            Assert.Equal(-1, first);
            moved += piece;
        }
        Assert.Equal(0, pair.Server.DataReady);
    }

    [Fact]
    public void Right_ring_carries_server_to_client()
    {
        using var pair = NonBlockingPair(12, 11);
        Assert.Equal(5, pair.Server.Write("hello"u8));
        Assert.Equal(5u, pair.Control.RightProd);
        Assert.Equal(0u, pair.Control.LeftProd);
        var got = new byte[16];
        Assert.Equal(5, pair.Client.Read(got));
        Assert.Equal("hello"u8.ToArray(), got[..5]);
        Assert.Equal(5u, pair.Control.RightCons);
    }

    [Fact]
    public void Non_blocking_write_and_read_move_what_fits()
    {
        using var pair = NonBlockingPair(10, 11);
        var data = Enumerable.Range(0, 1500).Select(i => (byte)i).ToArray();
        Assert.Equal(1024, pair.Client.WriteRingSize);
        Assert.Equal(1024, pair.Client.Write(data));
        Assert.Equal(0, pair.Client.Write(data.AsSpan(1024)));
        Assert.Equal(0, pair.Client.Send(data.AsSpan(0, 1)));

        var got = new byte[1000];
        Assert.Equal(600, pair.Server.Read(got.AsSpan(0, 600)));
        Assert.Equal(data[..600], got[..600]);
        Assert.Equal(600, pair.Client.BufferSpace);
        Assert.Equal(0, pair.Client.Send(new byte[601]));
        Assert.Equal(476, pair.Client.Write(data.AsSpan(1024)));
        Assert.Equal(0, pair.Server.Recv(new byte[1025]));
        Assert.Equal(124, pair.Client.BufferSpace);
        Assert.Equal(900, pair.Server.Read(got));
        Assert.Equal(data[600..1500], got[..900]);
        Assert.Equal(0, pair.Server.Read(got));
        Assert.False(pair.Server.EndOfStream);
    }

    [Fact]
    public void Indices_claiming_more_than_the_ring_are_a_protocol_error()
    {
        using var pair = NonBlockingPair(10, 11);
        pair.Control.LeftProd = 5000;
        var ex = Assert.Throws<VchanProtocolException>(() => pair.Server.Read(new byte[16]));
        Assert.Equal("vchan Left ring claims 5000 bytes ready in a 1024-byte ring", ex.Message);
        pair.Control.RightCons = 3000;
        var ex2 = Assert.Throws<VchanProtocolException>(() => pair.Server.Write(new byte[16]));
        Assert.Equal("vchan Right ring claims 4294964296 bytes in flight in a 2048-byte ring", ex2.Message);
    }
}
