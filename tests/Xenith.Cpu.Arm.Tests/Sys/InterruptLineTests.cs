using Xenith.Cpu.Arm.Tests.Support;

namespace Xenith.Cpu.Arm.Tests.Sys;

/// <summary>The IRQ and FIQ inputs are taken between blocks when CPSR.I/F allow, and only then.</summary>
public class InterruptLineTests
{
    private const uint Nop = 0xE320F000;

    [Fact]
    public void A_masked_irq_line_is_not_taken()
    {
        using var h = new CpuHarness();
        h.Cpu.HostTraps = HostTraps.None;
        h.A32(Nop, Nop);
        h.Cpu.Cpsr = 0x1D3; // SVC, I and F set
        h.Cpu.IrqLine = true;
        Assert.Equal(ExitReason.Hvc, h.Run());
        Assert.Equal(Mode.Supervisor, h.Cpu.Mode);
    }

    [Fact]
    public void An_unmasked_irq_line_enters_irq_mode_at_the_vector_with_lr_next_plus_4()
    {
        using var h = new CpuHarness();
        h.Cpu.HostTraps = HostTraps.None;
        h.A32(Nop, Nop);
        h.Cpu.Vbar = 0x8000;
        h.Memory.Write(0x8018, BitConverter.GetBytes(0xE1400070u)); // hvc #0 at the IRQ vector
        h.Cpu.Cpsr = 0x153; // SVC, I clear, F set
        h.Cpu.IrqLine = true;
        Assert.Equal(ExitReason.Hvc, h.Run());
        Assert.Equal(Mode.Irq, h.Cpu.Mode);
        Assert.Equal(CpuHarness.CodeBase + 4, h.Cpu.R[14]); // taken before the first instruction
        Assert.Equal(0x153u, h.Cpu.Spsr);
        Assert.True(h.Cpu.I);
        Assert.True(h.Cpu.A);
    }

    [Fact]
    public void Fiq_wins_over_irq_and_masks_both()
    {
        using var h = new CpuHarness();
        h.Cpu.HostTraps = HostTraps.None;
        h.A32(Nop);
        h.Cpu.Vbar = 0x8000;
        h.Memory.Write(0x801C, BitConverter.GetBytes(0xE1400070u)); // hvc #0 at the FIQ vector
        h.Cpu.Cpsr = 0x113; // SVC, I and F clear
        h.Cpu.IrqLine = true;
        h.Cpu.FiqLine = true;
        Assert.Equal(ExitReason.Hvc, h.Run());
        Assert.Equal(Mode.Fiq, h.Cpu.Mode);
        Assert.True(h.Cpu.I);
        Assert.True(h.Cpu.F);
    }
}
