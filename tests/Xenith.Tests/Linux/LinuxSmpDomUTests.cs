using Xenith.Images;
using Xenith.Xl;
using Xunit.Abstractions;

namespace Xenith.Tests.Linux;

/// <summary>
/// The armmp-lpae domU with <c>vcpus = 2</c>: the second vCPU comes up through PSCI CPU_ON, the guest counts two CPUs,
/// and <c>xl vcpu-list</c> / <c>xl vcpu-pin</c> show and change both, hard and soft affinity (spec 12.2).
/// </summary>
public class LinuxSmpDomUTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Debian_linux_brings_up_two_vcpus_as_a_domU_and_xl_lists_and_pins_them()
    {
        using var run = new DomURun(ImageCache.LpaeKernel, "vcpus = 2\n");
        var (boot, took) = await run.BootToShell();
        output.WriteLine($"xl create to the busybox prompt with 2 vCPUs: {took.TotalSeconds:F1} s");
        Assert.Contains("smp: Brought up 1 node, 2 CPUs", boot);

        string cpus = await run.Run("echo cpus=$(grep -c ^processor /proc/cpuinfo)", "cpus=2");
        Assert.Contains("cpus=2", cpus);

        string list = Xl(run, "vcpu-list", "busybox");
        output.WriteLine(list);
        string[] rows = list.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Name                                ID  VCPU   CPU State   Time(s) Affinity (Hard / Soft)", rows[0]);
        Assert.Equal(3, rows.Length);
        for (int v = 0; v < 2; v++)
        {
            // "%-32s %5u %5u" "%5u %3c%c- " "%9.1f  " hard " / " soft; the idle shell's vCPUs run or block.
            Assert.Matches(Row(run.DomId, v, "[01]", "all", "all"), rows[v + 1]);
        }

        Assert.Equal("", Xl(run, "vcpu-pin", "busybox", "1", "0"));
        Assert.Equal("", Xl(run, "vcpu-pin", "busybox", "0", "-", "1"));
        // The pinned vCPU still does the guest's work, and from then on on pCPU 0 only.
        string both = await run.Run("for c in 0 1; do taskset -c $c true && echo ran-on-$c; done; echo done-$((1+1))", "done-2");
        Assert.Contains("ran-on-0", both);
        Assert.Contains("ran-on-1", both);
        list = Xl(run, "vcpu-list", "busybox");
        output.WriteLine(list);
        rows = list.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Matches(Row(run.DomId, 0, "[01]", "all", "1"), rows[1]);
        Assert.Matches(Row(run.DomId, 1, "0", "0", "all"), rows[2]);
        Assert.Equal(global::Xenith.Rpc.ShutdownReason.Poweroff, await run.PowerOff());
    }

    /// <summary>
    /// An online vCPU's row: "%-32s %5u %5u" name, domid, vCPU; "%5u %3c%c- " pCPU, r, b; "%9.1f  " seconds; then
    /// hard " / " soft affinity.
    /// </summary>
    private static string Row(uint domid, int vcpu, string pcpu, string hard, string soft) =>
        $@"^busybox {{25}} {domid,5} {vcpu,5} {{4}}{pcpu} {{3}}[r-][b-]- {{4,}}\d+\.\d  {hard} / {soft}$";

    /// <summary>xl's own command code against the in-process toolstack, as the CLI runs it over the socket.</summary>
    private static string Xl(DomURun run, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int rc = XlMain.Run(new XlContext(run.Toolstack, stdout, stderr) { Interactive = false }, args);
        Assert.True(rc == 0, $"xl {string.Join(' ', args)} exited {rc}: {stderr}");
        return stdout.ToString();
    }
}
