using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Xenith.Bench;

/// <summary>
/// The bare-metal benchmark kernels in <c>bench/cpu</c>: where their sources are, how to build them
/// (their Makefile), and where the ELF files land. Variants: <c>arm</c>, <c>thumb</c> (full size),
/// <c>small-arm</c>, <c>small-thumb</c> (iterations / 100, for tests).
/// </summary>
internal static class BenchKernels
{
    public static readonly string[] All = ["intloop", "memcpy", "crc32", "sort", "interp"];

    /// <summary>Prints nothing and returns at once: its time is the emulator's start-up cost.</summary>
    public const string Empty = "empty";

    private static readonly Lock BuildLock = new();

    /// <summary>
    /// The <c>bench/cpu</c> folder, searched upward from the working directory, the program's own
    /// folder and, for test runs whose output lives outside the tree, where this file was compiled.
    /// </summary>
    public static string SourceDir()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory, Path.GetDirectoryName(CompiledFrom()) ?? "/" })
        {
            for (var dir = new DirectoryInfo(start); dir != null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "bench", "cpu");
                if (File.Exists(Path.Combine(candidate, "Makefile")))
                    return candidate;
            }
        }
        throw new BenchException("cannot find bench/cpu/Makefile above the working directory or the program");
    }

    private static string CompiledFrom([CallerFilePath] string path = "") => path;

    public static string ElfPath(string variant, string kernel) => Path.Combine(SourceDir(), "out", variant, kernel + ".elf");

    /// <summary>Runs make for the given ELF files. When the cross compiler is missing but the files exist, they are used as they are.</summary>
    public static void Build(string variant, IEnumerable<string> kernels)
    {
        var targets = kernels.Select(k => $"out/{variant}/{k}.elf").ToArray();
        lock (BuildLock)
        {
            var dir = SourceDir();
            bool haveAll = targets.All(t => File.Exists(Path.Combine(dir, t)));
            if (FindOnPath("make") == null || FindOnPath("arm-none-eabi-gcc") == null)
            {
                if (haveAll)
                    return;
                throw new BenchException("building the kernels needs make and arm-none-eabi-gcc (Debian: apt install make gcc-arm-none-eabi)");
            }
            var psi = new ProcessStartInfo("make") { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true };
            psi.ArgumentList.Add("-s");
            foreach (var t in targets)
                psi.ArgumentList.Add(t);
            using var make = Process.Start(psi) ?? throw new BenchException("cannot start make");
            var stdout = make.StandardOutput.ReadToEndAsync();
            var stderr = make.StandardError.ReadToEndAsync();
            make.WaitForExit();
            if (make.ExitCode != 0)
                throw new BenchException($"building the kernels failed:\n{stdout.Result}{stderr.Result}");
        }
    }

    /// <summary>Full path of an executable on PATH, or null.</summary>
    public static string? FindOnPath(string name)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var path = Path.Combine(dir, name);
            if (File.Exists(path))
                return path;
        }
        return null;
    }
}

/// <summary>A benchmark step that cannot go on (build failure, unexpected guest exit, emulator missing).</summary>
internal sealed class BenchException(string message) : Exception(message);
