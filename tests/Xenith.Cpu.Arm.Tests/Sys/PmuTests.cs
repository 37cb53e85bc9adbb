using Xenith.Cpu.Arm.Tests.Support;

namespace Xenith.Cpu.Arm.Tests.Sys;

/// <summary>The performance monitors: identification, the cycle counter's enables, and PL0 access through PMUSERENR.</summary>
public class PmuTests
{
    private const uint Nop = 0xE320F000;

    [Fact]
    public void Pmcr_identifies_the_core_with_no_event_counters()
    {
        using var h = new CpuHarness();
        h.A32(0xEE190F1C); // mrc p15, 0, r0, c9, c12, 0
        Assert.Equal(ExitReason.Hvc, h.Run());
        Assert.Equal(0x410F0000u, h.Cpu.R[0]);

        using var a8 = new CpuHarness(CpuProfile.CortexA8);
        a8.A32(0xEE190F1C);
        Assert.Equal(ExitReason.Hvc, a8.Run());
        Assert.Equal(0x41080000u, a8.Cpu.R[0]);
    }

    [Fact]
    public void The_cycle_counter_runs_only_when_enabled_and_counts_instructions()
    {
        using var h = new CpuHarness();
        h.A32(
            0xEE193F1D, // mrc p15, 0, r3, c9, c13, 0   PMCCNTR (stopped: 0)
            0xEE091F1C, // mcr p15, 0, r1, c9, c12, 0   PMCR = E|C
            0xEE092F3C, // mcr p15, 0, r2, c9, c12, 1   PMCNTENSET = bit 31
            Nop, Nop, Nop,
            0xEE194F1D, // mrc p15, 0, r4, c9, c13, 0   PMCCNTR
            0xEE092F5C, // mcr p15, 0, r2, c9, c12, 2   PMCNTENCLR = bit 31
            Nop, Nop,
            0xEE195F1D); // mrc p15, 0, r5, c9, c13, 0  PMCCNTR (frozen)
        h.Cpu.R[1] = 5;
        h.Cpu.R[2] = 1u << 31;
        Assert.Equal(ExitReason.Hvc, h.Run());
        Assert.Equal(0u, h.Cpu.R[3]);
        Assert.InRange(h.Cpu.R[4], 1u, 6u); // the three NOPs and the enabling writes, as the block boundary falls
        Assert.InRange(h.Cpu.R[5], h.Cpu.R[4], h.Cpu.R[4] + 1);
    }

    [Fact]
    public void Pl0_reaches_the_counter_only_when_pmuserenr_allows()
    {
        using var h = new CpuHarness();
        h.A32(0xEE193F1D); // mrc p15, 0, r3, c9, c13, 0
        h.Cpu.Cpsr = 0x10;
        Assert.Equal(ExitReason.Undefined, h.Run());
        Assert.Equal(CpuHarness.CodeBase, h.Cpu.Pc);

        h.Cpu.Pmuserenr = 1;
        h.A32(0xEE193F1D);
        h.Cpu.Cpsr = 0x10;
        Assert.Equal(ExitReason.Undefined, h.Run()); // now on the closing HVC, UNDEFINED at PL0
        Assert.Equal(CpuHarness.CodeBase + 4, h.Cpu.Pc);
    }
}
