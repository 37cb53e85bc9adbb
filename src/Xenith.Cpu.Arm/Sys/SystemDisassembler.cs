using System.Globalization;

namespace Xenith.Cpu.Arm.Sys;

/// <summary>Disassembly of <see cref="OpGroup.System"/> instructions, as GNU objdump prints them
/// (including its A32/T32 differences: "svc 0x00000001" vs "svc 1", "hvc 1" vs "hvc #1", ".w" hints).</summary>
public static class SystemDisassembler
{
    private static readonly string[] BarrierOptions =
        ["#0", "oshld", "oshst", "osh", "#4", "nshld", "unst", "un", "#8", "ishld", "ishst", "ish", "#12", "ld", "st", "sy"];

    /// <summary>GNU objdump-style text ("mnemonic\toperands"), or null if the operation is unknown.</summary>
    public static string? Format(in Insn d)
    {
        string c = Disassembler.Cond(in d);
        bool thumb = d.Size == 2 || (d.Flags & (byte)SystemFlags.Thumb) != 0;
        bool spsr = (d.Flags & (byte)SystemFlags.Spsr) != 0;
        switch ((SystemOp)d.Op)
        {
            case SystemOp.Mrs:
                return $"mrs{c}\t{Disassembler.Reg(d.Rd)}, {(spsr ? "SPSR" : "CPSR")}";
            case SystemOp.MsrReg:
                return $"msr{c}\t{PsrFields(spsr, d.Extra)}, {Disassembler.Reg(d.Rn)}";
            case SystemOp.MsrImm:
                return $"msr{c}\t{PsrFields(spsr, d.Extra)}, {ModifiedImmediate(d.Raw & 0xFFF)}";
            case SystemOp.MrsBanked:
                return $"mrs{c}\t{Disassembler.Reg(d.Rd)}, {BankedName(in d)}";
            case SystemOp.MsrBanked:
                return $"msr{c}\t{BankedName(in d)}, {Disassembler.Reg(d.Rn)}";
            case SystemOp.Svc:
                return d.Size == 2 ? $"svc{c}\t{d.Imm}" : $"svc{c}\t0x{d.Imm:x8}";
            case SystemOp.Bkpt:
                return $"bkpt{c}\t0x{d.Imm:x4}";
            case SystemOp.Hvc:
                return thumb ? $"hvc{c}\t#{d.Imm}" : $"hvc{c}\t{d.Imm}";
            case SystemOp.Smc:
                return thumb ? $"smc{c}\t#{d.Imm}" : $"smc{c}\t{d.Imm}";
            case SystemOp.Eret:
                return $"eret{c}";
            case SystemOp.SubsPcLr:
                return $"subs{c}\tpc, lr, #{d.Imm}";
            case SystemOp.Srs:
                return $"srs{AddressMode(in d)}{c}\tsp{Bang(in d)}, #{d.Extra}";
            case SystemOp.Rfe:
                return $"rfe{AddressMode(in d)}{c}\t{Disassembler.Reg(d.Rn)}{Bang(in d)}";
            case SystemOp.Cps:
                return FormatCps(in d, thumb);
            case SystemOp.Setend:
                return $"setend\t{(d.Imm != 0 ? "be" : "le")}";
            case SystemOp.Hint:
            case SystemOp.Wfe:
            case SystemOp.Wfi:
                return FormatHint(in d, c, thumb);
            case SystemOp.Clrex:
                return $"clrex{c}";
            case SystemOp.Dsb:
                return d.Imm switch
                {
                    0 => $"ssbb{c}",
                    4 => $"pssbb{c}",
                    12 => $"dfb{c}",
                    _ => $"dsb{c}\t{BarrierOptions[d.Imm & 15]}",
                };
            case SystemOp.Dmb:
                return $"dmb{c}\t{BarrierOptions[d.Imm & 15]}";
            case SystemOp.Isb:
                return d.Imm == 15 ? $"isb{c}\tsy" : $"isb{c}\t#{d.Imm}";
            case SystemOp.Mrc:
            case SystemOp.Mcr:
            {
                uint r = d.Raw;
                string m = d.Op == (ushort)SystemOp.Mrc ? "mrc" : "mcr";
                string rt = d.Rd == 15 ? "APSR_nzcv" : Disassembler.Reg(d.Rd);
                return $"{m}{c}\t{(r >> 8) & 15}, {(r >> 21) & 7}, {rt}, cr{(r >> 16) & 15}, cr{r & 15}, {{{(r >> 5) & 7}}}";
            }
            case SystemOp.Mrrc:
            case SystemOp.Mcrr:
            {
                uint r = d.Raw;
                string m = d.Op == (ushort)SystemOp.Mrrc ? "mrrc" : "mcrr";
                return $"{m}{c}\t{(r >> 8) & 15}, {(r >> 4) & 15}, {Disassembler.Reg(d.Rd)}, {Disassembler.Reg(d.Rn)}, cr{r & 15}";
            }
            default:
                return null;
        }
    }

    /// <summary>An A32 modified immediate as objdump prints it: the value, or "#imm8, rotation" when a
    /// smaller rotation could encode the same value (binutils arm-dis.c).</summary>
    private static string ModifiedImmediate(uint imm12)
    {
        int rotate = (int)((imm12 >> 7) & 0x1E);
        uint imm8 = imm12 & 0xFF;
        uint value = uint.RotateRight(imm8, rotate);
        int i = 0;
        while (i < 32 && uint.RotateLeft(value, i) > 0xFF)
            i += 2;
        return i != rotate ? $"#{imm8}, {rotate}" : Disassembler.Imm((int)value);
    }

    private static string PsrFields(bool spsr, uint mask)
    {
        string f = ((mask & 8) != 0 ? "f" : "") + ((mask & 4) != 0 ? "s" : "") + ((mask & 2) != 0 ? "x" : "") + ((mask & 1) != 0 ? "c" : "");
        return (spsr ? "SPSR_" : "CPSR_") + f;
    }

    private static string BankedName(in Insn d)
    {
        var mode = (Mode)d.Extra;
        if (d.Ra == 17)
            return "SPSR_" + ModeSuffix(mode);
        if (d.Ra == 16)
            return "ELR_hyp";
        string reg = d.Ra switch { 13 => "SP", 14 => "LR", _ => "R" + d.Ra.ToString(CultureInfo.InvariantCulture) };
        return reg + "_" + ModeSuffix(mode);
    }

    private static string ModeSuffix(Mode m) => m switch
    {
        Mode.User => "usr",
        Mode.Fiq => "fiq",
        Mode.Irq => "irq",
        Mode.Supervisor => "svc",
        Mode.Abort => "abt",
        Mode.Undefined => "und",
        Mode.Monitor => "mon",
        Mode.Hyp => "hyp",
        _ => "sys",
    };

    private static string AddressMode(in Insn d)
    {
        bool p = (d.Flags & (byte)InsnFlags.PreIndex) != 0, u = (d.Flags & (byte)InsnFlags.Add) != 0;
        return (p, u) switch { (false, false) => "da", (false, true) => "ia", (true, false) => "db", _ => "ib" };
    }

    private static string Bang(in Insn d) => (d.Flags & (byte)InsnFlags.WriteBack) != 0 ? "!" : "";

    private static string FormatCps(in Insn d, bool thumb)
    {
        uint f = d.Extra;
        bool changeAif = (f & 1) != 0, disable = (f & 2) != 0, changeMode = (f & 4) != 0;
        string aif = ((f & 0x20) != 0 ? "a" : "") + ((f & 0x10) != 0 ? "i" : "") + ((f & 0x08) != 0 ? "f" : "");
        if (!changeAif)
            return $"cps\t#{d.Imm}";
        string m = disable ? "cpsid" : "cpsie";
        if (changeMode)
            return thumb ? $"{m}\t{aif}, #{d.Imm}" : $"{m}\t{aif},#{d.Imm}";
        // The 32-bit T32 form without a mode change prints ".w" (the 16-bit form exists).
        return d.Size == 4 && thumb ? $"{m}.w\t{aif}" : $"{m}\t{aif}";
    }

    private static string FormatHint(in Insn d, string c, bool thumb)
    {
        uint h = d.Imm;
        bool wide = thumb && d.Size == 4;
        string w = wide ? ".w" : "";
        string? name = h switch
        {
            0 => "nop",
            1 => "yield",
            2 => "wfe",
            3 => "wfi",
            4 => "sev",
            5 => "sevl",
            _ => null,
        };
        if (name != null)
        {
            // objdump prints the A32 NOP as "nop {0}".
            if (h == 0 && !thumb)
                return $"nop{c}\t{{0}}";
            return $"{name}{c}{w}";
        }
        if ((h & 0xF0) == 0xF0)
            return $"dbg{c}\t#{h & 15}";
        if (h == 0x10)
            return $"esb{c}";
        if (h == 0x14 && !thumb)
            return $"csdb{c}";
        return $"nop{c}{w}\t{{{h}}}";
    }
}
