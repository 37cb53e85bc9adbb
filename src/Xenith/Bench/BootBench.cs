using System.Diagnostics;
using System.Globalization;
using Xenith.Demo;
using Xenith.Images;
using Xenith.Toolstack;

namespace Xenith.Bench;

/// <summary>
/// <c>xenith bench boot</c>: Debian's armmp-lpae kernel with the busybox initramfs, booted by <c>xenith run</c>
/// and by <c>qemu-system-arm -M virt -cpu cortex-a15</c> in the same run, as processes launched the same way;
/// times from launch to /init's BUSYBOX-READY line, to AUTOTEST-DONE and to the process's exit (median of N).
/// Then the same kernel and initramfs as xl-created domUs of the hypervisor (1 and 2 vCPUs), and Debian's armmp
/// kernel as a Cortex-A8 domU, timed from the start of <c>xl create</c>.
/// </summary>
internal static class BootBench
{
    private const string Usage = "usage: xenith bench boot [--runs N] [--smp 1,2] [--no-qemu] [--no-domu]";
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    private sealed record Sample(double Ready, double Uptime, double Done, double Exit);

    public static int Run(string[] args)
    {
        int runs = 3;
        int[] smps = [1, 2];
        bool qemu = true, domu = true;
        for (int i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new UsageException($"bench boot: {args[i]} needs a value; {Usage}");
            switch (args[i])
            {
                case "--runs": runs = int.TryParse(Value(), CultureInfo.InvariantCulture, out int r) && r > 0 ? r : throw new UsageException($"bench boot: bad --runs; {Usage}"); break;
                case "--smp": smps = [.. Value().Split(',').Select(s => int.TryParse(s, CultureInfo.InvariantCulture, out int n) && n is > 0 and <= 8 ? n : throw new UsageException($"bench boot: bad --smp; {Usage}"))]; break;
                case "--no-qemu": qemu = false; break;
                case "--no-domu": domu = false; break;
                default: throw new UsageException($"bench boot: unknown option '{args[i]}'; {Usage}");
            }
        }
        try
        {
            return Bench(runs, smps, qemu, domu);
        }
        catch (Exception e) when (e is BenchException or ImageException)
        {
            Console.Error.WriteLine($"xenith: bench boot: {e.Message}");
            return 1;
        }
    }

    private static int Bench(int runs, int[] smps, bool qemu, bool domu)
    {
        var cache = ImageCache.Default();
        try
        {
            DebianImages.Cached(cache);
        }
        catch (ImageException)
        {
            DebianImages.Update(cache, Console.Error);
        }
        string kernel = cache.PathOf(ImageCache.LpaeKernel), initrd = cache.PathOf(ImageCache.Initramfs);
        const string append = "console=ttyAMA0 xenith.autotest=1";
        if (qemu && !QemuKernelRunner.Available)
        {
            Console.Error.WriteLine("xenith: bench boot: qemu-system-arm not found; showing Xenith only");
            qemu = false;
        }

        var w = Console.Out;
        w.WriteLine($"boot benchmark: {kernel} + {ImageCache.Initramfs}, 1 GiB, \"{append}\"; seconds from launch, median of {runs}");
        w.WriteLine($"{"system",-16} {"cpus",4} {"shell",8} {"uptime",8} {"autotest",9} {"exit",8}");
        var qemuReady = new Dictionary<int, double?>();
        foreach (int smp in smps)
        {
            Sample? q = null;
            if (qemu)
            {
                q = Median(runs, () => Boot("qemu-system-arm", ["-M", "virt", "-cpu", "cortex-a15", "-m", "1024", "-smp", smp.ToString(CultureInfo.InvariantCulture),
                    "-nographic", "-net", "none", "-no-reboot", "-kernel", kernel, "-initrd", initrd, "-append", append]));
                Row(w, "qemu-system-arm", smp, q);
            }
            string self = typeof(BootBench).Assembly.Location;
            var x = Median(runs, () => Boot(Environment.ProcessPath ?? "dotnet", [self, "run", "--memory", "1G", "--smp", smp.ToString(CultureInfo.InvariantCulture),
                "--kernel", kernel, "--initrd", initrd, "--append", append]));
            Row(w, "xenith", smp, x);
            if (q != null)
                w.WriteLine(FormattableString.Invariant($"{"",-16} {smp,4} launch to shell xenith/qemu = {x.Ready / q.Ready:F2}"));
            qemuReady[smp] = q?.Ready;
        }
        if (domu)
            DomURows(w, cache, runs, smps, qemuReady);
        return 0;
    }

    /// <summary>xl create → shell for the domUs, against QEMU's native boot of the same kernel with as many CPUs.</summary>
    private static void DomURows(TextWriter w, ImageCache cache, int runs, int[] smps, Dictionary<int, double?> qemuReady)
    {
        string lpae = cache.PathOf(ImageCache.LpaeKernel), armmp = cache.PathOf(ImageCache.ArmmpKernel), initrd = cache.PathOf(ImageCache.Initramfs);
        w.WriteLine("domUs: 256 MiB, \"console=hvc0 xenith.autotest=1\"; seconds from the start of xl create");
        using var host = new PrivateHost(new ToolstackOptions(Environment.ProcessorCount, 1024ul << 20, 2, true, 1ul << 30), "xenith-bench-boot-");
        var boots = new DomUBoot(host);
        foreach (var (name, kernel, vcpus, cpu) in smps.Select(n => ("xenith domU", lpae, n, "cortex-a15")).Append(("xenith domU A8", armmp, 1, "cortex-a8")))
        {
            var samples = Enumerable.Range(0, runs).Select(_ => boots.Boot(kernel, initrd, vcpus, cpu)).OrderBy(s => s.Ready).ToList();
            var (ready, uptime, exit) = samples[samples.Count / 2];
            Row(w, name, vcpus, new Sample(ready, uptime, double.NaN, exit));
            if (qemuReady.GetValueOrDefault(vcpus) is double q)
                w.WriteLine(FormattableString.Invariant($"{"",-16} {vcpus,4} xl create to shell / qemu launch to shell = {ready / q:F2}"));
        }
    }

    private static void Row(TextWriter w, string name, int smp, Sample s) =>
        w.WriteLine(FormattableString.Invariant($"{name,-16} {smp,4} {s.Ready,8:F2} {s.Uptime,8:F2} {(double.IsNaN(s.Done) ? "-" : s.Done.ToString("F2", CultureInfo.InvariantCulture)),9} {s.Exit,8:F2}"));

    private static Sample Median(int runs, Func<Sample> boot)
    {
        var samples = Enumerable.Range(0, runs).Select(_ => boot()).OrderBy(s => s.Ready).ToList();
        return samples[samples.Count / 2];
    }

    /// <summary>Runs one boot as a child process, its input closed, timing the console lines as they arrive.</summary>
    private static Sample Boot(string program, string[] args)
    {
        var psi = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var a in args)
            psi.ArgumentList.Add(a);
        var clock = Stopwatch.StartNew();
        using var p = Process.Start(psi) ?? throw new BenchException($"cannot start {program}");
        p.StandardInput.Close();
        _ = p.StandardError.ReadToEndAsync();
        double ready = double.NaN, uptime = double.NaN, done = double.NaN;
        var reader = Task.Run(() =>
        {
            while (p.StandardOutput.ReadLine() is { } line)
            {
                if (line.StartsWith("BUSYBOX-READY", StringComparison.Ordinal))
                {
                    ready = clock.Elapsed.TotalSeconds;
                    _ = double.TryParse(line[(line.IndexOf('=', StringComparison.Ordinal) + 1)..].Trim(), CultureInfo.InvariantCulture, out uptime);
                }
                else if (line.StartsWith("AUTOTEST-DONE", StringComparison.Ordinal))
                {
                    done = clock.Elapsed.TotalSeconds;
                }
            }
        });
        if (!p.WaitForExit(Timeout) || !reader.Wait(Timeout))
        {
            p.Kill(entireProcessTree: true);
            throw new BenchException($"{program} did not power off within {Timeout.TotalMinutes} minutes");
        }
        double exit = clock.Elapsed.TotalSeconds;
        if (double.IsNaN(done))
            throw new BenchException($"{program} exited ({p.ExitCode}) without printing AUTOTEST-DONE");
        return new Sample(ready, uptime, done, exit);
    }
}
