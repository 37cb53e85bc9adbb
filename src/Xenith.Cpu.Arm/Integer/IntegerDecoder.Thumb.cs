namespace Xenith.Cpu.Arm.Integer;

/// <summary>T16 and T32 decoders of the Integer group.</summary>
public static partial class IntegerDecoder
{
    private static bool InIt(in Insn d) => (d.Attr & (byte)InsnAttr.InItBlock) != 0;

    /// <summary>A branch inside an IT block must be its last instruction (otherwise UNPREDICTABLE).</summary>
    private static bool InItNotLast(in Insn d) =>
        (d.Attr & ((byte)InsnAttr.InItBlock | (byte)InsnAttr.LastInItBlock)) == (byte)InsnAttr.InItBlock;

    /// <summary>16-bit data processing sets the flags only outside IT blocks.</summary>
    private static byte T16S(in Insn d) => InIt(d) ? (byte)0 : S;

    private static void SetBranch(ref Insn d, IntegerOp op, uint target)
    {
        d.Op = (ushort)op;
        d.Imm = target;
        d.Attr |= (byte)InsnAttr.EndsBlock;
    }

    // ---------------------------------------------------------------- T16

    /// <summary>Shift (immediate), add, subtract, move and compare (A6.2.1).</summary>
    public static bool T16ShiftAddSubMovCmp(uint w, ref Insn d)
    {
        uint opcode = (w >> 9) & 0x1F;
        byte s = T16S(d);
        d.Rd = (byte)(w & 7);
        d.Rn = (byte)((w >> 3) & 7);
        switch (opcode >> 2)
        {
            case 0: case 1: case 2: // LSL, LSR, ASR (immediate); LSL #0 is MOV (register)
                d.Flags = s;
                d.Rm = d.Rn;
                d.Rn = 0;
                SetDp(ref d, OpMov, SetImmShift(ref d, opcode >> 2, (w >> 6) & 31));
                return true;
            case 3:
                d.Flags = s;
                switch (opcode & 3)
                {
                    case 0: d.Rm = (byte)((w >> 6) & 7); d.Op = DpOp(OpAdd, DpForm.Reg); break;
                    case 1: d.Rm = (byte)((w >> 6) & 7); d.Op = DpOp(OpSub, DpForm.Reg); break;
                    case 2: d.Imm = (w >> 6) & 7; d.Op = DpOp(OpAdd, DpForm.Imm); break;
                    default: d.Imm = (w >> 6) & 7; d.Op = DpOp(OpSub, DpForm.Imm); break;
                }
                return true;
            default: // MOV, CMP, ADD, SUB with imm8; Rd (and Rn) in bits 10:8
                d.Rd = d.Rn = (byte)((w >> 8) & 7);
                d.Imm = w & 0xFF;
                int opc = (int)(opcode >> 2) switch { 4 => OpMov, 5 => OpCmp, 6 => OpAdd, _ => OpSub };
                d.Flags = opc == OpCmp ? S : s;
                if (opc == OpMov)
                    d.Rn = 0;
                d.Op = DpOp(opc, DpForm.Imm);
                return true;
        }
    }

    /// <summary>Data processing (A6.2.2) except MUL.</summary>
    public static bool T16DataProcessing(uint w, ref Insn d)
    {
        uint opcode = (w >> 6) & 15;
        byte rdn = (byte)(w & 7), rm = (byte)((w >> 3) & 7);
        d.Flags = T16S(d);
        d.Rd = d.Rn = rdn;
        d.Rm = rm;
        switch (opcode)
        {
            case 2: case 3: case 4: case 7: // LSL, LSR, ASR, ROR (register)
                d.Rn = 0;
                d.Rm = rdn;
                d.Ra = rm;
                d.ShiftType = opcode == 7 ? (byte)ShiftType.Ror : (byte)(opcode - 2);
                d.Op = DpOp(OpMov, DpForm.ShiftReg);
                return true;
            case 9: // RSB #0
                d.Rn = rm;
                d.Imm = 0;
                d.Op = DpOp(OpRsb, DpForm.Imm);
                return true;
            case 13:
                return false; // MUL belongs to the Media group
            default:
                int opc = opcode switch
                {
                    0 => OpAnd, 1 => OpEor, 5 => OpAdc, 6 => OpSbc, 8 => OpTst, 10 => OpCmp,
                    11 => OpCmn, 12 => OpOrr, 14 => OpBic, _ => OpMvn,
                };
                if (IsCompare(opc))
                    d.Flags = S;
                if (opc == OpMvn)
                    d.Rn = 0;
                d.Op = DpOp(opc, DpForm.Reg);
                return true;
        }
    }

    /// <summary>Special data instructions and branch and exchange (A6.2.3).</summary>
    public static bool T16SpecialDataBranch(uint w, ref Insn d)
    {
        uint op = (w >> 8) & 3;
        byte rm = (byte)((w >> 3) & 15);
        byte rdn = (byte)((w & 7) | ((w >> 4) & 8));
        d.Rm = rm;
        switch (op)
        {
            case 0: // ADD (register), high registers allowed; ALUWritePC is a plain branch in T32
                if (rdn == 15 && rm == 15)
                    return false;
                if (rdn == 15 && InItNotLast(d))
                    return false;
                d.Rd = d.Rn = rdn;
                SetDp(ref d, OpAdd, DpForm.Reg);
                return true;
            case 1: // CMP (register) high; both low registers is UNPREDICTABLE, QEMU compares them alike
                if (rdn == 15 || rm == 15)
                    return false;
                d.Rn = rdn;
                d.Flags = S;
                d.Op = DpOp(OpCmp, DpForm.Reg);
                return true;
            case 2: // MOV (register)
                if (rdn == 15 && InItNotLast(d))
                    return false;
                d.Rd = rdn;
                SetDp(ref d, OpMov, DpForm.Reg);
                return true;
            default: // BX, BLX (register)
                if ((w & 7) != 0 || InItNotLast(d))
                    return false;
                bool link = (w & 0x80) != 0;
                if (link && rm == 15)
                    return false;
                d.Op = link ? (ushort)IntegerOp.BlxReg : (ushort)IntegerOp.Bx;
                d.Attr |= (byte)InsnAttr.EndsBlock;
                return true;
        }
    }

    /// <summary>ADR (T16): a constant from Align(PC, 4).</summary>
    public static bool T16Adr(uint w, ref Insn d)
    {
        d.Rd = (byte)((w >> 8) & 7);
        d.Imm = ((d.Address + 4) & ~3u) + (w & 0xFF) * 4;
        d.Flags = (byte)IntegerFlags.Adr;
        d.Op = DpOp(OpMov, DpForm.Imm);
        return true;
    }

    /// <summary>ADD Rd, SP, #imm8*4.</summary>
    public static bool T16AddSpImm(uint w, ref Insn d)
    {
        d.Rd = (byte)((w >> 8) & 7);
        d.Rn = 13;
        d.Imm = (w & 0xFF) * 4;
        d.Op = DpOp(OpAdd, DpForm.Imm);
        return true;
    }

    /// <summary>ADD/SUB SP, SP, #imm7*4 and CBZ/CBNZ (the rest of A6.2.5 is routed elsewhere).</summary>
    public static bool T16Misc(uint w, ref Insn d)
    {
        if ((w & 0xFF00) == 0xB000)
        {
            d.Rd = d.Rn = 13;
            d.Imm = (w & 0x7F) * 4;
            d.Op = DpOp((w & 0x80) != 0 ? OpSub : OpAdd, DpForm.Imm);
            return true;
        }
        if ((w & 0xF500) == 0xB100)
        {
            if (InIt(d))
                return false;
            d.Rn = (byte)(w & 7);
            uint offset = ((w >> 2) & 0x3E) | ((w >> 3) & 0x40);
            SetBranch(ref d, (w & 0x800) != 0 ? IntegerOp.Cbnz : IntegerOp.Cbz, d.Address + 4 + offset);
            return true;
        }
        return false;
    }

    /// <summary>B&lt;cond&gt; (T16): its own condition; UNPREDICTABLE inside an IT block.</summary>
    public static bool T16ConditionalBranch(uint w, ref Insn d)
    {
        if (InIt(d))
            return false;
        d.Cond = (byte)((w >> 8) & 15);
        SetBranch(ref d, IntegerOp.B, d.Address + 4 + (uint)((int)(w << 24) >> 23));
        return true;
    }

    /// <summary>B (T16).</summary>
    public static bool T16Branch(uint w, ref Insn d)
    {
        if (InItNotLast(d))
            return false;
        SetBranch(ref d, IntegerOp.B, d.Address + 4 + (uint)((int)(w << 21) >> 20));
        return true;
    }

    // ---------------------------------------------------------------- T32

    /// <summary>Maps a T32 data-processing op (A6.3.1/A6.3.11) to the A32 opcode; -1 if not an Integer op.
    /// Rd = PC with S selects the compare forms, Rn = PC the moves.</summary>
    private static int T32Opcode(uint op, bool s, uint rn, uint rd) => op switch
    {
        0 => rd == 15 && s ? OpTst : OpAnd,
        1 => OpBic,
        2 => rn == 15 ? OpMov : OpOrr,
        3 => rn == 15 ? OpMvn : OpOrn,
        4 => rd == 15 && s ? OpTeq : OpEor,
        8 => rd == 15 && s ? OpCmn : OpAdd,
        10 => OpAdc,
        11 => OpSbc,
        13 => rd == 15 && s ? OpCmp : OpSub,
        14 => OpRsb,
        _ => -1,
    };

    /// <summary>Common field checks of the T32 data-processing forms: a PC destination or first operand is
    /// UNPREDICTABLE (treated as UNDEFINED); SP is accepted as QEMU does.</summary>
    private static bool T32DpFields(uint w, ref Insn d, out int opc)
    {
        bool s = (w & (1u << 20)) != 0;
        uint rn = (w >> 16) & 15, rd = (w >> 8) & 15;
        opc = T32Opcode((w >> 21) & 15, s, rn, rd);
        if (opc < 0)
            return false;
        if (!IsCompare(opc) && rd == 15)
            return false;
        if (opc != OpMov && opc != OpMvn && rn == 15)
            return false;
        d.Flags = (byte)((s ? S : 0) | Thumb32);
        d.Rd = IsCompare(opc) ? (byte)0 : (byte)rd;
        d.Rn = opc == OpMov || opc == OpMvn ? (byte)0 : (byte)rn;
        return true;
    }

    /// <summary>Data processing (shifted register), A6.3.11. Op 0110 (PKHBT/PKHTB) belongs to the Media group.</summary>
    public static bool T32DataProcessingShiftedReg(uint w, ref Insn d)
    {
        if (((w >> 21) & 15) == 6)
            return Media.MediaDecoder.T32Pkh(w, ref d);
        if ((w & 0x8000) != 0 || !T32DpFields(w, ref d, out int opc))
            return false;
        d.Rm = (byte)(w & 15);
        if (d.Rm == 15)
            return false;
        uint imm5 = ((w >> 10) & 0x1C) | ((w >> 6) & 3);
        d.Op = DpOp(opc, SetImmShift(ref d, (w >> 4) & 3, imm5));
        return true;
    }

    /// <summary>Data processing (modified immediate), A6.3.1.</summary>
    public static bool T32DataProcessingModifiedImm(uint w, ref Insn d)
    {
        if (!T32DpFields(w, ref d, out int opc))
            return false;
        uint imm12 = ((w >> 15) & 0x800) | ((w >> 4) & 0x700) | (w & 0xFF);
        if (!Alu.ThumbExpandImm(imm12, out uint value, out bool changesCarry))
            return false;
        SetImm(ref d, value, changesCarry && IsLogical(opc));
        d.Op = DpOp(opc, DpForm.Imm);
        return true;
    }

    /// <summary>ADDW, SUBW (ADR.W with Rn = PC), MOVW, MOVT (A6.3.3; the saturate/bit-field half is Media's).</summary>
    public static bool T32PlainBinaryImm(uint w, ref Insn d)
    {
        uint op = (w >> 20) & 0x1F;
        d.Rd = (byte)((w >> 8) & 15);
        d.Rn = (byte)((w >> 16) & 15);
        d.Flags = Thumb32;
        if (d.Rd == 15)
            return false;
        uint imm12 = ((w >> 15) & 0x800) | ((w >> 4) & 0x700) | (w & 0xFF);
        switch (op)
        {
            case 0x00:
            case 0x0A:
                bool add = op == 0;
                if (d.Rn == 15)
                {
                    uint pc = (d.Address + 4) & ~3u;
                    d.Imm = add ? pc + imm12 : pc - imm12;
                    d.Flags |= (byte)IntegerFlags.Adr;
                    d.Rn = 0;
                    d.Op = DpOp(OpMov, DpForm.Imm);
                    return true;
                }
                d.Imm = imm12;
                d.Op = DpOp(add ? OpAdd : OpSub, DpForm.Imm);
                return true;
            case 0x04:
            case 0x0C:
                d.Rn = 0;
                SetMoveWide(ref d, op == 0x0C, ((w >> 4) & 0xF000) | imm12);
                return true;
            default:
                return false;
        }
    }

    /// <summary>B&lt;cond&gt;.W, B.W, BL, BLX (immediate): absolute targets computed here.</summary>
    public static bool T32Branch(uint w, ref Insn d)
    {
        uint op1 = (w >> 12) & 7;
        uint sBit = (w >> 26) & 1, j1 = (w >> 13) & 1, j2 = (w >> 11) & 1;
        uint pc = d.Address + 4;
        d.Flags = Thumb32;
        if ((op1 & 5) == 0)
        {
            if (InIt(d))
                return false;
            uint imm = (sBit << 20) | (j2 << 19) | (j1 << 18) | (((w >> 16) & 0x3F) << 12) | ((w & 0x7FF) << 1);
            d.Cond = (byte)((w >> 22) & 15);
            SetBranch(ref d, IntegerOp.B, pc + (uint)((int)(imm << 11) >> 11));
            return true;
        }
        if (InItNotLast(d))
            return false;
        uint i1 = ~(j1 ^ sBit) & 1, i2 = ~(j2 ^ sBit) & 1;
        uint imm25 = (sBit << 24) | (i1 << 23) | (i2 << 22) | (((w >> 16) & 0x3FF) << 12) | ((w & 0x7FF) << 1);
        uint offset = (uint)((int)(imm25 << 7) >> 7);
        if ((op1 & 4) == 0)
            SetBranch(ref d, IntegerOp.B, pc + offset);
        else if ((op1 & 1) != 0)
            SetBranch(ref d, IntegerOp.Bl, pc + offset);
        else
        {
            if ((w & 1) != 0)
                return false; // BLX with H = 1
            SetBranch(ref d, IntegerOp.BlxImm, (pc & ~3u) + offset); // bit 0 clear: the target is A32
        }
        return true;
    }

    /// <summary>BXJ (T32), executed as BX.</summary>
    public static bool T32Bxj(uint w, ref Insn d)
    {
        if ((w & 0xFFF0FFFF) != 0xF3C08F00 || InItNotLast(d))
            return false;
        d.Rm = (byte)((w >> 16) & 15);
        if (d.Rm == 15)
            return false;
        d.Flags = Thumb32;
        d.Op = (ushort)IntegerOp.Bx;
        d.Attr |= (byte)InsnAttr.EndsBlock;
        return true;
    }

    /// <summary>LSL, LSR, ASR, ROR (register), T32: a MOV with a register-shifted operand.</summary>
    public static bool T32ShiftRegister(uint w, ref Insn d)
    {
        if ((w & 0xF000) != 0xF000)
            return false;
        d.Rd = (byte)((w >> 8) & 15);
        d.Rm = (byte)((w >> 16) & 15);
        d.Ra = (byte)(w & 15);
        if (d.Rd == 15 || d.Rm == 15 || d.Ra == 15)
            return false;
        d.ShiftType = (byte)((w >> 21) & 3);
        d.Flags = (byte)(((w & (1u << 20)) != 0 ? S : 0) | Thumb32);
        d.Op = DpOp(OpMov, DpForm.ShiftReg);
        return true;
    }
}
