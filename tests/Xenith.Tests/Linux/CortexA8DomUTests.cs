using Xenith.Images;
using Xenith.Rpc;
using Xunit.Abstractions;

namespace Xenith.Tests.Linux;

/// <summary>
/// Debian's non-LPAE armmp kernel as an xl-created domU on the Cortex-A8 profile (<c>cpu = "cortex-a8"</c>): no
/// virtualization extensions on the core, yet the paravirtualized guest reaches the hypervisor with HVC #0xEA1 and
/// has the virtual timer its device tree promises, while it sees an A8 (MIDR, no LPAE, no integer divide).
/// </summary>
public class CortexA8DomUTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Debian_armmp_kernel_boots_as_a_cortex_a8_domU_to_a_shell_and_powers_off()
    {
        using var run = new DomURun(ImageCache.ArmmpKernel, "cpu = \"cortex-a8\"\n");
        var (boot, took) = await run.BootToShell();
        output.WriteLine($"xl create to the busybox prompt on cortex-a8: {took.TotalSeconds:F1} s");
        Assert.Contains("Xen 4.17 support found", boot);
        Assert.Contains("xen:grant_table: Grant tables using version 1 layout", boot);
        string answer = await run.Run("echo hello-$((6*7)); cat /sys/hypervisor/type", "hello-42");
        Assert.Contains("hello-42", answer);
        Assert.Equal(ShutdownReason.Poweroff, await run.PowerOff());
    }

    [Fact]
    public async Task A_cortex_a8_domU_sees_an_a8_with_the_virtual_timer()
    {
        using var run = new DomURun(ImageCache.ArmmpKernel, "cpu = \"cortex-a8\"\n");
        var (boot, _) = await run.BootToShell();
        output.WriteLine(boot);
        Assert.Contains("CPU: ARMv7 Processor [410fc080] revision 0 (ARMv7)", boot);
        Assert.Contains("arch_timer: cp15 timer(s) running at", boot);
        Assert.Contains("(virt)", boot);
        Assert.DoesNotContain("Oops", boot);
        Assert.DoesNotContain("BUG:", boot);
        string cpuinfo = await run.Run("cat /proc/cpuinfo; echo end-$((2+2))", "end-4");
        output.WriteLine(cpuinfo);
        Assert.Contains("CPU part\t: 0xc08", cpuinfo);
        Assert.Equal(1, cpuinfo.Split('\n').Count(l => l.StartsWith("processor", StringComparison.Ordinal)));
        // The A8 has no LPAE and no SDIV/UDIV, and no Advanced SIMD is emulated; its VFPv3-D32 is.
        Assert.Contains("vfpv3", cpuinfo);
        Assert.DoesNotContain("lpae", cpuinfo);
        Assert.DoesNotContain("idiva", cpuinfo);
        Assert.DoesNotContain("neon", cpuinfo);
    }
}
