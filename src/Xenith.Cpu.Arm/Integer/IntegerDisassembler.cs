using System.Globalization;

namespace Xenith.Cpu.Arm.Integer;

/// <summary>Disassembly of <see cref="OpGroup.Integer"/> instructions, as <c>arm-none-eabi-objdump -d</c> prints them.</summary>
public static class IntegerDisassembler
{
    private static readonly string[] Names =
        ["and", "eor", "sub", "rsb", "add", "adc", "sbc", "rsc", "tst", "teq", "cmp", "cmn", "orr", "mov", "bic", "mvn", "orn"];
    private static readonly string[] ShiftNames = ["lsl", "lsr", "asr", "ror", "rrx"];

    /// <summary>GNU objdump-style text ("mnemonic\toperands"), or null if the operation is unknown.</summary>
    public static string? Format(in Insn d)
    {
        var op = (IntegerOp)d.Op;
        if (d.Size == 2)
            return FormatT16(in d);
        bool t32 = (d.Flags & (byte)IntegerFlags.Thumb32) != 0;
        string cond = Disassembler.Cond(in d);
        switch (op)
        {
            case IntegerOp.B:
                return "b" + cond + (t32 ? ".w\t" : "\t") + Hex(d.Imm);
            case IntegerOp.Bl:
                return "bl" + cond + "\t" + Hex(d.Imm);
            case IntegerOp.BlxImm:
                return "blx" + cond + "\t" + Hex(d.Imm & ~1u);
            case IntegerOp.Bx:
                bool bxj = t32 || ((d.Raw >> 4) & 0xF) == 2;
                return (bxj ? "bxj" : "bx") + cond + "\t" + Reg(d.Rm);
            case IntegerOp.BlxReg:
                return "blx" + cond + "\t" + Reg(d.Rm);
            case IntegerOp.Movt:
                return "movt" + cond + "\t" + Reg(d.Rd) + ", " + Imm(d.Imm, t32);
            case IntegerOp.DpToPc:
                return FormatDp(in d, d.Extra & 0xFF, (DpForm)(d.Extra >> 8), t32, cond);
        }
        if (op < IntegerOp.AndImm || op > IntegerOp.OrnShiftReg)
            return null;
        int opc = (d.Op - 0x100) >> 2;
        var form = (DpForm)(d.Op & 3);
        if ((d.Flags & (byte)IntegerFlags.Adr) != 0)
            return FormatAdr(in d, t32, cond);
        if (op == IntegerOp.MovImm && IsMovw(in d, t32))
            return "movw" + cond + "\t" + Reg(d.Rd) + ", " + Imm(d.Imm, t32);
        if (t32 && form == DpForm.Imm && (d.Raw & 0x02000000) != 0)
            return (opc == 4 ? "addw" : "subw") + cond + "\t" + Reg(d.Rd) + ", " + Reg(d.Rn) + ", " + Imm(d.Imm, true);
        return FormatDp(in d, opc, form, t32, cond);
    }

    private static bool IsMovw(in Insn d, bool t32) =>
        t32 ? ((d.Raw >> 16) & 0xFBF0) == 0xF240 : (d.Raw & 0x0FF00000) == 0x03000000;

    /// <summary>ADR as objdump shows it: the ADD/SUB from PC with the written offset (ADDW/SUBW in T32).</summary>
    private static string FormatAdr(in Insn d, bool t32, string cond)
    {
        uint w = d.Raw;
        if (t32)
        {
            uint imm12 = ((w >> 15) & 0x800) | ((w >> 4) & 0x700) | (w & 0xFF);
            bool sub = ((w >> 20) & 0x1F) == 0x0A;
            return (sub ? "subw" : "addw") + cond + "\t" + Reg(d.Rd) + ", pc, " + Imm(imm12, true);
        }
        bool isSub = ((w >> 21) & 15) == 2;
        return (isSub ? "sub" : "add") + cond + "\t" + Reg(d.Rd) + ", pc, " + A32ModifiedImm(w);
    }

    private static string FormatDp(in Insn d, int opc, DpForm form, bool t32, string cond)
    {
        bool s = (d.Flags & (byte)InsnFlags.SetFlags) != 0;
        bool compare = opc is >= 8 and <= 11;
        string sfx = compare || !s ? "" : "s";
        if (opc == 13 && !t32 && form is DpForm.ShiftImm or DpForm.ShiftReg)
        {
            // A32 shows MOV with a shifted operand as the shift instruction.
            string m = ShiftNames[d.ShiftType] + sfx + cond + "\t" + Reg(d.Rd) + ", " + Reg(d.Rm);
            if ((ShiftType)d.ShiftType == ShiftType.Rrx)
                return m;
            return m + ", " + (form == DpForm.ShiftReg ? Reg(d.Ra) : Imm(d.ShiftAmount, false));
        }
        if (opc == 13 && t32 && form == DpForm.ShiftReg)
            return ShiftNames[d.ShiftType] + sfx + cond + ".w\t" + Reg(d.Rd) + ", " + Reg(d.Rm) + ", " + Reg(d.Ra);
        string mnemonic = Names[opc] + sfx + cond;
        if (t32 && opc is not (16 or 9 or 3))
            mnemonic += ".w"; // objdump marks every wide form that has a narrow counterpart
        string operands = compare ? Reg(d.Rn)
            : opc is 13 or 15 ? Reg(d.Rd)
            : Reg(d.Rd) + ", " + Reg(d.Rn);
        return mnemonic + "\t" + operands + ", " + Operand2(in d, form, t32);
    }

    private static string Operand2(in Insn d, DpForm form, bool t32) => form switch
    {
        DpForm.Imm => t32 ? Imm(d.Imm, true) : A32ModifiedImm(d.Raw),
        DpForm.Reg => Reg(d.Rm),
        DpForm.ShiftImm => (ShiftType)d.ShiftType == ShiftType.Rrx
            ? Reg(d.Rm) + ", rrx"
            : Reg(d.Rm) + ", " + ShiftNames[d.ShiftType] + " " + Imm(d.ShiftAmount, false),
        _ => Reg(d.Rm) + ", " + ShiftNames[d.ShiftType] + " " + Reg(d.Ra),
    };

    /// <summary>16-bit encodings: objdump's operand forms follow the encoding, so they are read from Raw.</summary>
    private static string? FormatT16(in Insn d)
    {
        uint w = d.Raw;
        string cond = Disassembler.Cond(in d);
        string s = (d.Flags & (byte)InsnFlags.SetFlags) != 0 ? "s" : "";
        string r0 = Reg((int)(w & 7)), r3 = Reg((int)((w >> 3) & 7)), r8 = Reg((int)((w >> 8) & 7));
        var op = (IntegerOp)d.Op;
        if ((w >> 14) == 0)
        {
            uint opcode = (w >> 9) & 0x1F;
            switch (opcode >> 2)
            {
                case 0: case 1: case 2:
                    if (op == IntegerOp.MovReg)
                        return "mov" + s + cond + "\t" + r0 + ", " + r3;
                    uint imm5 = (w >> 6) & 31;
                    return ShiftNames[opcode >> 2] + s + cond + "\t" + r0 + ", " + r3 + ", " + Imm(imm5 == 0 ? 32 : imm5, false);
                case 3:
                    string name = (opcode & 1) == 0 ? "add" : "sub";
                    string third = (opcode & 2) == 0 ? Reg((int)((w >> 6) & 7)) : Imm((w >> 6) & 7, false);
                    return name + s + cond + "\t" + r0 + ", " + r3 + ", " + third;
                default:
                    string[] imm8Names = ["mov", "cmp", "add", "sub"];
                    string n8 = imm8Names[(opcode >> 2) - 4];
                    return n8 + (n8 == "cmp" ? "" : s) + cond + "\t" + r8 + ", " + Imm(w & 0xFF, false);
            }
        }
        if ((w >> 10) == 0x10)
        {
            uint opcode = (w >> 6) & 15;
            string[] dpNames = ["and", "eor", "lsl", "lsr", "asr", "adc", "sbc", "ror", "tst", "neg", "cmp", "cmn", "orr", "mul", "bic", "mvn"];
            bool compare = opcode is 8 or 10 or 11;
            return dpNames[opcode] + (compare ? "" : s) + cond + "\t" + r0 + ", " + r3;
        }
        if ((w >> 10) == 0x11)
        {
            if (w == 0x46C0)
                return "nop" + cond; // mov r8, r8: the pre-UAL Thumb NOP, which objdump names so
            string rdn = Reg((int)((w & 7) | ((w >> 4) & 8))), rm = Reg((int)((w >> 3) & 15));
            return ((w >> 8) & 3) switch
            {
                0 => "add" + cond + "\t" + rdn + ", " + rm,
                1 => "cmp" + cond + "\t" + rdn + ", " + rm,
                2 => "mov" + cond + "\t" + rdn + ", " + rm,
                _ => ((w & 0x80) != 0 ? "blx" : "bx") + cond + "\t" + rm,
            };
        }
        if ((w >> 11) == 0x14)
            return "add" + cond + "\t" + r8 + ", pc, " + Imm((w & 0xFF) * 4, false);
        if ((w >> 11) == 0x15)
            return "add" + cond + "\t" + r8 + ", sp, " + Imm((w & 0xFF) * 4, false);
        if ((w & 0xFF00) == 0xB000)
            return ((w & 0x80) != 0 ? "sub" : "add") + cond + "\tsp, " + Imm((w & 0x7F) * 4, false);
        return op switch
        {
            IntegerOp.Cbz => "cbz\t" + Reg(d.Rn) + ", " + Hex(d.Imm),
            IntegerOp.Cbnz => "cbnz\t" + Reg(d.Rn) + ", " + Hex(d.Imm),
            IntegerOp.B => "b" + cond + ".n\t" + Hex(d.Imm),
            _ => null,
        };
    }

    /// <summary>An A32 modified immediate: objdump writes "#imm8, rot" when a smaller rotation would encode the same value.</summary>
    private static string A32ModifiedImm(uint w)
    {
        int rotate = (int)((w >> 7) & 0x1E);
        uint imm8 = w & 0xFF;
        uint value = uint.RotateRight(imm8, rotate);
        int i = 0;
        while (i < 32 && uint.RotateLeft(value, i) > 0xFF)
            i += 2;
        if (i != rotate)
            return "#" + imm8.ToString(CultureInfo.InvariantCulture) + ", " + rotate.ToString(CultureInfo.InvariantCulture);
        return Imm(value, false);
    }

    private static string Reg(int n) => Disassembler.Reg(n);

    /// <summary>objdump prints A32 constants as signed and T32 ones as unsigned decimal.</summary>
    private static string Imm(uint value, bool unsigned) => unsigned ? "#" + value.ToString(CultureInfo.InvariantCulture) : Disassembler.Imm((int)value);

    private static string Hex(uint address) => address.ToString("x", CultureInfo.InvariantCulture);
}
