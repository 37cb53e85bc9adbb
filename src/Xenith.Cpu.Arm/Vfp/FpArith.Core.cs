using System.Numerics;
using System.Runtime.CompilerServices;

namespace Xenith.Cpu.Arm.Vfp;

/// <summary>
/// VFPv4 floating-point arithmetic exactly as the ARMv7-A ARM pseudocode defines it (FPUnpack, FPRound,
/// FPProcessNaNs, ...), on raw IEEE bit patterns. Pure functions: the only state is the FPSCR value passed
/// by reference, whose RMode/FZ/DN/AHP bits are read and whose cumulative exception bits are ORed in.
/// </summary>
/// <remarks>
/// Every format goes through one integer core: a finite nonzero value is held as
/// <c>sig * 2^(exp - 62)</c> with <c>sig</c> normalised so that bit 62 is its leading one. Bits shifted out
/// below bit 0 are "jammed" into bit 0 (sticky), which keeps every rounding decision of FPRound exact as long
/// as the rounding point stays at least two bits above bit 0 — true for all formats here (double rounds at
/// bit 10). Host floating point only supplies a first guess for the integer square root, which is then
/// corrected exactly, so all four rounding modes are exact.
/// </remarks>
public static partial class FpArith
{
    // FPSCR cumulative exception bits.
    public const uint IOC = 1u << 0;
    public const uint DZC = 1u << 1;
    public const uint OFC = 1u << 2;
    public const uint UFC = 1u << 3;
    public const uint IXC = 1u << 4;
    public const uint IDC = 1u << 7;

    // FPSCR control bits.
    public const int RModeShift = 22;
    public const uint RModeMask = 3u << RModeShift;
    public const uint FZ = 1u << 24;
    public const uint DN = 1u << 25;
    public const uint AHP = 1u << 26;

    public const int RoundToNearest = 0;
    public const int RoundTowardPlusInfinity = 1;
    public const int RoundTowardMinusInfinity = 2;
    public const int RoundTowardZero = 3;

    public const uint DefaultNaN32 = 0x7FC0_0000;
    public const ulong DefaultNaN64 = 0x7FF8_0000_0000_0000;
    public const ushort DefaultNaN16 = 0x7E00;

    /// <summary>
    /// ARM's StandardFPSCRValue(): the mode Advanced SIMD arithmetic always uses (round to nearest, FZ=1, DN=1),
    /// keeping AHP from <paramref name="fpscr"/>. Exception bits start clear; callers OR the cumulative ones back.
    /// </summary>
    public static uint StandardFPSCRValue(uint fpscr) => (fpscr & AHP) | DN | FZ;

    // Format parameters (F = fraction bits, E = exponent bits).
    private const int F16 = 10, E16 = 5;
    private const int F32 = 23, E32 = 8;
    private const int F64 = 52, E64 = 11;

    private enum FpType
    {
        Zero,
        Nonzero,
        Infinity,
        QNaN,
        SNaN,
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int RMode(uint fpscr) => (int)((fpscr >> RModeShift) & 3);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong SignBit(int f, int e) => 1UL << (f + e);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong FPZero(bool sign, int f, int e) => sign ? SignBit(f, e) : 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong FPInfinity(bool sign, int f, int e) => FPZero(sign, f, e) | (((1UL << e) - 1) << f);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong FPMaxNormal(bool sign, int f, int e) =>
        FPZero(sign, f, e) | (((1UL << e) - 2) << f) | ((1UL << f) - 1);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong FPDefaultNaN(int f, int e) => (((1UL << e) - 1) << f) | (1UL << (f - 1));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsNaN(FpType t) => t >= FpType.QNaN;

    /// <summary>Right shift that ORs every bit shifted out into bit 0, so inexactness is never lost.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong ShiftRightJam(ulong x, int n)
    {
        if (n <= 0)
        {
            return x;
        }
        if (n >= 64)
        {
            return x != 0 ? 1UL : 0UL;
        }
        return (x >> n) | ((x << (64 - n)) != 0 ? 1UL : 0UL);
    }

    private static UInt128 ShiftRightJam(UInt128 x, int n)
    {
        if (n <= 0)
        {
            return x;
        }
        if (n >= 128)
        {
            return x != UInt128.Zero ? UInt128.One : UInt128.Zero;
        }
        return (x >> n) | ((x << (128 - n)) != UInt128.Zero ? UInt128.One : UInt128.Zero);
    }

    /// <summary>
    /// FPUnpack. A finite nonzero value comes back as sig * 2^(exp-62) with bit 62 of sig set.
    /// <paramref name="flush"/> is FPSCR.FZ where it applies (never for half precision); a flushed denormal is a
    /// zero of the same sign and raises IDC. <paramref name="ahp"/> makes the all-ones exponent an ordinary one
    /// (alternative half precision has no infinities or NaNs).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static FpType Unpack(ulong bits, int f, int e, bool flush, bool ahp, ref uint fpscr,
        out bool sign, out int exp, out ulong sig)
    {
        sign = (bits >> (f + e) & 1) != 0;
        ulong frac = bits & ((1UL << f) - 1);
        int biased = (int)(bits >> f) & ((1 << e) - 1);
        int bias = (1 << (e - 1)) - 1;
        if (biased == 0)
        {
            if (frac == 0)
            {
                exp = 0;
                sig = 0;
                return FpType.Zero;
            }
            if (flush)
            {
                fpscr |= IDC;
                exp = 0;
                sig = 0;
                return FpType.Zero;
            }
            int lz = BitOperations.LeadingZeroCount(frac);
            sig = frac << (lz - 1);
            exp = 1 - bias - f + (63 - lz);
            return FpType.Nonzero;
        }
        if (biased == (1 << e) - 1 && !ahp)
        {
            exp = 0;
            sig = 0;
            if (frac == 0)
            {
                return FpType.Infinity;
            }
            return (frac >> (f - 1) & 1) != 0 ? FpType.QNaN : FpType.SNaN;
        }
        sig = ((1UL << f) | frac) << (62 - f);
        exp = biased - bias;
        return FpType.Nonzero;
    }

    /// <summary>
    /// FPRound for a nonzero value sig * 2^(exp-62) (sig normalised at bit 62, sticky in bit 0). Tininess is
    /// detected before rounding, as ARM does. <paramref name="flush"/> is FZ where it applies: a result that is
    /// tiny before rounding becomes zero with UFC and without IXC. <paramref name="ahp"/> selects the alternative
    /// half-precision format, whose overflow saturates with IOC instead of OFC.
    /// </summary>
    private static ulong Round(bool sign, int exp, ulong sig, int f, int e, bool flush, bool ahp, ref uint fpscr)
    {
        int bias = (1 << (e - 1)) - 1;
        int minimumExp = 1 - bias;
        if (flush && exp < minimumExp)
        {
            fpscr |= UFC;
            return FPZero(sign, f, e);
        }

        int biasedExp = exp + bias;
        if (biasedExp <= 0)
        {
            sig = ShiftRightJam(sig, 1 - biasedExp);
            biasedExp = 0;
        }

        int shift = 62 - f;
        ulong intMant = sig >> shift;
        ulong error = sig & ((1UL << shift) - 1);
        ulong half = 1UL << (shift - 1);

        if (biasedExp == 0 && error != 0)
        {
            fpscr |= UFC;
        }

        bool roundUp;
        bool overflowToInf;
        switch (RMode(fpscr))
        {
            case RoundToNearest:
                roundUp = error > half || (error == half && (intMant & 1) != 0);
                overflowToInf = true;
                break;
            case RoundTowardPlusInfinity:
                roundUp = error != 0 && !sign;
                overflowToInf = !sign;
                break;
            case RoundTowardMinusInfinity:
                roundUp = error != 0 && sign;
                overflowToInf = sign;
                break;
            default:
                roundUp = false;
                overflowToInf = false;
                break;
        }

        if (roundUp)
        {
            intMant++;
            if (intMant == 1UL << f)
            {
                biasedExp = 1; // a denormal rounded up to the smallest normal
            }
            if (intMant == 1UL << (f + 1))
            {
                biasedExp++;
                intMant >>= 1;
            }
        }

        if (!ahp)
        {
            if (biasedExp >= (1 << e) - 1)
            {
                fpscr |= OFC | IXC;
                return overflowToInf ? FPInfinity(sign, f, e) : FPMaxNormal(sign, f, e);
            }
        }
        else if (biasedExp >= 1 << e)
        {
            // No infinity to overflow to: saturate, and the exception is Invalid Operation, not Inexact.
            fpscr |= IOC;
            return FPZero(sign, f, e) | ((1UL << (f + e)) - 1);
        }

        if (error != 0)
        {
            fpscr |= IXC;
        }
        return FPZero(sign, f, e) | ((ulong)biasedExp << f) | (intMant & ((1UL << f) - 1));
    }

    /// <summary>FPProcessNaN: quiet a signalling NaN (raising IOC), or substitute the default NaN when DN=1.</summary>
    private static ulong ProcessNaN(FpType type, ulong op, int f, int e, ref uint fpscr)
    {
        if (type == FpType.SNaN)
        {
            op |= 1UL << (f - 1);
            fpscr |= IOC;
        }
        return (fpscr & DN) != 0 ? FPDefaultNaN(f, e) : op;
    }

    /// <summary>FPProcessNaNs: the first signalling NaN in operand order wins, then the first quiet NaN.</summary>
    private static bool ProcessNaNs(FpType t1, FpType t2, ulong op1, ulong op2, int f, int e, ref uint fpscr,
        out ulong result)
    {
        if (t1 == FpType.SNaN)
        {
            result = ProcessNaN(t1, op1, f, e, ref fpscr);
        }
        else if (t2 == FpType.SNaN)
        {
            result = ProcessNaN(t2, op2, f, e, ref fpscr);
        }
        else if (t1 == FpType.QNaN)
        {
            result = ProcessNaN(t1, op1, f, e, ref fpscr);
        }
        else if (t2 == FpType.QNaN)
        {
            result = ProcessNaN(t2, op2, f, e, ref fpscr);
        }
        else
        {
            result = 0;
            return false;
        }
        return true;
    }

    /// <summary>FPProcessNaNs3, same priority rule over three operands.</summary>
    private static bool ProcessNaNs3(FpType t1, FpType t2, FpType t3, ulong op1, ulong op2, ulong op3,
        int f, int e, ref uint fpscr, out ulong result)
    {
        if (t1 == FpType.SNaN)
        {
            result = ProcessNaN(t1, op1, f, e, ref fpscr);
        }
        else if (t2 == FpType.SNaN)
        {
            result = ProcessNaN(t2, op2, f, e, ref fpscr);
        }
        else if (t3 == FpType.SNaN)
        {
            result = ProcessNaN(t3, op3, f, e, ref fpscr);
        }
        else if (t1 == FpType.QNaN)
        {
            result = ProcessNaN(t1, op1, f, e, ref fpscr);
        }
        else if (t2 == FpType.QNaN)
        {
            result = ProcessNaN(t2, op2, f, e, ref fpscr);
        }
        else if (t3 == FpType.QNaN)
        {
            result = ProcessNaN(t3, op3, f, e, ref fpscr);
        }
        else
        {
            result = 0;
            return false;
        }
        return true;
    }

    /// <summary>The sign of an exact zero sum: -0 only when rounding toward minus infinity.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong ExactZeroSum(uint fpscr, int f, int e) =>
        FPZero(RMode(fpscr) == RoundTowardMinusInfinity, f, e);
}
