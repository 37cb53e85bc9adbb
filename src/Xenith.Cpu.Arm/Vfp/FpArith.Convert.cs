using System.Numerics;

namespace Xenith.Cpu.Arm.Vfp;

public static partial class FpArith
{
    // ---- Between floating-point formats (FPConvert, FPSingleToHalf, FPHalfToSingle, ...) ----

    public static ulong F32ToF64(uint a, ref uint fpscr) =>
        ConvertFloat(a, F32, E32, false, F64, E64, false, ref fpscr);

    public static uint F64ToF32(ulong a, ref uint fpscr) =>
        (uint)ConvertFloat(a, F64, E64, false, F32, E32, false, ref fpscr);

    /// <summary>VCVTB/VCVTT.F16.F32. FPSCR.AHP selects the alternative half-precision format.</summary>
    public static ushort F32ToF16(uint a, ref uint fpscr) =>
        (ushort)ConvertFloat(a, F32, E32, false, F16, E16, (fpscr & AHP) != 0, ref fpscr);

    /// <summary>VCVTB/VCVTT.F32.F16. FPSCR.AHP selects the alternative half-precision format.</summary>
    public static uint F16ToF32(ushort a, ref uint fpscr) =>
        (uint)ConvertFloat(a, F16, E16, (fpscr & AHP) != 0, F32, E32, false, ref fpscr);

    /// <summary>VCVTB/VCVTT.F16.F64 (ARMv8 in AArch32; not on Cortex-A15). One rounding, from the double.</summary>
    public static ushort F64ToF16(ulong a, ref uint fpscr) =>
        (ushort)ConvertFloat(a, F64, E64, false, F16, E16, (fpscr & AHP) != 0, ref fpscr);

    /// <summary>VCVTB/VCVTT.F64.F16 (ARMv8 in AArch32; not on Cortex-A15).</summary>
    public static ulong F16ToF64(ushort a, ref uint fpscr) =>
        ConvertFloat(a, F16, E16, (fpscr & AHP) != 0, F64, E64, false, ref fpscr);

    /// <summary>
    /// FPConvert between formats. FZ applies to the single/double side only: a half is never flushed, neither
    /// as input nor as result. <paramref name="srcAhp"/>/<paramref name="dstAhp"/> mark an alternative half.
    /// </summary>
    private static ulong ConvertFloat(ulong op, int fs, int es, bool srcAhp, int fd, int ed, bool dstAhp,
        ref uint fpscr)
    {
        bool fz = (fpscr & FZ) != 0;
        var t = Unpack(op, fs, es, fz && fs != F16, srcAhp, ref fpscr, out bool sign, out int exp, out ulong sig);
        switch (t)
        {
            case FpType.QNaN:
            case FpType.SNaN:
                if (dstAhp)
                {
                    // No NaN to produce: a zero, and every NaN (quiet ones too) is an Invalid Operation.
                    fpscr |= IOC;
                    return FPZero(sign, fd, ed);
                }
                if (t == FpType.SNaN)
                {
                    fpscr |= IOC;
                }
                if ((fpscr & DN) != 0)
                {
                    return FPDefaultNaN(fd, ed);
                }
                {
                    // The NaN is quieted and keeps the top of its payload.
                    ulong frac = op & ((1UL << fs) - 1);
                    frac = fs > fd ? frac >> (fs - fd) : frac << (fd - fs);
                    return FPInfinity(sign, fd, ed) | (1UL << (fd - 1)) | frac;
                }
            case FpType.Infinity:
                if (dstAhp)
                {
                    fpscr |= IOC;
                    return FPZero(sign, fd, ed) | ((1UL << (fd + ed)) - 1);
                }
                return FPInfinity(sign, fd, ed);
            case FpType.Zero:
                return FPZero(sign, fd, ed);
            default:
                return Round(sign, exp, sig, fd, ed, fz && fd != F16, dstAhp, ref fpscr);
        }
    }

    // ---- Floating point to integer and fixed point (FPToFixed) ----

    /// <summary>VCVT (roundTowardZero) or VCVTR (FPSCR rounding) to a signed 32-bit integer.</summary>
    public static uint F32ToS32(uint a, bool roundTowardZero, ref uint fpscr) =>
        ToFixed(a, F32, E32, 32, 0, false, roundTowardZero ? RoundTowardZero : RMode(fpscr), ref fpscr);

    /// <summary>VCVT (roundTowardZero) or VCVTR (FPSCR rounding) to an unsigned 32-bit integer.</summary>
    public static uint F32ToU32(uint a, bool roundTowardZero, ref uint fpscr) =>
        ToFixed(a, F32, E32, 32, 0, true, roundTowardZero ? RoundTowardZero : RMode(fpscr), ref fpscr);

    public static uint F64ToS32(ulong a, bool roundTowardZero, ref uint fpscr) =>
        ToFixed(a, F64, E64, 32, 0, false, roundTowardZero ? RoundTowardZero : RMode(fpscr), ref fpscr);

    public static uint F64ToU32(ulong a, bool roundTowardZero, ref uint fpscr) =>
        ToFixed(a, F64, E64, 32, 0, true, roundTowardZero ? RoundTowardZero : RMode(fpscr), ref fpscr);

    /// <summary>
    /// VCVT to fixed point: rounds toward zero, saturates to <paramref name="size"/> bits, and returns the result
    /// sign-extended (signed) or zero-extended (unsigned) to 32 bits.
    /// </summary>
    public static uint F32ToFixed(uint a, int size, int fracBits, bool unsigned, ref uint fpscr)
    {
        CheckFixed(size, fracBits);
        return ToFixed(a, F32, E32, size, fracBits, unsigned, RoundTowardZero, ref fpscr);
    }

    /// <summary>
    /// As <see cref="F32ToFixed"/>. The caller widens the 32-bit result to the D register the same way
    /// (SignExtend or ZeroExtend to 64), as the VCVT pseudocode does.
    /// </summary>
    public static uint F64ToFixed(ulong a, int size, int fracBits, bool unsigned, ref uint fpscr)
    {
        CheckFixed(size, fracBits);
        return ToFixed(a, F64, E64, size, fracBits, unsigned, RoundTowardZero, ref fpscr);
    }

    private static void CheckFixed(int size, int fracBits)
    {
        if (size != 16 && size != 32)
        {
            throw new ArgumentOutOfRangeException(nameof(size));
        }
        if ((uint)fracBits > (uint)size)
        {
            throw new ArgumentOutOfRangeException(nameof(fracBits));
        }
    }

    /// <summary>
    /// FPToFixed with an M-bit result (M &lt;= 32), extended to 32 bits. The pseudocode rounds the signed value
    /// with RoundDown and an error term; rounding the magnitude with the mirrored rule is the same thing.
    /// </summary>
    private static uint ToFixed(ulong op, int f, int e, int size, int fracBits, bool unsigned, int rmode,
        ref uint fpscr)
    {
        var t = Unpack(op, f, e, (fpscr & FZ) != 0, false, ref fpscr, out bool sign, out int exp, out ulong sig);
        if (IsNaN(t))
        {
            fpscr |= IOC;
            return 0;
        }
        if (t == FpType.Zero)
        {
            return 0;
        }

        ulong magnitude; // integer part of |value| * 2^fracBits, saturated far above any 32-bit range
        ulong fraction;  // the rest, as a 64-bit binary fraction (sticky in bit 0)
        int k = exp + fracBits; // |value| * 2^fracBits = sig * 2^(k-62)
        if (t == FpType.Infinity || k >= 63)
        {
            magnitude = ulong.MaxValue;
            fraction = 0;
        }
        else
        {
            int shift = 62 - k;
            if (shift == 0)
            {
                magnitude = sig;
                fraction = 0;
            }
            else if (shift < 64)
            {
                magnitude = sig >> shift;
                fraction = sig << (64 - shift);
            }
            else
            {
                magnitude = 0;
                fraction = ShiftRightJam(sig, shift - 64);
            }
        }

        bool roundUp = rmode switch
        {
            RoundToNearest => fraction > 1UL << 63 || (fraction == 1UL << 63 && (magnitude & 1) != 0),
            RoundTowardPlusInfinity => fraction != 0 && !sign,
            RoundTowardMinusInfinity => fraction != 0 && sign,
            _ => false,
        };
        if (roundUp)
        {
            magnitude++; // cannot wrap: magnitude < 2^63 whenever fraction != 0
        }

        ulong limit = unsigned
            ? (sign ? 0UL : (1UL << size) - 1)
            : (sign ? 1UL << (size - 1) : (1UL << (size - 1)) - 1);
        if (magnitude > limit)
        {
            fpscr |= IOC;
            magnitude = limit;
        }
        else if (fraction != 0)
        {
            fpscr |= IXC;
        }
        ulong result = sign ? 0 - magnitude : magnitude;
        if (!unsigned && size < 32)
        {
            result = (ulong)(long)((long)(result << (64 - size)) >> (64 - size));
        }
        return (uint)result;
    }

    // ---- Integer and fixed point to floating point (FixedToFP) ----

    public static uint S32ToF32(uint a, ref uint fpscr) => (uint)FromFixed(a, 32, 0, false, F32, E32, ref fpscr);
    public static uint U32ToF32(uint a, ref uint fpscr) => (uint)FromFixed(a, 32, 0, true, F32, E32, ref fpscr);
    public static ulong S32ToF64(uint a, ref uint fpscr) => FromFixed(a, 32, 0, false, F64, E64, ref fpscr);
    public static ulong U32ToF64(uint a, ref uint fpscr) => FromFixed(a, 32, 0, true, F64, E64, ref fpscr);

    /// <summary>VCVT from fixed point: the low <paramref name="size"/> bits of <paramref name="value"/>, FPSCR rounding.</summary>
    public static uint FixedToF32(uint value, int size, int fracBits, bool unsigned, ref uint fpscr)
    {
        CheckFixed(size, fracBits);
        return (uint)FromFixed(value, size, fracBits, unsigned, F32, E32, ref fpscr);
    }

    /// <summary>VCVT from fixed point: the low <paramref name="size"/> bits of <paramref name="value"/>, FPSCR rounding.</summary>
    public static ulong FixedToF64(uint value, int size, int fracBits, bool unsigned, ref uint fpscr)
    {
        CheckFixed(size, fracBits);
        return FromFixed(value, size, fracBits, unsigned, F64, E64, ref fpscr);
    }

    private static ulong FromFixed(uint value, int size, int fracBits, bool unsigned, int f, int e, ref uint fpscr)
    {
        long integer = unsigned
            ? (long)(value & (uint)((1UL << size) - 1))
            : (long)((int)(value << (32 - size)) >> (32 - size));
        if (integer == 0)
        {
            return 0; // FixedToFP gives +0 for a zero operand in every rounding mode
        }
        bool sign = integer < 0;
        ulong magnitude = (ulong)(sign ? -integer : integer);
        int lz = BitOperations.LeadingZeroCount(magnitude);
        ulong sig = magnitude << (lz - 1);
        int exp = 63 - lz - fracBits;
        return Round(sign, exp, sig, f, e, (fpscr & FZ) != 0, false, ref fpscr);
    }
}
