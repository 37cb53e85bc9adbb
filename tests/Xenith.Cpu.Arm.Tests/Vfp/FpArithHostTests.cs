using System.Globalization;
using static Xenith.Cpu.Arm.Vfp.FpArith;

namespace Xenith.Cpu.Arm.Tests.Vfp;

/// <summary>
/// Operand generator biased toward the cases that break soft-float code: ties, cancellation, denormals,
/// the overflow and underflow edges, and specials.
/// </summary>
internal static class FpGen
{
    private static readonly uint[] Specials32 =
    [
        0, 0x8000_0000, 0x7F80_0000, 0xFF80_0000, 0x7F7F_FFFF, 0xFF7F_FFFF, 0x0080_0000, 0x8080_0000,
        0x007F_FFFF, 0x0000_0001, 0x8000_0001, 0x3F80_0000, 0xBF80_0000, 0x7FC0_0000, 0x7F80_0001, 0xFFC1_2345,
    ];

    private static readonly ulong[] Specials64 =
    [
        0, 0x8000_0000_0000_0000, 0x7FF0_0000_0000_0000, 0xFFF0_0000_0000_0000, 0x7FEF_FFFF_FFFF_FFFF,
        0x0010_0000_0000_0000, 0x000F_FFFF_FFFF_FFFF, 0x0000_0000_0000_0001, 0x8000_0000_0000_0001,
        0x3FF0_0000_0000_0000, 0xBFF0_0000_0000_0000, 0x7FF8_0000_0000_0000, 0x7FF0_0000_0000_0001,
        0xFFF8_0000_1234_5678,
    ];

    private static ulong Fraction(Random r, int f)
    {
        ulong mask = (1UL << f) - 1;
        switch (r.Next(6))
        {
            case 0: // a few bits: makes exact results and ties likely
                {
                    ulong x = 0;
                    int n = r.Next(1, 4);
                    for (int i = 0; i < n; i++)
                    {
                        x |= 1UL << r.Next(f);
                    }
                    return x;
                }
            case 1:
                return mask >> r.Next(f); // runs of ones
            case 2:
                return mask ^ (mask >> r.Next(f + 1));
            default:
                return (ulong)r.NextInt64() & mask;
        }
    }

    private static ulong Any(Random r, int f, int e, bool finite)
    {
        int maxBiased = (1 << e) - 1;
        int bias = maxBiased >> 1;
        ulong sign = (ulong)r.Next(2) << (f + e);
        int biased;
        switch (r.Next(16))
        {
            case 0:
                if (finite)
                {
                    goto default;
                }
                return ((ulong)r.NextInt64() & ((1UL << (f + e + 1)) - 1));
            case 1:
            case 2:
                biased = 0; // denormal (or zero)
                break;
            case 3:
                biased = r.Next(2) == 0 ? r.Next(1, 4) : maxBiased - r.Next(1, 4); // edges of the normal range
                break;
            case 4:
            case 5:
            case 6:
            case 7:
                biased = r.Next(1, maxBiased);
                break;
            default:
                biased = bias + r.Next(-30, 31);
                break;
        }
        return sign | ((ulong)biased << f) | Fraction(r, f);
    }

    public static uint F32(Random r, bool finite = false)
    {
        if (!finite && r.Next(24) == 0)
        {
            return Specials32[r.Next(Specials32.Length)];
        }
        return (uint)Any(r, 23, 8, finite);
    }

    public static ulong F64(Random r, bool finite = false)
    {
        if (!finite && r.Next(24) == 0)
        {
            return Specials64[r.Next(Specials64.Length)];
        }
        return Any(r, 52, 11, finite);
    }

    /// <summary>A second operand related to <paramref name="a"/>: close exponent, or a near-negation for cancellation.</summary>
    public static uint Near32(Random r, uint a, bool finite = false)
    {
        switch (r.Next(4))
        {
            case 0:
                return F32(r, finite);
            case 1:
                {
                    uint b = (a ^ 0x8000_0000) + (uint)r.Next(-4, 5);
                    return finite && (b & 0x7F80_0000) == 0x7F80_0000 ? a : b;
                }
            default:
                {
                    int exp = (int)(a >> 23 & 0xFF) + r.Next(-26, 27);
                    exp = Math.Clamp(exp, 0, finite ? 254 : 255);
                    return (uint)(r.Next(2) << 31) | ((uint)exp << 23) | (uint)Fraction(r, 23);
                }
        }
    }

    public static ulong Near64(Random r, ulong a, bool finite = false)
    {
        switch (r.Next(4))
        {
            case 0:
                return F64(r, finite);
            case 1:
                {
                    ulong b = (a ^ 0x8000_0000_0000_0000) + (ulong)r.Next(-4, 5);
                    return finite && (b & 0x7FF0_0000_0000_0000) == 0x7FF0_0000_0000_0000 ? a : b;
                }
            default:
                {
                    int exp = (int)(a >> 52 & 0x7FF) + r.Next(-55, 56);
                    exp = Math.Clamp(exp, 0, finite ? 2046 : 2047);
                    return ((ulong)r.Next(2) << 63) | ((ulong)exp << 52) | Fraction(r, 52);
                }
        }
    }

    /// <summary>An addend for a*b that nearly cancels the product (computed on the host, then nudged).</summary>
    public static uint Addend32(Random r, uint a, uint b, bool finite = false)
    {
        if (r.Next(2) == 0)
        {
            return Near32(r, a, finite);
        }
        float p = BitConverter.UInt32BitsToSingle(a) * BitConverter.UInt32BitsToSingle(b);
        uint c = (BitConverter.SingleToUInt32Bits(p) ^ 0x8000_0000) + (uint)r.Next(-3, 4);
        return !float.IsFinite(BitConverter.UInt32BitsToSingle(c)) ? F32(r, finite) : c;
    }

    public static ulong Addend64(Random r, ulong a, ulong b, bool finite = false)
    {
        if (r.Next(2) == 0)
        {
            return Near64(r, a, finite);
        }
        double p = BitConverter.UInt64BitsToDouble(a) * BitConverter.UInt64BitsToDouble(b);
        ulong c = (BitConverter.DoubleToUInt64Bits(p) ^ 0x8000_0000_0000_0000) + (ulong)r.Next(-3, 4);
        return !double.IsFinite(BitConverter.UInt64BitsToDouble(c)) ? F64(r, finite) : c;
    }
}

/// <summary>
/// Random comparisons with the host in its only mode (round to nearest, no flush, no default NaN): .NET's
/// float/double arithmetic, MathF/Math.FusedMultiplyAdd and Sqrt are correctly rounded IEEE operations, so every
/// non-NaN result must be bit-identical.
/// </summary>
public class FpArithHostTests
{
    private const int Cases = 100_000;

    private static float S(uint x) => BitConverter.UInt32BitsToSingle(x);
    private static double Db(ulong x) => BitConverter.UInt64BitsToDouble(x);

    private static void Same32(uint expected, uint actual, string what, params uint[] ops)
    {
        if (float.IsNaN(S(expected)) && float.IsNaN(S(actual)))
        {
            return;
        }
        if (expected != actual)
        {
            Assert.Fail(string.Format(CultureInfo.InvariantCulture, "{0}({1}): host {2:X8}, FpArith {3:X8}",
                what, string.Join(", ", ops.Select(o => o.ToString("X8", CultureInfo.InvariantCulture))), expected, actual));
        }
    }

    private static void Same64(ulong expected, ulong actual, string what, params ulong[] ops)
    {
        if (double.IsNaN(Db(expected)) && double.IsNaN(Db(actual)))
        {
            return;
        }
        if (expected != actual)
        {
            Assert.Fail(string.Format(CultureInfo.InvariantCulture, "{0}({1}): host {2:X16}, FpArith {3:X16}",
                what, string.Join(", ", ops.Select(o => o.ToString("X16", CultureInfo.InvariantCulture))), expected, actual));
        }
    }

    [Fact]
    public void Single_AddSubMulDivSqrtFma()
    {
        var r = new Random(0x5EED_0032);
        for (int i = 0; i < Cases; i++)
        {
            uint a = FpGen.F32(r), b = FpGen.Near32(r, a), c = FpGen.Addend32(r, a, b);
            uint fpscr = 0;
            Same32(BitConverter.SingleToUInt32Bits(S(a) + S(b)), Add32(a, b, ref fpscr), "Add32", a, b);
            Same32(BitConverter.SingleToUInt32Bits(S(a) - S(b)), Sub32(a, b, ref fpscr), "Sub32", a, b);
            Same32(BitConverter.SingleToUInt32Bits(S(a) * S(b)), Mul32(a, b, ref fpscr), "Mul32", a, b);
            Same32(BitConverter.SingleToUInt32Bits(S(a) / S(b)), Div32(a, b, ref fpscr), "Div32", a, b);
            Same32(BitConverter.SingleToUInt32Bits(MathF.Sqrt(S(a))), Sqrt32(a, ref fpscr), "Sqrt32", a);
            Same32(BitConverter.SingleToUInt32Bits(MathF.FusedMultiplyAdd(S(a), S(b), S(c))),
                MulAdd32(c, a, b, ref fpscr), "MulAdd32", c, a, b);
            Assert.Equal(0u, fpscr & ~0x9Fu);
        }
    }

    [Fact]
    public void Double_AddSubMulDivSqrtFma()
    {
        var r = new Random(0x5EED_0064);
        for (int i = 0; i < Cases; i++)
        {
            ulong a = FpGen.F64(r), b = FpGen.Near64(r, a), c = FpGen.Addend64(r, a, b);
            uint fpscr = 0;
            Same64(BitConverter.DoubleToUInt64Bits(Db(a) + Db(b)), Add64(a, b, ref fpscr), "Add64", a, b);
            Same64(BitConverter.DoubleToUInt64Bits(Db(a) - Db(b)), Sub64(a, b, ref fpscr), "Sub64", a, b);
            Same64(BitConverter.DoubleToUInt64Bits(Db(a) * Db(b)), Mul64(a, b, ref fpscr), "Mul64", a, b);
            Same64(BitConverter.DoubleToUInt64Bits(Db(a) / Db(b)), Div64(a, b, ref fpscr), "Div64", a, b);
            Same64(BitConverter.DoubleToUInt64Bits(Math.Sqrt(Db(a))), Sqrt64(a, ref fpscr), "Sqrt64", a);
            Same64(BitConverter.DoubleToUInt64Bits(Math.FusedMultiplyAdd(Db(a), Db(b), Db(c))),
                MulAdd64(c, a, b, ref fpscr), "MulAdd64", c, a, b);
        }
    }

    [Fact]
    public void Conversions()
    {
        var r = new Random(0x5EED_0C0F);
        for (int i = 0; i < Cases; i++)
        {
            uint a = FpGen.F32(r);
            ulong d = FpGen.F64(r);
            uint fpscr = 0;
            Same64(BitConverter.DoubleToUInt64Bits(S(a)), F32ToF64(a, ref fpscr), "F32ToF64", a);
            Same32(BitConverter.SingleToUInt32Bits((float)Db(d)), F64ToF32(d, ref fpscr), "F64ToF32", (uint)(d >> 32), (uint)d);

            ushort h = (ushort)r.Next(0x10000);
            Same32(BitConverter.SingleToUInt32Bits((float)BitConverter.UInt16BitsToHalf(h)), F16ToF32(h, ref fpscr), "F16ToF32", h);
            Same64(BitConverter.DoubleToUInt64Bits((double)BitConverter.UInt16BitsToHalf(h)), F16ToF64(h, ref fpscr), "F16ToF64", h);
            ushort hs = F32ToF16(a, ref fpscr);
            Same32(BitConverter.HalfToUInt16Bits((Half)S(a)), hs, "F32ToF16", a);

            uint n = (uint)r.NextInt64() >> r.Next(32);
            Same32(BitConverter.SingleToUInt32Bits((int)n), S32ToF32(n, ref fpscr), "S32ToF32", n);
            Same32(BitConverter.SingleToUInt32Bits(n), U32ToF32(n, ref fpscr), "U32ToF32", n);
            Same64(BitConverter.DoubleToUInt64Bits((int)n), S32ToF64(n, ref fpscr), "S32ToF64", n);
            Same64(BitConverter.DoubleToUInt64Bits(n), U32ToF64(n, ref fpscr), "U32ToF64", n);

            // VCVT truncates like a C# cast wherever the result is in range.
            double x = Db(d);
            if (x > -2147483649.0 && x < 2147483648.0)
            {
                Assert.Equal((uint)(int)x, F64ToS32(d, true, ref fpscr));
                Assert.Equal((uint)(int)Math.Round(x, MidpointRounding.ToEven), F64ToS32(d, false, ref fpscr));
            }
            if (x > -1.0 && x < 4294967296.0)
            {
                Assert.Equal((uint)x, F64ToU32(d, true, ref fpscr));
            }
            float y = S(a);
            if (y >= -2147483648f && y < 2147483648f)
            {
                Assert.Equal((uint)(int)y, F32ToS32(a, true, ref fpscr));
            }
        }
    }
}
