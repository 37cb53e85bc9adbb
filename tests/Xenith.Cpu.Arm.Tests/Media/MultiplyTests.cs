namespace Xenith.Cpu.Arm.Tests.Media;

/// <summary>A32 multiplies (A5.2.5, A5.2.7) and saturating add/subtract; encodings from GNU as.</summary>
public class MultiplyTests
{
    [Fact]
    public void MulKeepsLow32Bits()
    {
        using var h = MediaRun.A32(0xE0000291, 0, 0x12345678, 0x10); // mul r0, r1, r2
        Assert.Equal(0x23456780u, h.Cpu.R[0]);
    }

    [Fact]
    public void MulsSetsNzAndKeepsCv()
    {
        using var h = new Support.CpuHarness();
        h.A32(0xE0100291); // muls r0, r1, r2
        h.Cpu.R[1] = 0x10000;
        h.Cpu.R[2] = 0x10000;
        h.Cpu.C = h.Cpu.V = h.Cpu.N = true;
        Assert.Equal(ExitReason.Hvc, h.Run());
        Assert.Equal(0u, h.Cpu.R[0]);
        Assert.True(h.Cpu.Z);
        Assert.False(h.Cpu.N);
        Assert.True(h.Cpu.C);
        Assert.True(h.Cpu.V);
    }

    [Fact]
    public void MlaAndMls()
    {
        using (var h = MediaRun.A32(0xE0234291, 0, 3, 5, 0, 7)) // mla r3, r1, r2, r4
            Assert.Equal(22u, h.Cpu.R[3]);
        using (var h = MediaRun.A32(0xE0634291, 0, 3, 5, 0, 7)) // mls r3, r1, r2, r4
            Assert.Equal(0xFFFFFFF8u, h.Cpu.R[3]);
    }

    [Fact]
    public void UmullOfMaxValues()
    {
        using var h = MediaRun.A32(0xE0854291, 0, 0xFFFFFFFF, 0xFFFFFFFF); // umull r4, r5, r1, r2
        Assert.Equal(1u, h.Cpu.R[4]);
        Assert.Equal(0xFFFFFFFEu, h.Cpu.R[5]);
    }

    [Fact]
    public void SmullIsSigned()
    {
        using var h = MediaRun.A32(0xE0C54291, 0, 0x80000000, 2); // smull r4, r5, r1, r2
        Assert.Equal(0u, h.Cpu.R[4]);
        Assert.Equal(0xFFFFFFFFu, h.Cpu.R[5]);
    }

    [Fact]
    public void SmlalsSetsZOnA64BitZero()
    {
        using var h = MediaRun.A32(0xE0F54291, 0, 0xFFFFFFFF, 1, 0, 1, 0); // smlals r4, r5, r1, r2
        Assert.Equal(0u, h.Cpu.R[4]);
        Assert.Equal(0u, h.Cpu.R[5]);
        Assert.True(h.Cpu.Z);
        Assert.False(h.Cpu.N);
    }

    [Fact]
    public void UmlalCarriesIntoHighWord()
    {
        using var h = MediaRun.A32(0xE0A54291, 0, 1, 1, 0, 0xFFFFFFFF, 1); // umlal r4, r5, r1, r2
        Assert.Equal(0u, h.Cpu.R[4]);
        Assert.Equal(2u, h.Cpu.R[5]);
    }

    [Fact]
    public void UmaalCannotOverflow64Bits()
    {
        using var h = MediaRun.A32(0xE0454291, 0, 0xFFFFFFFF, 0xFFFFFFFF, 0, 0xFFFFFFFF, 0xFFFFFFFF); // umaal r4, r5, r1, r2
        Assert.Equal(0xFFFFFFFFu, h.Cpu.R[4]);
        Assert.Equal(0xFFFFFFFFu, h.Cpu.R[5]);
    }

    [Fact]
    public void SmlabbUsesSignedBottomHalves()
    {
        using var h = MediaRun.A32(0xE1003281, 0, 0x0003FFFE, 0x7FFF0005, 100); // smlabb r0, r1, r2, r3
        Assert.Equal(90u, h.Cpu.R[0]);
        Assert.False(h.Cpu.Q);
    }

    [Fact]
    public void SmlattSetsQOnOverflow()
    {
        using var h = MediaRun.A32(0xE10032E1, 0, 0x80000000, 0x80000000, 0x40000000); // smlatt r0, r1, r2, r3
        Assert.Equal(0x80000000u, h.Cpu.R[0]);
        Assert.True(h.Cpu.Q);
    }

    [Fact]
    public void SmultbAndSmulwb()
    {
        using (var h = MediaRun.A32(0xE16002A1, 0, 0xFFFF0000, 7)) // smultb r0, r1, r2
            Assert.Equal(0xFFFFFFF9u, h.Cpu.R[0]);
        using (var h = MediaRun.A32(0xE12002A1, 0, 0x12345678, 0x8000)) // smulwb r0, r1, r2
            Assert.Equal(0xF6E5D4C4u, h.Cpu.R[0]);
    }

    [Fact]
    public void SmlawtShiftsTheProductArithmetically()
    {
        using var h = MediaRun.A32(0xE12032C1, 0, 0xFFFF0000, 0x00030000, 10); // smlawt r0, r1, r2, r3
        Assert.Equal(7u, h.Cpu.R[0]);
    }

    [Fact]
    public void SmlalbtAccumulates64Bits()
    {
        using var h = MediaRun.A32(0xE14542C1, 0, 0x0000FFFF, 0x00020000, 0, 1, 0); // smlalbt r4, r5, r1, r2
        Assert.Equal(0xFFFFFFFFu, h.Cpu.R[4]);
        Assert.Equal(0xFFFFFFFFu, h.Cpu.R[5]);
    }

    [Fact]
    public void QaddSaturatesAndSetsQ()
    {
        using var h = MediaRun.A32(0xE1020051, 0, 0x7FFFFFFF, 1); // qadd r0, r1, r2
        Assert.Equal(0x7FFFFFFFu, h.Cpu.R[0]);
        Assert.True(h.Cpu.Q);
    }

    [Fact]
    public void QsubSubtractsRnFromRm()
    {
        using var h = MediaRun.A32(0xE1220051, 0, 0x80000000, 1); // qsub r0, r1, r2
        Assert.Equal(0x80000000u, h.Cpu.R[0]);
        Assert.True(h.Cpu.Q);
    }

    [Fact]
    public void QdaddWithoutSaturationLeavesQ()
    {
        using var h = MediaRun.A32(0xE1420051, 0, 5, 3); // qdadd r0, r1, r2
        Assert.Equal(11u, h.Cpu.R[0]);
        Assert.False(h.Cpu.Q);
    }

    [Fact]
    public void QdaddSaturatesTheDoubling()
    {
        using var h = MediaRun.A32(0xE1420051, 0, 1, 0x40000000); // qdadd r0, r1, r2
        Assert.Equal(0x7FFFFFFFu, h.Cpu.R[0]);
        Assert.True(h.Cpu.Q);
    }

    [Fact]
    public void QdsubSaturatesTheDifference()
    {
        using var h = MediaRun.A32(0xE1620051, 0, 0, 0xC0000000); // qdsub r0, r1, r2
        Assert.Equal(0x7FFFFFFFu, h.Cpu.R[0]);
        Assert.True(h.Cpu.Q);
    }

    [Theory]
    [InlineData(0x00010000u, 15u)]
    [InlineData(0u, 32u)]
    [InlineData(0x80000000u, 0u)]
    public void Clz(uint value, uint expected)
    {
        using var h = MediaRun.A32(0xE16F0F11, 0, value); // clz r0, r1
        Assert.Equal(expected, h.Cpu.R[0]);
    }
}
