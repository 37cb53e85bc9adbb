using Xenith.Cpu.Arm;
using Xenith.Cpu.Arm.Tests.Support;

namespace Xenith.Cpu.Arm.Tests.Core;

public class CoreTests
{
    [Fact]
    public void UndefinedEncodingExitsWithPcAtTheInstruction()
    {
        using var h = new CpuHarness();
        h.A32(0xE7F000F0); // udf #0 (permanently undefined)
        Assert.Equal(ExitReason.Undefined, h.Run());
        Assert.Equal(CpuHarness.CodeBase, h.Cpu.Pc);
        Assert.Equal(0ul, h.Cpu.Instructions);
    }

    [Fact]
    public void UndefinedVectorsIntoTheGuestWhenNotTrapped()
    {
        using var h = new CpuHarness();
        h.Cpu.HostTraps = HostTraps.None;
        h.Cpu.Vbar = 0x8000;
        h.A32(0xE7F000F0);
        h.Memory.Write(0x8004, BitConverter.GetBytes(0xE1400577u)); // the undefined vector: hvc #0x57
        Assert.Equal(ExitReason.Hvc, h.Run());
        Assert.Equal(0x57u, h.Cpu.ExitImm);
        Assert.Equal(0x8008u, h.Cpu.Pc);
        Assert.Equal(Mode.Undefined, h.Cpu.Mode);
        Assert.True(h.Cpu.I);
        Assert.Equal(CpuHarness.CodeBase + 4, h.Cpu.R[14]);
        Assert.Equal(Mode.Supervisor, (Mode)(h.Cpu.Spsr & 0x1F));
    }

    [Fact]
    public void ModeSwitchBanksSpAndLrButNotLowRegisters()
    {
        using var h = new CpuHarness();
        var c = h.Cpu;
        c.R[0] = 1; c.R[8] = 8; c.R[13] = 0x130; c.R[14] = 0x140;
        c.SwitchMode(Mode.Fiq);
        c.R[8] = 0xF8; c.R[13] = 0xF13;
        c.SwitchMode(Mode.Irq);
        Assert.Equal(8u, c.R[8]);
        Assert.Equal(0u, c.R[13]);
        c.SwitchMode(Mode.Supervisor);
        Assert.Equal(0x130u, c.R[13]);
        Assert.Equal(0x140u, c.R[14]);
        Assert.Equal(0xF13u, c.GetBankedRegister(Mode.Fiq, 13));
        Assert.Equal(0xF8u, c.GetBankedRegister(Mode.Fiq, 8));
        Assert.Equal(1u, c.R[0]);
    }

    [Fact]
    public void CpsrRoundTripsEveryField()
    {
        using var h = new CpuHarness();
        uint v = 0xF80F0000u | (0x3Fu << 10) | (3u << 25) | (1u << 9) | 0x1C0 | 0x20 | (uint)Mode.Abort;
        h.Cpu.Cpsr = v;
        Assert.Equal(v, h.Cpu.Cpsr);
        Assert.Equal(Mode.Abort, h.Cpu.Mode);
        Assert.Equal(0xFF, h.Cpu.IT);
    }

    [Theory]
    [InlineData(0x08, new byte[] { 0x00 })]             // it eq: one instruction
    [InlineData(0x14, new byte[] { 0x08, 0x00 })]       // ite ne: NE, then EQ
    [InlineData(0x01, new byte[] { 0x02, 0x04, 0x08, 0x00 })] // itttt eq: four EQ instructions
    public void ItAdvanceWalksTheBlock(byte it, byte[] expected)
    {
        var seen = new List<byte>();
        for (byte s = it; s != 0;)
        {
            s = Decode.T32Decoder.Advance(s);
            seen.Add(s);
        }
        Assert.Equal(expected, seen);
    }

    [Fact]
    public void WriteToDecodedCodeIsSeenByTheNextFetch()
    {
        using var h = new CpuHarness();
        h.Cpu.HostTraps = HostTraps.All;
        h.A32(0xE7F000F0);
        Assert.Equal(ExitReason.Undefined, h.Run());
        // Replace the UDF with an HVC through the CPU's own store path: the decoded block must be dropped.
        Assert.True(h.Cpu.Write32(CpuHarness.CodeBase, 0xE1400071)); // hvc #1
        h.Cpu.Pc = CpuHarness.CodeBase;
        Assert.Equal(ExitReason.Hvc, h.Run());
        Assert.Equal(1u, h.Cpu.ExitImm);
    }

    [Theory]
    [InlineData(false, Mode.Irq, 0x18u)]
    [InlineData(true, Mode.Fiq, 0x1Cu)]
    public void InterruptEntersItsModeWithTheReturnAddressPlusFour(bool fiq, Mode mode, uint vector)
    {
        using var h = new CpuHarness();
        h.Cpu.Cpsr = (uint)Mode.Supervisor | 0x20; // T32, interrupts unmasked
        h.Cpu.Pc = 0x2000;
        h.Cpu.TakeInterrupt(fiq);
        Assert.Equal(mode, h.Cpu.Mode);
        Assert.Equal(vector, h.Cpu.Pc);
        Assert.Equal(0x2004u, h.Cpu.R[14]);
        Assert.Equal((uint)Mode.Supervisor | 0x20, h.Cpu.Spsr);
        Assert.True(h.Cpu.I && h.Cpu.A);
        Assert.Equal(fiq, h.Cpu.F);
        Assert.False(h.Cpu.T); // SCTLR.TE is clear: handlers run in A32
    }
}
