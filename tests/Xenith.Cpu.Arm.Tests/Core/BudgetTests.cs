using Xenith.Cpu.Arm;
using Xenith.Cpu.Arm.Tests.Support;

namespace Xenith.Cpu.Arm.Tests.Core;

public class BudgetTests
{
    [Fact]
    public void EndlessFaultsStillReturnWhenTheBudgetIsSpent()
    {
        using var h = new CpuHarness();
        h.Cpu.HostTraps = HostTraps.None;
        h.Cpu.Vbar = 0x8000; // the undefined vector holds another undefined instruction
        h.Memory.Write(0x8004, BitConverter.GetBytes(0xE7F000F0u));
        h.A32(0xE7F000F0);
        Assert.Equal(ExitReason.Budget, h.Run(1000));
        Assert.Equal(0ul, h.Cpu.Instructions);
        Assert.Equal(Mode.Undefined, h.Cpu.Mode);
    }

    [Fact]
    public void BudgetStopsInsideABlockExactly()
    {
        using var h = new CpuHarness();
        h.A32(0xE2800001, 0xE2800001, 0xE2800001, 0xE2800001); // add r0, r0, #1 (x4)
        Assert.Equal(ExitReason.Budget, h.Run(3));
        Assert.Equal(3u, h.Cpu.R[0]);
        Assert.Equal(CpuHarness.CodeBase + 12, h.Cpu.Pc);
        Assert.Equal(ExitReason.Hvc, h.Run());
        Assert.Equal(4u, h.Cpu.R[0]);
    }
}
