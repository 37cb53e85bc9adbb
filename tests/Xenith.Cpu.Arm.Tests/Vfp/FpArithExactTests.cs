using System.Globalization;
using System.Numerics;
using static Xenith.Cpu.Arm.Vfp.FpArith;

namespace Xenith.Cpu.Arm.Tests.Vfp;

/// <summary>
/// A slow, literal transcription of the ARM pseudocode over exact BigInteger values (test only). It handles
/// finite operands; NaN and infinity rules are covered by the vector tests and the Unicorn comparison.
/// </summary>
internal static class FpRef
{
    /// <summary>A positive real the rounder can query: floor(log2 v), and floor(v * 2^s) with its error.</summary>
    internal abstract class Exact
    {
        public abstract int FloorLog2();

        /// <summary>floor(v * 2^s); cmpHalf is the sign of (error - 1/2); exact is error == 0.</summary>
        public abstract (BigInteger Floor, int CmpHalf, bool Exact) Scale(int s);
    }

    internal sealed class Rational(BigInteger num, BigInteger den) : Exact
    {
        public BigInteger Num { get; } = num;
        public BigInteger Den { get; } = den;

        public static Rational Dyadic(BigInteger m, int e) =>
            e >= 0 ? new Rational(m << e, BigInteger.One) : new Rational(m, BigInteger.One << -e);

        public override int FloorLog2()
        {
            int l = (int)(Num.GetBitLength() - Den.GetBitLength());
            bool atLeast = l >= 0 ? Num >= Den << l : Num << -l >= Den;
            return atLeast ? l : l - 1;
        }

        public override (BigInteger Floor, int CmpHalf, bool Exact) Scale(int s)
        {
            BigInteger n = s >= 0 ? Num << s : Num, d = s >= 0 ? Den : Den << -s;
            BigInteger q = BigInteger.DivRem(n, d, out BigInteger rem);
            return (q, (rem * 2).CompareTo(d), rem.IsZero);
        }
    }

    internal sealed class SquareRoot(Rational v) : Exact
    {
        public override int FloorLog2() => (int)Math.Floor(v.FloorLog2() / 2.0);

        public override (BigInteger Floor, int CmpHalf, bool Exact) Scale(int s)
        {
            // sqrt(v) * 2^s = sqrt(v * 2^2s); floor(sqrt(x)) = isqrt(floor(x)).
            BigInteger n = 2 * s >= 0 ? v.Num << (2 * s) : v.Num, d = 2 * s >= 0 ? v.Den : v.Den << (-2 * s);
            BigInteger i = ISqrt(n / d);
            bool exact = i * i * d == n;
            BigInteger h = 2 * i + 1; // compare sqrt(n/d) with i + 1/2, i.e. 4n with (2i+1)^2 d
            return (i, (4 * n).CompareTo(h * h * d), exact);
        }

        private static BigInteger ISqrt(BigInteger x)
        {
            if (x.IsZero)
            {
                return x;
            }
            BigInteger r = BigInteger.One << (int)((x.GetBitLength() + 1) / 2);
            while (true)
            {
                BigInteger next = (r + x / r) >> 1;
                if (next >= r)
                {
                    return r;
                }
                r = next;
            }
        }
    }

    /// <summary>FPUnpack for a finite operand: value = (-1)^sign * m * 2^e (m = 0 for zeros).</summary>
    public static (bool Sign, BigInteger M, int E) Unpack(ulong bits, int f, int e, bool fz, ref uint flags)
    {
        bool sign = (bits >> (f + e) & 1) != 0;
        ulong frac = bits & ((1UL << f) - 1);
        int biased = (int)(bits >> f & ((1UL << e) - 1));
        int bias = (1 << (e - 1)) - 1;
        Assert.True(biased != (1 << e) - 1, "reference handles finite operands only");
        if (biased == 0)
        {
            if (frac != 0 && fz)
            {
                flags |= IDC;
                frac = 0;
            }
            return (sign, frac, 1 - bias - f);
        }
        return (sign, frac | (1UL << f), biased - bias - f);
    }

    /// <summary>FPRound, line by line.</summary>
    public static ulong Round(bool sign, Exact value, int f, int e, int rmode, bool fz, bool ahp, ref uint flags)
    {
        int minimumExp = 2 - (1 << (e - 1));
        int exponent = value.FloorLog2();
        ulong signBit = sign ? 1UL << (f + e) : 0;
        if (fz && exponent < minimumExp)
        {
            flags |= UFC;
            return signBit;
        }
        int biasedExp = Math.Max(exponent - minimumExp + 1, 0);
        var (intMant, cmpHalf, exact) = value.Scale(biasedExp == 0 ? f - minimumExp : f - exponent);
        if (biasedExp == 0 && !exact)
        {
            flags |= UFC;
        }
        bool roundUp, overflowToInf;
        switch (rmode)
        {
            case 0:
                roundUp = cmpHalf > 0 || (cmpHalf == 0 && !intMant.IsEven);
                overflowToInf = true;
                break;
            case 1:
                roundUp = !exact && !sign;
                overflowToInf = !sign;
                break;
            case 2:
                roundUp = !exact && sign;
                overflowToInf = sign;
                break;
            default:
                roundUp = false;
                overflowToInf = false;
                break;
        }
        if (roundUp)
        {
            intMant += 1;
            if (intMant == BigInteger.One << f)
            {
                biasedExp = 1;
            }
            if (intMant == BigInteger.One << (f + 1))
            {
                biasedExp++;
                intMant >>= 1;
            }
        }
        ulong result;
        if (!ahp)
        {
            if (biasedExp >= (1 << e) - 1)
            {
                flags |= OFC;
                exact = false;
                result = overflowToInf
                    ? signBit | (((1UL << e) - 1) << f)
                    : signBit | (((1UL << e) - 2) << f) | ((1UL << f) - 1);
                flags |= IXC;
                return result;
            }
        }
        else if (biasedExp >= 1 << e)
        {
            flags |= IOC;
            return signBit | ((1UL << (f + e)) - 1);
        }
        result = signBit | ((ulong)biasedExp << f) | ((ulong)(intMant & ((BigInteger.One << f) - 1)));
        if (!exact)
        {
            flags |= IXC;
        }
        return result;
    }

    private static BigInteger Signed(bool sign, BigInteger m) => sign ? -m : m;

    /// <summary>Rounds a signed exact dyadic sum; an exact zero gets the rounding-mode sign.</summary>
    private static ulong RoundSum(BigInteger n, int exp, int f, int e, int rmode, bool fz, ref uint flags)
    {
        if (n.IsZero)
        {
            return rmode == 2 ? 1UL << (f + e) : 0;
        }
        return Round(n.Sign < 0, Rational.Dyadic(BigInteger.Abs(n), exp), f, e, rmode, fz, false, ref flags);
    }

    public static ulong Add(ulong a, ulong b, int f, int e, uint fpscr, ref uint flags)
    {
        bool fz = (fpscr & FZ) != 0;
        int rmode = (int)(fpscr >> 22 & 3);
        var (s1, m1, e1) = Unpack(a, f, e, fz, ref flags);
        var (s2, m2, e2) = Unpack(b, f, e, fz, ref flags);
        if (m1.IsZero && m2.IsZero && s1 == s2)
        {
            return s1 ? 1UL << (f + e) : 0;
        }
        int lo = Math.Min(e1, e2);
        BigInteger n = (Signed(s1, m1) << (e1 - lo)) + (Signed(s2, m2) << (e2 - lo));
        return RoundSum(n, lo, f, e, rmode, fz, ref flags);
    }

    public static ulong Mul(ulong a, ulong b, int f, int e, uint fpscr, ref uint flags)
    {
        bool fz = (fpscr & FZ) != 0;
        var (s1, m1, e1) = Unpack(a, f, e, fz, ref flags);
        var (s2, m2, e2) = Unpack(b, f, e, fz, ref flags);
        if (m1.IsZero || m2.IsZero)
        {
            return s1 != s2 ? 1UL << (f + e) : 0;
        }
        return Round(s1 != s2, Rational.Dyadic(m1 * m2, e1 + e2), f, e, (int)(fpscr >> 22 & 3), fz, false, ref flags);
    }

    public static ulong MulAdd(ulong addend, ulong a, ulong b, int f, int e, uint fpscr, ref uint flags)
    {
        bool fz = (fpscr & FZ) != 0;
        int rmode = (int)(fpscr >> 22 & 3);
        var (s1, m1, e1) = Unpack(a, f, e, fz, ref flags);
        var (s2, m2, e2) = Unpack(b, f, e, fz, ref flags);
        var (sA, mA, eA) = Unpack(addend, f, e, fz, ref flags);
        bool sP = s1 != s2;
        BigInteger mP = m1 * m2;
        int eP = e1 + e2;
        if (mA.IsZero && mP.IsZero && sA == sP)
        {
            return sA ? 1UL << (f + e) : 0;
        }
        int lo = Math.Min(eA, eP);
        BigInteger n = (Signed(sA, mA) << (eA - lo)) + (Signed(sP, mP) << (eP - lo));
        return RoundSum(n, lo, f, e, rmode, fz, ref flags);
    }

    public static ulong Div(ulong a, ulong b, int f, int e, uint fpscr, ref uint flags)
    {
        bool fz = (fpscr & FZ) != 0;
        var (s1, m1, e1) = Unpack(a, f, e, fz, ref flags);
        var (s2, m2, e2) = Unpack(b, f, e, fz, ref flags);
        Assert.False(m2.IsZero);
        if (m1.IsZero)
        {
            return s1 != s2 ? 1UL << (f + e) : 0;
        }
        var q = Rational.Dyadic(m1, e1 - e2);
        return Round(s1 != s2, new Rational(q.Num, q.Den * m2), f, e, (int)(fpscr >> 22 & 3), fz, false, ref flags);
    }

    public static ulong Sqrt(ulong a, int f, int e, uint fpscr, ref uint flags)
    {
        bool fz = (fpscr & FZ) != 0;
        var (s, m, ex) = Unpack(a, f, e, fz, ref flags);
        if (m.IsZero)
        {
            return s ? 1UL << (f + e) : 0;
        }
        Assert.False(s);
        return Round(false, new SquareRoot(Rational.Dyadic(m, ex)), f, e, (int)(fpscr >> 22 & 3), fz, false, ref flags);
    }

    /// <summary>FPConvert of a finite value to a narrower format (the half side never flushes).</summary>
    public static ulong Narrow(ulong a, int fs, int es, int fd, int ed, uint fpscr, ref uint flags)
    {
        bool fz = (fpscr & FZ) != 0;
        var (s, m, ex) = Unpack(a, fs, es, fz, ref flags);
        if (m.IsZero)
        {
            return s ? 1UL << (fd + ed) : 0;
        }
        bool half = fd == 10;
        return Round(s, Rational.Dyadic(m, ex), fd, ed, (int)(fpscr >> 22 & 3), fz && !half,
            half && (fpscr & AHP) != 0, ref flags);
    }

    /// <summary>FPToFixed, line by line (RoundDown of the signed value, then the mode's correction).</summary>
    public static uint ToFixed(ulong a, int f, int e, int size, int fracBits, bool unsigned, int rmode, uint fpscr,
        ref uint flags)
    {
        var (s, m, ex) = Unpack(a, f, e, (fpscr & FZ) != 0, ref flags);
        var v = Rational.Dyadic(m, ex + fracBits);
        BigInteger intResult = BigInteger.DivRem(v.Num, v.Den, out BigInteger rem);
        // error = value - RoundDown(value), in units of 1/den.
        BigInteger errorNum = rem;
        if (s)
        {
            intResult = -intResult;
            if (!rem.IsZero)
            {
                intResult -= 1;
                errorNum = v.Den - rem;
            }
        }
        int cmpHalf = (errorNum * 2).CompareTo(v.Den);
        bool roundUp = rmode switch
        {
            0 => cmpHalf > 0 || (cmpHalf == 0 && !intResult.IsEven),
            1 => !errorNum.IsZero,
            2 => false,
            _ => !errorNum.IsZero && intResult.Sign < 0,
        };
        if (roundUp)
        {
            intResult += 1;
        }
        BigInteger min = unsigned ? 0 : -(BigInteger.One << (size - 1));
        BigInteger max = unsigned ? (BigInteger.One << size) - 1 : (BigInteger.One << (size - 1)) - 1;
        BigInteger sat = BigInteger.Min(max, BigInteger.Max(min, intResult));
        if (sat != intResult)
        {
            flags |= IOC;
        }
        else if (!errorNum.IsZero)
        {
            flags |= IXC;
        }
        long r = (long)sat;
        return unsigned ? (uint)r : (uint)(int)r; // M-bit result, sign- or zero-extended
    }

    /// <summary>FixedToFP.</summary>
    public static ulong FromFixed(uint value, int size, int fracBits, bool unsigned, int f, int e, uint fpscr,
        ref uint flags)
    {
        long i = unsigned ? (long)(value & (uint)((1UL << size) - 1)) : (long)((int)(value << (32 - size)) >> (32 - size));
        if (i == 0)
        {
            return 0;
        }
        return Round(i < 0, Rational.Dyadic(Math.Abs(i), -fracBits), f, e, (int)(fpscr >> 22 & 3),
            (fpscr & FZ) != 0, false, ref flags);
    }
}

/// <summary>Random operands in every rounding mode, with and without FZ, checked against <see cref="FpRef"/>.</summary>
public class FpArithExactTests
{
    private const int Cases = 50_000;
    private const uint FlagMask = IOC | DZC | OFC | UFC | IXC | IDC;

    private static uint RandomMode(Random r) => ((uint)r.Next(4) << 22) | (r.Next(3) == 0 ? FZ : 0);

    private static void Check(string what, uint fpscr, ulong expected, uint expectedFlags, ulong actual, uint actualFpscr,
        params ulong[] ops)
    {
        uint flags = actualFpscr & FlagMask;
        if (expected != actual || expectedFlags != flags || (actualFpscr & ~FlagMask) != fpscr)
        {
            Assert.Fail(string.Format(CultureInfo.InvariantCulture,
                "{0}({1}) RMode={2} FZ={3}: expected {4:X} flags {5:X2}, got {6:X} flags {7:X2}", what,
                string.Join(", ", ops.Select(o => o.ToString("X", CultureInfo.InvariantCulture))),
                fpscr >> 22 & 3, fpscr >> 24 & 1, expected, expectedFlags, actual, flags));
        }
    }

    [Fact]
    public void Single_AddMulFmaDivSqrt_AllModes()
    {
        var r = new Random(7032);
        for (int i = 0; i < Cases; i++)
        {
            uint a = FpGen.F32(r, finite: true), b = FpGen.Near32(r, a, finite: true);
            uint c = FpGen.Addend32(r, a, b, finite: true);
            uint mode = RandomMode(r);
            uint exp = 0, fpscr = mode;
            ulong want = FpRef.Add(a, b, 23, 8, mode, ref exp);
            Check("Add32", mode, want, exp, Add32(a, b, ref fpscr), fpscr, a, b);

            exp = 0;
            fpscr = mode;
            want = FpRef.Add(a, b ^ 0x8000_0000, 23, 8, mode, ref exp);
            Check("Sub32", mode, want, exp, Sub32(a, b, ref fpscr), fpscr, a, b);

            exp = 0;
            fpscr = mode;
            want = FpRef.Mul(a, b, 23, 8, mode, ref exp);
            Check("Mul32", mode, want, exp, Mul32(a, b, ref fpscr), fpscr, a, b);

            exp = 0;
            fpscr = mode;
            want = FpRef.MulAdd(c, a, b, 23, 8, mode, ref exp);
            Check("MulAdd32", mode, want, exp, MulAdd32(c, a, b, ref fpscr), fpscr, c, a, b);

            bool bZero = (b & 0x7FFF_FFFF) == 0 || ((mode & FZ) != 0 && (b & 0x7F80_0000) == 0);
            if (!bZero)
            {
                exp = 0;
                fpscr = mode;
                want = FpRef.Div(a, b, 23, 8, mode, ref exp);
                Check("Div32", mode, want, exp, Div32(a, b, ref fpscr), fpscr, a, b);
            }

            uint pa = a & 0x7FFF_FFFF;
            exp = 0;
            fpscr = mode;
            want = FpRef.Sqrt(pa, 23, 8, mode, ref exp);
            Check("Sqrt32", mode, want, exp, Sqrt32(pa, ref fpscr), fpscr, pa);
        }
    }

    [Fact]
    public void Double_AddMulFmaDivSqrt_AllModes()
    {
        var r = new Random(7064);
        for (int i = 0; i < Cases; i++)
        {
            ulong a = FpGen.F64(r, finite: true), b = FpGen.Near64(r, a, finite: true);
            ulong c = FpGen.Addend64(r, a, b, finite: true);
            uint mode = RandomMode(r);
            uint exp = 0, fpscr = mode;
            ulong want = FpRef.Add(a, b, 52, 11, mode, ref exp);
            Check("Add64", mode, want, exp, Add64(a, b, ref fpscr), fpscr, a, b);

            exp = 0;
            fpscr = mode;
            want = FpRef.Mul(a, b, 52, 11, mode, ref exp);
            Check("Mul64", mode, want, exp, Mul64(a, b, ref fpscr), fpscr, a, b);

            exp = 0;
            fpscr = mode;
            want = FpRef.MulAdd(c, a, b, 52, 11, mode, ref exp);
            Check("MulAdd64", mode, want, exp, MulAdd64(c, a, b, ref fpscr), fpscr, c, a, b);

            bool bZero = (b & 0x7FFF_FFFF_FFFF_FFFF) == 0 || ((mode & FZ) != 0 && (b & 0x7FF0_0000_0000_0000) == 0);
            if (!bZero)
            {
                exp = 0;
                fpscr = mode;
                want = FpRef.Div(a, b, 52, 11, mode, ref exp);
                Check("Div64", mode, want, exp, Div64(a, b, ref fpscr), fpscr, a, b);
            }

            ulong pa = a & 0x7FFF_FFFF_FFFF_FFFF;
            exp = 0;
            fpscr = mode;
            want = FpRef.Sqrt(pa, 52, 11, mode, ref exp);
            Check("Sqrt64", mode, want, exp, Sqrt64(pa, ref fpscr), fpscr, pa);
        }
    }

    [Fact]
    public void Conversions_AllModes()
    {
        var r = new Random(7000);
        for (int i = 0; i < Cases; i++)
        {
            uint mode = RandomMode(r) | (r.Next(2) == 0 ? AHP : 0);
            int rmode = (int)(mode >> 22 & 3);
            ulong d = FpGen.F64(r, finite: true);
            uint s = FpGen.F32(r, finite: true);
            // Values near the half and single ranges.
            if (r.Next(2) == 0)
            {
                d = (d & 0x800F_FFFF_FFFF_FFFF) | ((ulong)(1023 + r.Next(-160, 140)) << 52);
                s = (s & 0x807F_FFFF) | ((uint)(127 + r.Next(-30, 20)) << 23);
            }

            uint exp = 0, fpscr = mode;
            ulong want = FpRef.Narrow(d, 52, 11, 23, 8, mode, ref exp);
            Check("F64ToF32", mode, want, exp, F64ToF32(d, ref fpscr), fpscr, d);

            exp = 0;
            fpscr = mode;
            want = FpRef.Narrow(s, 23, 8, 10, 5, mode, ref exp);
            Check("F32ToF16", mode, want, exp, F32ToF16(s, ref fpscr), fpscr, s);

            exp = 0;
            fpscr = mode;
            want = FpRef.Narrow(d, 52, 11, 10, 5, mode, ref exp);
            Check("F64ToF16", mode, want, exp, F64ToF16(d, ref fpscr), fpscr, d);

            // Integers and fixed point: scale the operand toward the interesting range first.
            int size = r.Next(2) == 0 ? 16 : 32;
            int frac = r.Next(size + 1);
            bool unsigned = r.Next(2) == 0;
            ulong dv = (d & 0x800F_FFFF_FFFF_FFFF) | ((ulong)(1023 + r.Next(-frac - 3, size - frac + 3)) << 52);
            uint sv = (s & 0x807F_FFFF) | ((uint)(127 + r.Next(-frac - 3, size - frac + 3)) << 23);

            exp = 0;
            fpscr = mode;
            want = FpRef.ToFixed(dv, 52, 11, size, frac, unsigned, 3, mode, ref exp);
            Check("F64ToFixed", mode, want, exp, F64ToFixed(dv, size, frac, unsigned, ref fpscr), fpscr, dv, (ulong)size, (ulong)frac);

            exp = 0;
            fpscr = mode;
            want = FpRef.ToFixed(sv, 23, 8, size, frac, unsigned, 3, mode, ref exp);
            Check("F32ToFixed", mode, want, exp, F32ToFixed(sv, size, frac, unsigned, ref fpscr), fpscr, sv, (ulong)size, (ulong)frac);

            bool rz = r.Next(2) == 0;
            ulong di = (d & 0x800F_FFFF_FFFF_FFFF) | ((ulong)(1023 + r.Next(-3, 34)) << 52);
            uint si = (s & 0x807F_FFFF) | ((uint)(127 + r.Next(-3, 34)) << 23);
            int m = rz ? 3 : rmode;
            exp = 0;
            fpscr = mode;
            want = FpRef.ToFixed(di, 52, 11, 32, 0, false, m, mode, ref exp);
            Check("F64ToS32", mode, want, exp, F64ToS32(di, rz, ref fpscr), fpscr, di);
            exp = 0;
            fpscr = mode;
            want = FpRef.ToFixed(di, 52, 11, 32, 0, true, m, mode, ref exp);
            Check("F64ToU32", mode, want, exp, F64ToU32(di, rz, ref fpscr), fpscr, di);
            exp = 0;
            fpscr = mode;
            want = FpRef.ToFixed(si, 23, 8, 32, 0, false, m, mode, ref exp);
            Check("F32ToS32", mode, want, exp, F32ToS32(si, rz, ref fpscr), fpscr, si);
            exp = 0;
            fpscr = mode;
            want = FpRef.ToFixed(si, 23, 8, 32, 0, true, m, mode, ref exp);
            Check("F32ToU32", mode, want, exp, F32ToU32(si, rz, ref fpscr), fpscr, si);

            uint v = (uint)r.NextInt64() >> r.Next(32);
            exp = 0;
            fpscr = mode;
            want = FpRef.FromFixed(v, size, frac, unsigned, 23, 8, mode, ref exp);
            Check("FixedToF32", mode, want, exp, FixedToF32(v, size, frac, unsigned, ref fpscr), fpscr, v, (ulong)size, (ulong)frac);
            exp = 0;
            fpscr = mode;
            want = FpRef.FromFixed(v, size, frac, unsigned, 52, 11, mode, ref exp);
            Check("FixedToF64", mode, want, exp, FixedToF64(v, size, frac, unsigned, ref fpscr), fpscr, v, (ulong)size, (ulong)frac);
        }
    }
}
