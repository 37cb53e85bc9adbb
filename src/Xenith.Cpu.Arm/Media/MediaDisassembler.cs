using static Xenith.Cpu.Arm.Disassembler;

namespace Xenith.Cpu.Arm.Media;

/// <summary>Disassembly of <see cref="OpGroup.Media"/> instructions.</summary>
public static class MediaDisassembler
{
    private static readonly string[] ParallelPrefixes = ["s", "q", "sh", "u", "uq", "uh"];
    private static readonly string[] ParallelOps = ["add16", "asx", "sax", "sub16", "add8", "sub8"];

    /// <summary>GNU objdump-style text ("mnemonic\toperands"), or null if the operation is unknown.</summary>
    public static string? Format(in Insn d)
    {
        string c = Cond(in d);
        // objdump marks 32-bit T32 encodings of instructions that also have a 16-bit form.
        string w = (d.Flags & MediaDecoder.FlagT32) != 0 ? ".w" : "";
        string rd = Reg(d.Rd), rn = Reg(d.Rn), rm = Reg(d.Rm), ra = Reg(d.Ra);
        // T32 REV, REV16, RBIT, REVSH and CLZ encode Rm twice; objdump shows the hw1 copy, kept in Ra.
        string rm2 = w.Length != 0 ? ra : rm;
        string s = (d.Flags & (byte)InsnFlags.SetFlags) != 0 ? "s" : "";
        string xy = (d.Extra & 1) != 0 ? "t" : "b";
        string y = (d.Extra & 2) != 0 ? "t" : "b";
        string x = (d.Extra & 1) != 0 ? "x" : "";
        string r = (d.Extra & 1) != 0 ? "r" : "";
        string ror = d.ShiftAmount != 0 ? $", ror #{d.ShiftAmount}" : "";
        switch ((MediaOp)d.Op)
        {
            case MediaOp.Mul:
                if (d.Size == 2)
                    return $"mul{s}{c}\t{rd}, {rn}{(d.Rd == d.Rm ? "" : ", " + rm)}";
                return $"mul{s}{c}{w}\t{rd}, {rn}, {rm}";
            case MediaOp.Mla: return $"mla{s}{c}\t{rd}, {rn}, {rm}, {ra}";
            case MediaOp.Mls: return $"mls{c}\t{rd}, {rn}, {rm}, {ra}";
            case MediaOp.Umull: return $"umull{s}{c}\t{rd}, {ra}, {rn}, {rm}";
            case MediaOp.Umlal: return $"umlal{s}{c}\t{rd}, {ra}, {rn}, {rm}";
            case MediaOp.Smull: return $"smull{s}{c}\t{rd}, {ra}, {rn}, {rm}";
            case MediaOp.Smlal: return $"smlal{s}{c}\t{rd}, {ra}, {rn}, {rm}";
            case MediaOp.Umaal: return $"umaal{c}\t{rd}, {ra}, {rn}, {rm}";
            case MediaOp.Smlaxy: return $"smla{xy}{y}{c}\t{rd}, {rn}, {rm}, {ra}";
            case MediaOp.Smulxy: return $"smul{xy}{y}{c}\t{rd}, {rn}, {rm}";
            case MediaOp.Smlawy: return $"smlaw{y}{c}\t{rd}, {rn}, {rm}, {ra}";
            case MediaOp.Smulwy: return $"smulw{y}{c}\t{rd}, {rn}, {rm}";
            case MediaOp.Smlalxy: return $"smlal{xy}{y}{c}\t{rd}, {ra}, {rn}, {rm}";
            case MediaOp.Qadd: return $"qadd{c}\t{rd}, {rm}, {rn}";
            case MediaOp.Qsub: return $"qsub{c}\t{rd}, {rm}, {rn}";
            case MediaOp.Qdadd: return $"qdadd{c}\t{rd}, {rm}, {rn}";
            case MediaOp.Qdsub: return $"qdsub{c}\t{rd}, {rm}, {rn}";
            case MediaOp.Clz: return $"clz{c}\t{rd}, {rm2}";
            case MediaOp.Parallel:
            {
                int prefix = d.Extra >> 4, op = d.Extra & 0xF;
                if (prefix >= ParallelPrefixes.Length || op >= ParallelOps.Length)
                    return null;
                return $"{ParallelPrefixes[prefix]}{ParallelOps[op]}{c}\t{rd}, {rn}, {rm}";
            }
            case MediaOp.Pkhbt:
                return $"pkhbt{c}\t{rd}, {rn}, {rm}{(d.ShiftAmount != 0 ? $", lsl #{d.ShiftAmount}" : "")}";
            case MediaOp.Pkhtb:
                return $"pkhtb{c}\t{rd}, {rn}, {rm}, asr #{d.ShiftAmount}";
            case MediaOp.Ssat:
            case MediaOp.Usat:
            {
                string shift = d.ShiftAmount == 0 && d.ShiftType == (byte)ShiftType.Lsl ? ""
                    : $", {(d.ShiftType == (byte)ShiftType.Asr ? "asr" : "lsl")} #{d.ShiftAmount & 31}"; // objdump shows ASR #32 as its encoding, #0
                return $"{((MediaOp)d.Op == MediaOp.Ssat ? "ssat" : "usat")}{c}\t{rd}, #{d.Imm}, {rn}{shift}";
            }
            case MediaOp.Ssat16: return $"ssat16{c}\t{rd}, #{d.Imm}, {rn}";
            case MediaOp.Usat16: return $"usat16{c}\t{rd}, #{d.Imm}, {rn}";
            case MediaOp.Sxtab: return $"sxtab{c}\t{rd}, {rn}, {rm}{ror}";
            case MediaOp.Sxtab16: return $"sxtab16{c}\t{rd}, {rn}, {rm}{ror}";
            case MediaOp.Sxtah: return $"sxtah{c}\t{rd}, {rn}, {rm}{ror}";
            case MediaOp.Uxtab: return $"uxtab{c}\t{rd}, {rn}, {rm}{ror}";
            case MediaOp.Uxtab16:
                // binutils' A32 table spells this one rotation in upper case.
                if (d.ShiftAmount == 24 && w.Length == 0)
                    ror = ", ROR #24";
                return $"uxtab16{c}\t{rd}, {rn}, {rm}{ror}";
            case MediaOp.Uxtah: return $"uxtah{c}\t{rd}, {rn}, {rm}{ror}";
            case MediaOp.Sxtb: return $"sxtb{c}{w}\t{rd}, {rm}{ror}";
            case MediaOp.Sxth: return $"sxth{c}{w}\t{rd}, {rm}{ror}";
            case MediaOp.Uxtb: return $"uxtb{c}{w}\t{rd}, {rm}{ror}";
            case MediaOp.Uxth: return $"uxth{c}{w}\t{rd}, {rm}{ror}";
            case MediaOp.Sxtb16: return $"sxtb16{c}\t{rd}, {rm}{ror}";
            case MediaOp.Uxtb16: return $"uxtb16{c}\t{rd}, {rm}{ror}";
            case MediaOp.Sel: return $"sel{c}\t{rd}, {rn}, {rm}";
            case MediaOp.Rev: return $"rev{c}{w}\t{rd}, {rm2}";
            case MediaOp.Rev16: return $"rev16{c}{w}\t{rd}, {rm2}";
            case MediaOp.Rbit: return $"rbit{c}\t{rd}, {rm2}";
            case MediaOp.Revsh: return $"revsh{c}{w}\t{rd}, {rm2}";
            case MediaOp.Smlad: return $"smlad{x}{c}\t{rd}, {rn}, {rm}, {ra}";
            case MediaOp.Smuad: return $"smuad{x}{c}\t{rd}, {rn}, {rm}";
            case MediaOp.Smlsd: return $"smlsd{x}{c}\t{rd}, {rn}, {rm}, {ra}";
            case MediaOp.Smusd: return $"smusd{x}{c}\t{rd}, {rn}, {rm}";
            case MediaOp.Smlald: return $"smlald{x}{c}\t{rd}, {ra}, {rn}, {rm}";
            case MediaOp.Smlsld: return $"smlsld{x}{c}\t{rd}, {ra}, {rn}, {rm}";
            case MediaOp.Smmla: return $"smmla{r}{c}\t{rd}, {rn}, {rm}, {ra}";
            case MediaOp.Smmls: return $"smmls{r}{c}\t{rd}, {rn}, {rm}, {ra}";
            case MediaOp.Smmul: return $"smmul{r}{c}\t{rd}, {rn}, {rm}";
            case MediaOp.Sdiv: return $"sdiv{c}\t{rd}, {rn}, {rm}";
            case MediaOp.Udiv: return $"udiv{c}\t{rd}, {rn}, {rm}";
            case MediaOp.Usad8: return $"usad8{c}\t{rd}, {rn}, {rm}";
            case MediaOp.Usada8: return $"usada8{c}\t{rd}, {rn}, {rm}, {ra}";
            case MediaOp.Sbfx: return $"sbfx{c}\t{rd}, {rn}, #{d.ShiftAmount}, #{d.Extra}";
            case MediaOp.Ubfx: return $"ubfx{c}\t{rd}, {rn}, #{d.ShiftAmount}, #{d.Extra}";
            case MediaOp.Bfi: return $"bfi{c}\t{rd}, {rn}, #{d.ShiftAmount}, #{d.Extra - d.ShiftAmount + 1}";
            case MediaOp.Bfc: return $"bfc{c}\t{rd}, #{d.ShiftAmount}, #{d.Extra - d.ShiftAmount + 1}";
            default: return null;
        }
    }
}
