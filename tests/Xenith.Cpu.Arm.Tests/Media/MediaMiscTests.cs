namespace Xenith.Cpu.Arm.Tests.Media;

/// <summary>Packing, saturation, extends, reversal, dual multiplies, divide, USAD8 and bit fields (A32).</summary>
public class MediaMiscTests
{
    [Fact]
    public void PkhbtAndPkhtb()
    {
        using (var h = MediaRun.A32(0xE6810412, 0, 0x11112222, 0x00334455)) // pkhbt r0, r1, r2, lsl #8
            Assert.Equal(0x33442222u, h.Cpu.R[0]);
        using (var h = MediaRun.A32(0xE6810852, 0, 0x11112222, 0x87654321)) // pkhtb r0, r1, r2, asr #16
            Assert.Equal(0x11118765u, h.Cpu.R[0]);
    }

    [Theory]
    [InlineData(200u, 127u, true)]
    [InlineData(0xFFFFFFFBu, 0xFFFFFFFBu, false)]
    [InlineData(0xFFFFFF00u, 0xFFFFFF80u, true)]
    public void Ssat(uint value, uint expected, bool q)
    {
        using var h = MediaRun.A32(0xE6A70011, 0, value); // ssat r0, #8, r1
        Assert.Equal(expected, h.Cpu.R[0]);
        Assert.Equal(q, h.Cpu.Q);
    }

    [Theory]
    [InlineData(0x10u, 255u, true)]
    [InlineData(0xFFFFFFFFu, 0u, true)]
    [InlineData(0x5u, 0x50u, false)]
    public void UsatShiftsFirst(uint value, uint expected, bool q)
    {
        using var h = MediaRun.A32(0xE6E80211, 0, value); // usat r0, #8, r1, lsl #4
        Assert.Equal(expected, h.Cpu.R[0]);
        Assert.Equal(q, h.Cpu.Q);
    }

    [Fact]
    public void Ssat16AndUsat16()
    {
        using (var h = MediaRun.A32(0xE6A70F31, 0, 0x0100FF00)) // ssat16 r0, #8, r1
        {
            Assert.Equal(0x007FFF80u, h.Cpu.R[0]);
            Assert.True(h.Cpu.Q);
        }
        using (var h = MediaRun.A32(0xE6E40F31, 0, 0x0005FFFF)) // usat16 r0, #4, r1
        {
            Assert.Equal(0x00050000u, h.Cpu.R[0]);
            Assert.True(h.Cpu.Q);
        }
    }

    [Theory]
    [InlineData(0xE6A10472u, 1000u, 0x00008000u, 872u)] // sxtab r0, r1, r2, ror #8
    [InlineData(0xE6AF0072u, 0u, 0x123456F0u, 0xFFFFFFF0u)] // sxtb r0, r2
    [InlineData(0xE6FF0872u, 0u, 0xABCD1234u, 0xABCDu)] // uxth r0, r2, ror #16
    [InlineData(0xE6C10072u, 0xFFFF0001u, 0x11223344u, 0x00210045u)] // uxtab16 r0, r1, r2
    [InlineData(0xE68F0072u, 0u, 0x0080007Fu, 0xFF80007Fu)] // sxtb16 r0, r2
    public void Extends(uint word, uint n, uint m, uint expected)
    {
        using var h = MediaRun.A32(word, 0, n, m);
        Assert.Equal(expected, h.Cpu.R[0]);
    }

    [Theory]
    [InlineData(0xE6BF0F31u, 0x12345678u, 0x78563412u)] // rev r0, r1
    [InlineData(0xE6BF0FB1u, 0x12345678u, 0x34127856u)] // rev16 r0, r1
    [InlineData(0xE6FF0F31u, 0x12345678u, 0x1E6A2C48u)] // rbit r0, r1
    [InlineData(0xE6FF0F31u, 1u, 0x80000000u)] // rbit r0, r1
    [InlineData(0xE6FF0FB1u, 0x000012F0u, 0xFFFFF012u)] // revsh r0, r1
    public void Reversal(uint word, uint value, uint expected)
    {
        using var h = MediaRun.A32(word, 0, value);
        Assert.Equal(expected, h.Cpu.R[0]);
    }

    [Theory]
    [InlineData(0xE7003211u, 123u)] // smlad r0, r1, r2, r3
    [InlineData(0xE700F231u, 22u)] // smuadx r0, r1, r2
    [InlineData(0xE7003251u, 107u)] // smlsd r0, r1, r2, r3
    [InlineData(0xE700F251u, 7u)] // smusd r0, r1, r2
    public void DualMultiplies(uint word, uint expected)
    {
        using var h = MediaRun.A32(word, 0, 0x00020003, 0x00040005, 100);
        Assert.Equal(expected, h.Cpu.R[0]);
        Assert.False(h.Cpu.Q);
    }

    [Fact]
    public void SmuadSetsQWhenBothProductsAreMaximal()
    {
        using var h = MediaRun.A32(0xE700F231, 0, 0x80008000, 0x80008000); // smuadx r0, r1, r2
        Assert.Equal(0x80000000u, h.Cpu.R[0]);
        Assert.True(h.Cpu.Q);
    }

    [Fact]
    public void SmlaldAndSmlsldx()
    {
        using (var h = MediaRun.A32(0xE7454211, 0, 0x00020003, 0x00040005, 0, 0xFFFFFFFF, 0)) // smlald r4, r5, r1, r2
        {
            Assert.Equal(0x16u, h.Cpu.R[4]);
            Assert.Equal(1u, h.Cpu.R[5]);
        }
        using (var h = MediaRun.A32(0xE7454271, 0, 0x00020003, 0x00040005, 0, 0, 0)) // smlsldx r4, r5, r1, r2
        {
            Assert.Equal(2u, h.Cpu.R[4]);
            Assert.Equal(0u, h.Cpu.R[5]);
        }
    }

    [Fact]
    public void MostSignificantWordMultiplies()
    {
        using (var h = MediaRun.A32(0xE7503211, 0, 0x40000000, 4, 5)) // smmla r0, r1, r2, r3
            Assert.Equal(6u, h.Cpu.R[0]);
        using (var h = MediaRun.A32(0xE75032D1, 0, 0x40000000, 4, 5)) // smmls r0, r1, r2, r3
            Assert.Equal(4u, h.Cpu.R[0]);
        using (var h = MediaRun.A32(0xE750F231, 0, 0x10000, 0x8000)) // smmulr r0, r1, r2: rounds up
            Assert.Equal(1u, h.Cpu.R[0]);
        using (var h = MediaRun.A32(0xE750F211, 0, 0x10000, 0x8000)) // smmul r0, r1, r2: truncates
            Assert.Equal(0u, h.Cpu.R[0]);
    }

    [Theory]
    [InlineData(7u, 0xFFFFFFFEu, 0xFFFFFFFDu)]
    [InlineData(7u, 0u, 0u)]
    [InlineData(0x80000000u, 0xFFFFFFFFu, 0x80000000u)]
    public void SdivRoundsTowardZero(uint n, uint m, uint expected)
    {
        using var h = MediaRun.A32(0xE710F211, 0, n, m); // sdiv r0, r1, r2
        Assert.Equal(expected, h.Cpu.R[0]);
    }

    [Fact]
    public void UdivIsUnsigned()
    {
        using var h = MediaRun.A32(0xE730F211, 0, 0xFFFFFFFF, 2); // udiv r0, r1, r2
        Assert.Equal(0x7FFFFFFFu, h.Cpu.R[0]);
    }

    [Fact]
    public void DivideIsUndefinedWithoutTheExtension()
    {
        using var h = new Support.CpuHarness(CpuProfile.CortexA8);
        h.A32(0xE710F211); // sdiv r0, r1, r2
        h.Cpu.R[0] = 99;
        Assert.Equal(ExitReason.Undefined, h.Run());
        Assert.Equal(Support.CpuHarness.CodeBase, h.Cpu.Pc);
        Assert.Equal(99u, h.Cpu.R[0]);
    }

    [Fact]
    public void Usad8AndUsada8()
    {
        using (var h = MediaRun.A32(0xE780F211, 0, 0x01020304, 0x04030201)) // usad8 r0, r1, r2
            Assert.Equal(8u, h.Cpu.R[0]);
        using (var h = MediaRun.A32(0xE7803211, 0, 0x01020304, 0x04030201, 10)) // usada8 r0, r1, r2, r3
            Assert.Equal(18u, h.Cpu.R[0]);
    }

    [Fact]
    public void BitFields()
    {
        using (var h = MediaRun.A32(0xE7A70251, 0, 0x00000F80)) // sbfx r0, r1, #4, #8
            Assert.Equal(0xFFFFFFF8u, h.Cpu.R[0]);
        using (var h = MediaRun.A32(0xE7E70251, 0, 0x00000F80)) // ubfx r0, r1, #4, #8
            Assert.Equal(0xF8u, h.Cpu.R[0]);
        using (var h = MediaRun.A32(0xE7CB0211, 0xFFFFFFFF, 0xAB)) // bfi r0, r1, #4, #8
            Assert.Equal(0xFFFFFABFu, h.Cpu.R[0]);
        using (var h = MediaRun.A32(0xE7CB021F, 0xFFFFFFFF)) // bfc r0, #4, #8
            Assert.Equal(0xFFFFF00Fu, h.Cpu.R[0]);
    }

    [Fact]
    public void UbfxOfTheWholeWord()
    {
        using var h = MediaRun.A32(0xE7FF0051, 0, 0xDEADBEEF); // ubfx r0, r1, #0, #32
        Assert.Equal(0xDEADBEEFu, h.Cpu.R[0]);
    }

    [Theory]
    [InlineData(0xE7F000F0u)] // udf #0
    [InlineData(0xE0004291u)] // mul with a non-zero should-be-zero field
    [InlineData(0xE7C30211u)] // bfi with msb (3) < lsb (4)
    [InlineData(0xE6010F12u)] // parallel add/subtract with op1 = 00
    public void UnallocatedAndUnpredictableEncodingsAreUndefined(uint word)
    {
        using var h = new Support.CpuHarness();
        h.A32(word);
        Assert.Equal(ExitReason.Undefined, h.Run());
        Assert.Equal(Support.CpuHarness.CodeBase, h.Cpu.Pc);
    }
}
