namespace Xenith.Cpu.Arm.Media;

/// <summary>
/// Decoders of the Media group (A32 here, T16/T32 in <c>MediaDecoder.Thumb.cs</c>). Each returns
/// false for an UNDEFINED encoding. UNPREDICTABLE encodings that name the PC, or that have
/// should-be bits wrong, are treated as UNDEFINED; equal RdHi/RdLo is executed (RdHi wins, as QEMU).
/// </summary>
public static partial class MediaDecoder
{
    private static uint Bits(uint w, int hi, int lo) => (w >> lo) & ((1u << (hi - lo + 1)) - 1);

    private static bool Set(ref Insn d, MediaOp op, uint rd, uint rn, uint rm, uint ra = 0)
    {
        d.Op = (ushort)op;
        d.Rd = (byte)rd;
        d.Rn = (byte)rn;
        d.Rm = (byte)rm;
        d.Ra = (byte)ra;
        return true;
    }

    /// <summary>Multiply and multiply accumulate (A5.2.5): cond 0000 op S Rd/RdHi Ra/RdLo Rm 1001 Rn.</summary>
    public static bool A32Multiply(uint w, ref Insn d)
    {
        uint op = Bits(w, 23, 21), hi = Bits(w, 19, 16), lo = Bits(w, 15, 12), m = Bits(w, 11, 8), n = Bits(w, 3, 0);
        bool s = (w & (1u << 20)) != 0;
        if (hi == 15 || m == 15 || n == 15)
            return false;
        d.Flags = s ? (byte)InsnFlags.SetFlags : (byte)0;
        switch (op)
        {
            case 0: // MUL: Ra field should be zero
                return lo == 0 && Set(ref d, MediaOp.Mul, hi, n, m);
            case 1:
                return lo != 15 && Set(ref d, MediaOp.Mla, hi, n, m, lo);
            case 2:
                return !s && lo != 15 && Set(ref d, MediaOp.Umaal, lo, n, m, hi);
            case 3:
                return !s && lo != 15 && Set(ref d, MediaOp.Mls, hi, n, m, lo);
            default:
                if (lo == 15)
                    return false;
                return Set(ref d, LongOp(op - 4), lo, n, m, hi);
        }
    }

    private static MediaOp LongOp(uint i) => i switch
    {
        0 => MediaOp.Umull,
        1 => MediaOp.Umlal,
        2 => MediaOp.Smull,
        _ => MediaOp.Smlal,
    };

    /// <summary>Halfword multiply and multiply accumulate (A5.2.7): cond 00010 op1 0 Rd Ra Rm 1 M N 0 Rn.</summary>
    public static bool A32HalfwordMultiply(uint w, ref Insn d)
    {
        uint op1 = Bits(w, 22, 21), rd = Bits(w, 19, 16), ra = Bits(w, 15, 12), m = Bits(w, 11, 8), n = Bits(w, 3, 0);
        if (rd == 15 || m == 15 || n == 15)
            return false;
        d.Extra = (ushort)Bits(w, 6, 5); // bit 0 = N (bit 5), bit 1 = M (bit 6)
        switch (op1)
        {
            case 0:
                return ra != 15 && Set(ref d, MediaOp.Smlaxy, rd, n, m, ra);
            case 1:
                // SMLAW/SMULW: bit 5 selects the form, only M is an operand selector.
                bool mul = (w & 0x20) != 0;
                d.Extra &= 2;
                if (mul)
                    return ra == 0 && Set(ref d, MediaOp.Smulwy, rd, n, m);
                return ra != 15 && Set(ref d, MediaOp.Smlawy, rd, n, m, ra);
            case 2:
                return ra != 15 && Set(ref d, MediaOp.Smlalxy, ra, n, m, rd);
            default:
                return ra == 0 && Set(ref d, MediaOp.Smulxy, rd, n, m);
        }
    }

    /// <summary>QADD, QSUB, QDADD, QDSUB (A5.2.6): cond 00010 op 0 Rn Rd 0000 0101 Rm.</summary>
    public static bool A32SaturatingAddSub(uint w, ref Insn d)
    {
        uint n = Bits(w, 19, 16), rd = Bits(w, 15, 12), m = Bits(w, 3, 0);
        if (Bits(w, 11, 8) != 0 || n == 15 || rd == 15 || m == 15)
            return false;
        MediaOp op = Bits(w, 22, 21) switch
        {
            0 => MediaOp.Qadd,
            1 => MediaOp.Qsub,
            2 => MediaOp.Qdadd,
            _ => MediaOp.Qdsub,
        };
        return Set(ref d, op, rd, n, m);
    }

    /// <summary>CLZ: cond 0001 0110 (1111) Rd (1111) 0001 Rm.</summary>
    public static bool A32Clz(uint w, ref Insn d)
    {
        uint rd = Bits(w, 15, 12), m = Bits(w, 3, 0);
        if (Bits(w, 19, 16) != 15 || Bits(w, 11, 8) != 15 || rd == 15 || m == 15)
            return false;
        return Set(ref d, MediaOp.Clz, rd, 0, m);
    }

    /// <summary>Media instructions (A5.4): cond 011 op1 ... op2 1 ...</summary>
    public static bool A32Media(uint w, ref Insn d)
    {
        uint op1 = Bits(w, 24, 20), op2 = Bits(w, 7, 5);
        uint rd = Bits(w, 15, 12), rn = Bits(w, 3, 0);
        switch (op1 >> 3)
        {
            case 0:
                return A32ParallelAddSub(w, ref d);
            case 1:
                return A32PackSatReverse(w, ref d);
            case 2:
                return A32SignedMultiply(w, ref d);
        }
        // op1 = 11xxx
        if (op1 == 0x18 && op2 == 0)
        {
            uint rdm = Bits(w, 19, 16), m = Bits(w, 11, 8);
            if (rdm == 15 || m == 15 || rn == 15)
                return false;
            return rd == 15 ? Set(ref d, MediaOp.Usad8, rdm, rn, m) : Set(ref d, MediaOp.Usada8, rdm, rn, m, rd);
        }
        uint lsb = Bits(w, 11, 7), hi = Bits(w, 20, 16);
        if ((op1 & 0x1E) is 0x1A or 0x1E && (op2 & 3) == 2)
        {
            // SBFX/UBFX: hi = widthm1.
            if (rd == 15 || rn == 15 || lsb + hi + 1 > 32)
                return false;
            return Bitfield(ref d, (op1 & 0x1E) == 0x1A ? MediaOp.Sbfx : MediaOp.Ubfx, rd, rn, lsb, hi);
        }
        if ((op1 & 0x1E) == 0x1C && (op2 & 3) == 0)
        {
            // BFI/BFC: hi = msb.
            if (rd == 15 || hi < lsb)
                return false;
            return Bitfield(ref d, rn == 15 ? MediaOp.Bfc : MediaOp.Bfi, rd, rn, lsb, hi);
        }
        return false; // includes UDF (op1 11111, op2 111)
    }

    /// <summary>Fills a bit-field operation; <paramref name="hi"/> is widthm1 for extracts and msb for inserts.</summary>
    internal static bool Bitfield(ref Insn d, MediaOp op, uint rd, uint rn, uint lsb, uint hi)
    {
        Set(ref d, op, rd, rn == 15 ? 0 : rn, 0);
        d.ShiftAmount = (byte)lsb;
        d.Extra = (ushort)(op is MediaOp.Sbfx or MediaOp.Ubfx ? hi + 1 : hi);
        uint width = op is MediaOp.Sbfx or MediaOp.Ubfx ? hi + 1 : hi - lsb + 1;
        uint mask = (uint)((1UL << (int)width) - 1);
        d.Imm = op is MediaOp.Sbfx or MediaOp.Ubfx ? mask : mask << (int)lsb;
        return true;
    }

    /// <summary>Parallel add/subtract (A5.4.1, A5.4.2): cond 0110 0 U op1 Rn Rd (1111) op2 1 Rm.</summary>
    private static bool A32ParallelAddSub(uint w, ref Insn d)
    {
        uint n = Bits(w, 19, 16), rd = Bits(w, 15, 12), m = Bits(w, 3, 0);
        uint kind = Bits(w, 21, 20), op2 = Bits(w, 7, 5);
        if (kind == 0 || Bits(w, 11, 8) != 15 || n == 15 || rd == 15 || m == 15)
            return false;
        int op = ParallelOp(op2);
        if (op < 0)
            return false;
        int prefix = (int)kind - 1 + ((w & (1u << 22)) != 0 ? MediaAlu.PrefixU : 0);
        d.Extra = (ushort)((prefix << 4) | op);
        return Set(ref d, MediaOp.Parallel, rd, n, m);
    }

    /// <summary>op2 of the A32 parallel add/subtract to <see cref="MediaAlu"/>'s operation number.</summary>
    private static int ParallelOp(uint op2) => op2 switch
    {
        0 => MediaAlu.OpAdd16,
        1 => MediaAlu.OpAsx,
        2 => MediaAlu.OpSax,
        3 => MediaAlu.OpSub16,
        4 => MediaAlu.OpAdd8,
        7 => MediaAlu.OpSub8,
        _ => -1,
    };

    /// <summary>Packing, unpacking, saturation and reversal (A5.4.3): cond 0110 1 op1 A Rd ... op2 1 Rn/Rm.</summary>
    private static bool A32PackSatReverse(uint w, ref Insn d)
    {
        uint op1 = Bits(w, 22, 20), a = Bits(w, 19, 16), rd = Bits(w, 15, 12), op2 = Bits(w, 7, 5), m = Bits(w, 3, 0);
        uint imm5 = Bits(w, 11, 7);
        if (rd == 15 || m == 15)
            return false;
        if ((op1 & 2) != 0 && (op2 & 1) == 0)
        {
            // SSAT (01x) / USAT (11x): sat_imm = bits 20:16, shift sh:imm5 of Rn.
            bool asr = (w & 0x40) != 0;
            bool unsigned = (op1 & 4) != 0;
            uint satImm = Bits(w, 20, 16);
            Set(ref d, unsigned ? MediaOp.Usat : MediaOp.Ssat, rd, m, 0);
            d.Imm = unsigned ? satImm : satImm + 1;
            d.ShiftType = (byte)(asr ? ShiftType.Asr : ShiftType.Lsl);
            d.ShiftAmount = (byte)(asr && imm5 == 0 ? 32 : imm5);
            return true;
        }
        if (op1 == 0 && (op2 & 1) == 0)
        {
            // PKHBT/PKHTB: cond 0110 1000 Rn Rd imm5 tb 01 Rm.
            if (a == 15)
                return false;
            bool tb = (w & 0x40) != 0;
            Set(ref d, tb ? MediaOp.Pkhtb : MediaOp.Pkhbt, rd, a, m);
            d.ShiftAmount = (byte)(tb && imm5 == 0 ? 32 : imm5);
            return true;
        }
        if (op2 == 3)
        {
            // Extends: cond 0110 1 op Rn Rd rotate (00) 0111 Rm.
            if (Bits(w, 9, 8) != 0)
                return false;
            MediaOp op;
            switch (op1)
            {
                case 0: op = a == 15 ? MediaOp.Sxtb16 : MediaOp.Sxtab16; break;
                case 2: op = a == 15 ? MediaOp.Sxtb : MediaOp.Sxtab; break;
                case 3: op = a == 15 ? MediaOp.Sxth : MediaOp.Sxtah; break;
                case 4: op = a == 15 ? MediaOp.Uxtb16 : MediaOp.Uxtab16; break;
                case 6: op = a == 15 ? MediaOp.Uxtb : MediaOp.Uxtab; break;
                case 7: op = a == 15 ? MediaOp.Uxth : MediaOp.Uxtah; break;
                default: return false;
            }
            Set(ref d, op, rd, a == 15 ? 0 : a, m);
            d.ShiftAmount = (byte)(Bits(w, 11, 10) * 8);
            return true;
        }
        if (op2 == 5 && op1 == 0)
        {
            // SEL: cond 0110 1000 Rn Rd (1111) 1011 Rm.
            return Bits(w, 11, 8) == 15 && a != 15 && Set(ref d, MediaOp.Sel, rd, a, m);
        }
        if (op2 == 1 && (op1 == 2 || op1 == 6))
        {
            // SSAT16/USAT16: cond 0110 1x10 sat_imm Rd (1111) 0011 Rn.
            if (Bits(w, 11, 8) != 15)
                return false;
            bool unsigned = op1 == 6;
            Set(ref d, unsigned ? MediaOp.Usat16 : MediaOp.Ssat16, rd, m, 0);
            d.Imm = unsigned ? a : a + 1;
            return true;
        }
        // REV, REV16, RBIT, REVSH: cond 0110 1x11 (1111) Rd (1111) x011 Rm.
        if (a != 15 || Bits(w, 11, 8) != 15)
            return false;
        MediaOp rev = (op1, op2) switch
        {
            (3, 1) => MediaOp.Rev,
            (3, 5) => MediaOp.Rev16,
            (7, 1) => MediaOp.Rbit,
            (7, 5) => MediaOp.Revsh,
            _ => MediaOp.First,
        };
        return rev != MediaOp.First && Set(ref d, rev, rd, 0, m);
    }

    /// <summary>Signed multiply and divide (A5.4.4): cond 0111 0 op1 Rd Ra Rm op2 1 Rn.</summary>
    private static bool A32SignedMultiply(uint w, ref Insn d)
    {
        uint op1 = Bits(w, 22, 20), op2 = Bits(w, 7, 5);
        uint rd = Bits(w, 19, 16), ra = Bits(w, 15, 12), m = Bits(w, 11, 8), n = Bits(w, 3, 0);
        if (rd == 15 || m == 15 || n == 15)
            return false;
        d.Extra = (ushort)(op2 & 1); // M (X) or R
        switch (op1)
        {
            case 0:
                if ((op2 & 6) == 0)
                    return ra == 15 ? Set(ref d, MediaOp.Smuad, rd, n, m) : Set(ref d, MediaOp.Smlad, rd, n, m, ra);
                if ((op2 & 6) == 2)
                    return ra == 15 ? Set(ref d, MediaOp.Smusd, rd, n, m) : Set(ref d, MediaOp.Smlsd, rd, n, m, ra);
                return false;
            case 1:
            case 3:
                // SDIV/UDIV: cond 0111 0001/0011 Rd (1111) Rm 0001 Rn.
                if (op2 != 0 || ra != 15)
                    return false;
                return Set(ref d, op1 == 1 ? MediaOp.Sdiv : MediaOp.Udiv, rd, n, m);
            case 4:
                if (ra == 15 || (op2 & 4) != 0)
                    return false;
                return Set(ref d, (op2 & 2) == 0 ? MediaOp.Smlald : MediaOp.Smlsld, ra, n, m, rd);
            case 5:
                if ((op2 & 6) == 0)
                    return ra == 15 ? Set(ref d, MediaOp.Smmul, rd, n, m) : Set(ref d, MediaOp.Smmla, rd, n, m, ra);
                if ((op2 & 6) == 6)
                    return ra != 15 && Set(ref d, MediaOp.Smmls, rd, n, m, ra);
                return false;
            default:
                return false;
        }
    }
}
