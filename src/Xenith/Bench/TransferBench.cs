using Xenith.Demo;
using Xenith.Toolstack;

namespace Xenith.Bench;

/// <summary>
/// <c>xenith bench transfer [--size 64M] [--runs N]</c>: the demo's transfer table, each path run N times in one
/// process (the toolstack in process, no xl), median throughput and round trip per path, to compare builds.
/// </summary>
internal static class TransferBench
{
    public static int Run(string[] args)
    {
        long size = 64L << 20;
        int runs = 3;
        for (int i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new UsageException($"bench transfer: {args[i]} needs a value");
            switch (args[i])
            {
                case "--size":
                    string v = Value();
                    size = (long)Daemon.BootOptions.Dom0Mem("--size", v.Any(char.IsLetter) ? v : v + "M") << 10;
                    break;
                case "--runs":
                    runs = int.TryParse(Value(), out int r) && r > 0 ? r : throw new UsageException("bench transfer: bad --runs");
                    break;
                default:
                    throw new UsageException($"bench transfer: unknown option '{args[i]}' (usage: xenith bench transfer [--size 64M] [--runs N])");
            }
        }
        size = Math.Max(4096, size / 4096 * 4096);
        string root = Repository.Root();
        string guests = TransferSuite.BuildGuests(root);
        string work = Directory.CreateTempSubdirectory("xenith-bench-").FullName;
        var samples = new List<List<TransferRow>>();
        try
        {
            using var toolstack = new Toolstack.Toolstack(new ToolstackOptions(Environment.ProcessorCount, 1024ul << 20, 2, true, 1ul << 30));
            var suite = new TransferSuite(toolstack, guests, work);
            for (int run = 0; run < runs; run++)
            {
                uint seed = (uint)(12345 + run);
                var rows = new List<TransferRow> { suite.Dom0ToDomU(size, seed), suite.DomUToDomU(size, seed), suite.GrantCopy(size, seed) };
                rows.Add(TransferSuite.Native(size, seed));
                rows.Add(TransferSuite.Memcpy(size));
                samples.Add(rows);
            }
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
        var median = samples[0].Select((row, i) =>
        {
            var all = samples.Select(s => s[i]).ToList();
            double Mid(IEnumerable<double> xs) => xs.Order().ElementAt(all.Count / 2);
            double? rtt = row.RoundTripUs is null ? null : Mid(all.Select(r => r.RoundTripUs ?? 0));
            return row with { MiBPerSecond = Mid(all.Select(r => r.MiBPerSecond)), Errors = all.Max(r => r.Errors), RoundTripUs = rtt };
        }).ToList();
        Console.WriteLine($"transfer benchmark: {size >> 20} MiB per path, median of {runs}, every byte checked");
        TransferRow.Print(Console.Out, median, median.First(r => r.Path.Contains("native", StringComparison.Ordinal)).MiBPerSecond);
        return median.All(r => r.Errors == 0) ? 0 : 1;
    }
}
