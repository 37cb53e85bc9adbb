using System.Text.RegularExpressions;
using Xenith.Images;
using Xenith.Rpc;
using Xenith.Toolstack.Vchan;
using Xunit.Abstractions;

namespace Xenith.Tests.Linux;

/// <summary>
/// Issue 7 item 5: the Debian domU uses its own Xen devices beside another guest. Domain 0 (C#) serves a vchan; the
/// Linux guest, with xen-gntdev and xen-evtchn loaded by /init from the Debian package, runs guest/linux's
/// xen-vchan-recv, which maps the server's pages through /dev/xen/gntdev, waits on /dev/xen/evtchn and checks every
/// byte. The hello guest runs at the same time and still answers on its console afterwards.
/// </summary>
public partial class LinuxVchanTests(ITestOutputHelper output)
{
    private const long Bytes = 8L << 20;
    private const uint Seed = 4242;

    [Fact]
    public async Task A_linux_domU_receives_a_dom0_vchan_stream_through_gntdev_and_evtchn_beside_another_guest()
    {
        using var run = new DomURun(ImageCache.LpaeKernel, "vcpus = 1\n");
        var ts = run.Toolstack;
        string helloCfg = Path.Combine(Path.GetDirectoryName(run.ConfigPath)!, "hello.cfg");
        await File.WriteAllTextAsync(helloCfg, $"name = \"hello\"\nkernel = \"{GuestElf("hello")}\"\nmemory = 16\n");
        uint hello = ts.Create(new CreateRequest(helloCfg, [], Path.GetDirectoryName(helloCfg)!, Paused: false)).DomId;
        await run.BootToShell();

        using var server = ts.OpenVchanServer(run.DomId, global::Xenith.Toolstack.Toolstack.VchanPath(0, run.DomId, 1), 1024, 65536);
        var sending = Task.Run(() => Dom0Transfer.Send(server.Endpoint, Bytes, Seed));
        // The marker is computed by the shell, so the echo of the typed command does not match it.
        string report = await run.Run($"xen-vchan-recv 0 1 {Bytes} {Seed}; echo vchan-$((6*7))-rc=$?", "vchan-42-rc=");
        output.WriteLine(report);
        Assert.True(report.Contains($"PASS vchan.linux-recv bytes={Bytes} errors=0", StringComparison.Ordinal), report);
        Assert.Equal("0", (await run.ReadUntil("\r\n", TimeSpan.FromSeconds(10))).Trim());
        Assert.Matches(RateLine(), report);
        Assert.Equal(Bytes, (await sending.WaitAsync(TimeSpan.FromMinutes(1))).Bytes);

        // The other guest was never disturbed: it still echoes on its own console.
        using (var helloConsole = ts.OpenConsole(hello, ConsoleType.Pv, 0))
        {
            helloConsole.Write("still there\r"u8);
            Assert.Contains("you said: still there", await ReadUntil(helloConsole, "you said: still there"));
        }
        Assert.Equal(ShutdownReason.Poweroff, await run.PowerOff());
    }

    private static string GuestElf(string name) =>
        Path.Combine(global::Xenith.Demo.TransferSuite.BuildGuests(global::Xenith.Repository.Root()), name + ".elf");

    private static async Task<string> ReadUntil(Stream console, string text)
    {
        var seen = new System.Text.StringBuilder();
        var buf = new byte[1024];
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!seen.ToString().Contains(text, StringComparison.Ordinal))
        {
            int n = await console.ReadAsync(buf, cancel.Token);
            if (n == 0)
                break;
            seen.Append(System.Text.Encoding.UTF8.GetString(buf, 0, n));
        }
        return seen.ToString();
    }

    [GeneratedRegex(@"# vchan\.linux-recv: \d+ us, \d+ KiB/s")]
    private static partial Regex RateLine();
}
