using Xenith.Toolstack.Vchan;

namespace Xenith.Toolstack.Tests.Vchan;

/// <summary>Peers that stop: the other end must end with EOF or a clear error, never hang. The 30 s timeouts only
/// turn a hang into a failure; nothing here measures time.</summary>
public class VchanLivenessTests
{
    private static readonly VchanOptions Guarded = new() { PollInterval = TimeSpan.FromMilliseconds(20), Timeout = TimeSpan.FromSeconds(30) };

    private const int Written = 100_000;

    /// <summary>The client writes Written bytes of the stream and stops without closing; returns what the server read.</summary>
    private static (long Received, long Errors, VchanEndpoint Server) ReadUntilEof(VchanPair pair, Action stopWriter)
    {
        long received = 0, errors = 0;
        var reader = TestThread.Start(() =>
        {
            var check = new Xorshift32Stream(5);
            var buffer = new byte[3000];
            for (int n; (n = pair.Server.Read(buffer)) > 0;)
            {
                errors += check.Verify(buffer.AsSpan(0, n), out _);
                received += n;
            }
        });
        var writer = TestThread.Start(() =>
        {
            var data = new byte[Written];
            new Xorshift32Stream(5).Fill(data);
            pair.Client.Write(data);
        });
        writer.Join();
        stopWriter();
        reader.Join();
        return (received, errors, pair.Server);
    }

    [Fact]
    public void A_writer_killed_mid_stream_leaves_the_reader_with_its_data_then_EOF()
    {
        using var pair = VchanPair.Create(12, 11, Guarded);
        var (received, errors, server) = ReadUntilEof(pair, pair.KillClient);
        Assert.Equal(Written, received);
        Assert.Equal(0, errors);
        Assert.True(server.EndOfStream);
        Assert.False(server.IsOpen);
        Assert.False(server.PeerVanished);
        Assert.Equal(0, pair.Control.CliLive);
        Assert.Equal(1, pair.Control.SrvLive);
    }

    [Fact]
    public void A_writer_that_vanishes_without_a_word_gives_EOF_too()
    {
        using var pair = VchanPair.Create(12, 11, Guarded);
        var (received, errors, server) = ReadUntilEof(pair, pair.VanishClient);
        Assert.Equal(Written, received);
        Assert.Equal(0, errors);
        Assert.True(server.PeerVanished);
        Assert.True(server.EndOfStream);
        Assert.Equal(1, pair.Control.CliLive);
    }

    [Fact]
    public void A_writer_that_closes_gives_EOF_after_its_data()
    {
        using var pair = VchanPair.Create(12, 11, Guarded);
        var (received, errors, server) = ReadUntilEof(pair, pair.Client.Close);
        Assert.Equal(Written, received);
        Assert.Equal(0, errors);
        Assert.True(server.EndOfStream);
        Assert.Equal(0, server.Read(new byte[1]));
    }

    [Fact]
    public void A_reader_that_closes_fails_the_blocked_writer_cleanly()
    {
        using var pair = VchanPair.Create(12, 11, Guarded);
        VchanClosedException? failure = null;
        var writer = TestThread.Start(() => failure = Assert.Throws<VchanClosedException>(() => pair.Client.Write(new byte[1 << 20])));
        var buffer = new byte[1000];
        long read = 0;
        while (read < 10_000)
            read += pair.Server.Read(buffer.AsSpan(0, (int)Math.Min(buffer.Length, 10_000 - read)));
        pair.Server.Close();
        writer.Join();

        Assert.NotNull(failure);
        Assert.InRange(failure.BytesTransferred, 10_000, 10_000 + 4096);
        Assert.Equal($"vchan peer closed after {failure.BytesTransferred} of 1048576 bytes were written", failure.Message);
        Assert.Equal(0, pair.Control.SrvLive);
        Assert.False(pair.Client.IsOpen);
        var again = Assert.Throws<VchanClosedException>(() => pair.Client.Write(new byte[1]));
        Assert.Equal("vchan peer has closed", again.Message);
        var closedHere = Assert.Throws<VchanClosedException>(() => pair.Server.Read(buffer));
        Assert.Equal("this vchan end is closed", closedHere.Message);
    }

    [Fact]
    public void A_killed_server_ends_the_clients_read_and_recv()
    {
        using var pair = VchanPair.Create(12, 11, Guarded);
        Assert.Equal(3, pair.Server.Write("bye"u8));
        pair.KillServer();
        var got = new byte[8];
        Assert.Equal(3, pair.Client.Read(got));
        Assert.Equal(0, pair.Client.Read(got));
        Assert.True(pair.Client.EndOfStream);
        var ex = Assert.Throws<VchanClosedException>(() => pair.Client.Recv(got));
        Assert.Equal("vchan peer closed with fewer than 8 bytes left to read", ex.Message);
    }

    [Fact]
    public void A_persistent_server_stays_open_when_its_client_leaves()
    {
        using var pair = VchanPair.Create(12, 11, Guarded with { Blocking = false });
        pair.Server.ServerPersist = true;
        pair.KillClient();
        Assert.True(pair.Server.IsOpen);
        Assert.Equal(2, pair.Server.Write("ok"u8));
    }

    [Fact]
    public void A_blocking_read_with_a_live_but_silent_peer_times_out()
    {
        using var pair = VchanPair.Create(12, 11, new VchanOptions { PollInterval = TimeSpan.FromMilliseconds(5), Timeout = TimeSpan.FromMilliseconds(50) });
        var ex = Assert.Throws<TimeoutException>(() => pair.Server.Read(new byte[4]));
        Assert.Equal("vchan server waited longer than 50 ms", ex.Message);
    }

    [Fact]
    public void A_blocking_read_can_be_cancelled()
    {
        using var pair = VchanPair.Create(12, 11, Guarded);
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.Throws<OperationCanceledException>(() => pair.Server.Read(new byte[4], cts.Token));
        Assert.True(pair.Server.IsOpen);
    }
}
