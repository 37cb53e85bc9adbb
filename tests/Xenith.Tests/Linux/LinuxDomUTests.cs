using Xenith.Images;
using Xenith.Rpc;
using Xunit.Abstractions;

namespace Xenith.Tests.Linux;

/// <summary>
/// Debian's unmodified armmp-lpae kernel as an xl-created domU (the next issue's first step, kept working now): it
/// boots on the PV console to the busybox shell, takes a typed command, and `poweroff -f` ends the domain.
/// </summary>
public class LinuxDomUTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Debian_linux_boots_as_a_domU_to_a_shell_on_its_pv_console()
    {
        using var run = new DomURun(ImageCache.LpaeKernel, "vcpus = 1\n");
        var (boot, took) = await run.BootToShell();
        output.WriteLine($"xl create to the busybox prompt with 1 vCPU: {took.TotalSeconds:F1} s");
        Assert.Contains("Xen 4.17 support found", boot);
        Assert.Contains("xen:grant_table: Grant tables using version 1 layout", boot);
        string answer = await run.Run("echo hello-$((6*7)); cat /sys/hypervisor/type", "hello-42");
        Assert.Contains("hello-42", answer);
        Assert.Equal(ShutdownReason.Poweroff, await run.PowerOff());
    }
}
