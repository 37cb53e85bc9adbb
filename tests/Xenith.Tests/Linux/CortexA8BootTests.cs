using Xenith.Cpu.Arm;
using Xenith.Images;
using Xenith.Platform.Board;

namespace Xenith.Tests.Linux;

/// <summary>
/// The Cortex-A8 board runs what an A8 runs: Debian's non-LPAE armmp kernel, with the SP804 as its clock
/// source and clock event device (no generic timer), PSCI over SMC, one CPU, and software PAN switching DACR.
/// </summary>
public class CortexA8BootTests
{
    [Fact]
    public void Debian_armmp_kernel_runs_init_and_powers_off()
    {
        using var run = new BoardRun(cpus: 1, deterministic: true, "console=ttyAMA0 xenith.autotest=1",
            CpuProfile.CortexA8, ImageCache.ArmmpKernel);
        Assert.Equal(BoardExit.PowerOff, run.Finish(TimeSpan.FromMinutes(8)));
        string log = run.Output;
        Assert.Contains("CPU: ARMv7 Processor [410fc080] revision 0 (ARMv7)", log);
        Assert.Contains("psci: PSCIv1.1 detected in firmware.", log);
        Assert.Contains("clocksource: arm,sp804: mask: 0xffffffff", log);
        Assert.Contains("sched_clock: 32 bits at 1000kHz", log);
        Assert.Contains("clocksource: Switched to clocksource arm,sp804", log);
        Assert.DoesNotContain("timer_probe: no matching timers found", log);
        Assert.Contains("BUSYBOX-READY uptime=", log);
        Assert.Contains("CPU part\t: 0xc08", log);
        // No Advanced SIMD is emulated, so none is advertised (the A8's VFPv3 with 32 D registers is).
        Assert.Contains("vfpv3 tls vfpd32", log);
        Assert.DoesNotContain("neon", log);
        Assert.Contains("AUTOTEST-DONE", log);
        Assert.DoesNotContain("Oops", log);
        Assert.DoesNotContain("BUG:", log);
    }
}
