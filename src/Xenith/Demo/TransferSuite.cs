using System.Diagnostics;
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

    /// <summary>Called once both guests of a pair exist, before they run (the demo prints xl list there).</summary>
    public Action? Created { get; set; }

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
    internal List<string> RunPair((string Name, string Program, string Cmdline) first, (string Name, string Program, string Cmdline) second)
    {
        var lines = new List<string>();
        void Collect(string l)
        {
            lock (lines)
                lines.Add(l);
        }
        toolstack.HypervisorLog += Collect;
        try
        {
            var ids = new List<uint>();
            foreach (var (name, program, cmdline) in new[] { first, second })
            {
                string cfg = Path.Combine(work, name + ".cfg");
                File.WriteAllText(cfg, $"name = \"{name}\"\nkernel = \"{Path.Combine(guests, program + ".elf")}\"\nmemory = 16\nextra = \"{cmdline}\"\non_crash = \"destroy\"\n");
                ids.Add(CreatePaused(cfg));
            }
            Created?.Invoke();
            var ends = ids.Select(id => toolstack.WaitForDomainAsync(id, untilDeath: true, CancellationToken.None)).ToArray();
            foreach (uint id in ids)
                toolstack.Unpause(id);
            if (!Task.WaitAll(ends, Guard))
            {
                foreach (uint id in ids)
                    TryDestroy(id);
                throw new TimeoutException($"{first.Name} and {second.Name} did not finish in {Guard.TotalMinutes} minutes");
            }
        }
        finally
        {
            toolstack.HypervisorLog -= Collect;
        }
        lock (lines)
            return [.. lines];
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
        foreach (string l in lines)
        {
            if (ResultLine().Match(l) is { Success: true } m && m.Groups["d"].Value == d && m.Groups["tag"].Value == tag)
            {
                got = long.Parse(m.Groups["b"].Value, CultureInfo.InvariantCulture);
                errors = long.Parse(m.Groups["e"].Value, CultureInfo.InvariantCulture) + Math.Max(0, bytes - got);
            }
            if (RateLine().Match(l) is { Success: true } r && r.Groups["d"].Value == d && r.Groups["tag"].Value == tag)
                mibs = long.Parse(r.Groups["k"].Value, CultureInfo.InvariantCulture) / 1024.0;
        }
        return new TransferRow(path, bytes, errors, mibs);
    }

    /// <summary>Builds the SDK guests (guest/xen/out) when the sources changed.</summary>
    public static string BuildGuests(string root)
    {
        string dir = Path.Combine(root, "guest", "xen");
        var psi = new ProcessStartInfo("make", ["-s", "-C", dir]) { RedirectStandardError = true, RedirectStandardOutput = true };
        using var p = Process.Start(psi) ?? throw new InvalidOperationException("make did not start");
        string err = p.StandardError.ReadToEnd() + p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
            throw new InvalidOperationException($"make -C guest/xen failed:\n{err}");
        return Path.Combine(dir, "out");
    }
}
