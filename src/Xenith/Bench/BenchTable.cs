namespace Xenith.Bench;

/// <summary>The table <c>xenith bench cpu</c> prints, one row at a time as kernels finish.</summary>
internal static class BenchTable
{
    private const string Format = "{0,-15} {1,-6} {2,14} {3,9} {4,8} {5,9} {6,8} {7,12}";

    public static void Header(TextWriter w)
    {
        w.WriteLine(Format, "kernel", "check", "instructions", "xenith s", "MIPS", "qemu s", "MIPS", "xenith/qemu");
    }

    public static void Row(TextWriter w, BenchRow r)
    {
        ulong insns = r.Xenith?.Instructions ?? 0;
        string check = r.Xenith == null ? "FAIL" : r.Qemu == null ? "-" : r.OutputsMatch ? "ok" : "DIFF";
        w.WriteLine(Format, r.Name, check,
            r.Xenith != null ? insns.ToString("N0") : "-",
            Seconds(r.Xenith), Mips(insns, r.Xenith),
            Seconds(r.Qemu), Mips(insns, r.Qemu),
            r.Speed is double s ? s.ToString("F3") : "-");
        if (r.XenithError != null)
            w.WriteLine($"    xenith: {r.XenithError}");
        if (r.QemuError != null)
            w.WriteLine($"    qemu: {r.QemuError}");
        if (r.Xenith != null && r.Qemu != null && !r.OutputsMatch)
            w.WriteLine($"    xenith printed {Show(r.Xenith.Output)}, qemu printed {Show(r.Qemu.Output)}");
    }

    /// <summary>The closing line: the geometric mean of the per-kernel speeds.</summary>
    public static void Geomean(TextWriter w, IReadOnlyList<BenchRow> rows, string? why)
    {
        var speeds = rows.Select(r => r.Speed).OfType<double>().ToList();
        if (why != null || speeds.Count == 0)
        {
            w.WriteLine($"geomean speed xenith/qemu = n/a ({why ?? "no kernel ran correctly in both"})");
            return;
        }
        double g = Math.Exp(speeds.Average(Math.Log));
        string partial = speeds.Count < rows.Count ? $" (over {speeds.Count} of {rows.Count} kernels)" : "";
        w.WriteLine($"geomean speed xenith/qemu = {g:F3}{partial}");
    }

    private static string Seconds(KernelRun? r) => r != null ? r.Seconds.ToString("F3") : "-";

    // QEMU's runs count no instructions: both executed the same program, so Xenith's count serves.
    private static string Mips(ulong insns, KernelRun? r) => r != null && insns > 0 ? (insns / r.Seconds / 1e6).ToString("F0") : "-";

    private static string Show(string s) => "\"" + s.Replace("\n", "\\n", StringComparison.Ordinal) + "\"";
}
