using System.Globalization;

namespace Xenith.Cpu.Arm.Fuzz;

/// <summary>
/// <c>xenith cpu-fuzz</c>: differential fuzzing against Unicorn, regression replay and the
/// disassembler check. Returns the process exit code; bad arguments throw <see cref="ArgumentException"/>.
/// </summary>
public static class FuzzCommand
{
    public const string Usage =
        "usage: xenith cpu-fuzz --isa a32|t32|vfp [--count N] [--seed S] [--only NAME] [--show K]\n" +
        "                       [--case I] [--record] [--list]\n" +
        "       xenith cpu-fuzz --regressions [FILE]\n" +
        "       xenith cpu-fuzz --disasm --isa a32|t32|vfp [--count N-per-pattern] [--only NAME] [--show K]";

    public static int Run(string[] args, TextWriter w)
    {
        var o = new FuzzOptions();
        bool disasm = false, list = false, record = false;
        string? regressions = null;
        bool replay = false;
        bool countGiven = false;
        for (int i = 0; i < args.Length; i++)
        {
            string a = args[i];
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{a} needs a value");
            switch (a)
            {
                case "--isa": o.Isa = PatternSet.ParseIsa(Next()); break;
                case "--count": o.Count = ParseLong(Next()); countGiven = true; break;
                case "--seed": o.Seed = (ulong)ParseLong(Next()); break;
                case "--only": o.Only = Next(); break;
                case "--show": o.Show = (int)ParseLong(Next()); break;
                case "--case": o.Case = ParseLong(Next()); break;
                case "--record": record = true; break;
                case "--list": list = true; break;
                case "--disasm": disasm = true; break;
                case "--regressions":
                    replay = true;
                    if (i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
                        regressions = args[++i];
                    break;
                case "-h":
                case "--help":
                    w.WriteLine(Usage);
                    return 0;
                default: throw new ArgumentException($"unknown option '{a}'\n{Usage}");
            }
        }
        if (list)
            return List(o, w);
        if (replay)
            return Replay(regressions ?? RegressionFile.DefaultPath(), w);
        if (disasm)
            return DisasmCheck.Run(o.Isa, countGiven ? (int)o.Count : 20, o.Only, o.Show, o.Seed, w);
        if (record)
            o.RecordPath = RegressionFile.DefaultPath();

        var r = FuzzRun.Run(o);
        foreach (var rep in r.Reports)
            w.WriteLine(rep);
        if (r.Mismatches > 0)
        {
            w.WriteLine("mismatches by pattern (cases, mismatches):");
            var rows = r.ByPattern.Where(kv => kv.Value.Mismatches > 0).OrderByDescending(kv => kv.Value.Mismatches).Take(20);
            foreach (var (name, st) in rows)
                w.WriteLine($"  {name,-28} {st.Cases,7} {st.Mismatches,7}");
            int bad = r.ByPattern.Count(kv => kv.Value.Mismatches > 0);
            w.WriteLine($"  ({bad} of {r.ByPattern.Count} patterns mismatch)");
        }
        if (r.Recorded.Count > 0)
            w.WriteLine($"recorded {r.Recorded.Count} shrunk case(s) in {o.RecordPath}");
        if (r.Excluded > 0)
        {
            w.WriteLine($"excluded {r.Excluded} (differences covered by exclusions.txt outcome rules):");
            foreach (var g in r.ExcludedBy.GroupBy(kv => kv.Key.Split(' ')[0]).OrderByDescending(g => g.Sum(kv => kv.Value)))
            {
                var top = g.OrderByDescending(kv => kv.Value).Take(6).Select(kv => $"{kv.Key.Split(' ')[1]} {kv.Value}");
                w.WriteLine($"  {g.Key,-18} {g.Sum(kv => kv.Value),7}  ({string.Join(", ", top)}{(g.Count() > 6 ? ", ..." : "")})");
            }
        }
        w.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{r.Compared / Math.Max(r.Seconds, 1e-9):F0} cases/s (generate {r.GenerateSeconds:F2} s, xenith {r.XenithSeconds:F2} s, unicorn {r.UnicornSeconds:F2} s, total {r.Seconds:F2} s)"));
        w.WriteLine($"compared {r.Compared}, mismatches {r.Mismatches}");
        return r.Mismatches == 0 ? 0 : 1;
    }

    private static int List(FuzzOptions o, TextWriter w)
    {
        var set = PatternSet.Load(o.Isa);
        var ex = Exclusions.Load();
        foreach (var p in set.Patterns)
        {
            if (o.Only != null && !p.Name.Contains(o.Only, StringComparison.OrdinalIgnoreCase))
                continue;
            var rule = ex.ForPattern(o.Isa, p.Name);
            string note = rule != null ? "excluded: " + rule.Reason : p.NoFuzz ? "disassembler only" : "";
            w.WriteLine($"{p.Name,-28} {note}");
        }
        return 0;
    }

    private static int Replay(string path, TextWriter w)
    {
        var cases = Regressions.Load(path);
        using var runner = new CaseRunner(Exclusions.Load());
        int bad = 0;
        foreach (var c in cases)
        {
            if (runner.Run(c) == CaseRunner.Verdict.Mismatch)
            {
                bad++;
                w.WriteLine(runner.Report(c));
            }
        }
        w.WriteLine($"compared {cases.Count}, mismatches {bad}");
        return bad == 0 ? 0 : 1;
    }

    private static long ParseLong(string s) =>
        s.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? long.Parse(s[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture)
            : long.Parse(s, CultureInfo.InvariantCulture);
}

/// <summary>Where the regression cases live in the source tree.</summary>
public static class RegressionFile
{
    public const string RelativePath = "tests/Xenith.Cpu.Arm.Tests/Fuzz/regressions.txt";

    /// <summary>The file under the repository root found by walking up from the current directory
    /// (or from the program's directory); the relative path if there is none.</summary>
    public static string DefaultPath()
    {
        foreach (string start in (string[])[Directory.GetCurrentDirectory(), AppContext.BaseDirectory])
        {
            for (var dir = new DirectoryInfo(start); dir != null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Xenith.slnx")))
                    return Path.Combine(dir.FullName, RelativePath);
            }
        }
        return RelativePath;
    }
}
