namespace Xenith.Bench;

/// <summary>
/// <c>xenith bench cpu</c>: CPU-bound bare-metal kernels (bench/cpu) run in Xenith and in QEMU in the
/// same run; prints guest MIPS and time per kernel and ends with
/// <c>geomean speed xenith/qemu = X</c> (above 1: Xenith is faster).
/// </summary>
public static class CpuBench
{
    /// <summary>Guards against a kernel that never powers off; the full kernels run 150–350 million instructions.</summary>
    private const ulong FullCap = 4_000_000_000;
    private const ulong SmallCap = 40_000_000;

    /// <summary>Entry point; <paramref name="args"/> are the arguments after <c>bench cpu</c>. Returns the exit status.</summary>
    public static int Run(string[] args)
    {
        CpuBenchOptions o;
        try
        {
            o = CpuBenchOptions.Parse(args);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"xenith: bench cpu: {e.Message}");
            Console.Error.WriteLine(CpuBenchOptions.Usage);
            return 2;
        }
        if (o.Help)
        {
            Console.WriteLine(CpuBenchOptions.Usage);
            return 0;
        }
        try
        {
            return Bench(o, Console.Out);
        }
        catch (BenchException e)
        {
            Console.Error.WriteLine($"xenith: bench cpu: {e.Message}");
            return 1;
        }
    }

    private static int Bench(CpuBenchOptions o, TextWriter w)
    {
        string? noQemu = !o.Qemu ? "--no-qemu" : !QemuKernelRunner.Available ? "qemu-system-arm not found" : null;
        foreach (var isa in o.Isas)
        {
            BenchKernels.Build(o.Variant(isa), [BenchKernels.Empty, .. o.Kernels]);
            if (o.Warmup && !o.Small)
                BenchKernels.Build("small-" + isa, o.Kernels);
        }

        w.WriteLine(noQemu == null
            ? $"CPU benchmark: Xenith vs {QemuKernelRunner.Version()} -M virt -cpu cortex-a15 (best of {o.QemuRuns}, start-up subtracted)"
            : $"CPU benchmark: Xenith only ({noQemu})");
        if (o.Warmup)
            WarmUp(o);
        BenchTable.Header(w);

        var rows = new List<BenchRow>();
        foreach (var isa in o.Isas)
        {
            string variant = o.Variant(isa);
            double qemuStartup = noQemu == null ? QemuKernelRunner.Run(BenchKernels.ElfPath(variant, BenchKernels.Empty), o.QemuRuns).Seconds : 0;
            foreach (var kernel in o.Kernels)
            {
                string elf = BenchKernels.ElfPath(variant, kernel);
                string name = o.Isas.Count > 1 ? $"{kernel} ({isa})" : kernel;
                var (x, xError) = Try(() => RunXenith(elf, o.Small ? SmallCap : FullCap, o.XenithRuns, o.Echo ? w : null));
                var (q, qError) = noQemu == null ? Try(() => NetOfStartup(QemuKernelRunner.Run(elf, o.QemuRuns), qemuStartup)) : (null, null);
                var row = new BenchRow(name, x, xError, q, qError);
                rows.Add(row);
                BenchTable.Row(w, row);
            }
        }
        BenchTable.Geomean(w, rows, noQemu);
        bool ok = rows.All(r => r.XenithError == null && r.QemuError == null && (noQemu != null || r.OutputsMatch));
        return ok ? 0 : 1;
    }

    /// <summary>Lets the JIT compile and tier up the interpreter on the small builds, so the first timed kernel does not pay for it.</summary>
    private static void WarmUp(CpuBenchOptions o)
    {
        foreach (var isa in o.Isas)
        {
            foreach (var kernel in o.Kernels)
            {
                // A kernel that fails here fails again in its timed run, which reports it.
                Try(() => XenithKernelRunner.Run(BenchKernels.ElfPath("small-" + isa, kernel), SmallCap));
            }
        }
    }

    private static KernelRun RunXenith(string elf, ulong cap, int runs, TextWriter? echo)
    {
        KernelRun best = XenithKernelRunner.Run(elf, cap, echo);
        for (int i = 1; i < runs; i++)
        {
            var run = XenithKernelRunner.Run(elf, cap);
            if (run.Output != best.Output || run.Instructions != best.Instructions)
                throw new BenchException("two runs of the same kernel differ");
            if (run.Seconds < best.Seconds)
                best = run;
        }
        return best;
    }

    // A floor of 1 ms keeps a kernel that QEMU finishes within its start-up noise from dividing by ~0.
    private static KernelRun NetOfStartup(KernelRun run, double startup) =>
        run with { Seconds = Math.Max(run.Seconds - startup, 0.001) };

    private static (KernelRun? Run, string? Error) Try(Func<KernelRun> run)
    {
        try
        {
            return (run(), null);
        }
        catch (Exception e) when (e is BenchException or NotImplementedException or InvalidOperationException
                                      or IndexOutOfRangeException or ArgumentException or InvalidDataException)
        {
            return (null, e is BenchException ? e.Message : $"{e.GetType().Name}: {e.Message}");
        }
    }
}
