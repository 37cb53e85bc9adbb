using System.Diagnostics;
using System.Text;
using Xenith.Cpu.Arm;
using Xenith.Platform.Board;

namespace Xenith.Platform.Tests.Board;

/// <summary>
/// The bare-metal programs in guest/board print what the architecture defines (fault codes, modes, GIC IDs...).
/// Their output on QEMU's virt machine is the golden file; Xenith's board must print exactly the same, and
/// QEMU is run again here so that the golden files stay true to the reference.
/// </summary>
public class BoardGuestTests
{
    public static TheoryData<string> Programs()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.GetFiles(Path.Combine(GuestBuild.BoardDir, "expected"), "*.txt").Order(StringComparer.Ordinal))
            data.Add(Path.GetFileNameWithoutExtension(f));
        return data;
    }

    [Theory]
    [MemberData(nameof(Programs))]
    public void Xenith_prints_the_golden_output(string name)
    {
        string elf = GuestBuild.Elf(name);
        var output = new StringBuilder();
        var options = new BoardOptions { Cpu = CpuProfile.CortexA15, CpuCount = 2, MemoryBytes = 256ul << 20, Deterministic = true };
        using var board = new VirtBoard(options, b => output.Append((char)b));
        board.LoadLinux(File.ReadAllBytes(elf), null, null, null);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var exit = board.Run(cancel.Token);
        Assert.Equal(GuestBuild.Expected(name), Normalize(output.ToString()));
        Assert.Equal(BoardExit.PowerOff, exit);
    }

    [Theory]
    [MemberData(nameof(Programs))]
    public async Task Qemu_prints_the_golden_output(string name)
    {
        string elf = GuestBuild.Elf(name);
        var psi = new ProcessStartInfo("qemu-system-arm")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (var a in (string[])["-M", "virt", "-cpu", "cortex-a15", "-m", "256", "-smp", "2", "-nographic",
                     "-net", "none", "-monitor", "none", "-serial", "stdio", "-kernel", elf])
            psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        p.StandardInput.Close();
        var stdout = p.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        try
        {
            await p.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            p.Kill(entireProcessTree: true);
            Assert.Fail($"qemu did not finish {name} within 120 s");
        }
        Assert.Equal(GuestBuild.Expected(name), Normalize(await stdout));
    }

    internal static string Normalize(string s) => s.Replace("\r\n", "\n", StringComparison.Ordinal);
}

/// <summary>Builds guest/board once per test run.</summary>
internal static class GuestBuild
{
    private static readonly Lazy<string> Built = new(Build);

    public static string RepoRoot { get; } = FindRoot();

    public static string BoardDir => Path.Combine(RepoRoot, "guest", "board");

    public static string Elf(string name) => Path.Combine(Built.Value, name + ".elf");

    public static string Expected(string name) =>
        BoardGuestTests.Normalize(File.ReadAllText(Path.Combine(BoardDir, "expected", name + ".txt")));

    private static string Build()
    {
        var psi = new ProcessStartInfo("make", ["-s", "-C", BoardDir]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var p = Process.Start(psi)!;
        string err = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
            throw new InvalidOperationException($"make -C guest/board failed:\n{err}");
        return Path.Combine(BoardDir, "out");
    }

    // The test binaries may be built outside the tree (--artifacts-path): look up from this source file too.
    private static string FindRoot([System.Runtime.CompilerServices.CallerFilePath] string source = "")
    {
        foreach (string start in (string[])[AppContext.BaseDirectory, Path.GetDirectoryName(source) ?? "/"])
        {
            for (var d = new DirectoryInfo(start); d != null; d = d.Parent)
            {
                if (File.Exists(Path.Combine(d.FullName, "Xenith.slnx")))
                    return d.FullName;
            }
        }
        throw new InvalidOperationException("cannot find the repository root (Xenith.slnx) above " + AppContext.BaseDirectory);
    }
}
