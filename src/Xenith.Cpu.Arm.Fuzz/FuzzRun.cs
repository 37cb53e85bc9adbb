using System.Diagnostics;

namespace Xenith.Cpu.Arm.Fuzz;

/// <summary>Options of one fuzz run.</summary>
public sealed class FuzzOptions
{
    public FuzzIsa Isa = FuzzIsa.A32;
    public long Count = 10_000;
    public ulong Seed = 1;
    public string? Only;
    public int Show = 10;
    /// <summary>Run only this case index (and print its report even if it matches).</summary>
    public long? Case;
    /// <summary>Append shrunk mismatches to this regression file.</summary>
    public string? RecordPath;
    public int MaxRecord = 50;
}

/// <summary>Per-pattern counters.</summary>
public sealed class PatternStats
{
    public long Cases, Mismatches, Excluded;
    public string? FirstMismatch;
}

/// <summary>The result of a fuzz run.</summary>
public sealed class FuzzResult
{
    public long Compared, Mismatches, Excluded;
    public double Seconds, GenerateSeconds, XenithSeconds, UnicornSeconds;
    public readonly Dictionary<string, PatternStats> ByPattern = [];
    /// <summary>Excluded cases per "rule pattern".</summary>
    public readonly Dictionary<string, long> ExcludedBy = [];
    public readonly List<string> Reports = [];
    public readonly List<string> Recorded = [];
}

/// <summary>Generates cases, runs them in Xenith and Unicorn, counts and reports mismatches.</summary>
public static class FuzzRun
{
    public static FuzzResult Run(FuzzOptions o, TextWriter? progress = null)
    {
        var set = PatternSet.Load(o.Isa);
        var ex = Exclusions.Load();
        var gen = new Generator(set, ex, o.Seed, o.Only);
        var result = new FuzzResult();
        if (gen.Patterns.Count == 0)
            return result;
        using var runner = new CaseRunner(ex);
        var c = new FuzzCase();
        var sw = Stopwatch.StartNew();
        long genTicks = 0;
        long first = o.Case ?? 0, last = o.Case.HasValue ? o.Case.Value + 1 : o.Count;
        for (long i = first; i < last; i++)
        {
            long g0 = Stopwatch.GetTimestamp();
            gen.Make(i, c);
            genTicks += Stopwatch.GetTimestamp() - g0;
            var verdict = runner.Run(c);
            if (!result.ByPattern.TryGetValue(c.PatternName, out var st))
                result.ByPattern[c.PatternName] = st = new PatternStats();
            st.Cases++;
            result.Compared++;
            if (verdict == CaseRunner.Verdict.Excluded)
            {
                st.Excluded++;
                result.Excluded++;
                string key = $"{runner.ExcludedBy} {c.PatternName}";
                result.ExcludedBy[key] = result.ExcludedBy.GetValueOrDefault(key) + 1;
                continue;
            }
            if (verdict == CaseRunner.Verdict.Match)
            {
                if (o.Case.HasValue)
                    result.Reports.Add($"case {i} (seed {o.Seed}): match\n" + runner.Report(c));
                continue;
            }
            st.Mismatches++;
            result.Mismatches++;
            bool wantReport = result.Reports.Count < o.Show;
            bool wantRecord = o.RecordPath != null && result.Recorded.Count < o.MaxRecord && st.Mismatches <= 2;
            if (!wantReport && !wantRecord)
                continue;
            var small = Shrinker.Shrink(runner, c);
            if (wantReport)
                result.Reports.Add($"case {i} (seed {o.Seed}):\n" + runner.Report(small));
            if (wantRecord)
                result.Recorded.Add(Regressions.Format(small));
            // Shrinking re-ran other states: regenerate nothing, the next case rewrites everything.
        }
        result.Seconds = sw.Elapsed.TotalSeconds;
        result.GenerateSeconds = genTicks / (double)Stopwatch.Frequency;
        result.XenithSeconds = runner.XenithTicks / (double)Stopwatch.Frequency;
        result.UnicornSeconds = runner.UnicornTicks / (double)Stopwatch.Frequency;
        if (o.RecordPath != null && result.Recorded.Count > 0)
            File.AppendAllLines(o.RecordPath, result.Recorded);
        return result;
    }
}
