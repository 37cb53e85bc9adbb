using System.Numerics;
using System.Runtime.CompilerServices;

namespace Xenith.Cpu.Arm;

/// <summary>Shared arithmetic of the ARM ARM pseudocode (Shift_C, AddWithCarry, saturation).</summary>
public static class Alu
{
    /// <summary>Shift for an immediate shift when the carry is not needed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint ShiftImm(uint value, ShiftType type, int amount, bool carryIn) => type switch
    {
        ShiftType.Lsl => amount >= 32 ? 0 : value << amount,
        ShiftType.Lsr => amount >= 32 ? 0 : value >> amount,
        ShiftType.Asr => (uint)((int)value >> Math.Min(amount, 31)),
        ShiftType.Ror => BitOperations.RotateRight(value, amount),
        _ => (value >> 1) | (carryIn ? 0x80000000u : 0),
    };

    /// <summary>Shift_C with any amount (register-specified shifts pass the bottom byte of Rs, 0..255).</summary>
    public static uint ShiftC(uint value, ShiftType type, int amount, bool carryIn, out bool carryOut)
    {
        switch (type)
        {
            case ShiftType.Lsl:
                if (amount == 0) { carryOut = carryIn; return value; }
                if (amount < 32) { carryOut = ((value >> (32 - amount)) & 1) != 0; return value << amount; }
                carryOut = amount == 32 && (value & 1) != 0;
                return 0;
            case ShiftType.Lsr:
                if (amount == 0) { carryOut = carryIn; return value; }
                if (amount < 32) { carryOut = ((value >> (amount - 1)) & 1) != 0; return value >> amount; }
                carryOut = amount == 32 && (value >> 31) != 0;
                return 0;
            case ShiftType.Asr:
                if (amount == 0) { carryOut = carryIn; return value; }
                if (amount < 32) { carryOut = (((int)value >> (amount - 1)) & 1) != 0; return (uint)((int)value >> amount); }
                carryOut = (value >> 31) != 0;
                return (uint)((int)value >> 31);
            case ShiftType.Ror:
                if (amount == 0) { carryOut = carryIn; return value; }
                uint r = BitOperations.RotateRight(value, amount & 31);
                carryOut = (r >> 31) != 0;
                return r;
            default: // RRX
                carryOut = (value & 1) != 0;
                return (value >> 1) | (carryIn ? 0x80000000u : 0);
        }
    }

    /// <summary>AddWithCarry: x + y + carry with carry-out and signed overflow.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint AddWithCarry(uint x, uint y, bool carryIn, out bool carryOut, out bool overflow)
    {
        ulong unsignedSum = (ulong)x + y + (carryIn ? 1u : 0u);
        uint result = (uint)unsignedSum;
        carryOut = (unsignedSum >> 32) != 0;
        overflow = ((~(x ^ y) & (x ^ result)) >> 31) != 0;
        return result;
    }

    /// <summary>SignedSatQ: saturates <paramref name="value"/> to a signed <paramref name="bits"/>-bit range.</summary>
    public static int SignedSat(long value, int bits, out bool saturated)
    {
        long max = (1L << (bits - 1)) - 1, min = -(1L << (bits - 1));
        saturated = value > max || value < min;
        return (int)Math.Clamp(value, min, max);
    }

    /// <summary>UnsignedSatQ: saturates <paramref name="value"/> to an unsigned <paramref name="bits"/>-bit range.</summary>
    public static uint UnsignedSat(long value, int bits, out bool saturated)
    {
        long max = bits >= 32 ? uint.MaxValue : (1L << bits) - 1;
        saturated = value > max || value < 0;
        return (uint)Math.Clamp(value, 0, max);
    }

    /// <summary>ARMExpandImm_C: an A32 modified immediate (8 bits rotated right by twice a 4-bit amount).</summary>
    public static uint ArmExpandImm(uint imm12, bool carryIn, out bool carryOut)
    {
        int rot = (int)((imm12 >> 8) & 0xF) * 2;
        uint v = BitOperations.RotateRight(imm12 & 0xFF, rot);
        carryOut = rot == 0 ? carryIn : (v >> 31) != 0;
        return v;
    }

    /// <summary>ThumbExpandImm_C: a T32 modified immediate. Returns false for the UNPREDICTABLE forms.</summary>
    public static bool ThumbExpandImm(uint imm12, out uint value, out bool changesCarry)
    {
        uint imm8 = imm12 & 0xFF;
        changesCarry = false;
        if ((imm12 >> 10) == 0)
        {
            switch ((imm12 >> 8) & 3)
            {
                case 0: value = imm8; break;
                case 1: value = imm8 * 0x00010001u; break;
                case 2: value = imm8 * 0x01000100u; break;
                default: value = imm8 * 0x01010101u; break;
            }
            return ((imm12 >> 8) & 3) == 0 || imm8 != 0;
        }
        value = BitOperations.RotateRight(0x80 | (imm12 & 0x7F), (int)(imm12 >> 7));
        changesCarry = true;
        return true;
    }
}
