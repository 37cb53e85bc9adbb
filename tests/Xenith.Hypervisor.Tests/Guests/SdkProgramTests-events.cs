using System.Diagnostics;
using System.Runtime.CompilerServices;
using Xenith.Abi;
using Xenith.Hypervisor.Builder;
using Xenith.Hypervisor.Domains;

namespace Xenith.Hypervisor.Tests.Guests;

/// <summary>
/// The guest SDK's programs for shared_info, event channels, memory_op, vcpu_op, hvm_op, multicall and
/// hostile input (guest/xen), built with make and booted as a domU: every check must pass, and the domain
/// must end powered off after its SUMMARY line.
/// </summary>
public class SdkEventsProgramTests
{
    [Theory]
    [InlineData("version")]
    [InlineData("console")]
    [InlineData("sched")]
    [InlineData("memory")]
    [InlineData("vcpu")]
    [InlineData("evtchn")]
    [InlineData("multicall")]
    [InlineData("hostile")]
    public void Sdk_program_passes(string program)
    {
        var (domain, lines) = SdkGuest.Run(program);
        string all = string.Join('\n', lines);
        var failures = lines.Where(l => l.StartsWith("(d1) FAIL", StringComparison.Ordinal)).ToList();
        Assert.True(failures.Count == 0, string.Join('\n', failures));
        Assert.Contains(lines, l => l.StartsWith("(d1) SUMMARY: ", StringComparison.Ordinal) && l.Contains(" 0 failed", StringComparison.Ordinal));
        Assert.True(domain.State == DomainState.Shutdown && domain.Reason == ShutdownReason.Poweroff, all);
    }
}

/// <summary>Builds guest/xen once per test run and boots one of its programs in a fresh machine.</summary>
internal static class SdkGuest
{
    private static readonly Lazy<string> OutDir = new(Build);

    public static (Domain Domain, List<string> Lines) Run(string program, ulong memory = 16ul << 20)
    {
        byte[] elf = File.ReadAllBytes(Path.Combine(OutDir.Value, program + ".elf"));
        using var machine = new XenMachine(64ul << 20, deterministic: true);
        var lines = new List<string>();
        machine.Log += lines.Add;
        var d = DomainBuilder.Build(machine, new DomainConfig(program, elf, memory));
        // A guard against a hung guest, not a timing assertion: a passing run takes well under a second.
        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        machine.Run(cancel.Token);
        return (d, lines);
    }

    private static string Build() => Build(SourceDirectory());

    // The tests may be built anywhere (--artifacts-path): find the repository from this source file.
    private static string SourceDirectory([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;

    private static string Build(string dir)
    {
        while (!File.Exists(Path.Combine(dir, "guest", "xen", "Makefile")))
            dir = Path.GetDirectoryName(dir) ?? throw new InvalidOperationException("guest/xen not found above the test sources");
        string xen = Path.Combine(dir, "guest", "xen");
        var psi = new ProcessStartInfo("make", ["-s", "-C", xen]) { RedirectStandardError = true, RedirectStandardOutput = true };
        using var p = Process.Start(psi)!;
        string err = p.StandardError.ReadToEnd() + p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
            throw new InvalidOperationException($"make -C guest/xen failed:\n{err}");
        return Path.Combine(xen, "out");
    }
}
