namespace Xenith.Cpu.Arm.Integer;

/// <summary>Decoders of the Integer group. Each returns false for an UNDEFINED encoding
/// (UNPREDICTABLE uses of the PC are treated as UNDEFINED too).</summary>
public static partial class IntegerDecoder
{
    private const byte S = (byte)InsnFlags.SetFlags;
    private const byte Thumb32 = (byte)IntegerFlags.Thumb32;

    // A32 data-processing opcodes (the enum layout's row numbers).
    private const int OpAnd = 0, OpEor = 1, OpSub = 2, OpRsb = 3, OpAdd = 4, OpAdc = 5, OpSbc = 6, OpRsc = 7,
        OpTst = 8, OpTeq = 9, OpCmp = 10, OpCmn = 11, OpOrr = 12, OpMov = 13, OpBic = 14, OpMvn = 15, OpOrn = 16;

    private static bool IsCompare(int opc) => opc is >= OpTst and <= OpCmn;

    private static bool IsLogical(int opc) => opc is OpAnd or OpEor or OpTst or OpTeq or OpOrr or OpMov or OpBic or OpMvn or OpOrn;

    private static ushort DpOp(int opc, DpForm form) => (ushort)(0x100 + opc * 4 + (int)form);

    /// <summary>Sets the op, or <see cref="IntegerOp.DpToPc"/> when the result is written to the PC.</summary>
    private static void SetDp(ref Insn d, int opc, DpForm form)
    {
        if (d.Rd == 15 && !IsCompare(opc))
        {
            d.Op = (ushort)IntegerOp.DpToPc;
            d.Extra = (ushort)(opc | ((int)form << 8));
            d.Attr |= (byte)InsnAttr.EndsBlock;
        }
        else
        {
            d.Op = DpOp(opc, form);
        }
    }

    /// <summary>An expanded immediate and, for logical ops, the carry its rotation produces.</summary>
    private static void SetImm(ref Insn d, uint value, bool carryChanges)
    {
        d.Imm = value;
        if (carryChanges)
        {
            d.Flags |= (byte)IntegerFlags.CarryChanges;
            if ((value >> 31) != 0)
                d.Flags |= (byte)IntegerFlags.CarryValue;
        }
    }

    /// <summary>DecodeImmShift: fills the shifted-register operand; LSL #0 becomes the plain register form.</summary>
    private static DpForm SetImmShift(ref Insn d, uint type, uint imm5)
    {
        if (type == 0 && imm5 == 0)
            return DpForm.Reg;
        if (type == 3 && imm5 == 0)
        {
            d.ShiftType = (byte)ShiftType.Rrx;
            d.ShiftAmount = 1;
        }
        else
        {
            d.ShiftType = (byte)type;
            d.ShiftAmount = (byte)(imm5 == 0 ? 32 : imm5);
        }
        return DpForm.ShiftImm;
    }

    // ---------------------------------------------------------------- A32

    /// <summary>Data-processing (register) and (register-shifted register), A5.2.2/A5.2.3.</summary>
    public static bool A32DataProcessingReg(uint w, ref Insn d)
    {
        int opc = (int)((w >> 21) & 15);
        if ((w & (1u << 20)) != 0)
            d.Flags = S;
        d.Rn = (byte)((w >> 16) & 15);
        d.Rd = (byte)((w >> 12) & 15);
        d.Rm = (byte)(w & 15);
        // The SBZ fields are fixed in the encoding tables (QEMU UNDEFs them too).
        if (IsCompare(opc) && d.Rd != 0)
            return false;
        if ((opc == OpMov || opc == OpMvn) && d.Rn != 0)
            return false;
        DpForm form;
        if ((w & 0x10) == 0)
        {
            form = SetImmShift(ref d, (w >> 5) & 3, (w >> 7) & 31);
        }
        else
        {
            d.Ra = (byte)((w >> 8) & 15);
            d.ShiftType = (byte)((w >> 5) & 3);
            // Any PC operand of a register-shifted register form is UNPREDICTABLE.
            if (d.Rd == 15 || d.Rn == 15 || d.Rm == 15 || d.Ra == 15)
                return false;
            form = DpForm.ShiftReg;
        }
        SetDp(ref d, opc, form);
        return true;
    }

    /// <summary>Data-processing (immediate), A5.2.3; ADR (ADD/SUB from PC without S) becomes a constant move.</summary>
    public static bool A32DataProcessingImm(uint w, ref Insn d)
    {
        int opc = (int)((w >> 21) & 15);
        bool s = (w & (1u << 20)) != 0;
        d.Rn = (byte)((w >> 16) & 15);
        d.Rd = (byte)((w >> 12) & 15);
        if (IsCompare(opc) && d.Rd != 0)
            return false;
        if ((opc == OpMov || opc == OpMvn) && d.Rn != 0)
            return false;
        uint value = Alu.ArmExpandImm(w & 0xFFF, false, out _);
        if ((opc == OpAdd || opc == OpSub) && d.Rn == 15 && !s && d.Rd != 15)
        {
            uint pc = d.Address + 8;
            d.Op = DpOp(OpMov, DpForm.Imm);
            d.Imm = opc == OpAdd ? pc + value : pc - value;
            d.Flags = (byte)IntegerFlags.Adr;
            return true;
        }
        if (s)
            d.Flags = S;
        SetImm(ref d, value, IsLogical(opc) && (w & 0xF00) != 0);
        SetDp(ref d, opc, DpForm.Imm);
        return true;
    }

    /// <summary>MOVW and MOVT (A32).</summary>
    public static bool A32MoveWide(uint w, ref Insn d)
    {
        d.Rd = (byte)((w >> 12) & 15);
        if (d.Rd == 15)
            return false;
        uint imm16 = ((w >> 4) & 0xF000) | (w & 0xFFF);
        SetMoveWide(ref d, (w & (1u << 22)) != 0, imm16);
        return true;
    }

    private static void SetMoveWide(ref Insn d, bool top, uint imm16)
    {
        d.Imm = imm16;
        d.Op = top ? (ushort)IntegerOp.Movt : DpOp(OpMov, DpForm.Imm);
    }

    /// <summary>BX, BXJ (executed as BX: no Jazelle), BLX (register).</summary>
    public static bool A32MiscInteger(uint w, ref Insn d)
    {
        d.Rm = (byte)(w & 15);
        switch (w & 0x0FFFFFF0)
        {
            case 0x012FFF10:
            case 0x012FFF20:
                d.Op = (ushort)IntegerOp.Bx;
                break;
            case 0x012FFF30:
                if (d.Rm == 15)
                    return false;
                d.Op = (ushort)IntegerOp.BlxReg;
                break;
            default:
                return false;
        }
        d.Attr |= (byte)InsnAttr.EndsBlock;
        return true;
    }

    /// <summary>B and BL (A32).</summary>
    public static bool A32Branch(uint w, ref Insn d)
    {
        d.Op = (w & (1u << 24)) != 0 ? (ushort)IntegerOp.Bl : (ushort)IntegerOp.B;
        d.Imm = d.Address + 8 + (uint)(((int)(w << 8)) >> 6);
        d.Attr |= (byte)InsnAttr.EndsBlock;
        return true;
    }

    /// <summary>BLX (immediate) from A32: the target is T32 (bit 0 set for the interworking branch).</summary>
    public static bool A32BlxImm(uint w, ref Insn d)
    {
        d.Op = (ushort)IntegerOp.BlxImm;
        uint offset = (uint)(((int)(w << 8)) >> 6) | ((w >> 23) & 2);
        d.Imm = (d.Address + 8 + offset) | 1;
        d.Attr |= (byte)InsnAttr.EndsBlock;
        return true;
    }
}
