using static Xenith.Cpu.Arm.Tests.Vfp.VfpKit;

namespace Xenith.Cpu.Arm.Tests.Vfp;

/// <summary>Execution of the data-processing forms with exact IEEE results and FPSCR side effects.</summary>
public class VfpArithmeticTests
{
    private static ArmCpu RunWith(uint word, uint s0, uint s1, uint s2)
    {
        using var h = Enabled();
        var c = h.Cpu;
        SetS(c, 0, s0);
        SetS(c, 1, s1);
        SetS(c, 2, s2);
        RunA32(h, word);
        return c;
    }

    [Theory]
    [InlineData(0xee300a81u, 1.5f, 2.25f, 3.75f)]   // vadd.f32 s0, s1, s2
    [InlineData(0xee300ac1u, 1.5f, 2.25f, -0.75f)]  // vsub.f32
    [InlineData(0xee200a81u, 1.5f, 2.25f, 3.375f)]  // vmul.f32
    [InlineData(0xee200ac1u, 1.5f, 2.25f, -3.375f)] // vnmul.f32
    [InlineData(0xee800a81u, 3f, 2f, 1.5f)]         // vdiv.f32
    public void ThreeOperandSingle(uint word, float a, float b, float expected)
    {
        var c = RunWith(word, F(9f), F(a), F(b));
        Assert.Equal(F(expected), GetS(c, 0));
        Assert.Equal(F(a), GetS(c, 1));
    }

    /// <summary>Non-fused multiply-accumulate: d=1, n=2, m=3.</summary>
    [Theory]
    [InlineData(0xee000a81u, 7f)]  // vmla: 1 + 6
    [InlineData(0xee000ac1u, -5f)] // vmls: 1 - 6
    [InlineData(0xee100ac1u, -7f)] // vnmla: -1 - 6
    [InlineData(0xee100a81u, 5f)]  // vnmls: -1 + 6
    public void MultiplyAccumulateSingle(uint word, float expected)
    {
        var c = RunWith(word, F(1f), F(2f), F(3f));
        Assert.Equal(F(expected), GetS(c, 0));
    }

    /// <summary>(1 + 2^-23)(1 - 2^-23) = 1 - 2^-46: the fused forms keep the 2^-46, VMLA rounds the product to 1 first.</summary>
    [Theory]
    [InlineData(0xeea00a81u, 0xBF800000u, 0xA8800000u)] // vfma: -1 + p = -2^-46
    [InlineData(0xeea00ac1u, 0x3F800000u, 0x28800000u)] // vfms: 1 - p = 2^-46
    [InlineData(0xee900ac1u, 0xBF800000u, 0x28800000u)] // vfnma: -(-1) - p = 2^-46
    [InlineData(0xee900a81u, 0x3F800000u, 0xA8800000u)] // vfnms: -1 + p = -2^-46
    [InlineData(0xee000a81u, 0xBF800000u, 0x00000000u)] // vmla: two roundings give +0
    public void FusedMultiplyAddRoundsOnce(uint word, uint d, uint expected)
    {
        var c = RunWith(word, d, 0x3F800001, 0x3F7FFFFE);
        Assert.Equal(expected, GetS(c, 0));
    }

    [Fact]
    public void FusedMultiplyAddIsUndefinedWithoutVfpv4()
    {
        using var h = new Support.CpuHarness(CpuProfile.CortexA8);
        h.Cpu.Cpacr = CpacrFull;
        h.Cpu.Fpexc = FpexcEn;
        h.A32(0xeea00a81); // vfma.f32 s0, s1, s2
        Assert.Equal(ExitReason.Undefined, h.Run());
        Assert.Equal(Support.CpuHarness.CodeBase, h.Cpu.Pc);
    }

    [Fact]
    public void DoublePrecisionArithmetic()
    {
        using var h = Enabled();
        var c = h.Cpu;
        c.D[1] = F(10.0);
        c.D[2] = F(4.0);
        c.D[0] = F(1.0);
        RunA32(h,
            0xee010b02,  // vmla.f64 d0, d1, d2   -> 41
            0xee813b02,  // vdiv.f64 d3, d1, d2   -> 2.5
            0xeeb14bc2,  // vsqrt.f64 d4, d2      -> 2
            0xee315b42); // vsub.f64 d5, d1, d2   -> 6
        Assert.Equal(F(41.0), c.D[0]);
        Assert.Equal(F(2.5), c.D[3]);
        Assert.Equal(F(2.0), c.D[4]);
        Assert.Equal(F(6.0), c.D[5]);
    }

    [Fact]
    public void SqrtOfTwoIsCorrectlyRounded()
    {
        using var h = Enabled();
        h.Cpu.D[1] = F(2.0);
        RunA32(h, 0xeeb10bc1); // vsqrt.f64 d0, d1
        Assert.Equal(0x3FF6A09E667F3BCDul, h.Cpu.D[0]);
        Assert.Equal(0x10u, h.Cpu.Fpscr & 0x9F); // IXC
    }

    [Fact]
    public void DivideByZeroGivesInfinityAndSetsDzc()
    {
        var c = RunWith(0xee800a81, 0, F(1f), 0); // vdiv.f32 s0, s1, s2
        Assert.Equal(0x7F800000u, GetS(c, 0));
        Assert.Equal(0x2u, c.Fpscr & 0x9F);
    }

    [Fact]
    public void RoundingModeComesFromFpscr()
    {
        // 1 + 2^-24 is a tie between 1 and 1 + 2^-23: nearest-even gives 1, toward +inf gives 1 + 2^-23.
        using var h = Enabled();
        var c = h.Cpu;
        c.Fpscr = 1u << 22; // RP
        SetS(c, 1, 0x3F800000);
        SetS(c, 2, 0x33800000);
        RunA32(h, 0xee300a81);
        Assert.Equal(0x3F800001u, GetS(c, 0));
    }

    [Fact]
    public void DefaultNanModeReplacesNanOperands()
    {
        using var h = Enabled();
        var c = h.Cpu;
        c.Fpscr = 1u << 25; // DN
        SetS(c, 1, 0x7F800001); // signalling NaN
        SetS(c, 2, F(1f));
        RunA32(h, 0xee300a81);
        Assert.Equal(0x7FC00000u, GetS(c, 0));
        Assert.Equal(0x1u, c.Fpscr & 0x9F); // IOC
    }

    [Fact]
    public void NegatedProductFlipsTheSignOfAPropagatedNan()
    {
        // VNMUL negates the product after FPMul, so a quiet NaN comes out with its sign flipped (DN = 0).
        var c = RunWith(0xee200ac1, 0, 0x7FC00001, F(1f)); // vnmul.f32 s0, s1, s2
        Assert.Equal(0xFFC00001u, GetS(c, 0));
    }

    [Fact]
    public void MovesAbsNegTouchOnlyTheSign()
    {
        using var h = Enabled();
        var c = h.Cpu;
        SetS(c, 1, 0xFF800001); // negative signalling NaN: no exception, no quieting
        RunA32(h,
            0xeeb00ae0,  // vabs.f32 s0, s1
            0xeef11a60,  // vneg.f32 s3, s1
            0xeeb02a60,  // vmov.f32 s4, s1
            0xeebe1b00,  // vmov.f64 d1, #-0.5  (d1 = s2:s3)
            0xeeff2a08); // vmov.f32 s5, #-1.5
        Assert.Equal(0x7F800001u, GetS(c, 0));
        Assert.Equal(0xFF800001u, GetS(c, 4));
        Assert.Equal(0xBFE0000000000000ul, c.D[1]);
        Assert.Equal(0xBFC00000u, GetS(c, 5));
        Assert.Equal(0u, c.Fpscr);
    }

    [Fact]
    public void WritesToSRegistersKeepTheOtherHalf()
    {
        using var h = Enabled();
        var c = h.Cpu;
        c.D[0] = 0x1111_1111_2222_2222;
        SetS(c, 2, F(1f));
        SetS(c, 3, F(2f));
        RunA32(h, 0xee710a01); // vadd.f32 s1, s2, s2
        Assert.Equal(F(2f), GetS(c, 1));
        Assert.Equal(0x2222_2222u, GetS(c, 0));
    }

    [Theory]
    [InlineData(1f, 2f, 0x8u)]          // less: N
    [InlineData(2f, 2f, 0x6u)]          // equal: ZC
    [InlineData(3f, 2f, 0x2u)]          // greater: C
    [InlineData(float.NaN, 2f, 0x3u)]   // unordered: CV
    public void CompareSetsFpscrFlags(float a, float b, uint nzcv)
    {
        using var h = Enabled();
        var c = h.Cpu;
        SetS(c, 0, F(a));
        SetS(c, 1, F(b));
        RunA32(h, 0xeeb40a60, 0xeef1fa10); // vcmp.f32 s0, s1; vmrs APSR_nzcv, fpscr
        Assert.Equal(nzcv << 28, c.Fpscr & 0xF0000000);
        Assert.Equal(nzcv << 28, c.Nzcv);
        Assert.Equal(0u, c.Fpscr & 0x9F); // a quiet NaN does not signal in VCMP
    }

    [Fact]
    public void CompareWithExceptionSignalsOnQuietNan()
    {
        using var h = Enabled();
        var c = h.Cpu;
        SetS(c, 0, 0x7FC00000);
        SetS(c, 1, F(1f));
        RunA32(h, 0xeeb40ae0); // vcmpe.f32 s0, s1
        Assert.Equal(0x3u << 28, c.Fpscr & 0xF0000000);
        Assert.Equal(0x1u, c.Fpscr & 0x9F);
    }

    [Fact]
    public void CompareWithZero()
    {
        using var h = Enabled();
        var c = h.Cpu;
        c.D[0] = 0x8000_0000_0000_0000; // -0.0
        SetS(c, 2, F(-1f));
        RunA32(h,
            0xeeb50bc0,  // vcmpe.f64 d0, #0.0: -0 == +0
            0xeef1fa10,  // vmrs APSR_nzcv, fpscr
            0xeeb51a40); // vcmp.f32 s2, #0.0: less
        Assert.Equal(0x6u << 28, c.Nzcv);
        Assert.Equal(0x8u << 28, c.Fpscr & 0xF0000000);
    }
}
