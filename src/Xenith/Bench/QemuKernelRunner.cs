using System.Diagnostics;

namespace Xenith.Bench;

/// <summary>
/// Runs a bare-metal ELF in <c>qemu-system-arm -M virt -cpu cortex-a15</c>, the reference both for
/// the kernels' output and for speed. QEMU powers off at the kernel's PSCI SYSTEM_OFF (HVC conduit
/// on virt without EL2). Times are wall clock of the whole process, so callers subtract the time of
/// the empty kernel to leave the guest's execution.
/// </summary>
internal static class QemuKernelRunner
{
    public const string Executable = "qemu-system-arm";

    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    public static bool Available => BenchKernels.FindOnPath(Executable) != null;

    /// <summary>QEMU's version line, e.g. "QEMU emulator version 7.2.22 (Debian ...)".</summary>
    public static string Version()
    {
        var psi = new ProcessStartInfo(Executable, "--version") { RedirectStandardOutput = true };
        using var p = Process.Start(psi) ?? throw new BenchException($"cannot start {Executable}");
        string first = p.StandardOutput.ReadLine() ?? "";
        p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return first.Trim();
    }

    /// <summary>Runs the ELF <paramref name="runs"/> times; returns the output and the best time.</summary>
    public static KernelRun Run(string elfPath, int runs = 1)
    {
        KernelRun? best = null;
        for (int i = 0; i < Math.Max(runs, 1); i++)
        {
            var run = RunOnce(elfPath);
            if (best != null && run.Output != best.Output)
                throw new BenchException($"QEMU gave different outputs for {elfPath} on different runs");
            if (best == null || run.Seconds < best.Seconds)
                best = run;
        }
        return best!;
    }

    private static KernelRun RunOnce(string elfPath)
    {
        var psi = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            // QEMU's stdio serial would otherwise take over the terminal.
            RedirectStandardInput = true,
        };
        foreach (var a in new[] { "-M", "virt", "-cpu", "cortex-a15", "-m", "256", "-nographic", "-net", "none",
                     "-monitor", "none", "-serial", "stdio", "-kernel", elfPath })
            psi.ArgumentList.Add(a);

        var clock = Stopwatch.StartNew();
        using var qemu = Process.Start(psi) ?? throw new BenchException($"cannot start {Executable}");
        qemu.StandardInput.Close();
        var stdout = qemu.StandardOutput.ReadToEndAsync();
        var stderr = qemu.StandardError.ReadToEndAsync();
        if (!qemu.WaitForExit(Timeout))
        {
            qemu.Kill();
            throw new BenchException($"QEMU did not power off within {Timeout.TotalSeconds} s running {elfPath}");
        }
        qemu.WaitForExit();
        clock.Stop();
        if (qemu.ExitCode != 0)
            throw new BenchException($"QEMU exited with status {qemu.ExitCode} running {elfPath}: {stderr.Result.Trim()}");
        return new KernelRun(stdout.Result, 0, clock.Elapsed.TotalSeconds);
    }
}
