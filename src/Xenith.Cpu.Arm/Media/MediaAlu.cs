using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace Xenith.Cpu.Arm.Media;

/// <summary>Arithmetic of the media instructions that is too long to inline in the executor.</summary>
public static class MediaAlu
{
    // Prefixes of the parallel add/subtract instructions (A5.4.1, A5.4.2).
    public const int PrefixS = 0, PrefixQ = 1, PrefixSH = 2, PrefixU = 3, PrefixUQ = 4, PrefixUH = 5;
    // Operations of the parallel add/subtract instructions.
    public const int OpAdd16 = 0, OpAsx = 1, OpSax = 2, OpSub16 = 3, OpAdd8 = 4, OpSub8 = 5;

    /// <summary>
    /// One parallel add/subtract. Returns the result; for the S and U (modular) prefixes
    /// <paramref name="ge"/> receives the new GE[3:0], otherwise it is left alone.
    /// </summary>
    public static uint Parallel(uint n, uint m, int prefix, int op, ref uint ge)
    {
        bool unsigned = prefix >= PrefixU;
        int kind = unsigned ? prefix - PrefixU : prefix; // 0 modular, 1 saturating, 2 halving
        if (op >= OpAdd8)
        {
            bool sub = op == OpSub8;
            uint result = 0, g = 0;
            for (int i = 0; i < 32; i += 8)
            {
                long a = unsigned ? (n >> i) & 0xFF : (sbyte)(n >> i);
                long b = unsigned ? (m >> i) & 0xFF : (sbyte)(m >> i);
                long r = sub ? a - b : a + b;
                result |= (Lane(r, 8, kind, unsigned) & 0xFF) << i;
                if (unsigned ? (sub ? r >= 0 : r >= 0x100) : r >= 0)
                    g |= 1u << (i >> 3);
            }
            if (kind == 0)
                ge = g;
            return result;
        }
        long n0 = unsigned ? n & 0xFFFF : (short)n, n1 = unsigned ? n >> 16 : (short)(n >> 16);
        long m0 = unsigned ? m & 0xFFFF : (short)m, m1 = unsigned ? m >> 16 : (short)(m >> 16);
        long r0, r1;
        bool sub0, sub1;
        switch (op)
        {
            case OpAdd16: r0 = n0 + m0; r1 = n1 + m1; sub0 = sub1 = false; break;
            case OpAsx: r0 = n0 - m1; r1 = n1 + m0; sub0 = true; sub1 = false; break;
            case OpSax: r0 = n0 + m1; r1 = n1 - m0; sub0 = false; sub1 = true; break;
            default: r0 = n0 - m0; r1 = n1 - m1; sub0 = sub1 = true; break;
        }
        if (kind == 0)
        {
            uint g = 0;
            if (unsigned ? (sub0 ? r0 >= 0 : r0 >= 0x10000) : r0 >= 0)
                g |= 3;
            if (unsigned ? (sub1 ? r1 >= 0 : r1 >= 0x10000) : r1 >= 0)
                g |= 0xC;
            ge = g;
        }
        return (Lane(r0, 16, kind, unsigned) & 0xFFFF) | (Lane(r1, 16, kind, unsigned) << 16);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Lane(long r, int bits, int kind, bool unsigned)
    {
        if (kind == 1)
        {
            long max = unsigned ? (1L << bits) - 1 : (1L << (bits - 1)) - 1;
            long min = unsigned ? 0 : -(1L << (bits - 1));
            return (uint)Math.Clamp(r, min, max);
        }
        return kind == 2 ? (uint)(r >> 1) : (uint)r;
    }

    /// <summary>SignedSat of a 64-bit value to 32 bits, setting <paramref name="q"/> on saturation.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint SignedSat32(long v, ref bool q)
    {
        if (v > int.MaxValue) { q = true; return int.MaxValue; }
        if (v < int.MinValue) { q = true; return unchecked((uint)int.MinValue); }
        return (uint)v;
    }

    /// <summary>SSAT16/USAT16: saturates each signed halfword of <paramref name="v"/>.</summary>
    public static uint Sat16(uint v, int bits, bool unsigned, ref bool q)
    {
        uint result = 0;
        for (int i = 0; i < 32; i += 16)
        {
            long x = (short)(v >> i);
            bool sat;
            uint r = unsigned ? Alu.UnsignedSat(x, bits, out sat) : (uint)Alu.SignedSat(x, bits, out sat);
            q |= sat;
            result |= (r & 0xFFFF) << i;
        }
        return result;
    }

    /// <summary>SEL: each byte from Rn where its GE bit is set, else from Rm.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Select(uint n, uint m, uint ge)
    {
        uint mask = ((ge & 1) != 0 ? 0xFFu : 0) | ((ge & 2) != 0 ? 0xFF00u : 0)
            | ((ge & 4) != 0 ? 0xFF0000u : 0) | ((ge & 8) != 0 ? 0xFF000000u : 0);
        return (n & mask) | (m & ~mask);
    }

    /// <summary>USAD8: the sum of absolute differences of the four unsigned bytes.</summary>
    public static uint SumAbsDiff8(uint n, uint m)
    {
        uint sum = 0;
        for (int i = 0; i < 32; i += 8)
        {
            int a = (int)((n >> i) & 0xFF), b = (int)((m >> i) & 0xFF);
            sum += (uint)Math.Abs(a - b);
        }
        return sum;
    }

    /// <summary>RBIT.</summary>
    public static uint ReverseBits(uint v)
    {
        v = ((v >> 1) & 0x55555555u) | ((v & 0x55555555u) << 1);
        v = ((v >> 2) & 0x33333333u) | ((v & 0x33333333u) << 2);
        v = ((v >> 4) & 0x0F0F0F0Fu) | ((v & 0x0F0F0F0Fu) << 4);
        return BinaryPrimitives.ReverseEndianness(v);
    }
}
