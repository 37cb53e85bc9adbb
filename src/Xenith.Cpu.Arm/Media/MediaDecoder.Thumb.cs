namespace Xenith.Cpu.Arm.Media;

/// <summary>
/// T16 and T32 decoders of the Media group. The T32 forms name registers in hw1 bits 3:0 (Rn)
/// and hw2 (Ra 15:12, Rd 11:8, Rm 3:0); <c>w</c> is hw1:hw2. Naming the PC is UNPREDICTABLE and
/// treated as UNDEFINED; naming SP is executed (as QEMU does).
/// </summary>
public static partial class MediaDecoder
{
    /// <summary>Flags bit marking a 32-bit T32 encoding (the disassembler adds objdump's ".w" where a 16-bit form exists).</summary>
    public const byte FlagT32 = 0x80;

    /// <summary>MULS Rdm, Rn, Rdm (T1): 0100 0011 01 Rn Rdm; sets flags only outside an IT block.</summary>
    public static bool T16Multiply(uint w, ref Insn d)
    {
        uint rdm = w & 7, n = (w >> 3) & 7;
        d.Flags = (d.Attr & (byte)InsnAttr.InItBlock) != 0 ? (byte)0 : (byte)InsnFlags.SetFlags;
        return Set(ref d, MediaOp.Mul, rdm, n, rdm);
    }

    /// <summary>SXTH, SXTB, UXTH, UXTB (T1): 1011 0010 op Rm Rd.</summary>
    public static bool T16Extend(uint w, ref Insn d)
    {
        MediaOp op = ((w >> 6) & 3) switch
        {
            0 => MediaOp.Sxth,
            1 => MediaOp.Sxtb,
            2 => MediaOp.Uxth,
            _ => MediaOp.Uxtb,
        };
        return Set(ref d, op, w & 7, 0, (w >> 3) & 7);
    }

    /// <summary>REV, REV16, REVSH (T1): 1011 1010 op Rm Rd (op 10 is unallocated).</summary>
    public static bool T16Reverse(uint w, ref Insn d)
    {
        MediaOp op;
        switch ((w >> 6) & 3)
        {
            case 0: op = MediaOp.Rev; break;
            case 1: op = MediaOp.Rev16; break;
            case 3: op = MediaOp.Revsh; break;
            default: return false;
        }
        return Set(ref d, op, w & 7, 0, (w >> 3) & 7);
    }

    /// <summary>Saturation and bit fields (A6.3.3, op bit 4 set): 11110 (0) 11 op Rn | 0 imm3 Rd imm2 (0) imm5.</summary>
    public static bool T32SaturateBitfield(uint w, ref Insn d)
    {
        d.Flags |= FlagT32;
        uint op = Bits(w, 24, 20), rn = Bits(w, 19, 16), rd = Bits(w, 11, 8);
        uint imm = (Bits(w, 14, 12) << 2) | Bits(w, 7, 6), low = Bits(w, 4, 0);
        if ((w & (1u << 26)) != 0 || (w & 0x20) != 0 || rd == 15)
            return false;
        switch (op)
        {
            case 0x10: // SSAT LSL
            case 0x12: // SSAT ASR, or SSAT16
            case 0x18: // USAT LSL
            case 0x1A: // USAT ASR, or USAT16
            {
                if (rn == 15)
                    return false;
                bool unsigned = op >= 0x18, asr = (op & 2) != 0;
                if (asr && imm == 0)
                {
                    // SSAT16/USAT16: bits 5:4 should be zero.
                    if ((low & 0x10) != 0)
                        return false;
                    Set(ref d, unsigned ? MediaOp.Usat16 : MediaOp.Ssat16, rd, rn, 0);
                    d.Imm = unsigned ? low : low + 1;
                    return true;
                }
                Set(ref d, unsigned ? MediaOp.Usat : MediaOp.Ssat, rd, rn, 0);
                d.Imm = unsigned ? low : low + 1;
                d.ShiftType = (byte)(asr ? ShiftType.Asr : ShiftType.Lsl);
                d.ShiftAmount = (byte)imm;
                return true;
            }
            case 0x14: // SBFX
            case 0x1C: // UBFX
                if (rn == 15 || imm + low + 1 > 32)
                    return false;
                return Bitfield(ref d, op == 0x14 ? MediaOp.Sbfx : MediaOp.Ubfx, rd, rn, imm, low);
            case 0x16: // BFI, BFC (Rn = 1111)
                if (low < imm)
                    return false;
                return Bitfield(ref d, rn == 15 ? MediaOp.Bfc : MediaOp.Bfi, rd, rn, imm, low);
            default:
                return false;
        }
    }

    /// <summary>Data processing (register) (A6.3.12) without the register-shifted moves:
    /// 11111010 op1 Rn | 1111 Rd op2 Rm.</summary>
    public static bool T32DataProcessingReg(uint w, ref Insn d)
    {
        d.Flags |= FlagT32;
        uint op1 = Bits(w, 23, 20), rn = Bits(w, 19, 16), rd = Bits(w, 11, 8), op2 = Bits(w, 7, 4), rm = Bits(w, 3, 0);
        if (Bits(w, 15, 12) != 15 || rd == 15 || rm == 15)
            return false;
        if ((op1 & 8) == 0)
        {
            // Extends (op2 10xx; bit 6 should be zero): rotation in bits 5:4.
            if ((op2 & 0xC) != 8)
                return false;
            MediaOp op;
            switch (op1)
            {
                case 0: op = rn == 15 ? MediaOp.Sxth : MediaOp.Sxtah; break;
                case 1: op = rn == 15 ? MediaOp.Uxth : MediaOp.Uxtah; break;
                case 2: op = rn == 15 ? MediaOp.Sxtb16 : MediaOp.Sxtab16; break;
                case 3: op = rn == 15 ? MediaOp.Uxtb16 : MediaOp.Uxtab16; break;
                case 4: op = rn == 15 ? MediaOp.Sxtb : MediaOp.Sxtab; break;
                case 5: op = rn == 15 ? MediaOp.Uxtb : MediaOp.Uxtab; break;
                default: return false;
            }
            Set(ref d, op, rd, rn == 15 ? 0 : rn, rm);
            d.ShiftAmount = (byte)((op2 & 3) * 8);
            return true;
        }
        if ((op2 & 8) == 0)
        {
            // Parallel add/subtract (A6.3.13/14): op1 bits 2:0 the operation, op2 bit 2 unsigned, bits 1:0 the kind.
            uint kind = op2 & 3;
            int op = (op1 & 7) switch
            {
                0 => MediaAlu.OpAdd8,
                1 => MediaAlu.OpAdd16,
                2 => MediaAlu.OpAsx,
                4 => MediaAlu.OpSub8,
                5 => MediaAlu.OpSub16,
                6 => MediaAlu.OpSax,
                _ => -1,
            };
            if (kind == 3 || op < 0 || rn == 15)
                return false;
            int prefix = (int)kind + ((op2 & 4) != 0 ? MediaAlu.PrefixU : 0);
            d.Extra = (ushort)((prefix << 4) | op);
            return Set(ref d, MediaOp.Parallel, rd, rn, rm);
        }
        // Miscellaneous operations (A6.3.15): op1 10xx, op2 10xx.
        if ((op2 & 0xC) != 8 || (op1 & 0xC) != 8)
            return false;
        switch (((op1 & 3) << 2) | (op2 & 3))
        {
            // QADD Rd, Rm, Rn: the saturating forms take Rn from hw1 and Rm from hw2.
            case 0: return rn != 15 && Set(ref d, MediaOp.Qadd, rd, rn, rm);
            case 1: return rn != 15 && Set(ref d, MediaOp.Qdadd, rd, rn, rm);
            case 2: return rn != 15 && Set(ref d, MediaOp.Qsub, rd, rn, rm);
            case 3: return rn != 15 && Set(ref d, MediaOp.Qdsub, rd, rn, rm);
            // REV..CLZ encode Rm twice; a differing hw1 copy is ignored, as QEMU does (Ra keeps it for the disassembler).
            case 4: return Set(ref d, MediaOp.Rev, rd, 0, rm, rn);
            case 5: return Set(ref d, MediaOp.Rev16, rd, 0, rm, rn);
            case 6: return Set(ref d, MediaOp.Rbit, rd, 0, rm, rn);
            case 7: return Set(ref d, MediaOp.Revsh, rd, 0, rm, rn);
            case 8: return rn != 15 && Set(ref d, MediaOp.Sel, rd, rn, rm);
            case 12: return Set(ref d, MediaOp.Clz, rd, 0, rm, rn);
            default: return false;
        }
    }

    /// <summary>Multiply, multiply accumulate, absolute difference (A6.3.16): 111110110 op1 Rn | Ra Rd 00 op2 Rm.</summary>
    public static bool T32Multiply(uint w, ref Insn d)
    {
        d.Flags |= FlagT32;
        uint op1 = Bits(w, 22, 20), rn = Bits(w, 19, 16), ra = Bits(w, 15, 12), rd = Bits(w, 11, 8), op2 = Bits(w, 5, 4), rm = Bits(w, 3, 0);
        if (Bits(w, 7, 6) != 0 || rn == 15 || rd == 15 || rm == 15)
            return false;
        bool acc = ra != 15;
        switch (op1)
        {
            case 0:
                if (op2 == 0)
                    return acc ? Set(ref d, MediaOp.Mla, rd, rn, rm, ra) : Set(ref d, MediaOp.Mul, rd, rn, rm);
                return op2 == 1 && acc && Set(ref d, MediaOp.Mls, rd, rn, rm, ra);
            case 1:
                // SMLA<x><y>/SMUL<x><y>: N = bit 5, M = bit 4.
                d.Extra = (ushort)(((op2 >> 1) & 1) | ((op2 & 1) << 1));
                return acc ? Set(ref d, MediaOp.Smlaxy, rd, rn, rm, ra) : Set(ref d, MediaOp.Smulxy, rd, rn, rm);
            case 2:
            case 4:
                if ((op2 & 2) != 0)
                    return false;
                d.Extra = (ushort)(op2 & 1);
                if (op1 == 2)
                    return acc ? Set(ref d, MediaOp.Smlad, rd, rn, rm, ra) : Set(ref d, MediaOp.Smuad, rd, rn, rm);
                return acc ? Set(ref d, MediaOp.Smlsd, rd, rn, rm, ra) : Set(ref d, MediaOp.Smusd, rd, rn, rm);
            case 3:
                if ((op2 & 2) != 0)
                    return false;
                d.Extra = (ushort)((op2 & 1) << 1); // M
                return acc ? Set(ref d, MediaOp.Smlawy, rd, rn, rm, ra) : Set(ref d, MediaOp.Smulwy, rd, rn, rm);
            case 5:
            case 6:
                if ((op2 & 2) != 0)
                    return false;
                d.Extra = (ushort)(op2 & 1); // R
                if (op1 == 6)
                    return acc && Set(ref d, MediaOp.Smmls, rd, rn, rm, ra);
                return acc ? Set(ref d, MediaOp.Smmla, rd, rn, rm, ra) : Set(ref d, MediaOp.Smmul, rd, rn, rm);
            default:
                if (op2 != 0)
                    return false;
                return acc ? Set(ref d, MediaOp.Usada8, rd, rn, rm, ra) : Set(ref d, MediaOp.Usad8, rd, rn, rm);
        }
    }

    /// <summary>Long multiply, long multiply accumulate, divide (A6.3.17): 111110111 op1 Rn | RdLo RdHi op2 Rm.</summary>
    public static bool T32LongMultiplyDivide(uint w, ref Insn d)
    {
        d.Flags |= FlagT32;
        uint op1 = Bits(w, 22, 20), rn = Bits(w, 19, 16), lo = Bits(w, 15, 12), hi = Bits(w, 11, 8), op2 = Bits(w, 7, 4), rm = Bits(w, 3, 0);
        if (rn == 15 || hi == 15 || rm == 15)
            return false;
        if (op1 is 1 or 3)
        {
            // SDIV/UDIV: RdLo field should be 1111, Rd in bits 11:8.
            if (op2 != 15 || lo != 15)
                return false;
            return Set(ref d, op1 == 1 ? MediaOp.Sdiv : MediaOp.Udiv, hi, rn, rm);
        }
        if (lo == 15)
            return false;
        switch (op1)
        {
            case 0: return op2 == 0 && Set(ref d, MediaOp.Smull, lo, rn, rm, hi);
            case 2: return op2 == 0 && Set(ref d, MediaOp.Umull, lo, rn, rm, hi);
            case 4:
                if (op2 == 0)
                    return Set(ref d, MediaOp.Smlal, lo, rn, rm, hi);
                if ((op2 & 0xC) == 8)
                {
                    d.Extra = (ushort)(((op2 >> 1) & 1) | ((op2 & 1) << 1)); // N = bit 5, M = bit 4
                    return Set(ref d, MediaOp.Smlalxy, lo, rn, rm, hi);
                }
                if ((op2 & 0xE) == 0xC)
                {
                    d.Extra = (ushort)(op2 & 1);
                    return Set(ref d, MediaOp.Smlald, lo, rn, rm, hi);
                }
                return false;
            case 5:
                if ((op2 & 0xE) != 0xC)
                    return false;
                d.Extra = (ushort)(op2 & 1);
                return Set(ref d, MediaOp.Smlsld, lo, rn, rm, hi);
            case 6:
                if (op2 == 0)
                    return Set(ref d, MediaOp.Umlal, lo, rn, rm, hi);
                return op2 == 6 && Set(ref d, MediaOp.Umaal, lo, rn, rm, hi);
            default:
                return false;
        }
    }

    /// <summary>
    /// PKHBT/PKHTB (T1), for the Integer group's data-processing (shifted register) table:
    /// 1110 1010 110 S Rn | (0) imm3 Rd imm2 tb T Rm. S = 1 or T = 1 is UNDEFINED.
    /// </summary>
    public static bool T32Pkh(uint w, ref Insn d)
    {
        d.Flags |= FlagT32;
        uint rn = Bits(w, 19, 16), rd = Bits(w, 11, 8), rm = Bits(w, 3, 0);
        if ((w & 0x00100000) != 0 || (w & 0x10) != 0 || (w & 0x8000) != 0 || rn == 15 || rd == 15 || rm == 15)
            return false;
        bool tb = (w & 0x20) != 0;
        uint imm = (Bits(w, 14, 12) << 2) | Bits(w, 7, 6);
        Set(ref d, tb ? MediaOp.Pkhtb : MediaOp.Pkhbt, rd, rn, rm);
        d.ShiftAmount = (byte)(tb && imm == 0 ? 32 : imm);
        return true;
    }
}
