using Xenith.Images;
using Xenith.Rpc;
using Xunit.Abstractions;

namespace Xenith.Tests.Linux;

/// <summary>
/// Debian's unmodified armmp-lpae kernel as an xl-created domU (the next issue's first step, kept working now): it
/// boots on the PV console to the busybox shell with its PV drivers loaded from the initramfs, takes a typed
/// command, and busybox's `poweroff` (which signals init) ends the domain, as the new user does it.
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
        // Xen offers FIFO event channels; Xenith's init_control says ENOSYS, and Linux takes the 2-level ABI.
        Assert.Contains("xen:events: Using 2-level ABI", boot);
        Assert.Contains("xen:balloon: Initialising balloon driver", boot);
        string answer = await run.Run("echo hello-$((6*7)); cat /sys/hypervisor/type", "hello-42");
        Assert.Contains("hello-42", answer);
        await run.Run("echo hyp-$((3*3)): $(cat /sys/hypervisor/type /sys/hypervisor/version/major /sys/hypervisor/version/minor)", "hyp-9: ");
        Assert.Equal("xen 4 17\r\n", await run.ReadUntil("\r\n", TimeSpan.FromSeconds(30)));
        // /init loaded the PV drivers from the initramfs's tree for this kernel's `uname -r`.
        // The marker is computed by the shell, so the echo of the typed command does not match it.
        await run.Run("echo modules-$((2*2)): $(cut -d' ' -f1 /proc/modules | sort | grep xen)", "modules-4: ");
        string modules = await run.ReadUntil("\r\n", TimeSpan.FromSeconds(30));
        Assert.Equal("xen_blkfront xen_evtchn xen_gntdev\r\n", modules);
        Assert.DoesNotContain("init: cannot load", boot);
        Assert.Equal(ShutdownReason.Poweroff, await run.PowerOff("poweroff"));
    }
}
