using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using Xenith.Abi;
using Xenith.Hypervisor.Builder;
using Xenith.Hypervisor.Domains;

namespace Xenith.Hypervisor.Tests.Guests;

/// <summary>
/// Two domains booted together (guest/xen/xfer_send.c and xfer_recv.c): A grants a ring of pages and offers an
/// interdomain event channel, B maps the grants (or pulls them with GNTTABOP_copy) and checks every byte of A's
/// xorshift32 stream: the 16 MiB of issue 4, a few seconds of emulation in deterministic mode.
/// </summary>
public class TransferTests
{
    private const uint Bytes = 16u << 20;

    [Theory]
    [InlineData("map")]
    [InlineData("copy")]
    public void Every_byte_arrives_intact(string mode)
    {
        var run = TransferRun.Run(TransferGuests.OutDir, mode, Bytes, seed: 12345, deterministic: true);
        using var machine = run.Machine;
        string all = string.Join('\n', run.Lines);
        Assert.DoesNotContain(run.Lines, l => l.Contains(" FAIL", StringComparison.Ordinal));
        Assert.Contains($"(d2) PASS xfer.{mode} bytes={Bytes} errors=0", run.Lines);
        Assert.Contains($"(d1) PASS xfer.send bytes={Bytes}", run.Lines);
        Assert.Contains("(d1) SUMMARY: 6 passed, 0 failed, 0 skipped", run.Lines);
        Assert.Contains(mode == "map" ? "(d2) SUMMARY: 7 passed, 0 failed, 0 skipped" : "(d2) SUMMARY: 6 passed, 0 failed, 0 skipped", run.Lines);
        foreach (var d in machine.Domains)
            Assert.True(d.State == DomainState.Shutdown && d.Reason == ShutdownReason.Poweroff, $"d{d.Id} {d.State}\n{all}");
        // The work is generating and checking 16 MiB (about 80 M instructions): a side that busy-waits instead of
        // blocking in SCHEDOP_poll (with IRQs masked it must wait for its port only) shows up here as a billion more.
        ulong instructions = (ulong)machine.Domains.Sum(d => (long)d.Vcpus[0].Cpu.Instructions);
        Assert.True(instructions < 300_000_000, $"{instructions} guest instructions");
        // Nothing stays pinned or mapped once both sides are done.
        Assert.All(machine.Domains, d => Assert.Equal(0, d.Grants.ActiveCount));
        Assert.All(machine.Domains, d => Assert.Equal(0, d.Grants.MappingCount));
    }

    [Fact]
    public void A_receiver_expecting_other_data_reports_the_errors()
    {
        // xfer.seed-xor makes the receiver check against another stream: the check itself must be able to fail.
        var run = TransferRun.Run(TransferGuests.OutDir, "map", 64u << 10, seed: 7, deterministic: true, receiverExtra: " xfer.seed-xor=2");
        using var machine = run.Machine;
        string line = Assert.Single(run.Lines, l => l.StartsWith("(d2) FAIL xfer.map bytes=65536 errors=", StringComparison.Ordinal));
        uint errors = uint.Parse(line.Split("errors=")[1].Split(':')[0], CultureInfo.InvariantCulture);
        // Two unrelated 32-bit streams agree on a byte about once in 256.
        Assert.InRange(errors, 60_000u, 65_536u);
        Assert.Contains("(d1) PASS xfer.send bytes=65536", run.Lines);
    }
}

/// <summary>The machine and log of one two-domain transfer run.</summary>
internal sealed record TransferRun(XenMachine Machine, List<string> Lines)
{
    /// <summary>
    /// Boots sender (d1) and receiver (d2) with the command-line convention of guest/xen/xfer.h and runs until both
    /// shut down; <paramref name="receiverExtra"/> is appended to the receiver's command line.
    /// </summary>
    public static TransferRun Run(string outDir, string mode, uint bytes, uint seed, bool deterministic, string receiverExtra = "", int pcpus = 1)
    {
        var machine = new XenMachine(64ul << 20, deterministic, pcpus);
        var lines = new List<string>();
        // pCPU threads log concurrently (under the hypervisor's gate, but the list is read afterwards only).
        machine.Log += l => { lock (lines) lines.Add(l); };
        string n(uint v) => v.ToString(CultureInfo.InvariantCulture);
        DomainBuilder.Build(machine, new DomainConfig("xfer-send", File.ReadAllBytes(Path.Combine(outDir, "xfer_send.elf")), 16ul << 20,
            Cmdline: $"xfer.peer=2 xfer.bytes={n(bytes)} xfer.slots=16 xfer.seed={n(seed)}"));
        DomainBuilder.Build(machine, new DomainConfig("xfer-recv", File.ReadAllBytes(Path.Combine(outDir, "xfer_recv.elf")), 16ul << 20,
            Cmdline: $"xfer.peer=1 xfer.mode={mode}{receiverExtra}"));
        // A guard against a hung guest, not a timing assertion.
        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        machine.Run(cancel.Token);
        return new TransferRun(machine, lines);
    }
}

/// <summary>Builds the transfer programs into guest/xen/out/transfer (a folder of their own, so this make cannot race another test's).</summary>
internal static class TransferGuests
{
    private static readonly Lazy<string> Out = new(Build);

    public static string OutDir => Out.Value;

    private static string SourceDirectory([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;

    private static string Build()
    {
        string dir = SourceDirectory();
        while (!File.Exists(Path.Combine(dir, "guest", "xen", "Makefile")))
            dir = Path.GetDirectoryName(dir) ?? throw new InvalidOperationException("guest/xen not found above the test sources");
        string xen = Path.Combine(dir, "guest", "xen");
        const string sub = "out/transfer";
        var psi = new ProcessStartInfo("make", ["-s", "-C", xen, "OUT=" + sub, sub + "/xfer_send.elf", sub + "/xfer_recv.elf", sub + "/nullcall.elf"])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        using var p = Process.Start(psi)!;
        string err = p.StandardError.ReadToEnd() + p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
            throw new InvalidOperationException($"make -C guest/xen failed:\n{err}");
        return Path.Combine(xen, sub);
    }
}
