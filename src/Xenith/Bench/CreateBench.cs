using System.Diagnostics;
using System.Globalization;
using Xenith.Demo;
using Xenith.Toolstack;

namespace Xenith.Bench;

/// <summary>
/// <c>xenith bench create [--runs N]</c>: how long <c>xl create</c> takes from the moment the command is started to
/// the guest's first instruction (the hypervisor stamps the first slice a domain's vCPU runs). The host runs in
/// process behind a private control socket, as in the demo; xl is a separate process, as a user runs it. The
/// baseline of the same run is <c>xl list</c>: what starting the client and one round trip cost on their own.
/// </summary>
internal static class CreateBench
{
    private const string Usage = "usage: xenith bench create [--runs N]";

    public static int Run(string[] args)
    {
        int runs = 5;
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] == "--runs" && i + 1 < args.Length && int.TryParse(args[++i], CultureInfo.InvariantCulture, out int r) && r > 0)
                runs = r;
            else
                throw new UsageException($"bench create: bad option '{args[i]}'; {Usage}");
        }
        string guests = TransferSuite.BuildGuests(Repository.Root());
        var toFirst = new List<double>();
        var createWall = new List<double>();
        var listWall = new List<double>();
        using (var host = new PrivateHost(new ToolstackOptions(Environment.ProcessorCount, 1024ul << 20, 2, true, 1ul << 30), "xenith-bench-create-"))
        {
            // One unmeasured round of each warms the daemon's JIT, as a host that has been up a while would be.
            for (int run = -1; run < runs; run++)
            {
                string name = $"hello{run + 1}";
                string cfg = Path.Combine(host.Work, name + ".cfg");
                File.WriteAllText(cfg, $"name = \"{name}\"\nkernel = \"{Path.Combine(guests, "hello.elf")}\"\nmemory = 16\n");
                long start = Stopwatch.GetTimestamp();
                host.Xl("create", cfg);
                long created = Stopwatch.GetTimestamp();
                uint domid = FindDomain(host.Toolstack, name);
                long first = WaitFirstRun(host.Toolstack, domid);
                host.Toolstack.Destroy(domid);
                long listStart = Stopwatch.GetTimestamp();
                host.Xl("list");
                long listed = Stopwatch.GetTimestamp();
                if (run < 0)
                    continue;
                toFirst.Add(Stopwatch.GetElapsedTime(start, first).TotalMilliseconds);
                createWall.Add(Stopwatch.GetElapsedTime(start, created).TotalMilliseconds);
                listWall.Add(Stopwatch.GetElapsedTime(listStart, listed).TotalMilliseconds);
            }
        }
        var w = Console.Out;
        double baseline = Median(listWall);
        w.WriteLine($"xl create of guest/xen/out/hello.elf (16 MiB), median of {runs}, host wall time");
        w.WriteLine($"{"measure",-48} {"ms",9} {"vs xl list",11}");
        Row(w, "xl create started -> guest's first instruction", Median(toFirst), baseline);
        Row(w, "xl create started -> xl exits", Median(createWall), baseline);
        Row(w, "xl list started -> xl exits (the client alone)", baseline, baseline);
        return 0;
    }

    private static void Row(TextWriter w, string what, double ms, double baseline) =>
        w.WriteLine($"{what,-48} {ms,9:F1} {ms / baseline,11:F2}");

    private static double Median(List<double> xs) => xs.Order().ElementAt(xs.Count / 2);

    private static uint FindDomain(Toolstack.Toolstack toolstack, string name)
    {
        lock (toolstack.Machine.Gate)
            return toolstack.Machine.Domains.FirstOrDefault(d => d.Name == name)?.Id
                ?? throw new InvalidOperationException($"bench create: xl create did not leave a domain {name}");
    }

    /// <summary>The first-run stamp of <paramref name="domid"/>; xl create returns once the domain is unpaused, so it comes at once.</summary>
    private static long WaitFirstRun(Toolstack.Toolstack toolstack, uint domid)
    {
        var guard = Stopwatch.StartNew();
        while (guard.Elapsed < TimeSpan.FromSeconds(30))
        {
            lock (toolstack.Machine.Gate)
            {
                if (toolstack.Machine.FindDomain(domid) is { FirstRunTimestamp: not 0 } d)
                    return d.FirstRunTimestamp;
            }
            Thread.Sleep(1);
        }
        throw new TimeoutException($"bench create: d{domid} never ran");
    }
}
