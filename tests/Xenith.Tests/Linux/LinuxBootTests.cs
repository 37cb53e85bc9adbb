using System.Text.RegularExpressions;
using Xenith.Platform.Board;

namespace Xenith.Tests.Linux;

/// <summary>
/// The issue's external proof: Debian's own armmp-lpae kernel boots on the standalone board with the busybox
/// initramfs from <c>xenith images</c>, reaches /init, and takes commands typed on the UART.
/// </summary>
public class LinuxBootTests
{
    [Fact]
    public void Debian_kernel_runs_init_and_powers_off()
    {
        using var run = new BoardRun(cpus: 1, deterministic: true, "console=ttyAMA0 xenith.autotest=1");
        Assert.Equal(BoardExit.PowerOff, run.Finish(TimeSpan.FromMinutes(8)));
        string log = run.Output;
        Assert.Contains("Machine model: linux,dummy-virt", log);
        Assert.Contains("psci: PSCIv1.1 detected in firmware.", log);
        Assert.Contains("arch_timer: cp15 timer(s) running at 62.50MHz (virt).", log);
        Assert.Contains("ttyAMA0 at MMIO 0x9000000 (irq = ", log);
        Assert.Contains("BUSYBOX-READY uptime=", log);
        Assert.Contains("armv7l GNU/Linux", log);
        Assert.Contains("CPU part\t: 0xc0f", log);
        Assert.Contains("AUTOTEST-DONE", log);
        Assert.Contains("random: crng init done", log); // the device tree's rng-seed was taken
        Assert.DoesNotContain("Oops", log);
        Assert.DoesNotContain("BUG:", log);
    }

    [Fact]
    public void Without_its_root_device_init_stays_in_the_initramfs_whose_modules_match_the_kernel()
    {
        // No disk on the board: /init waits rootdelay seconds for root=, says so, and goes on as before.
        using var run = new BoardRun(cpus: 1, deterministic: true, "console=ttyAMA0 xenith.autotest=1 root=/dev/xvda rootdelay=1");
        Assert.Equal(BoardExit.PowerOff, run.Finish(TimeSpan.FromMinutes(8)));
        string log = run.Output;
        Assert.Contains("BUSYBOX-READY uptime=", log);
        Assert.Contains("init: cannot boot from /dev/xvda; staying in the initramfs", log);
        Assert.DoesNotContain("init: switching", log);
        Assert.DoesNotContain("init: cannot load", log); // not under Xen: no PV drivers to load
        Assert.Contains("AUTOTEST-DONE", log);

        // `uname -r` of the kernel that ran names a module tree in the initramfs it ran.
        var release = Regex.Match(log, @"Linux \(none\) (\S+) ").Groups[1].Value;
        Assert.NotEqual("", release);
        var modules = DebianImageContents.InitramfsEntries().Keys.Where(n => n.StartsWith($"lib/modules/{release}/", StringComparison.Ordinal));
        Assert.Contains($"lib/modules/{release}/kernel/drivers/block/xen-blkfront.ko", modules);
    }

    [Fact]
    public void Deterministic_boots_print_the_same_bytes()
    {
        // Timestamps, the RTC date and the boot's whole interleaving depend only on instructions executed.
        string Boot()
        {
            using var run = new BoardRun(cpus: 2, deterministic: true, "console=ttyAMA0 xenith.autotest=1");
            Assert.Equal(BoardExit.PowerOff, run.Finish(TimeSpan.FromMinutes(8)));
            return run.Output;
        }
        string first = Boot(), second = Boot();
        Assert.Contains("AUTOTEST-DONE", first);
        Assert.Equal(first, second);
    }

    [Fact]
    public void Two_cpus_come_up_and_the_shell_takes_typed_commands()
    {
        using var run = new BoardRun(cpus: 2, deterministic: false, "console=ttyAMA0");
        run.WaitFor("BUSYBOX-READY", TimeSpan.FromMinutes(8));
        run.WaitFor("# ", TimeSpan.FromMinutes(1));
        run.Type("echo hello-$((6*7)); grep -c ^processor /proc/cpuinfo\n");
        // The shell's output (the terminal turns \n into \r\n); the second command counts the CPUs Linux brought up.
        run.WaitFor("hello-42\r\n2\r\n", TimeSpan.FromMinutes(1));
        run.Type("poweroff -f\n");
        Assert.Equal(BoardExit.PowerOff, run.Finish(TimeSpan.FromMinutes(2)));
        string log = run.Output;
        Assert.Contains("smp: Brought up 1 node, 2 CPUs", log);
    }
}
