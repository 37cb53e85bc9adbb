using System.Numerics;

namespace Xenith.Cpu.Arm.Vfp;

public static partial class FpArith
{
    public static uint Add32(uint a, uint b, ref uint fpscr) => (uint)Add(a, b, F32, E32, ref fpscr);
    public static ulong Add64(ulong a, ulong b, ref uint fpscr) => Add(a, b, F64, E64, ref fpscr);
    public static uint Sub32(uint a, uint b, ref uint fpscr) => (uint)Sub(a, b, F32, E32, ref fpscr);
    public static ulong Sub64(ulong a, ulong b, ref uint fpscr) => Sub(a, b, F64, E64, ref fpscr);
    public static uint Mul32(uint a, uint b, ref uint fpscr) => (uint)Mul(a, b, F32, E32, ref fpscr);
    public static ulong Mul64(ulong a, ulong b, ref uint fpscr) => Mul(a, b, F64, E64, ref fpscr);
    public static uint Div32(uint a, uint b, ref uint fpscr) => (uint)Div(a, b, F32, E32, ref fpscr);
    public static ulong Div64(ulong a, ulong b, ref uint fpscr) => Div(a, b, F64, E64, ref fpscr);
    public static uint Sqrt32(uint a, ref uint fpscr) => (uint)Sqrt(a, F32, E32, ref fpscr);
    public static ulong Sqrt64(ulong a, ref uint fpscr) => Sqrt(a, F64, E64, ref fpscr);

    /// <summary>FPMulAdd(addend, op1, op2): addend + op1*op2 with a single rounding.</summary>
    public static uint MulAdd32(uint addend, uint op1, uint op2, ref uint fpscr) =>
        (uint)MulAdd(addend, op1, op2, F32, E32, ref fpscr);

    /// <summary>FPMulAdd(addend, op1, op2): addend + op1*op2 with a single rounding.</summary>
    public static ulong MulAdd64(ulong addend, ulong op1, ulong op2, ref uint fpscr) =>
        MulAdd(addend, op1, op2, F64, E64, ref fpscr);

    private static ulong Add(ulong op1, ulong op2, int f, int e, ref uint fpscr) => AddSub(op1, op2, false, f, e, ref fpscr);

    private static ulong Sub(ulong op1, ulong op2, int f, int e, ref uint fpscr) => AddSub(op1, op2, true, f, e, ref fpscr);

    /// <summary>FPAdd, or FPSub when <paramref name="negate"/>: FPSub negates op2 only after NaN processing,
    /// so a NaN op2 propagates with its own sign.</summary>
    private static ulong AddSub(ulong op1, ulong op2, bool negate, int f, int e, ref uint fpscr)
    {
        bool fz = (fpscr & FZ) != 0;
        var t1 = Unpack(op1, f, e, fz, false, ref fpscr, out bool s1, out int e1, out ulong m1);
        var t2 = Unpack(op2, f, e, fz, false, ref fpscr, out bool s2, out int e2, out ulong m2);
        if (IsNaN(t1) || IsNaN(t2))
        {
            ProcessNaNs(t1, t2, op1, op2, f, e, ref fpscr, out ulong nan);
            return nan;
        }
        if (negate)
        {
            s2 = !s2;
            op2 ^= SignBit(f, e);
        }

        bool inf1 = t1 == FpType.Infinity, inf2 = t2 == FpType.Infinity;
        if (inf1 || inf2)
        {
            if (inf1 && inf2 && s1 != s2)
            {
                fpscr |= IOC;
                return FPDefaultNaN(f, e);
            }
            return FPInfinity(inf1 ? s1 : s2, f, e);
        }
        bool zero1 = t1 == FpType.Zero, zero2 = t2 == FpType.Zero;
        if (zero1 || zero2)
        {
            if (zero1 && zero2)
            {
                return s1 == s2 ? FPZero(s1, f, e) : ExactZeroSum(fpscr, f, e);
            }
            // x + 0 is x exactly; x is not a flushed denormal here, so its bits are the rounded result.
            return zero1 ? op2 : op1;
        }

        if (e1 < e2 || (e1 == e2 && m1 < m2))
        {
            (s1, s2) = (s2, s1);
            (e1, e2) = (e2, e1);
            (m1, m2) = (m2, m1);
        }
        m2 = ShiftRightJam(m2, e1 - e2);
        ulong m;
        if (s1 == s2)
        {
            m = m1 + m2;
            if ((m >> 63) != 0)
            {
                m = ShiftRightJam(m, 1);
                e1++;
            }
        }
        else
        {
            m = m1 - m2;
            if (m == 0)
            {
                return ExactZeroSum(fpscr, f, e);
            }
            int norm = BitOperations.LeadingZeroCount(m) - 1;
            m <<= norm;
            e1 -= norm;
        }
        return Round(s1, e1, m, f, e, fz, false, ref fpscr);
    }

    private static ulong Mul(ulong op1, ulong op2, int f, int e, ref uint fpscr)
    {
        bool fz = (fpscr & FZ) != 0;
        var t1 = Unpack(op1, f, e, fz, false, ref fpscr, out bool s1, out int e1, out ulong m1);
        var t2 = Unpack(op2, f, e, fz, false, ref fpscr, out bool s2, out int e2, out ulong m2);
        if (ProcessNaNs(t1, t2, op1, op2, f, e, ref fpscr, out ulong nan))
        {
            return nan;
        }
        bool sign = s1 != s2;
        bool inf1 = t1 == FpType.Infinity, inf2 = t2 == FpType.Infinity;
        bool zero1 = t1 == FpType.Zero, zero2 = t2 == FpType.Zero;
        if ((inf1 && zero2) || (zero1 && inf2))
        {
            fpscr |= IOC;
            return FPDefaultNaN(f, e);
        }
        if (inf1 || inf2)
        {
            return FPInfinity(sign, f, e);
        }
        if (zero1 || zero2)
        {
            return FPZero(sign, f, e);
        }
        ulong hi = Math.BigMul(m1, m2, out ulong lo);
        // Product is in [2^124, 2^126); keep it at bit 62/63 with the low 62 bits as sticky.
        ulong m = (hi << 2) | (lo >> 62) | ((lo << 2) != 0 ? 1UL : 0UL);
        int exp = e1 + e2;
        if ((m >> 63) != 0)
        {
            m = ShiftRightJam(m, 1);
            exp++;
        }
        return Round(sign, exp, m, f, e, fz, false, ref fpscr);
    }

    private static ulong Div(ulong op1, ulong op2, int f, int e, ref uint fpscr)
    {
        bool fz = (fpscr & FZ) != 0;
        var t1 = Unpack(op1, f, e, fz, false, ref fpscr, out bool s1, out int e1, out ulong m1);
        var t2 = Unpack(op2, f, e, fz, false, ref fpscr, out bool s2, out int e2, out ulong m2);
        if (ProcessNaNs(t1, t2, op1, op2, f, e, ref fpscr, out ulong nan))
        {
            return nan;
        }
        bool sign = s1 != s2;
        bool inf1 = t1 == FpType.Infinity, inf2 = t2 == FpType.Infinity;
        bool zero1 = t1 == FpType.Zero, zero2 = t2 == FpType.Zero;
        if ((inf1 && inf2) || (zero1 && zero2))
        {
            fpscr |= IOC;
            return FPDefaultNaN(f, e);
        }
        if (inf1 || zero2)
        {
            if (!inf1)
            {
                fpscr |= DZC;
            }
            return FPInfinity(sign, f, e);
        }
        if (zero1 || inf2)
        {
            return FPZero(sign, f, e);
        }

        int exp = e1 - e2;
        ulong q;
        if (f <= F32)
        {
            // Single significands (bit 62 down to bit 39) fit in 31 bits after dropping 32 zero bits, and a
            // 64-bit division then gives 33 quotient bits: plenty for F+2.
            ulong a = m1 >> 32, b = m2 >> 32;
            int up = 32;
            if (a < b)
            {
                up = 33;
                exp--;
            }
            ulong n = a << up;
            ulong q32 = n / b;
            q = (q32 << 30) | (n - (q32 * b) != 0 ? 1UL : 0UL);
        }
        else
        {
            int up = 62;
            if (m1 < m2)
            {
                up = 63;
                exp--;
            }
            UInt128 n = (UInt128)m1 << up;
            UInt128 q128 = n / m2;
            q = (ulong)q128 | (n - (q128 * m2) != UInt128.Zero ? 1UL : 0UL);
        }
        return Round(sign, exp, q, f, e, fz, false, ref fpscr);
    }

    private static ulong Sqrt(ulong op, int f, int e, ref uint fpscr)
    {
        bool fz = (fpscr & FZ) != 0;
        var t = Unpack(op, f, e, fz, false, ref fpscr, out bool sign, out int exp, out ulong m);
        if (IsNaN(t))
        {
            return ProcessNaN(t, op, f, e, ref fpscr);
        }
        if (t == FpType.Zero)
        {
            return FPZero(sign, f, e);
        }
        if (sign)
        {
            fpscr |= IOC;
            return FPDefaultNaN(f, e);
        }
        if (t == FpType.Infinity)
        {
            return FPInfinity(false, f, e);
        }

        // Make the exponent even so it halves exactly; the root of a number in [2^124, 2^126) has its leading
        // one at bit 62.
        int up = (exp & 1) == 0 ? 62 : 63;
        int rexp = (exp - (up - 62)) >> 1;
        UInt128 n = (UInt128)m << up;
        ulong r = ISqrt(n);
        ulong root = r | ((UInt128)r * r != n ? 1UL : 0UL);
        return Round(false, rexp, root, f, e, fz, false, ref fpscr);
    }

    /// <summary>floor(sqrt(n)) for n in [2^124, 2^126).</summary>
    private static ulong ISqrt(UInt128 n)
    {
        // The host square root gets within ~2^10 of the answer; one Newton step (from above) gets within 1.
        ulong r = (ulong)Math.Sqrt((double)n);
        r = (ulong)(((UInt128)r + (n / r)) >> 1);
        while ((UInt128)r * r > n)
        {
            r--;
        }
        while ((UInt128)(r + 1) * (r + 1) <= n)
        {
            r++;
        }
        return r;
    }

    private static ulong MulAdd(ulong addend, ulong op1, ulong op2, int f, int e, ref uint fpscr)
    {
        bool fz = (fpscr & FZ) != 0;
        var t1 = Unpack(op1, f, e, fz, false, ref fpscr, out bool s1, out int e1, out ulong m1);
        var t2 = Unpack(op2, f, e, fz, false, ref fpscr, out bool s2, out int e2, out ulong m2);
        var t3 = Unpack(addend, f, e, fz, false, ref fpscr, out bool sA, out int eA, out ulong mA);
        bool inf1 = t1 == FpType.Infinity, inf2 = t2 == FpType.Infinity;
        bool zero1 = t1 == FpType.Zero, zero2 = t2 == FpType.Zero;
        bool invalidProduct = (inf1 && zero2) || (zero1 && inf2);

        if (ProcessNaNs3(t3, t1, t2, addend, op1, op2, f, e, ref fpscr, out ulong nan))
        {
            // 0*inf is invalid even when the addend is a quiet NaN.
            if (t3 == FpType.QNaN && invalidProduct)
            {
                fpscr |= IOC;
                return FPDefaultNaN(f, e);
            }
            return nan;
        }

        bool infA = t3 == FpType.Infinity, zeroA = t3 == FpType.Zero;
        bool signP = s1 != s2;
        bool infP = inf1 || inf2;
        bool zeroP = zero1 || zero2;
        if (invalidProduct || (infA && infP && sA != signP))
        {
            fpscr |= IOC;
            return FPDefaultNaN(f, e);
        }
        if (infA)
        {
            return FPInfinity(sA, f, e);
        }
        if (infP)
        {
            return FPInfinity(signP, f, e);
        }
        if (zeroP)
        {
            if (zeroA)
            {
                return sA == signP ? FPZero(sA, f, e) : ExactZeroSum(fpscr, f, e);
            }
            return addend; // exact, and not a flushed denormal
        }

        // The product is exact in 128 bits; place its leading one at bit 125.
        UInt128 p = (UInt128)m1 * m2; // [2^124, 2^126)
        int eP = e1 + e2;
        if ((p >> 125) != UInt128.Zero)
        {
            eP++;
        }
        else
        {
            p <<= 1;
        }

        if (zeroA)
        {
            return Round(signP, eP, Narrow(p), f, e, fz, false, ref fpscr);
        }

        UInt128 a = (UInt128)mA << 63;
        bool sign = signP;
        int exp = eP;
        UInt128 big = p, small = a;
        bool sSmall = sA;
        int eSmall = eA;
        if (eA > eP || (eA == eP && a > p))
        {
            sign = sA;
            exp = eA;
            big = a;
            small = p;
            sSmall = signP;
            eSmall = eP;
        }
        // Both addends have at least 19 zero bits below their last significant bit, so the jam bit stays far
        // below the rounding point even after a one-bit normalisation following a subtraction.
        small = ShiftRightJam(small, exp - eSmall);
        UInt128 sum;
        if (sign == sSmall)
        {
            sum = big + small;
        }
        else
        {
            sum = big - small;
            if (sum == UInt128.Zero)
            {
                return ExactZeroSum(fpscr, f, e);
            }
        }
        int msb = 127 - (int)UInt128.LeadingZeroCount(sum);
        exp += msb - 125;
        return Round(sign, exp, Narrow(sum, msb), f, e, fz, false, ref fpscr);
    }

    /// <summary>Takes a 128-bit significand with its leading one at <paramref name="msb"/> to 64 bits at bit 62.</summary>
    private static ulong Narrow(UInt128 x, int msb = 125)
    {
        int shift = msb - 62;
        if (shift <= 0)
        {
            return (ulong)x << -shift;
        }
        return (ulong)ShiftRightJam(x, shift);
    }
}
