using Xenith.Toolstack.Vchan;

namespace Xenith.Toolstack.Tests.Vchan;

public class VchanTransferTests
{
    private const long SixteenMiB = 16L << 20;

    [Theory]
    [InlineData(10)]
    [InlineData(12)]
    [InlineData(16)]
    [InlineData(20)]
    public void Sixteen_MiB_arrive_with_every_byte_checked(int order)
    {
        VchanTransferResult r = NativeBaseline.Run(SixteenMiB, order, seed: 0x1234567);
        Assert.Equal(SixteenMiB, r.Bytes);
        Assert.Equal(SixteenMiB, r.Received);
        Assert.Equal(0, r.Errors);
        Assert.Equal(-1, r.FirstErrorOffset);
        Assert.Equal(100.0, r.CorrectPercent);
    }

    [Fact]
    public void A_flipped_byte_in_flight_is_caught_at_its_offset()
    {
        VchanTransferResult r = NativeBaseline.Run(SixteenMiB, 14, seed: 99, corruptAt: 12_345_678);
        Assert.Equal(SixteenMiB, r.Received);
        Assert.Equal(1, r.Errors);
        Assert.Equal(12_345_678, r.FirstErrorOffset);
        Assert.True(r.CorrectPercent < 100.0);
    }

    [Fact]
    public void The_stream_is_the_guests_xorshift32_words()
    {
        var s = new Xorshift32Stream(1);
        var bytes = new byte[9];
        s.Fill(bytes.AsSpan(0, 3));
        s.Fill(bytes.AsSpan(3));
        // xorshift32(1) = 0x00042021, then 0x04080601, then 0x9dcca8c5 (little-endian words).
        Assert.Equal(new byte[] { 0x21, 0x20, 0x04, 0x00, 0x01, 0x06, 0x08, 0x04, 0xc5 }, bytes);
        Assert.Equal(0x00042021u, Xorshift32Stream.Next(1));
        Assert.Equal(0x04080601u, Xorshift32Stream.Next(0x00042021));
        Assert.Equal(0x9dcca8c5u, Xorshift32Stream.Next(0x04080601));
    }

    [Fact]
    public void Ping_pong_echoes_every_message()
    {
        VchanLatencyResult r = NativeBaseline.PingPong(200, 64);
        Assert.Equal(200, r.RoundTrips);
        Assert.Equal(64, r.MessageSize);
        Assert.True(r.MeanMicroseconds > 0);
    }

    [Fact]
    public void Memcpy_baseline_copies_what_it_claims()
    {
        VchanTransferResult r = NativeBaseline.Memcpy(20L << 20);
        Assert.Equal(20L << 20, r.Received);
        Assert.Equal(0, r.Errors);
        Assert.Equal(100.0, r.CorrectPercent);
    }
}
