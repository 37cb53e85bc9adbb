using System.Text.RegularExpressions;
using Xenith.Rpc;
using Xenith.Toolstack.Vchan;
using Xenith.XenStore;
using Xunit.Abstractions;

namespace Xenith.Toolstack.Tests.Domains;

/// <summary>
/// Issue 6's vchan paths end to end: the guest SDK's libxenvchan (guest/xen/lib/vchan.c) between two domUs, and
/// domain 0's C# end (Toolstack.Vchan) against a domU, with the transfer programs checking every byte.
/// </summary>
public class VchanTransferTests(ITestOutputHelper output)
{
    private const int Bytes16M = 16 << 20;
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(240);

    /// <summary>Every hypervisor log line of the run, thread-safe.</summary>
    private sealed class LogTap
    {
        private readonly List<string> _lines = [];

        public LogTap(Toolstack ts) => ts.HypervisorLog += l => { lock (_lines) _lines.Add(l); };

        public string Text
        {
            get
            {
                lock (_lines)
                    return string.Join('\n', _lines);
            }
        }

        /// <summary>Waits (bounded) for a line matching pattern; returns the whole log either way.</summary>
        public string WaitFor(string pattern, TimeSpan guard)
        {
            var end = DateTime.UtcNow + guard;
            while (!Regex.IsMatch(Text, pattern) && DateTime.UtcNow < end)
                Thread.Sleep(50);
            return Text;
        }
    }

    /// <summary>The measurement lines, for the run's output (nothing is asserted on their values).</summary>
    private void Report(string log)
    {
        foreach (string line in log.Split('\n').Where(l => l.Contains("# vchan.", StringComparison.Ordinal)))
            output.WriteLine(line);
    }

    private static string Cmdline(string args) => $"extra = \"{args}\"\non_crash = \"preserve\"\n";

    private static async Task<DomainEvent> Ended(Toolstack ts, uint domid) =>
        await ts.WaitForDomainAsync(domid, untilDeath: false, CancellationToken.None).WaitAsync(Guard);

    /// <summary>Sender (server) in d1, receiver (client) in d2; both run to the end.</summary>
    private static async Task<string> DomUPair(ToolstackHost host, string sendArgs, string recvArgs)
    {
        var ts = host.Toolstack;
        var log = new LogTap(ts);
        var send = host.CreatePaused(host.Config("vsend", "vchan_send", Cmdline($"vchan.peer=2 {sendArgs}")));
        var recv = host.CreatePaused(host.Config("vrecv", "vchan_recv", Cmdline($"vchan.peer=1 {recvArgs}")));
        Assert.Equal((1u, 2u), (send.DomId, recv.DomId));
        var sendEnd = ts.WaitForDomainAsync(send.DomId, untilDeath: false, CancellationToken.None);
        var recvEnd = ts.WaitForDomainAsync(recv.DomId, untilDeath: false, CancellationToken.None);
        ts.Unpause(send.DomId);
        ts.Unpause(recv.DomId);
        var ends = await Task.WhenAll(sendEnd, recvEnd).WaitAsync(Guard);
        string all = log.Text;
        Assert.All(ends, e => Assert.Equal(ShutdownReason.Poweroff, e.Reason));
        return all;
    }

    [Fact]
    public async Task A_writer_waits_out_a_reader_paused_for_a_second()
    {
        // Regression: the wait bound counted poll slices, and SCHEDOP_poll's absolute timeout (Xen system time, which
        // a domU on ARM only estimates) could already be past, so slices ended at once and a writer whose reader was
        // off its pCPU for a moment gave up. The bound is guest time now.
        // 64 MiB: the reader is still reading when the test pauses it (16 MiB could be over before the pause).
        const int Bytes64M = 64 << 20;
        using var host = new ToolstackHost();
        var ts = host.Toolstack;
        var log = new LogTap(ts);
        // Boot-time offset between the guest's counter and Xen system time, as for any domain created later.
        await Task.Delay(500);
        var send = host.CreatePaused(host.Config("vsend", "vchan_send", Cmdline($"vchan.peer=2 vchan.bytes={Bytes64M} vchan.seed=3")));
        var recv = host.CreatePaused(host.Config("vrecv", "vchan_recv", Cmdline($"vchan.peer=1 vchan.bytes={Bytes64M} vchan.seed=3")));
        var sendEnd = ts.WaitForDomainAsync(send.DomId, untilDeath: false, CancellationToken.None);
        var recvEnd = ts.WaitForDomainAsync(recv.DomId, untilDeath: false, CancellationToken.None);
        ts.Unpause(send.DomId);
        ts.Unpause(recv.DomId);
        for (int i = 0; i < 500 && !log.Text.Contains("(d2) # vchan.recv: client of", StringComparison.Ordinal); i++)
            await Task.Delay(10);
        ts.Pause(recv.DomId);
        await Task.Delay(1000);
        ts.Unpause(recv.DomId);
        await Task.WhenAll(sendEnd, recvEnd).WaitAsync(Guard);
        string all = log.Text;
        Assert.True(all.Contains($"(d2) PASS vchan.recv bytes={Bytes64M} errors=0", StringComparison.Ordinal), all);
        Assert.Contains($"(d1) PASS vchan.send bytes={Bytes64M}", all, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DomU_to_domU_moves_16_MiB_with_every_byte_checked()
    {
        using var host = new ToolstackHost();
        string all = await DomUPair(host, $"vchan.bytes={Bytes16M} vchan.seed=7", $"vchan.bytes={Bytes16M} vchan.seed=7");
        Report(all);
        Assert.Contains($"(d2) PASS vchan.recv bytes={Bytes16M} errors=0", all, StringComparison.Ordinal);
        Assert.Contains($"(d1) PASS vchan.send bytes={Bytes16M}", all, StringComparison.Ordinal);
        Assert.Matches(@"\(d2\) # vchan\.recv: \d+ us guest time, [1-9]\d* KiB/s", all);
        Assert.Matches(@"\(d[12]\) SUMMARY: [1-9]\d* passed, 0 failed", all);
        Assert.DoesNotContain(" FAIL ", all, StringComparison.Ordinal);
    }

    /// <summary>Ring placements (in-page orders 10/11, 64 granted pages, and both rings at the protocol's largest
    /// order 20: 512 granted pages, more refs than one grant-table frame holds) and the odd corners of the I/O calls.</summary>
    [Theory]
    [InlineData("vchan.ring=1024 vchan.chunk=1000", "")]
    [InlineData("vchan.ring=131072 vchan.chunk=4093", "vchan.io=nonblock")]
    [InlineData("vchan.ring=1048576 vchan.chunk=4096", "")]
    public async Task DomU_to_domU_works_for_every_ring_placement(string sendArgs, string recvArgs)
    {
        using var host = new ToolstackHost();
        string all = await DomUPair(host, $"vchan.bytes=1048576 vchan.seed=5 {sendArgs}", $"vchan.bytes=1048576 vchan.seed=5 {recvArgs}");
        Assert.Contains("(d2) PASS vchan.recv bytes=1048576 errors=0", all, StringComparison.Ordinal);
        Assert.DoesNotContain(" FAIL ", all, StringComparison.Ordinal);
        if (sendArgs.Contains("ring=1048576", StringComparison.Ordinal))
            Assert.Contains("rings 1048576/1048576 bytes", all, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DomU_ping_pong_reports_a_median_round_trip()
    {
        using var host = new ToolstackHost();
        string all = await DomUPair(host, "vchan.mode=pingpong vchan.count=200 vchan.msg=64", "vchan.mode=pingpong vchan.count=200 vchan.msg=64");
        Report(all);
        Assert.Contains("(d1) PASS vchan.pingpong count=200 errors=0", all, StringComparison.Ordinal);
        Assert.Contains("(d2) PASS vchan.pong count=200", all, StringComparison.Ordinal);
        Assert.Matches(@"\(d1\) # vchan\.pingpong: median round trip \d+\.\d{3} us, 200 messages of 64 bytes", all);
    }

    [Fact]
    public async Task A_receiver_expecting_another_seed_counts_errors()
    {
        using var host = new ToolstackHost();
        string all = await DomUPair(host, "vchan.bytes=65536 vchan.seed=7", "vchan.bytes=65536 vchan.seed=8");
        var m = Regex.Match(all, @"\(d2\) FAIL vchan\.recv bytes=65536 errors=(\d+): (\d+) of 65536 bytes differ");
        Assert.True(m.Success, all);
        Assert.True(int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) > 60000, m.Value);
    }

    [Fact]
    public async Task A_sender_destroyed_mid_stream_ends_the_receiver_without_a_hang()
    {
        using var host = new ToolstackHost();
        var ts = host.Toolstack;
        var log = new LogTap(ts);
        // 256 MiB: far more than can move before the destroy below.
        var send = host.CreatePaused(host.Config("vsend", "vchan_send", Cmdline("vchan.peer=2 vchan.bytes=268435456")));
        var recv = host.CreatePaused(host.Config("vrecv", "vchan_recv", Cmdline("vchan.peer=1 vchan.bytes=268435456")));
        var recvEnd = ts.WaitForDomainAsync(recv.DomId, untilDeath: false, CancellationToken.None);
        ts.Unpause(send.DomId);
        ts.Unpause(recv.DomId);
        string connected = log.WaitFor(@"\(d2\) # vchan\.recv: client of", Guard);
        Assert.Contains("(d2) # vchan.recv: client of /local/domain/1/data/vchan/2/1", connected, StringComparison.Ordinal);
        ts.Destroy(send.DomId);
        var end = await recvEnd.WaitAsync(Guard);
        Assert.Equal(ShutdownReason.Poweroff, end.Reason);
        Assert.Matches(@"\(d2\) FAIL vchan\.recv bytes=\d+ errors=0: end of stream after \d+ of 268435456 bytes", log.Text);
        // The daemon keeps serving.
        var hello = host.Create(host.Config("hello", "hello"));
        using var console = ts.OpenConsole(hello.DomId, ConsoleType.Pv, 0);
        Assert.Contains("Hello from Xenith!", ToolstackHost.ReadUntil(console, "> "));
    }

    /// <summary>A domU running vchan_recv as the client of a dom0 server, created paused so the server is up first.</summary>
    private static (uint DomId, Task<DomainEvent> End, Dom0VchanServer Server) Dom0Pair(ToolstackHost host, string recvArgs, int leftMin = 1024, int rightMin = 65536)
    {
        var ts = host.Toolstack;
        var recv = host.CreatePaused(host.Config("vrecv", "vchan_recv", Cmdline($"vchan.peer=0 {recvArgs}")));
        var end = ts.WaitForDomainAsync(recv.DomId, untilDeath: false, CancellationToken.None);
        var server = ts.OpenVchanServer(recv.DomId, Toolstack.VchanPath(0, recv.DomId, 1), leftMin, rightMin);
        ts.Unpause(recv.DomId);
        return (recv.DomId, end, server);
    }

    [Fact]
    public async Task Dom0_to_domU_moves_16_MiB_with_every_byte_checked()
    {
        using var host = new ToolstackHost();
        var ts = host.Toolstack;
        var log = new LogTap(ts);
        var (domid, end, server) = Dom0Pair(host, $"vchan.bytes={Bytes16M} vchan.seed=7");
        using (server)
        {
            Assert.Equal((65536, 2048), (server.Endpoint.WriteRingSize, server.Endpoint.ReadRingSize));
            var xs = ts.XenStore.OpenClient(0);
            Assert.Equal($"{server.RingRef}", xs.ReadString($"/local/domain/0/data/vchan/{domid}/1/ring-ref"));
            Assert.Equal($"{server.Port}", xs.ReadString($"/local/domain/0/data/vchan/{domid}/1/event-channel"));
            Assert.Equal([new XsPerm(0, XsAccess.None), new XsPerm((int)domid, XsAccess.Read)], xs.GetPermissions($"/local/domain/0/data/vchan/{domid}/1/ring-ref"));
            var result = await Task.Run(() => Dom0Transfer.Send(server.Endpoint, Bytes16M, 7)).WaitAsync(Guard);
            Assert.Equal(Bytes16M, result.Bytes);
            Assert.True(result.MiBPerSecond > 0);
            output.WriteLine($"dom0 -> d{domid}: {result.Bytes} bytes in {result.Elapsed.TotalMilliseconds:F0} ms host time, {result.MiBPerSecond:F1} MiB/s");
        }
        Assert.Equal(ShutdownReason.Poweroff, (await end.WaitAsync(Guard)).Reason);
        string all = log.Text;
        Report(all);
        Assert.Contains($"(d{domid}) PASS vchan.recv bytes={Bytes16M} errors=0", all, StringComparison.Ordinal);
        Assert.Matches($@"\(d{domid}\) # vchan\.recv: \d+ us guest time, [1-9]\d* KiB/s", all);
        Assert.DoesNotContain(" FAIL ", all, StringComparison.Ordinal);
        // Closing removed the rendezvous keys.
        Assert.Null(ts.XenStore.OpenClient(0).TryReadString($"/local/domain/0/data/vchan/{domid}/1/ring-ref"));
    }

    [Fact]
    public async Task Dom0_to_domU_works_with_both_rings_inside_the_control_page()
    {
        using var host = new ToolstackHost();
        var log = new LogTap(host.Toolstack);
        var (domid, end, server) = Dom0Pair(host, "vchan.bytes=262144 vchan.seed=4", 1024, 2048);
        using (server)
        {
            Assert.Equal((2048, 1024), (server.Endpoint.WriteRingSize, server.Endpoint.ReadRingSize));
            await Task.Run(() => Dom0Transfer.Send(server.Endpoint, 262144, 4, chunk: 777)).WaitAsync(Guard);
        }
        await end.WaitAsync(Guard);
        Assert.Contains($"(d{domid}) PASS vchan.recv bytes=262144 errors=0", log.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dom0_closing_mid_stream_gives_the_receiver_an_end_of_stream()
    {
        using var host = new ToolstackHost();
        var ts = host.Toolstack;
        var log = new LogTap(ts);
        var (domid, end, server) = Dom0Pair(host, "vchan.bytes=268435456 vchan.seed=3");
        using (server)
        {
            // Send returns once the reader has taken every byte; then dom0 closes with 255 MiB still owed.
            var result = await Task.Run(() => Dom0Transfer.Send(server.Endpoint, 1 << 20, 3)).WaitAsync(Guard);
            Assert.Equal(1 << 20, result.Bytes);
        }
        Assert.Equal(ShutdownReason.Poweroff, (await end.WaitAsync(Guard)).Reason);
        Assert.Contains($"(d{domid}) FAIL vchan.recv bytes=1048576 errors=0: end of stream after 1048576 of 268435456 bytes", log.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_receiver_destroyed_mid_stream_ends_the_dom0_sender_with_an_error()
    {
        using var host = new ToolstackHost();
        var ts = host.Toolstack;
        var log = new LogTap(ts);
        var (domid, _, server) = Dom0Pair(host, "vchan.bytes=268435456");
        using (server)
        {
            var send = Task.Run(() => Dom0Transfer.Send(server.Endpoint, 268435456, 1));
            Assert.Contains($"(d{domid}) # vchan.recv: client of", log.WaitFor($@"\(d{domid}\) # vchan\.recv: client of", Guard), StringComparison.Ordinal);
            ts.Destroy(domid);
            var e = await Assert.ThrowsAsync<VchanClosedException>(() => send.WaitAsync(Guard));
            Assert.InRange(e.BytesTransferred, 0, 268435455);
            Assert.False(server.Endpoint.IsOpen);
        }
        // The daemon keeps serving: a new guest gets a new vchan from dom0.
        var (domid2, end2, server2) = Dom0Pair(host, "vchan.bytes=65536 vchan.seed=9");
        using (server2)
            await Task.Run(() => Dom0Transfer.Send(server2.Endpoint, 65536, 9)).WaitAsync(Guard);
        await end2.WaitAsync(Guard);
        Assert.Contains($"(d{domid2}) PASS vchan.recv bytes=65536 errors=0", log.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DomU_to_dom0_moves_16_MiB_checked_by_the_CSharp_client()
    {
        using var host = new ToolstackHost();
        var ts = host.Toolstack;
        var log = new LogTap(ts);
        var send = host.CreatePaused(host.Config("vsend", "vchan_send", Cmdline($"vchan.peer=0 vchan.bytes={Bytes16M} vchan.seed=11")));
        var end = ts.WaitForDomainAsync(send.DomId, untilDeath: false, CancellationToken.None);
        ts.Unpause(send.DomId);
        Dom0ReceiveResult r;
        using (var client = ts.OpenVchanClient(send.DomId, Toolstack.VchanPath(send.DomId, 0, 1), Guard))
        {
            Assert.Equal((65536, 65536), (client.Endpoint.ReadRingSize, client.Endpoint.WriteRingSize));
            // The guest's server published both keys owned by itself and readable by dom0 (its peer).
            var xs = ts.XenStore.OpenClient(0);
            foreach (string key in (string[])["ring-ref", "event-channel"])
                Assert.Equal([new XsPerm((int)send.DomId, XsAccess.None), new XsPerm(0, XsAccess.Read)], xs.GetPermissions($"{client.Path}/{key}"));
            Assert.Equal("32", xs.ReadString($"{client.Path}/ring-ref"));
            r = await Task.Run(() => Dom0Transfer.Receive(client.Endpoint, Bytes16M, 11)).WaitAsync(Guard);
        }
        output.WriteLine($"d{send.DomId} -> dom0: {r.Bytes} bytes in {r.Elapsed.TotalMilliseconds:F0} ms host time, {r.MiBPerSecond:F1} MiB/s");
        Assert.Equal((Bytes16M, 0L, -1L), (r.Bytes, r.Errors, r.FirstMismatch));
        Assert.Equal(ShutdownReason.Poweroff, (await end.WaitAsync(Guard)).Reason);
        Assert.Contains($"(d{send.DomId}) PASS vchan.send bytes={Bytes16M}", log.Text, StringComparison.Ordinal);
    }
}
