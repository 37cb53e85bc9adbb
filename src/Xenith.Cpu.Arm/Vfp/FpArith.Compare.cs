namespace Xenith.Cpu.Arm.Vfp;

public static partial class FpArith
{
    public const uint NzcvEqual = 0b0110;
    public const uint NzcvLess = 0b1000;
    public const uint NzcvGreater = 0b0010;
    public const uint NzcvUnordered = 0b0011;

    /// <summary>FPCompare: NZCV in bits 3:0. <paramref name="quietNaNsSignal"/> is true for VCMPE.</summary>
    public static uint Compare32(uint a, uint b, bool quietNaNsSignal, ref uint fpscr) =>
        Compare(a, b, F32, E32, quietNaNsSignal, ref fpscr);

    /// <summary>FPCompare: NZCV in bits 3:0. <paramref name="quietNaNsSignal"/> is true for VCMPE.</summary>
    public static uint Compare64(ulong a, ulong b, bool quietNaNsSignal, ref uint fpscr) =>
        Compare(a, b, F64, E64, quietNaNsSignal, ref fpscr);

    private static uint Compare(ulong op1, ulong op2, int f, int e, bool quietNaNsSignal, ref uint fpscr)
    {
        bool fz = (fpscr & FZ) != 0;
        var t1 = Unpack(op1, f, e, fz, false, ref fpscr, out bool s1, out _, out _);
        var t2 = Unpack(op2, f, e, fz, false, ref fpscr, out bool s2, out _, out _);
        if (IsNaN(t1) || IsNaN(t2))
        {
            if (t1 == FpType.SNaN || t2 == FpType.SNaN || quietNaNsSignal)
            {
                fpscr |= IOC;
            }
            return NzcvUnordered;
        }
        long k1 = OrderKey(t1, s1, op1, f, e);
        long k2 = OrderKey(t2, s2, op2, f, e);
        return k1 == k2 ? NzcvEqual : k1 < k2 ? NzcvLess : NzcvGreater;
    }

    /// <summary>
    /// Maps a non-NaN operand to an integer with the same order as its value: the magnitude bits of an IEEE
    /// number already sort like its magnitude (infinity included); both zeros and flushed denormals map to 0.
    /// </summary>
    private static long OrderKey(FpType t, bool sign, ulong op, int f, int e)
    {
        if (t == FpType.Zero)
        {
            return 0;
        }
        long magnitude = (long)(op & (SignBit(f, e) - 1));
        return sign ? -magnitude : magnitude;
    }
}
