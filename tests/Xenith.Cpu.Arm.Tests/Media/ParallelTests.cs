namespace Xenith.Cpu.Arm.Tests.Media;

/// <summary>Parallel add/subtract (A5.4.1, A5.4.2) with their GE flags, and SEL.</summary>
public class ParallelTests
{
    private static Support.CpuHarness Run(uint word, uint n, uint m, uint ge = 0)
    {
        var h = new Support.CpuHarness();
        h.A32(word);
        h.Cpu.R[1] = n;
        h.Cpu.R[2] = m;
        h.Cpu.GE = ge;
        Assert.Equal(ExitReason.Hvc, h.Run());
        return h;
    }

    [Fact]
    public void Sadd16SetsGePerHalfword()
    {
        using var h = Run(0xE6110F12, 0x7FFF0001, 0x0001FFFE); // sadd16 r0, r1, r2
        Assert.Equal(0x8000FFFFu, h.Cpu.R[0]);
        Assert.Equal(0b1100u, h.Cpu.GE);
    }

    [Fact]
    public void Uadd8SetsGeOnCarryOut()
    {
        using var h = Run(0xE6510F92, 0xFF018010, 0x010180F0); // uadd8 r0, r1, r2
        Assert.Equal(0x00020000u, h.Cpu.R[0]);
        Assert.Equal(0b1011u, h.Cpu.GE);
    }

    [Fact]
    public void Qsub8SaturatesAndLeavesGe()
    {
        using var h = Run(0xE6210FF2, 0x807F0010, 0x01FF0120, ge: 0b0101); // qsub8 r0, r1, r2
        Assert.Equal(0x807FFFF0u, h.Cpu.R[0]);
        Assert.Equal(0b0101u, h.Cpu.GE);
    }

    [Fact]
    public void Uqadd16Saturates()
    {
        using var h = Run(0xE6610F12, 0xFFF00001, 0x00200002); // uqadd16 r0, r1, r2
        Assert.Equal(0xFFFF0003u, h.Cpu.R[0]);
    }

    [Fact]
    public void ShasxHalvesWithFloor()
    {
        using var h = Run(0xE6310F32, 0x7FFF0000, 0x00037FFF); // shasx r0, r1, r2
        Assert.Equal(0x7FFFFFFEu, h.Cpu.R[0]);
    }

    [Fact]
    public void UhsaxHalvesTheFullResult()
    {
        using var h = Run(0xE6710F52, 0x0001FFFF, 0x0003FFFF); // uhsax r0, r1, r2
        Assert.Equal(0x80018001u, h.Cpu.R[0]);
    }

    [Fact]
    public void Ssub8WrapsAndSetsGeForNonNegative()
    {
        using var h = Run(0xE6110FF2, 0x00000580, 0x01FF0501); // ssub8 r0, r1, r2
        Assert.Equal(0xFF01007Fu, h.Cpu.R[0]);
        Assert.Equal(0b0110u, h.Cpu.GE);
    }

    [Fact]
    public void Usub16ClearsGeOnBorrow()
    {
        using var h = Run(0xE6510F72, 0x00010005, 0x00020003); // usub16 r0, r1, r2
        Assert.Equal(0xFFFF0002u, h.Cpu.R[0]);
        Assert.Equal(0b0011u, h.Cpu.GE);
    }

    [Fact]
    public void SelPicksBytesByGe()
    {
        using var h = Run(0xE6810FB2, 0x11223344, 0xAABBCCDD, ge: 0b0101); // sel r0, r1, r2
        Assert.Equal(0xAA22CC44u, h.Cpu.R[0]);
    }

    [Fact]
    public void GeSurvivesTheCpsrRoundTrip()
    {
        using var h = Run(0xE6510F72, 0x00010005, 0x00020003); // usub16: GE = 0011
        Assert.Equal(0x3u, (h.Cpu.Cpsr >> 16) & 0xF);
    }
}
