using System.Text;

namespace Xenith.Cpu.Arm.LoadStore;

/// <summary>Disassembly of <see cref="OpGroup.LoadStore"/> instructions.</summary>
/// <remarks>Follows the quirks of arm-none-eabi-objdump: A32 prints "#-0" for a subtracted zero offset
/// and A32 LDRD/STREXD omit Rt2; T32 imm8 forms print a zero offset as no offset.</remarks>
public static class LoadStoreDisassembler
{
    private static readonly string[] SingleNames = ["ldr", "str", "ldrb", "strb", "ldrh", "strh", "ldrsb", "ldrsh"];
    private static readonly string[] ShiftNames = ["lsl", "lsr", "asr", "ror", "rrx"];

    /// <summary>GNU objdump-style text ("mnemonic\toperands"), or null if the operation is unknown.</summary>
    public static string? Format(in Insn d)
    {
        var op = (LoadStoreOp)d.Op;
        string cond = Disassembler.Cond(in d);
        bool thumb = (d.Flags & (byte)LoadStoreFlags.Thumb) != 0;
        bool wide = thumb && d.Size == 4;
        switch (op)
        {
            case >= LoadStoreOp.Ldr and <= LoadStoreOp.Ldrsh:
            case >= LoadStoreOp.LdrX and <= LoadStoreOp.LdrshX:
                return FormatSingle(in d, SingleNames[d.Op & 7], cond, wide);
            case LoadStoreOp.Ldrd:
            case LoadStoreOp.Strd:
            {
                string name = (op == LoadStoreOp.Ldrd ? "ldrd" : "strd") + cond;
                string regs = thumb ? $"{R(d.Rd)}, {R(d.Ra)}" : R(d.Rd);
                return $"{name}\t{regs}, {Address(in d, thumb)}";
            }
            case >= LoadStoreOp.Ldrex and <= LoadStoreOp.Strexd:
                return FormatExclusive(in d, op, cond, thumb);
            case >= LoadStoreOp.Ldm and <= LoadStoreOp.LdmExceptionReturn:
                return FormatMultiple(in d, op, cond, thumb);
            case LoadStoreOp.Tbb:
                return $"tbb{cond}\t[{R(d.Rn)}, {R(d.Rm)}]";
            case LoadStoreOp.Tbh:
                return $"tbh{cond}\t[{R(d.Rn)}, {R(d.Rm)}, lsl #1]";
            case LoadStoreOp.Preload:
                return FormatPreload(in d, thumb);
            default:
                return null;
        }
    }

    private static string R(int n) => Disassembler.Reg(n);

    private static string FormatSingle(in Insn d, string name, string cond, bool wide)
    {
        bool unpriv = (d.Flags & (byte)LoadStoreFlags.Unprivileged) != 0;
        bool thumb = (d.Flags & (byte)LoadStoreFlags.Thumb) != 0;
        // A32 PUSH/POP of one register are STR [sp, #-4]! and LDR [sp], #4.
        if (!thumb && d.Rn == 13 && (d.Flags & (byte)(LoadStoreFlags.RegisterOffset | LoadStoreFlags.Unprivileged)) == 0 && d.Imm == 4)
        {
            var f = (LoadStoreFlags)d.Flags & (LoadStoreFlags.PreIndex | LoadStoreFlags.Add | LoadStoreFlags.WriteBack);
            if ((LoadStoreOp)d.Op == LoadStoreOp.StrX && f == (LoadStoreFlags.PreIndex | LoadStoreFlags.WriteBack))
                return $"push{cond}\t{{{R(d.Rd)}}}";
            if ((LoadStoreOp)d.Op == LoadStoreOp.LdrX && f == (LoadStoreFlags.Add | LoadStoreFlags.WriteBack))
                return $"pop{cond}\t{{{R(d.Rd)}}}";
        }
        // objdump reads a T32 subtracted literal whose offset has bits 11:8 = 1110 as the T form.
        if (wide && (d.Flags & (byte)LoadStoreFlags.Literal) != 0 && (d.Extra & 0x8F00) == 0x0E00)
            unpriv = true;
        string mnemonic = name + (unpriv ? "t" : "") + cond + (wide && !unpriv ? ".w" : "");
        return $"{mnemonic}\t{R(d.Rd)}, {Address(in d, thumb)}";
    }

    /// <summary>The addressing-mode operand: [Rn, #imm], [Rn, #imm]!, [Rn], #imm, and the register forms.</summary>
    private static string Address(in Insn d, bool thumb)
    {
        var flags = (LoadStoreFlags)d.Flags;
        bool pre = (flags & LoadStoreFlags.PreIndex) != 0;
        bool wback = (flags & LoadStoreFlags.WriteBack) != 0;
        string rn = R(d.Rn);
        if ((flags & LoadStoreFlags.RegisterOffset) != 0)
        {
            string sign = (flags & LoadStoreFlags.Add) != 0 ? "" : "-";
            string shift = (ShiftType)d.ShiftType switch
            {
                ShiftType.Rrx => ", rrx",
                ShiftType.Lsl when d.ShiftAmount == 0 => "",
                _ => $", {ShiftNames[d.ShiftType]} #{d.ShiftAmount}",
            };
            string off = sign + R(d.Rm) + shift;
            return !pre ? $"[{rn}], {off}" : wback ? $"[{rn}, {off}]!" : $"[{rn}, {off}]";
        }
        uint imm = d.Extra & 0xFFFu;
        bool add = (d.Extra & 0x8000) != 0;
        bool narrow = d.Size == 2;
        // T32 imm8 forms (and T32 literals) print a zero offset as none; A32 keeps "#-0".
        bool thumbZero = thumb && !narrow && imm == 0 && (LoadStoreOp)d.Op is not (LoadStoreOp.Ldrd or LoadStoreOp.Strd);
        string num = add || thumbZero ? $"#{imm}" : $"#-{imm}";
        if ((flags & LoadStoreFlags.Literal) != 0)
            rn = "pc";
        if (!pre)
            return $"[{rn}], {num}";
        if (wback)
        {
            // objdump drops both the offset and the '!' of a T32 LDRD/STRD pre-indexed by #0.
            if (thumb && imm == 0 && add && (LoadStoreOp)d.Op is LoadStoreOp.Ldrd or LoadStoreOp.Strd)
                return $"[{rn}]";
            return thumbZero ? $"[{rn}]!" : $"[{rn}, {num}]!";
        }
        if (imm == 0 && (add || thumbZero) && !narrow)
            return $"[{rn}]";
        return $"[{rn}, {num}]";
    }

    private static string FormatExclusive(in Insn d, LoadStoreOp op, string cond, bool thumb)
    {
        string suffix = op switch
        {
            LoadStoreOp.Ldrexb or LoadStoreOp.Strexb => "b",
            LoadStoreOp.Ldrexh or LoadStoreOp.Strexh => "h",
            LoadStoreOp.Ldrexd or LoadStoreOp.Strexd => "d",
            _ => "",
        };
        bool dual = op is LoadStoreOp.Ldrexd or LoadStoreOp.Strexd;
        string regs = dual && thumb ? $"{R(d.Rd)}, {R(d.Ra)}" : R(d.Rd);
        if (op == LoadStoreOp.Ldrex && !thumb)
            regs = $"r{d.Rd}"; // objdump's A32 LDREX prints Rt by number
        string addr = d.Imm == 0 ? $"[{R(d.Rn)}]" : $"[{R(d.Rn)}, #{d.Imm}]";
        return op >= LoadStoreOp.Strex
            ? $"strex{suffix}{cond}\t{R(d.Rm)}, {regs}, {addr}"
            : $"ldrex{suffix}{cond}\t{regs}, {addr}";
    }

    private static string FormatMultiple(in Insn d, LoadStoreOp op, string cond, bool thumb)
    {
        bool load = op is LoadStoreOp.Ldm or LoadStoreOp.LdmUser or LoadStoreOp.LdmExceptionReturn;
        bool user = op is LoadStoreOp.LdmUser or LoadStoreOp.StmUser or LoadStoreOp.LdmExceptionReturn;
        bool increment = (d.Flags & (byte)LoadStoreFlags.Add) != 0;
        bool before = (d.Flags & (byte)LoadStoreFlags.PreIndex) != 0;
        bool wback = (d.Flags & (byte)LoadStoreFlags.WriteBack) != 0;
        string list = Disassembler.RegList(d.Extra);
        bool spWback = d.Rn == 13 && wback && !user;
        if (thumb && d.Size == 2)
        {
            if (spWback && (load ? increment : !increment))
                return $"{(load ? "pop" : "push")}{cond}\t{list}";
            return $"{(load ? "ldmia" : "stmia")}{cond}\t{R(d.Rn)}{(wback ? "!" : "")}, {list}";
        }
        string mode = increment ? (before ? "ib" : "ia") : (before ? "db" : "da");
        string name;
        if (thumb)
        {
            name = (load ? "ldm" : "stm") + mode + cond + (increment ? ".w" : "");
        }
        else if (spWback && load && mode == "ia")
        {
            if (d.ShiftAmount >= 2)
                return $"pop{cond}\t{list}";
            name = "ldmfd" + cond;
        }
        else if (spWback && !load && mode == "db")
        {
            if (d.ShiftAmount >= 2)
                return $"push{cond}\t{list}";
            name = "stmfd" + cond;
        }
        else if (mode == "ia")
        {
            name = load || (!wback && !user) ? (load ? "ldm" : "stm") + cond : "stmia" + cond;
        }
        else
        {
            name = (load ? "ldm" : "stm") + mode + cond;
        }
        return $"{name}\t{R(d.Rn)}{(wback ? "!" : "")}, {list}{(user ? "^" : "")}";
    }

    private static string FormatPreload(in Insn d, bool thumb)
    {
        var kind = (PreloadKind)((d.Extra >> 12) & 3);
        string name = kind switch
        {
            PreloadKind.Pld => "pld",
            PreloadKind.Pldw => "pldw",
            PreloadKind.Pli => "pli",
            // objdump shows the T32 unallocated hints as the load they resemble.
            _ => (d.Raw & (1u << 24)) != 0 ? "ldrsh.w\tpc," : "pldw",
        };
        if (!thumb && kind == PreloadKind.Nop)
        {
            // objdump shows the A32 unallocated hints as a post-indexed PLDW.
            Insn post = d;
            post.Flags &= unchecked((byte)~(LoadStoreFlags.PreIndex | LoadStoreFlags.Literal));
            return "pldw\t" + Address(in post, false);
        }
        var sb = new StringBuilder(name);
        sb.Append(name.EndsWith(',') ? " " : "\t");
        sb.Append(Address(in d, thumb));
        return sb.ToString();
    }
}
