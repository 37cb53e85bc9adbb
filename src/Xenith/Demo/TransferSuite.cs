using System.Globalization;
using System.Text.RegularExpressions;
using Xenith.Rpc;
using Xenith.Toolstack.Vchan;

namespace Xenith.Demo;

/// <summary>
/// The classic experiment's paths on one running toolstack: guests are created from generated xl.cfg files, their
/// report lines ("PASS tag bytes=N errors=E", "# tag: U us guest time, K KiB/s") are read from the hypervisor log.
/// Throughput is the receiver's own measure over guest time (the generic timer, real time).
/// </summary>
internal sealed partial class TransferSuite(Toolstack.Toolstack toolstack, string guests, string work)
{
    /// <summary>How a guest is created paused from its config file (in process by default; the demo uses xl).</summary>
    public Func<string, uint> CreatePaused { get; set; } = cfg => toolstack.Create(new CreateRequest(cfg, [], work, Paused: true)).DomId;

    /// <summary>Called with the number of guests once they all exist, before they run (the demo prints xl list there).</summary>
    public Action<int>? Created { get; set; }

    private static readonly TimeSpan Guard = TimeSpan.FromMinutes(10);

    public string GuestDir => guests;

    /// <summary>(c) GNTTABOP_copy: the receiver pulls the sender's granted pages through the hypervisor.</summary>
    public TransferRow GrantCopy(long bytes, uint seed)
    {
        uint sender = toolstack.Machine.NextDomainId, receiver = sender + 1;
        string n(long v) => v.ToString(CultureInfo.InvariantCulture);
        var lines = RunPair(
            ("xfer-send", "xfer_send", $"xfer.peer={n(receiver)} xfer.bytes={n(bytes)} xfer.slots=16 xfer.seed={n(seed)}"),
            ("xfer-recv", "xfer_recv", $"xfer.peer={n(sender)} xfer.mode=copy"));
        return Parse("domU -> domU, grant copy (hypervisor)", "xfer.copy", receiver, bytes, lines);
    }

    /// <summary>The same ring protocol between two host threads in native C#: the "PC" row.</summary>
    public static TransferRow Native(long bytes, uint seed)
    {
        var r = NativeBaseline.Run(bytes, 16, seed);
        var pp = NativeBaseline.PingPong(2000, 64);
        return new TransferRow("host threads, vchan ring (native)", r.Bytes, r.Errors, r.MiBPerSecond, pp.MedianMicroseconds);
    }

    /// <summary>The physical limit: one host memcpy of the same size.</summary>
    public static TransferRow Memcpy(long bytes) => new("host memcpy (physical limit)", bytes, 0, NativeBaseline.Memcpy(bytes).MiBPerSecond);

    /// <summary>Creates two guests paused, then lets them run, and returns the log lines of the pair once both are gone.</summary>
    internal List<string> RunPair((string Name, string Program, string Cmdline) first, (string Name, string Program, string Cmdline) second) =>
        RunGuests([first, second], null);

    /// <summary>
    /// Creates the guests paused, calls <paramref name="whileRunning"/> (with their IDs) once they run, and returns the
    /// log lines of the run once every guest is gone. <paramref name="beforeStart"/> runs between creation and unpause.
    /// </summary>
    internal List<string> RunGuests((string Name, string Program, string Cmdline)[] guestsToRun, Action<uint[]>? whileRunning, Action<uint[]>? beforeStart = null)
    {
        var lines = new List<string>();
        void Collect(string l)
        {
            lock (lines)
                lines.Add(l);
        }
        toolstack.HypervisorLog += Collect;
        var ids = new List<uint>();
        try
        {
            foreach (var (name, program, cmdline) in guestsToRun)
            {
                string cfg = Path.Combine(work, name + ".cfg");
                File.WriteAllText(cfg, $"name = \"{name}\"\nkernel = \"{Path.Combine(guests, program + ".elf")}\"\nmemory = 16\nextra = \"{cmdline}\"\non_crash = \"destroy\"\n");
                ids.Add(CreatePaused(cfg));
            }
            Created?.Invoke(ids.Count);
            var ends = ids.Select(id => toolstack.WaitForDomainAsync(id, untilDeath: true, CancellationToken.None)).ToArray();
            beforeStart?.Invoke([.. ids]);
            foreach (uint id in ids)
                toolstack.Unpause(id);
            whileRunning?.Invoke([.. ids]);
            if (!Task.WaitAll(ends, Guard))
                throw new TimeoutException($"{string.Join(" and ", guestsToRun.Select(g => g.Name))} did not finish in {Guard.TotalMinutes} minutes");
        }
        finally
        {
            toolstack.HypervisorLog -= Collect;
            foreach (uint id in ids)
                TryDestroy(id);
        }
        lock (lines)
            return [.. lines];
    }

    /// <summary>(b) domU → domU over vchan (guest/xen/lib/vchan.c at both ends), and a ping-pong for the round trip.</summary>
    public TransferRow DomUToDomU(long bytes, uint seed)
    {
        uint sender = toolstack.Machine.NextDomainId, receiver = sender + 1;
        string n(long v) => v.ToString(CultureInfo.InvariantCulture);
        var lines = RunPair(
            ("vchan-send", "vchan_send", $"vchan.peer={n(receiver)} vchan.bytes={n(bytes)} vchan.seed={n(seed)}"),
            ("vchan-recv", "vchan_recv", $"vchan.peer={n(sender)} vchan.bytes={n(bytes)} vchan.seed={n(seed)}"));
        var row = Parse("domU -> domU, vchan", "vchan.recv", receiver, bytes, lines);
        return row with { RoundTripUs = PingPong() };
    }

    /// <summary>Median small-message round trip between two domUs over vchan, from the pinging guest's report.</summary>
    private double? PingPong()
    {
        uint ping = toolstack.Machine.NextDomainId, pong = ping + 1;
        string n(long v) => v.ToString(CultureInfo.InvariantCulture);
        var lines = RunPair(
            ("vchan-ping", "vchan_send", $"vchan.peer={n(pong)} vchan.mode=pingpong vchan.count=200 vchan.msg=64"),
            ("vchan-pong", "vchan_recv", $"vchan.peer={n(ping)} vchan.mode=pingpong vchan.count=200 vchan.msg=64"));
        return MedianRoundTrip(ping, lines);
    }

    /// <summary>(a) domain 0 → domU over vchan: the paper's setup. Domain 0 (C#) serves from its own granted pages.</summary>
    public TransferRow Dom0ToDomU(long bytes, uint seed)
    {
        string n(long v) => v.ToString(CultureInfo.InvariantCulture);
        Dom0VchanServer? server = null;
        Exception? failure = null;
        uint receiver = 0;
        var lines = RunGuests([("vchan-dom0-recv", "vchan_recv", $"vchan.peer=0 vchan.bytes={n(bytes)} vchan.seed={n(seed)}")],
            whileRunning: _ =>
            {
                try
                {
                    Dom0Transfer.Send(server!.Endpoint, bytes, seed);
                }
                catch (Exception e) when (e is VchanClosedException or TimeoutException)
                {
                    failure = e; // the receiver's own report says what arrived
                }
                finally
                {
                    server!.Dispose();
                }
            },
            beforeStart: ids =>
            {
                receiver = ids[0];
                server = toolstack.OpenVchanServer(receiver, Toolstack.Toolstack.VchanPath(0, receiver, 1), 1024, 65536);
            });
        var row = Parse("dom0 -> domU, vchan (the paper's path)", "vchan.recv", receiver, bytes, lines) with { RoundTripUs = Dom0PingPong() };
        return failure is null ? row : row with { Note = failure.Message };
    }

    /// <summary>Round trip between a domU (vchan_send in ping-pong mode, as client) and domain 0 echoing each message.</summary>
    private double? Dom0PingPong()
    {
        const int Count = 200, Size = 64;
        Dom0VchanServer? server = null;
        uint ping = 0;
        var lines = RunGuests([("vchan-dom0-ping", "vchan_send", $"vchan.role=client vchan.peer=0 vchan.mode=pingpong vchan.count={Count} vchan.msg={Size}")],
            whileRunning: _ =>
            {
                try
                {
                    var message = new byte[Size];
                    for (int i = 0; i < Count && server!.Endpoint.Read(message) == Size; i++)
                        server.Endpoint.Write(message);
                }
                catch (Exception e) when (e is VchanClosedException or TimeoutException)
                {
                    // The guest's report says how far it got.
                }
                finally
                {
                    server!.Dispose();
                }
            },
            beforeStart: ids =>
            {
                ping = ids[0];
                server = toolstack.OpenVchanServer(ping, Toolstack.Toolstack.VchanPath(0, ping, 1), 1024, 2048);
            });
        return MedianRoundTrip(ping, lines);
    }

    private static double? MedianRoundTrip(uint domid, List<string> lines)
    {
        string prefix = $"(d{domid.ToString(CultureInfo.InvariantCulture)}) # vchan.pingpong: median round trip ";
        string? line = lines.FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal));
        return line is null ? null : double.Parse(line[prefix.Length..].Split(' ')[0], CultureInfo.InvariantCulture);
    }

    private void TryDestroy(uint id)
    {
        try
        {
            toolstack.Destroy(id);
        }
        catch (RpcException)
        {
            // Gone already.
        }
    }

    [GeneratedRegex(@"^\(d(?<d>\d+)\) (?<v>PASS|FAIL) (?<tag>[\w.]+) bytes=(?<b>\d+) errors=(?<e>\d+)")]
    private static partial Regex ResultLine();

    [GeneratedRegex(@"^\(d(?<d>\d+)\) # (?<tag>[\w.]+): (?<us>\d+) us guest time, (?<k>\d+) KiB/s")]
    private static partial Regex RateLine();

    /// <summary>The receiver's verdict and rate for <paramref name="tag"/>; no verdict counts every byte as wrong.</summary>
    internal static TransferRow Parse(string path, string tag, uint receiver, long bytes, List<string> lines)
    {
        string d = receiver.ToString(CultureInfo.InvariantCulture);
        long errors = bytes, got = bytes;
        double mibs = 0;
        string? note = null;
        foreach (string l in lines)
        {
            if (l.StartsWith($"(d{d}) FAIL ", StringComparison.Ordinal))
                note ??= l;
            if (ResultLine().Match(l) is { Success: true } m && m.Groups["d"].Value == d && m.Groups["tag"].Value == tag)
            {
                got = long.Parse(m.Groups["b"].Value, CultureInfo.InvariantCulture);
                errors = long.Parse(m.Groups["e"].Value, CultureInfo.InvariantCulture) + Math.Max(0, bytes - got);
            }
            if (RateLine().Match(l) is { Success: true } r && r.Groups["d"].Value == d && r.Groups["tag"].Value == tag)
                mibs = long.Parse(r.Groups["k"].Value, CultureInfo.InvariantCulture) / 1024.0;
        }
        return new TransferRow(path, bytes, errors, mibs, Note: note ?? (errors != 0 ? $"no verdict from d{d}" : null));
    }

    /// <summary>Builds the SDK guests (guest/xen/out) when the sources changed.</summary>
    public static string BuildGuests(string root)
    {
        string dir = Path.Combine(root, "guest", "xen");
        return Make.Run(dir) is string failed ? throw new InvalidOperationException(failed) : Path.Combine(dir, "out");
    }
}
