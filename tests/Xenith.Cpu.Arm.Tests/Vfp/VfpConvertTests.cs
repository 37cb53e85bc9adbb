using static Xenith.Cpu.Arm.Tests.Vfp.VfpKit;

namespace Xenith.Cpu.Arm.Tests.Vfp;

/// <summary>VCVT in all its VFP forms: precision, integer, fixed point and half precision.</summary>
public class VfpConvertTests
{
    [Fact]
    public void SingleDoubleConversions()
    {
        using var h = Enabled();
        var c = h.Cpu;
        SetS(c, 1, F(1.5f));
        c.D[1] = F(0.1);
        RunA32(h,
            0xeeb78ae0,  // vcvt.f64.f32 d8, s1
            0xeeb71bc1); // vcvt.f32.f64 s2, d1
        Assert.Equal(F(1.5), c.D[8]);
        Assert.Equal(F(0.1f), GetS(c, 2));
        Assert.Equal(0x10u, c.Fpscr & 0x9F); // 0.1 is inexact in single
    }

    [Theory]
    [InlineData(0xeebd0ae0u, -2.5f, 0u, 0xFFFFFFFEu)]        // vcvt.s32.f32: toward zero
    [InlineData(0xeebd0a60u, -2.5f, 0u, 0xFFFFFFFEu)]        // vcvtr.s32.f32: nearest even
    [InlineData(0xeebd0a60u, 3.5f, 0u, 4u)]                  // vcvtr: nearest even
    [InlineData(0xeebd0a60u, 3.5f, 2u << 22, 3u)]            // vcvtr, RM
    [InlineData(0xeebc0ae0u, -1f, 0u, 0u)]                   // vcvt.u32.f32 saturates (IOC)
    [InlineData(0xeebd0ae0u, 3e9f, 0u, 0x7FFFFFFFu)]         // vcvt.s32.f32 saturates (IOC)
    public void FloatToInteger(uint word, float value, uint fpscr, uint expected)
    {
        using var h = Enabled();
        var c = h.Cpu;
        c.Fpscr = fpscr;
        SetS(c, 1, F(value));
        RunA32(h, word);
        Assert.Equal(expected, GetS(c, 0));
    }

    [Fact]
    public void DoubleToIntegerAndBack()
    {
        using var h = Enabled();
        var c = h.Cpu;
        c.D[1] = F(-7.75);
        SetS(c, 5, 0xFFFFFFFD);
        RunA32(h,
            0xeebd0bc1,  // vcvt.s32.f64 s0, d1       -> -7
            0xeebd1b41,  // vcvtr.s32.f64 s2, d1      -> -8
            0xeef83ae2); // vcvt.f32.s32 s7, s5       -> -3.0
        Assert.Equal(unchecked((uint)-7), GetS(c, 0));
        Assert.Equal(unchecked((uint)-8), GetS(c, 2));
        Assert.Equal(F(-3f), GetS(c, 7));
    }

    [Fact]
    public void UnsignedIntegerToDouble()
    {
        using var h = Enabled();
        var c = h.Cpu;
        SetS(c, 4, 0xFFFFFFFF);
        RunA32(h, 0xeeb83b42); // vcvt.f64.u32 d3, s4
        Assert.Equal(0x41EFFFFFFFE00000ul, c.D[3]);
    }

    [Fact]
    public void FixedPointConversions()
    {
        using var h = Enabled();
        var c = h.Cpu;
        SetS(c, 0, F(-0.25f));
        SetS(c, 2, 0x10);
        c.D[2] = 0x1234_5678_8000_0000; // only the low word is the fixed-point operand
        c.D[3] = F(2.5);
        RunA32(h,
            0xeebe0a40,  // vcvt.s16.f32 s0, s0, #16 -> 0xffffc000 (sign-extended)
            0xeebb1a66,  // vcvt.f32.u16 s2, s2, #3  -> 2.0
            0xeeba2bc0,  // vcvt.f64.s32 d2, d2, #32 -> -0.5
            0xeebf3b44); // vcvt.u16.f64 d3, d3, #8  -> 0x280, zero-extended to 64
        Assert.Equal(0xFFFFC000u, GetS(c, 0));
        Assert.Equal(F(2f), GetS(c, 2));
        Assert.Equal(F(-0.5), c.D[2]);
        Assert.Equal(0x280ul, c.D[3]);
    }

    [Fact]
    public void SignedFixedPointDoubleIsSignExtendedTo64Bits()
    {
        using var h = Enabled();
        var c = h.Cpu;
        c.D[0] = F(-1.5);
        RunA32(h, 0xeebe0bc8); // vcvt.s32.f64 d0, d0, #16
        Assert.Equal(0xFFFF_FFFF_FFFE_8000ul, c.D[0]);
    }

    [Fact]
    public void HalfPrecisionConversions()
    {
        using var h = Enabled();
        var c = h.Cpu;
        SetS(c, 1, F(1f));
        SetS(c, 0, 0xAAAA5555);
        SetS(c, 3, 0xC000_3C00); // high half -2.0, low half 1.0
        RunA32(h,
            0xeeb30a60,  // vcvtb.f16.f32 s0, s1: low half = 0x3c00
            0xeeb21ae1,  // vcvtt.f32.f16 s2, s3: -2.0
            0xeef22a61); // vcvtb.f32.f16 s5, s3: 1.0
        Assert.Equal(0xAAAA3C00u, GetS(c, 0));
        Assert.Equal(F(-2f), GetS(c, 2));
        Assert.Equal(F(1f), GetS(c, 5));
    }

    [Fact]
    public void HalfToTopHalf()
    {
        using var h = Enabled();
        var c = h.Cpu;
        SetS(c, 1, F(-2f));
        SetS(c, 0, 0x1234_5678);
        RunA32(h, 0xeeb30ae0); // vcvtt.f16.f32 s0, s1
        Assert.Equal(0xC000_5678u, GetS(c, 0));
    }
}
