namespace Xenith.Cpu.Arm.Tests.Media;

/// <summary>T16 and T32 encodings of the media group (same executor as A32; these check decoding).</summary>
public class ThumbMediaTests
{
    private static ushort[] W(uint encoding) => [(ushort)(encoding >> 16), (ushort)encoding];

    [Fact]
    public void T16MulsSetsFlagsOutsideIt()
    {
        using var h = MediaRun.T32([0x4348], 0, 5); // muls r0, r1, r0
        Assert.Equal(0u, h.Cpu.R[0]);
        Assert.True(h.Cpu.Z);
    }

    [Fact]
    public void T16MulInsideItLeavesFlags()
    {
        using var h = new Support.CpuHarness();
        h.T32(0xBF08, 0x4348); // it eq; muleq r0, r1, r0
        h.Cpu.R[0] = 3;
        h.Cpu.R[1] = 0xFFFFFFFF;
        h.Cpu.Z = true;
        Assert.Equal(ExitReason.Undefined, h.Run());
        Assert.Equal(0xFFFFFFFDu, h.Cpu.R[0]);
        Assert.True(h.Cpu.Z);
        Assert.False(h.Cpu.N);
    }

    [Theory]
    [InlineData(0xB208, 0x00018000u, 0xFFFF8000u)] // sxth r0, r1
    [InlineData(0xB2C8, 0x00001234u, 0x34u)] // uxtb r0, r1
    [InlineData(0xBA08, 0x12345678u, 0x78563412u)] // rev r0, r1
    [InlineData(0xBAC8, 0x000012F0u, 0xFFFFF012u)] // revsh r0, r1
    public void T16ExtendAndReverse(ushort hw, uint value, uint expected)
    {
        using var h = MediaRun.T32([hw], 0, value);
        Assert.Equal(expected, h.Cpu.R[0]);
    }

    [Fact]
    public void T16HltSpaceIsUndefined()
    {
        using var h = new Support.CpuHarness();
        h.T32(0xBA88); // 1011 1010 10xx xxxx: unallocated in ARMv7
        Assert.Equal(ExitReason.Undefined, h.Run());
        Assert.Equal(Support.CpuHarness.CodeBase, h.Cpu.Pc);
    }

    [Fact]
    public void T32MulAndSmlabb()
    {
        using (var h = MediaRun.T32(W(0xFB01F002), 0, 0x12345678, 0x10)) // mul.w r0, r1, r2
            Assert.Equal(0x23456780u, h.Cpu.R[0]);
        // smlabb r0, r1, sl, r3: 0x5678 * -1 + -37.
        using (var h = MediaRun.T32(W(0xFB11300A), 0, 0x12345678, 0, 0xFFFFFFDB, 0, 0, 0, 0, 0, 0, 0x0000FFFF))
            Assert.Equal(unchecked((uint)(-0x5678 - 37)), h.Cpu.R[0]);
    }

    [Fact]
    public void T32LongMultiplies()
    {
        using (var h = MediaRun.T32(W(0xFB814502), 0, 0x80000000, 2)) // smull r4, r5, r1, r2
        {
            Assert.Equal(0u, h.Cpu.R[4]);
            Assert.Equal(0xFFFFFFFFu, h.Cpu.R[5]);
        }
        using (var h = MediaRun.T32(W(0xFBE14562), 0, 0xFFFFFFFF, 0xFFFFFFFF, 0, 0xFFFFFFFF, 0xFFFFFFFF)) // umaal r4, r5, r1, r2
        {
            Assert.Equal(0xFFFFFFFFu, h.Cpu.R[4]);
            Assert.Equal(0xFFFFFFFFu, h.Cpu.R[5]);
        }
        using (var h = MediaRun.T32(W(0xFBC14592), 0, 0x0000FFFF, 0x00020000, 0, 1, 0)) // smlalbt r4, r5, r1, r2
        {
            Assert.Equal(0xFFFFFFFFu, h.Cpu.R[4]);
            Assert.Equal(0xFFFFFFFFu, h.Cpu.R[5]);
        }
        using (var h = MediaRun.T32(W(0xFBC145C2), 0, 0x00020003, 0x00040005, 0, 0xFFFFFFFF, 0)) // smlald r4, r5, r1, r2
        {
            Assert.Equal(0x16u, h.Cpu.R[4]);
            Assert.Equal(1u, h.Cpu.R[5]);
        }
    }

    [Fact]
    public void T32Divides()
    {
        using (var h = MediaRun.T32(W(0xFB91F0F2), 0, 7, 0xFFFFFFFE)) // sdiv r0, r1, r2
            Assert.Equal(0xFFFFFFFDu, h.Cpu.R[0]);
        using (var h = MediaRun.T32(W(0xFBB1F0F2), 0, 0xFFFFFFFF, 2)) // udiv r0, r1, r2
            Assert.Equal(0x7FFFFFFFu, h.Cpu.R[0]);
    }

    [Fact]
    public void T32MostSignificantWordAndSad()
    {
        using (var h = MediaRun.T32(W(0xFB513012), 0, 0x10000, 0x8000, 0)) // smmlar r0, r1, r2, r3
            Assert.Equal(1u, h.Cpu.R[0]);
        using (var h = MediaRun.T32(W(0xFB713002), 0, 0x01020304, 0x04030201, 10)) // usada8 r0, r1, r2, r3
            Assert.Equal(18u, h.Cpu.R[0]);
        using (var h = MediaRun.T32(W(0xFB31F012), 0, 0xFFFF0000, 0x00030000)) // smulwt r0, r1, r2
            Assert.Equal(0xFFFFFFFDu, h.Cpu.R[0]);
    }

    [Fact]
    public void T32QaddTakesRnFromTheFirstHalfword()
    {
        using var h = MediaRun.T32(W(0xFA82F081), 0, 0x7FFFFFFF, 1); // qadd r0, r1, r2
        Assert.Equal(0x7FFFFFFFu, h.Cpu.R[0]);
        Assert.True(h.Cpu.Q);
    }

    [Fact]
    public void T32ParallelAndSel()
    {
        using (var h = MediaRun.T32(W(0xFA91F002), 0, 0x7FFF0001, 0x0001FFFE)) // sadd16 r0, r1, r2
        {
            Assert.Equal(0x8000FFFFu, h.Cpu.R[0]);
            Assert.Equal(0b1100u, h.Cpu.GE);
        }
        using (var h = MediaRun.T32(W(0xFAC1F062), 0, 0x00000010, 0x00000020)) // uhsub8 r0, r1, r2
            Assert.Equal(0x000000F8u, h.Cpu.R[0]);
        using (var h = new Support.CpuHarness())
        {
            h.T32(0xFAA1, 0xF082); // sel r0, r1, r2
            h.Cpu.R[1] = 0x11223344;
            h.Cpu.R[2] = 0xAABBCCDD;
            h.Cpu.GE = 0b1010;
            h.Run();
            Assert.Equal(0x11BB33DDu, h.Cpu.R[0]);
        }
    }

    [Theory]
    [InlineData(0xFA01F092u, 1000u, 0x00800000u, 0xFFFF83E8u)] // sxtah r0, r1, r2, ror #8: 1000 - 32768
    [InlineData(0xFA5FF082u, 0u, 0x123456F0u, 0xF0u)] // uxtb.w r0, r2
    [InlineData(0xFA91F081u, 0x12345678u, 0u, 0x78563412u)] // rev.w r0, r1
    [InlineData(0xFAB1F081u, 0x00010000u, 0u, 15u)] // clz r0, r1
    public void T32DataProcessingRegister(uint encoding, uint r1, uint r2, uint expected)
    {
        using var h = MediaRun.T32(W(encoding), 0, r1, r2);
        Assert.Equal(expected, h.Cpu.R[0]);
    }

    [Fact]
    public void T32SaturateAndBitfields()
    {
        using (var h = MediaRun.T32(W(0xF3210087), 0, 1024)) // ssat r0, #8, r1, asr #2
        {
            Assert.Equal(127u, h.Cpu.R[0]);
            Assert.True(h.Cpu.Q);
        }
        using (var h = MediaRun.T32(W(0xF3A10004), 0, 0x0005FFFF)) // usat16 r0, #4, r1
            Assert.Equal(0x00050000u, h.Cpu.R[0]);
        using (var h = MediaRun.T32(W(0xF3411007), 0, 0x00000F80)) // sbfx r0, r1, #4, #8
            Assert.Equal(0xFFFFFFF8u, h.Cpu.R[0]);
        using (var h = MediaRun.T32(W(0xF361100B), 0xFFFFFFFF, 0xAB)) // bfi r0, r1, #4, #8
            Assert.Equal(0xFFFFFABFu, h.Cpu.R[0]);
        using (var h = MediaRun.T32(W(0xF36F100B), 0xFFFFFFFF)) // bfc r0, #4, #8
            Assert.Equal(0xFFFFF00Fu, h.Cpu.R[0]);
    }
}
