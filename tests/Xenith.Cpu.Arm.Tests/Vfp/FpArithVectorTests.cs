using Xenith.Cpu.Arm.Vfp;
using static Xenith.Cpu.Arm.Vfp.FpArith;

namespace Xenith.Cpu.Arm.Tests.Vfp;

/// <summary>Hand-picked vectors, one or more per rule of the ARMv7 VFP pseudocode.</summary>
public class FpArithVectorTests
{
    internal const int RN = 0, RP = 1, RM = 2, RZ = 3;

    internal static uint Fpscr(int rmode = RN, bool fz = false, bool dn = false, bool ahp = false) =>
        ((uint)rmode << 22) | (fz ? FZ : 0) | (dn ? DN : 0) | (ahp ? AHP : 0);

    internal static uint F(float x) => BitConverter.SingleToUInt32Bits(x);
    internal static ulong D(double x) => BitConverter.DoubleToUInt64Bits(x);

    private const uint Flags = IOC | DZC | OFC | UFC | IXC | IDC;
    private const uint QNaN1 = 0x7FC0_1234, QNaN2 = 0xFFC0_5678;
    private const uint SNaN1 = 0x7F80_1234, SNaN2 = 0xFF80_5678;
    private const uint Max32 = 0x7F7F_FFFF, MinNormal32 = 0x0080_0000;
    private const uint PosInf32 = 0x7F80_0000, NegInf32 = 0xFF80_0000;

    private static void Check32(uint expected, uint expectedFlags, uint actual, uint fpscr, uint mode)
    {
        Assert.Equal(expected.ToString("X8"), actual.ToString("X8"));
        Assert.Equal(expectedFlags.ToString("X2"), (fpscr & Flags).ToString("X2"));
        Assert.Equal(mode & ~Flags, fpscr & ~Flags); // nothing else in FPSCR changes
    }

    private static void Check64(ulong expected, uint expectedFlags, ulong actual, uint fpscr)
    {
        Assert.Equal(expected.ToString("X16"), actual.ToString("X16"));
        Assert.Equal(expectedFlags.ToString("X2"), (fpscr & Flags).ToString("X2"));
    }

    // ---- rounding modes ----

    [Theory]
    [InlineData(RN, 0x3F80_0000u, IXC)]        // 1 + 2^-24 is a tie: to even (1.0)
    [InlineData(RP, 0x3F80_0001u, IXC)]
    [InlineData(RM, 0x3F80_0000u, IXC)]
    [InlineData(RZ, 0x3F80_0000u, IXC)]
    public void Add32_TieRoundsPerMode(int rmode, uint expected, uint flags)
    {
        uint mode = Fpscr(rmode), fpscr = mode;
        uint r = Add32(F(1f), 0x3380_0000 /* 2^-24 */, ref fpscr);
        Check32(expected, flags, r, fpscr, mode);
    }

    [Theory]
    [InlineData(RN, 0xBF80_0002u)] // -(1 + 2^-23 + 2^-24): a tie, to even -> magnitude up
    [InlineData(RP, 0xBF80_0001u)] // toward +inf: magnitude down
    [InlineData(RM, 0xBF80_0002u)]
    [InlineData(RZ, 0xBF80_0001u)]
    public void Add32_NegativeRoundsPerMode(int rmode, uint expected)
    {
        uint mode = Fpscr(rmode), fpscr = mode;
        uint r = Add32(0xBF80_0001, 0xB380_0000 /* -2^-24 */, ref fpscr);
        Check32(expected, IXC, r, fpscr, mode);
    }

    [Theory]
    [InlineData(RN, 0x3FF0_0000_0000_0000ul)]
    [InlineData(RP, 0x3FF0_0000_0000_0001ul)]
    [InlineData(RM, 0x3FF0_0000_0000_0000ul)]
    [InlineData(RZ, 0x3FF0_0000_0000_0000ul)]
    public void Add64_SmallAddendRoundsPerMode(int rmode, ulong expected)
    {
        uint fpscr = Fpscr(rmode);
        ulong r = Add64(D(1.0), D(Math.ScaleB(1.0, -60)), ref fpscr);
        Check64(expected, IXC, r, fpscr);
    }

    // ---- signed zeros ----

    [Theory]
    [InlineData(RN, 0u)]
    [InlineData(RP, 0u)]
    [InlineData(RM, 0x8000_0000u)]
    [InlineData(RZ, 0u)]
    public void ExactZeroSum_IsPlusZeroExceptRoundTowardMinus(int rmode, uint expected)
    {
        uint mode = Fpscr(rmode), fpscr = mode;
        Check32(expected, 0, Add32(F(1.5f), F(-1.5f), ref fpscr), fpscr, mode);
        fpscr = mode;
        Check32(expected, 0, Sub32(F(2.25f), F(2.25f), ref fpscr), fpscr, mode);
        fpscr = mode;
        Check32(expected, 0, Add32(0, 0x8000_0000, ref fpscr), fpscr, mode);
        fpscr = mode;
        Check32(0x8000_0000, 0, Add32(0x8000_0000, 0x8000_0000, ref fpscr), fpscr, mode);
        fpscr = mode;
        Check32(expected, 0, MulAdd32(F(-6f), F(2f), F(3f), ref fpscr), fpscr, mode);
        fpscr = mode;
        Check32(expected, 0, MulAdd32(0x8000_0000, F(2f), 0, ref fpscr), fpscr, mode);
        fpscr = mode;
        Check32(0x8000_0000, 0, MulAdd32(0x8000_0000, F(-2f), 0, ref fpscr), fpscr, mode);
        uint fpscr64 = mode;
        Check64(rmode == RM ? 0x8000_0000_0000_0000ul : 0, 0, Sub64(D(-3.0), D(-3.0), ref fpscr64), fpscr64);
    }

    [Fact]
    public void MulAndDiv_ZeroSignIsXor()
    {
        uint fpscr = 0;
        Assert.Equal(0x8000_0000u, Mul32(0x8000_0000, F(3f), ref fpscr));
        Assert.Equal(0u, Mul32(0x8000_0000, F(-3f), ref fpscr));
        Assert.Equal(0x8000_0000u, Div32(0, F(-3f), ref fpscr));
        Assert.Equal(0x8000_0000u, Div32(F(-3f), PosInf32, ref fpscr));
        Assert.Equal(0u, fpscr);
    }

    // ---- overflow ----

    [Theory]
    [InlineData(RN, false, PosInf32)]
    [InlineData(RP, false, PosInf32)]
    [InlineData(RM, false, Max32)]
    [InlineData(RZ, false, Max32)]
    [InlineData(RN, true, NegInf32)]
    [InlineData(RP, true, Max32 | 0x8000_0000)]
    [InlineData(RM, true, NegInf32)]
    [InlineData(RZ, true, Max32 | 0x8000_0000)]
    public void Overflow_GoesToInfinityOrMaxNormalPerMode(int rmode, bool negative, uint expected)
    {
        uint mode = Fpscr(rmode), fpscr = mode;
        uint s = negative ? 0x8000_0000u : 0;
        Check32(expected, OFC | IXC, Add32(Max32 | s, Max32 | s, ref fpscr), fpscr, mode);
        fpscr = mode;
        Check32(expected, OFC | IXC, Mul32(F(1e30f) | s, F(1e30f), ref fpscr), fpscr, mode);
        fpscr = mode;
        Check32(expected, OFC | IXC, F64ToF32(D(1e300) | ((ulong)s << 32), ref fpscr), fpscr, mode);
    }

    [Fact]
    public void Overflow64_RoundTowardZeroGivesMaxNormal()
    {
        uint fpscr = Fpscr(RZ);
        Check64(0x7FEF_FFFF_FFFF_FFFF, OFC | IXC, Mul64(D(1e300), D(1e300), ref fpscr), fpscr);
        fpscr = Fpscr(RN);
        Check64(0xFFF0_0000_0000_0000, OFC | IXC, Mul64(D(-1e300), D(1e300), ref fpscr), fpscr);
    }

    // ---- flush to zero ----

    [Fact]
    public void FlushToZero_DenormalInputIsZeroAndSetsIdc()
    {
        uint mode = Fpscr(fz: true), fpscr = mode;
        Check32(0, IDC, Add32(0x0000_0001, 0, ref fpscr), fpscr, mode);
        fpscr = mode;
        Check32(0x8000_0000, IDC, Add32(0x8000_0001, 0x8000_0000, ref fpscr), fpscr, mode);
        fpscr = mode;
        Check32(F(1f), IDC, Add32(0x0000_0001, F(1f), ref fpscr), fpscr, mode); // exact, no IXC
        fpscr = mode;
        Check32(0x7F80_0000, IDC | DZC, Div32(F(1f), 0x0040_0000, ref fpscr), fpscr, mode);
        fpscr = mode;
        Check32(0x8000_0000, IDC, Sqrt32(0x8000_0010, ref fpscr), fpscr, mode);
        fpscr = mode;
        Check32(NzcvEqual, IDC, Compare32(0x0000_0001, 0x8000_0002, false, ref fpscr), fpscr, mode);

        // Without FZ the same denormals are ordinary numbers.
        fpscr = 0;
        Check32(0x0000_0001, 0, Add32(0x0000_0001, 0, ref fpscr), fpscr, 0);
        fpscr = 0;
        Check32(DefaultNaN32, IOC, Sqrt32(0x8000_0010, ref fpscr), fpscr, 0);
        fpscr = 0;
        Check32(NzcvGreater, 0, Compare32(0x0000_0001, 0x8000_0002, false, ref fpscr), fpscr, 0);
    }

    [Fact]
    public void FlushToZero_DenormalResultIsZeroWithUfcNotIxc()
    {
        uint mode = Fpscr(fz: true), fpscr = mode;
        // 2^-126 * (1 + 2^-23) - 2^-126 = 2^-149, exactly representable as a denormal.
        Check32(0, UFC, Sub32(0x0080_0001, MinNormal32, ref fpscr), fpscr, mode);
        fpscr = mode;
        Check32(0x8000_0000, UFC, Mul32(F(-0.5f), MinNormal32, ref fpscr), fpscr, mode);
        fpscr = 0;
        Check32(0x0000_0001, 0, Sub32(0x0080_0001, MinNormal32, ref fpscr), fpscr, 0); // exact: no UFC
        fpscr = 0;
        Check32(0x8040_0000, 0, Mul32(F(-0.5f), MinNormal32, ref fpscr), fpscr, 0);

        uint fp64 = Fpscr(fz: true);
        Check64(0, UFC, Mul64(D(Math.ScaleB(1.0, -1022)), D(0.25), ref fp64), fp64);
        fp64 = Fpscr(fz: true);
        Check32(0, UFC, F64ToF32(D(1e-40), ref fp64), fp64, Fpscr(fz: true));
    }

    [Theory]
    [InlineData(RN, false, 0x0080_0000u, UFC | IXC)] // rounds up to the smallest normal, still tiny before rounding
    [InlineData(RZ, false, 0x007F_FFFFu, UFC | IXC)]
    [InlineData(RN, true, 0x0000_0000u, UFC)]         // FZ looks at the unrounded value too
    [InlineData(RP, true, 0x0000_0000u, UFC)]
    public void Tininess_IsDetectedBeforeRounding(int rmode, bool fz, uint expected, uint flags)
    {
        // (1 - 2^-24) * 2^-126 = 2^-126 - 2^-150: halfway between the largest denormal and the smallest normal.
        uint mode = Fpscr(rmode, fz), fpscr = mode;
        Check32(expected, flags, Mul32(0x3F7F_FFFF, MinNormal32, ref fpscr), fpscr, mode);
    }

    [Fact]
    public void Underflow_InexactDenormalSetsUfcAndIxc()
    {
        uint fpscr = 0;
        // 3 * 2^-149 * 0.5 is a tie between 1 and 2 (even) units of 2^-149.
        Check32(0x0000_0002, UFC | IXC, Mul32(0x0000_0003, F(0.5f), ref fpscr), fpscr, 0);
    }

    // ---- NaNs ----

    [Fact]
    public void NaN_PriorityIsFirstSignallingThenFirstQuiet()
    {
        uint fpscr = 0;
        Check32(SNaN2 | 0x0040_0000, IOC, Add32(QNaN1, SNaN2, ref fpscr), fpscr, 0);
        fpscr = 0;
        Check32(SNaN1 | 0x0040_0000, IOC, Mul32(SNaN1, SNaN2, ref fpscr), fpscr, 0);
        fpscr = 0;
        Check32(QNaN1, 0, Div32(QNaN1, QNaN2, ref fpscr), fpscr, 0);
        fpscr = 0;
        Check32(QNaN2, 0, Sub32(F(1f), QNaN2, ref fpscr), fpscr, 0); // op2 NaN keeps its sign in FPSub
        fpscr = 0;
        Check32(SNaN2 | 0x0040_0000, IOC, Sub32(PosInf32, SNaN2, ref fpscr), fpscr, 0);
        fpscr = 0;
        Check32(QNaN2, 0, Add32(PosInf32, QNaN2, ref fpscr), fpscr, 0);
        fpscr = 0;
        Check32(SNaN1 | 0x0040_0000, IOC, Sqrt32(SNaN1, ref fpscr), fpscr, 0);
        fpscr = 0;
        Check32(QNaN2, 0, Sqrt32(QNaN2, ref fpscr), fpscr, 0);
    }

    [Fact]
    public void NaN_DefaultNaNMode()
    {
        uint mode = Fpscr(dn: true), fpscr = mode;
        Check32(DefaultNaN32, IOC, Add32(QNaN1, SNaN2, ref fpscr), fpscr, mode);
        fpscr = mode;
        Check32(DefaultNaN32, 0, Mul32(F(2f), QNaN2, ref fpscr), fpscr, mode);
        fpscr = mode;
        Check32(DefaultNaN32, 0, MulAdd32(QNaN2, F(2f), F(3f), ref fpscr), fpscr, mode);
        uint fp64 = mode;
        Check64(DefaultNaN64, IOC, Add64(0x7FF0_0000_0000_0001, D(1), ref fp64), fp64);
        fp64 = mode;
        Check64(DefaultNaN64, 0, F32ToF64(QNaN2, ref fp64), fp64);
        fp64 = mode;
        Check32(DefaultNaN32, IOC, F64ToF32(0xFFF0_0000_0000_0001, ref fp64), fp64, mode);
    }

    [Fact]
    public void NaN_Double()
    {
        uint fpscr = 0;
        Check64(0xFFF8_0000_0000_0001, IOC, Add64(0x7FF8_0000_0000_0002, 0xFFF0_0000_0000_0001, ref fpscr), fpscr);
        fpscr = 0;
        Check64(0x7FF8_0000_0000_0002, 0, Div64(0x7FF8_0000_0000_0002, 0xFFF8_0000_0000_0001, ref fpscr), fpscr);
    }

    [Fact]
    public void InvalidOperations_GiveDefaultNaNAndIoc()
    {
        uint fpscr = 0;
        Check32(DefaultNaN32, IOC, Add32(PosInf32, NegInf32, ref fpscr), fpscr, 0);
        fpscr = 0;
        Check32(DefaultNaN32, IOC, Sub32(PosInf32, PosInf32, ref fpscr), fpscr, 0);
        fpscr = 0;
        Check32(DefaultNaN32, IOC, Mul32(0x8000_0000, PosInf32, ref fpscr), fpscr, 0);
        fpscr = 0;
        Check32(DefaultNaN32, IOC, Div32(0, 0x8000_0000, ref fpscr), fpscr, 0);
        fpscr = 0;
        Check32(DefaultNaN32, IOC, Div32(NegInf32, PosInf32, ref fpscr), fpscr, 0);
        fpscr = 0;
        Check32(DefaultNaN32, IOC, Sqrt32(F(-1f), ref fpscr), fpscr, 0);
        fpscr = 0;
        Check32(DefaultNaN32, IOC, Sqrt32(NegInf32, ref fpscr), fpscr, 0);
        fpscr = 0;
        Check32(DefaultNaN32, IOC, MulAdd32(NegInf32, PosInf32, F(1f), ref fpscr), fpscr, 0);
        fpscr = 0;
        Check32(PosInf32, 0, Add32(PosInf32, PosInf32, ref fpscr), fpscr, 0);
        fpscr = 0;
        Check64(DefaultNaN64, IOC, Sqrt64(D(-2.0), ref fpscr), fpscr);
    }

    [Fact]
    public void Division_ByZero()
    {
        uint fpscr = 0;
        Check32(NegInf32, DZC, Div32(F(-1f), 0, ref fpscr), fpscr, 0);
        fpscr = 0;
        Check32(PosInf32, 0, Div32(PosInf32, 0, ref fpscr), fpscr, 0); // infinity / 0 is exact
        fpscr = 0;
        Check32(F(0.1f), IXC, Div32(F(1f), F(10f), ref fpscr), fpscr, 0);
        fpscr = Fpscr(RP);
        Check64(D(0.1), IXC, Div64(D(1), D(10), ref fpscr), fpscr);
        fpscr = Fpscr(RZ);
        Check64(D(0.1) - 1, IXC, Div64(D(1), D(10), ref fpscr), fpscr);
    }

    [Fact]
    public void SquareRoot()
    {
        uint fpscr = 0;
        Check32(0x8000_0000, 0, Sqrt32(0x8000_0000, ref fpscr), fpscr, 0);
        fpscr = 0;
        Check32(PosInf32, 0, Sqrt32(PosInf32, ref fpscr), fpscr, 0);
        fpscr = 0;
        Check32(F(3f), 0, Sqrt32(F(9f), ref fpscr), fpscr, 0);
        fpscr = 0;
        Check32(F(MathF.Sqrt(2f)), IXC, Sqrt32(F(2f), ref fpscr), fpscr, 0);
        // sqrt(2) = 1.41421356237309504880...; the nearest double 0x3FF6A09E667F3BCD lies above it.
        fpscr = Fpscr(RZ);
        Check64(0x3FF6_A09E_667F_3BCC, IXC, Sqrt64(D(2.0), ref fpscr), fpscr);
        fpscr = Fpscr(RP);
        Check64(0x3FF6_A09E_667F_3BCD, IXC, Sqrt64(D(2.0), ref fpscr), fpscr);
        fpscr = 0;
        Check64(D(Math.ScaleB(1.0, -537)), 0, Sqrt64(1, ref fpscr), fpscr); // sqrt of the smallest denormal
    }

    // ---- fused multiply-add ----

    [Fact]
    public void MulAdd_RoundsOnce()
    {
        // (1 + 2^-23)(1 - 2^-23) - 1 = -2^-46 exactly; a separate multiply would round the product to 1.
        uint fpscr = 0;
        Check32(F(-MathF.ScaleB(1f, -46)), 0, MulAdd32(F(-1f), 0x3F80_0001, 0x3F7F_FFFE, ref fpscr), fpscr, 0);
        fpscr = Fpscr(RM);
        Check64(D(-Math.ScaleB(1.0, -104)), 0,
            MulAdd64(D(-1.0), 0x3FF0_0000_0000_0001, 0x3FEF_FFFF_FFFF_FFFE, ref fpscr), fpscr);
    }

    [Fact]
    public void MulAdd_NaNsAndInfZero()
    {
        // Operand order for NaN selection is (addend, op1, op2).
        uint fpscr = 0;
        Check32(QNaN1, 0, MulAdd32(QNaN1, QNaN2, F(1f), ref fpscr), fpscr, 0);
        fpscr = 0;
        Check32(SNaN2 | 0x0040_0000, IOC, MulAdd32(QNaN1, SNaN2, F(1f), ref fpscr), fpscr, 0);
        fpscr = 0;
        Check32(SNaN2 | 0x0040_0000, IOC, MulAdd32(F(1f), QNaN1, SNaN2, ref fpscr), fpscr, 0);
        fpscr = 0;
        Check32(QNaN2, 0, MulAdd32(F(1f), F(2f), QNaN2, ref fpscr), fpscr, 0);
        // 0 * inf with a quiet-NaN addend: the default NaN and Invalid, not the addend.
        fpscr = 0;
        Check32(DefaultNaN32, IOC, MulAdd32(QNaN2, 0, PosInf32, ref fpscr), fpscr, 0);
        fpscr = 0;
        Check32(DefaultNaN32, IOC, MulAdd32(QNaN2, NegInf32, 0x8000_0000, ref fpscr), fpscr, 0);
        // ... but a signalling-NaN addend is returned quieted.
        fpscr = 0;
        Check32(SNaN1 | 0x0040_0000, IOC, MulAdd32(SNaN1, 0, PosInf32, ref fpscr), fpscr, 0);
        // 0 * inf with a NaN multiplicand is just NaN propagation.
        fpscr = 0;
        Check32(QNaN1, 0, MulAdd32(F(1f), QNaN1, PosInf32, ref fpscr), fpscr, 0);
        fpscr = 0;
        Check32(DefaultNaN32, IOC, MulAdd32(F(1f), 0, PosInf32, ref fpscr), fpscr, 0);
        fpscr = 0;
        Check32(NegInf32, 0, MulAdd32(F(1f), NegInf32, F(2f), ref fpscr), fpscr, 0);
        fpscr = 0;
        Check32(PosInf32, 0, MulAdd32(PosInf32, Max32, Max32, ref fpscr), fpscr, 0);
        fpscr = 0;
        Check32(F(5f), 0, MulAdd32(F(5f), 0x8000_0000, F(7f), ref fpscr), fpscr, 0);
        fpscr = 0;
        Check32(PosInf32, OFC | IXC, MulAdd32(F(1f), Max32, Max32, ref fpscr), fpscr, 0);
    }

    // ---- compare ----

    [Theory]
    [InlineData(1f, 2f, NzcvLess)]
    [InlineData(2f, 1f, NzcvGreater)]
    [InlineData(-2f, -2f, NzcvEqual)]
    [InlineData(0f, -0f, NzcvEqual)]
    [InlineData(float.NegativeInfinity, float.MinValue, NzcvLess)]
    [InlineData(float.PositiveInfinity, float.PositiveInfinity, NzcvEqual)]
    [InlineData(-1f, 1f, NzcvLess)]
    [InlineData(-1f, -3f, NzcvGreater)]
    public void Compare_Ordered(float a, float b, uint nzcv)
    {
        uint fpscr = 0;
        Assert.Equal(nzcv, Compare32(F(a), F(b), true, ref fpscr));
        Assert.Equal(nzcv, Compare64(D(a), D(b), true, ref fpscr));
        Assert.Equal(0u, fpscr);
    }

    [Fact]
    public void Compare_NaNs()
    {
        uint fpscr = 0;
        Assert.Equal(NzcvUnordered, Compare32(QNaN1, F(1f), false, ref fpscr));
        Assert.Equal(0u, fpscr);
        Assert.Equal(NzcvUnordered, Compare32(QNaN1, F(1f), true, ref fpscr));
        Assert.Equal(IOC, fpscr);
        fpscr = 0;
        Assert.Equal(NzcvUnordered, Compare32(F(1f), SNaN2, false, ref fpscr));
        Assert.Equal(IOC, fpscr);
        fpscr = Fpscr(dn: true);
        Assert.Equal(NzcvUnordered, Compare64(0x7FF8_0000_0000_0000, 0x7FF8_0000_0000_0000, false, ref fpscr));
        Assert.Equal(Fpscr(dn: true), fpscr);
    }

    // ---- conversions between floating-point formats ----

    [Fact]
    public void SingleDouble_NaNs()
    {
        uint fpscr = 0;
        Check64(0x7FF0_0000_0000_0000 | (0x41_2340ul << 29), IOC, F32ToF64(0x7F81_2340, ref fpscr), fpscr);
        fpscr = 0;
        Check64(0xFFF8_0000_0000_0000 | (0x5678ul << 29), 0, F32ToF64(0xFFC0_5678, ref fpscr), fpscr);
        fpscr = 0;
        // F64->F32 keeps the top fraction bits and quiets.
        Check32(0xFFC0_0001, IOC, F64ToF32(0xFFF0_0000_2000_0001, ref fpscr), fpscr, 0);
        fpscr = 0;
        Check32(0x7FFF_FFFF, 0, F64ToF32(0x7FFF_FFFF_FFFF_FFFF, ref fpscr), fpscr, 0);
    }

    [Theory]
    [InlineData(RN, 0x3F80_0000u)]
    [InlineData(RP, 0x3F80_0001u)]
    [InlineData(RM, 0x3F80_0000u)]
    [InlineData(RZ, 0x3F80_0000u)]
    public void DoubleToSingle_RoundsPerMode(int rmode, uint expected)
    {
        uint mode = Fpscr(rmode), fpscr = mode;
        Check32(expected, IXC, F64ToF32(D(1.0 + Math.ScaleB(1.0, -30)), ref fpscr), fpscr, mode);
    }

    [Fact]
    public void SingleToDouble_IsExact()
    {
        uint fpscr = 0;
        Check64(D((double)(1f / 3f)), 0, F32ToF64(F(1f / 3f), ref fpscr), fpscr);
        fpscr = 0;
        Check64(D(Math.ScaleB(1.0, -149)), 0, F32ToF64(1, ref fpscr), fpscr);
        fpscr = Fpscr(fz: true);
        Check64(0x8000_0000_0000_0000, IDC, F32ToF64(0x8000_0001, ref fpscr), fpscr);
        fpscr = 0;
        Check64(0xFFF0_0000_0000_0000, 0, F32ToF64(NegInf32, ref fpscr), fpscr);
    }

    // ---- half precision ----

    [Theory]
    [InlineData(1f, false, 0x3C00, 0u)]
    [InlineData(65504f, false, 0x7BFF, 0u)]
    [InlineData(65520f, false, 0x7C00, OFC | IXC)]      // IEEE: rounds to infinity
    [InlineData(65520f, true, 0x7C00, IXC)]             // AHP: 65536 is a number
    [InlineData(131008f, true, 0x7FFF, 0u)]
    [InlineData(1e6f, true, 0x7FFF, IOC)]               // AHP overflow saturates with IOC, no OFC/IXC
    [InlineData(-1e6f, true, 0xFFFF, IOC)]
    [InlineData(float.PositiveInfinity, true, 0x7FFF, IOC)]
    [InlineData(float.NegativeInfinity, false, 0xFC00, 0u)]
    [InlineData(5.9604645e-8f, false, 0x0001, 0u)]     // 2^-24, the smallest half denormal, exact
    [InlineData(2.9802322e-8f, false, 0x0000, UFC | IXC)] // 2^-25: tie to even -> 0
    [InlineData(-0f, true, 0x8000, 0u)]
    public void SingleToHalf(float x, bool ahp, int expected, uint flags)
    {
        uint mode = Fpscr(ahp: ahp), fpscr = mode;
        Check32((uint)expected, flags, F32ToF16(F(x), ref fpscr), fpscr, mode);
    }

    [Fact]
    public void Half_FlushToZeroDoesNotApplyToTheHalfSide()
    {
        uint mode = Fpscr(fz: true), fpscr = mode;
        Check32(0x0010, 0, F32ToF16(F(MathF.ScaleB(1f, -20)), ref fpscr), fpscr, mode); // half denormal kept
        fpscr = mode;
        Check32(F(MathF.ScaleB(1f, -24)), 0, F16ToF32(0x0001, ref fpscr), fpscr, mode); // no IDC
        fpscr = mode;
        Check32(0x8000, IDC, F32ToF16(0x8000_0001, ref fpscr), fpscr, mode); // the single side still flushes
        fpscr = mode;
        Check64(D(Math.ScaleB(-1.0, -24)), 0, F16ToF64(0x8001, ref fpscr), fpscr);
    }

    [Fact]
    public void Half_NaNsAndAhp()
    {
        uint fpscr = 0;
        Check32(0x7E00 | 0x0123, IOC, F32ToF16(0x7F80_0000 | (0x123u << 13) | 0x1FFF, ref fpscr), fpscr, 0);
        fpscr = Fpscr(dn: true);
        Check32(0x7E00, 0, F32ToF16(0xFFC0_0000, ref fpscr), fpscr, Fpscr(dn: true));
        fpscr = Fpscr(ahp: true);
        Check32(0x8000, IOC, F32ToF16(0xFFC0_0000, ref fpscr), fpscr, Fpscr(ahp: true)); // quiet NaN too
        fpscr = 0;
        Check32(0xFFC0_0000 | (0x0155u << 13), IOC, F16ToF32(0xFD55, ref fpscr), fpscr, 0);
        fpscr = Fpscr(dn: true);
        Check32(DefaultNaN32, IOC, F16ToF32(0xFD55, ref fpscr), fpscr, Fpscr(dn: true));
        fpscr = Fpscr(ahp: true);
        Check32(F(65536f), 0, F16ToF32(0x7C00, ref fpscr), fpscr, Fpscr(ahp: true));
        fpscr = Fpscr(ahp: true);
        Check32(F(-131008f), 0, F16ToF32(0xFFFF, ref fpscr), fpscr, Fpscr(ahp: true));
        fpscr = 0;
        Check32(NegInf32, 0, F16ToF32(0xFC00, ref fpscr), fpscr, 0);
        fpscr = 0;
        Check64(0x7FF8_0000_0000_0000 | (0x0155ul << 42), IOC, F16ToF64(0x7D55, ref fpscr), fpscr);
        fpscr = 0;
        Check32(0x7E00 | 0x0001, 0, F64ToF16(0x7FF8_0400_0000_0000, ref fpscr), fpscr, 0);
        fpscr = Fpscr(RZ);
        Check32(0x3C00, IXC, F64ToF16(D(1.0 + Math.ScaleB(1.0, -11) + Math.ScaleB(1.0, -40)), ref fpscr), fpscr, Fpscr(RZ));
        fpscr = Fpscr(RN);
        Check32(0x3C01, IXC, F64ToF16(D(1.0 + Math.ScaleB(1.0, -11) + Math.ScaleB(1.0, -40)), ref fpscr), fpscr, 0);
    }

    // ---- float to integer ----

    [Theory]
    [InlineData(2.5f, RN, false, 2u, IXC)]
    [InlineData(3.5f, RN, false, 4u, IXC)]
    [InlineData(-2.5f, RN, false, 0xFFFF_FFFEu, IXC)]
    [InlineData(-2.5f, RM, false, 0xFFFF_FFFDu, IXC)]
    [InlineData(-2.5f, RP, false, 0xFFFF_FFFEu, IXC)]
    [InlineData(2.25f, RP, false, 3u, IXC)]
    [InlineData(-2.75f, RZ, false, 0xFFFF_FFFEu, IXC)]
    [InlineData(2.75f, RN, true, 2u, IXC)]             // VCVT ignores RMode
    [InlineData(2147483648f, RN, false, 0x7FFF_FFFFu, IOC)]
    [InlineData(-2147483648f, RN, false, 0x8000_0000u, 0u)]
    [InlineData(-2147483904f, RN, false, 0x8000_0000u, IOC)]
    [InlineData(float.NegativeInfinity, RN, true, 0x8000_0000u, IOC)]
    [InlineData(float.NaN, RN, true, 0u, IOC)]
    [InlineData(-0f, RN, true, 0u, 0u)]
    [InlineData(1e-30f, RP, false, 1u, IXC)]
    [InlineData(-1e-30f, RM, false, 0xFFFF_FFFFu, IXC)]
    public void SingleToSigned(float x, int rmode, bool rz, uint expected, uint flags)
    {
        uint mode = Fpscr(rmode), fpscr = mode;
        Check32(expected, flags, F32ToS32(F(x), rz, ref fpscr), fpscr, mode);
        fpscr = mode;
        Check32(expected, flags, F64ToS32(D(x), rz, ref fpscr), fpscr, mode);
    }

    [Theory]
    [InlineData(-0.5f, RZ, true, 0u, IXC)]    // rounds to zero: fits, inexact only
    [InlineData(-0.5f, RN, false, 0u, IXC)]
    [InlineData(-0.75f, RN, false, 0u, IOC)]  // rounds to -1: out of range
    [InlineData(-1f, RN, true, 0u, IOC)]
    [InlineData(4294967040f, RN, true, 0xFFFF_FF00u, 0u)]
    [InlineData(4294967296f, RN, true, 0xFFFF_FFFFu, IOC)]
    [InlineData(float.PositiveInfinity, RN, true, 0xFFFF_FFFFu, IOC)]
    [InlineData(1.5f, RN, false, 2u, IXC)]
    public void SingleToUnsigned(float x, int rmode, bool rz, uint expected, uint flags)
    {
        uint mode = Fpscr(rmode), fpscr = mode;
        Check32(expected, flags, F32ToU32(F(x), rz, ref fpscr), fpscr, mode);
        fpscr = mode;
        Check32(expected, flags, F64ToU32(D(x), rz, ref fpscr), fpscr, mode);
    }

    [Fact]
    public void DoubleToInteger_Boundaries()
    {
        uint fpscr = 0;
        Check32(0x7FFF_FFFF, IXC, F64ToS32(D(2147483647.9), true, ref fpscr), fpscr, 0);
        fpscr = 0;
        Check32(0x7FFF_FFFF, IOC, F64ToS32(D(2147483647.9), false, ref fpscr), fpscr, 0);
        fpscr = 0;
        Check32(0x8000_0000, IXC, F64ToS32(D(-2147483648.9), true, ref fpscr), fpscr, 0);
        fpscr = 0;
        Check32(0xFFFF_FFFF, IXC, F64ToU32(D(4294967295.4), false, ref fpscr), fpscr, 0);
        fpscr = Fpscr(fz: true);
        Check32(0, IDC, F64ToS32(1, false, ref fpscr), fpscr, Fpscr(fz: true));
        fpscr = 0;
        Check32(0, IXC, F64ToS32(1, false, ref fpscr), fpscr, 0);
        fpscr = Fpscr(RP);
        Check32(1, IXC, F64ToS32(1, false, ref fpscr), fpscr, Fpscr(RP));
        fpscr = 0;
        Check32(0, IOC, F64ToU32(0x7FF0_0000_0000_0001, true, ref fpscr), fpscr, 0);
    }

    [Fact]
    public void IntegerToFloat()
    {
        uint fpscr = 0;
        Check32(F(2147483648f), IXC, S32ToF32(0x7FFF_FFFF, ref fpscr), fpscr, 0);
        fpscr = Fpscr(RZ);
        Check32(F(2147483520f), IXC, S32ToF32(0x7FFF_FFFF, ref fpscr), fpscr, Fpscr(RZ));
        fpscr = 0;
        Check32(F(-2147483648f), 0, S32ToF32(0x8000_0000, ref fpscr), fpscr, 0);
        fpscr = 0;
        Check32(F(2147483648f), 0, U32ToF32(0x8000_0000, ref fpscr), fpscr, 0);
        fpscr = Fpscr(RM);
        Check32(F(4294967040f), IXC, U32ToF32(0xFFFF_FFFF, ref fpscr), fpscr, Fpscr(RM));
        fpscr = Fpscr(RM);
        Check32(0, 0, S32ToF32(0, ref fpscr), fpscr, Fpscr(RM)); // +0 even when rounding toward minus
        fpscr = 0;
        Check64(D(-1.0), 0, S32ToF64(0xFFFF_FFFF, ref fpscr), fpscr);
        fpscr = 0;
        Check64(D(4294967295.0), 0, U32ToF64(0xFFFF_FFFF, ref fpscr), fpscr);
    }

    // ---- fixed point ----

    [Theory]
    [InlineData(1.5f, 16, 8, false, 0x0000_0180u, 0u)]
    [InlineData(-1f, 16, 8, false, 0xFFFF_FF00u, 0u)]          // sign-extended to 32 bits
    [InlineData(200f, 16, 8, false, 0x0000_7FFFu, IOC)]
    [InlineData(-200f, 16, 8, false, 0xFFFF_8000u, IOC)]
    [InlineData(-128f, 16, 8, false, 0xFFFF_8000u, 0u)]
    [InlineData(255.99f, 16, 8, true, 0x0000_FFFDu, IXC)]
    [InlineData(256f, 16, 8, true, 0x0000_FFFFu, IOC)]
    [InlineData(-1f, 16, 8, true, 0u, IOC)]
    [InlineData(-0.001f, 16, 8, true, 0u, IXC)]                  // toward zero: 0, fits
    [InlineData(-1.999f, 32, 0, false, 0xFFFF_FFFFu, IXC)]
    [InlineData(0.75f, 32, 32, true, 0xC000_0000u, 0u)]
    [InlineData(1f, 32, 32, true, 0xFFFF_FFFFu, IOC)]
    [InlineData(-0.5f, 32, 31, false, 0xC000_0000u, 0u)]
    [InlineData(1f, 16, 16, false, 0x0000_7FFFu, IOC)]
    [InlineData(float.NaN, 16, 4, false, 0u, IOC)]
    public void FloatToFixed(float x, int size, int frac, bool unsigned, uint expected, uint flags)
    {
        uint mode = Fpscr(RP), fpscr = mode; // RMode is ignored: always toward zero
        Check32(expected, flags, F32ToFixed(F(x), size, frac, unsigned, ref fpscr), fpscr, mode);
        fpscr = mode;
        Check32(expected, flags, F64ToFixed(D(x), size, frac, unsigned, ref fpscr), fpscr, mode);
    }

    [Theory]
    [InlineData(0x0000_8000u, 16, 15, false, RN, -1.0, 0u)]
    [InlineData(0xABCD_8000u, 16, 15, false, RN, -1.0, 0u)]   // only the low 16 bits count
    [InlineData(0xABCD_8000u, 16, 15, true, RN, 1.0, 0u)]
    [InlineData(0x0000_0180u, 16, 8, false, RN, 1.5, 0u)]
    [InlineData(0x0000_0001u, 32, 32, true, RN, 2.3283064365386963e-10, 0u)]
    [InlineData(0xFFFF_FFFFu, 32, 0, true, RN, 4294967296.0, IXC)]
    [InlineData(0xFFFF_FFFFu, 32, 0, true, RZ, 4294967040.0, IXC)]
    [InlineData(0xFFFF_FFFFu, 32, 16, false, RN, -1.52587890625e-05, 0u)]
    [InlineData(0x8000_0001u, 32, 0, false, RM, -2147483648.0, IXC)]
    [InlineData(0x8000_0001u, 32, 0, false, RN, -2147483648.0, IXC)]
    [InlineData(0x7FFF_FFC1u, 32, 0, false, RP, 2147483648.0, IXC)]
    [InlineData(0x7FFF_FFC1u, 32, 0, false, RN, 2147483648.0, IXC)]
    [InlineData(0x7FFF_FFC1u, 32, 0, false, RZ, 2147483520.0, IXC)]
    public void FixedToFloat(uint value, int size, int frac, bool unsigned, int rmode, double expected, uint flags)
    {
        uint mode = Fpscr(rmode), fpscr = mode;
        Check32(F((float)expected), flags, FixedToF32(value, size, frac, unsigned, ref fpscr), fpscr, mode);
        fpscr = mode;
        ulong d = FixedToF64(value, size, frac, unsigned, ref fpscr);
        // Doubles hold every 32-bit fixed value exactly.
        ulong exact = D((unsigned ? (double)(size == 16 ? value & 0xFFFF : value) : size == 16 ? (short)value : (int)value) / Math.ScaleB(1.0, frac));
        Check64(exact, 0, d, fpscr);
    }

    [Fact]
    public void Fixed_RejectsBadSizes()
    {
        uint fpscr = 0;
        Assert.Throws<ArgumentOutOfRangeException>(() => F32ToFixed(0, 8, 0, false, ref fpscr));
        Assert.Throws<ArgumentOutOfRangeException>(() => FixedToF32(0, 16, 17, false, ref fpscr));
    }

    [Fact]
    public void Flags_AccumulateAndPreserveOtherBits()
    {
        uint fpscr = 0xF000_0000 | Fpscr(RZ) | IXC | (1u << 8) /* IOE */;
        _ = Div32(F(1f), 0, ref fpscr);
        Assert.Equal(0xF000_0000 | Fpscr(RZ) | IXC | (1u << 8) | DZC, fpscr);
    }
}
