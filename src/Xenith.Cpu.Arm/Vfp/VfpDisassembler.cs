namespace Xenith.Cpu.Arm.Vfp;

/// <summary>Disassembly of <see cref="OpGroup.Vfp"/> instructions, as GNU objdump prints them (comments omitted).</summary>
public static class VfpDisassembler
{
    /// <summary>GNU objdump-style text ("mnemonic\toperands"), or null if the operation is unknown.</summary>
    public static string? Format(in Insn d)
    {
        VfpOp op = (VfpOp)d.Op;
        string c = Disassembler.Cond(in d);
        bool dp = ((int)op & 1) != 0;
        string ty = dp ? ".f64" : ".f32";
        switch (op)
        {
            case >= VfpOp.VmlaF32 and <= VfpOp.VfnmsF64:
                return Mnemonic3(op) + c + ty + "\t" + R(d.Rd, dp) + ", " + R(d.Rn, dp) + ", " + R(d.Rm, dp);
            case VfpOp.VmovImmF32:
            case VfpOp.VmovImmF64:
                return "vmov" + c + ty + "\t" + R(d.Rd, dp) + ", #" + d.Extra;
            case >= VfpOp.VmovRegF32 and <= VfpOp.VsqrtF64:
                return Mnemonic2(op) + c + ty + "\t" + R(d.Rd, dp) + ", " + R(d.Rm, dp);
            case VfpOp.VcmpF32:
            case VfpOp.VcmpF64:
            {
                string m = (d.Flags & (byte)VfpFlags.Signal) != 0 ? "vcmpe" : "vcmp";
                string rhs = (d.Flags & (byte)VfpFlags.WithZero) != 0 ? "#0.0" : R(d.Rm, dp);
                return m + c + ty + "\t" + R(d.Rd, dp) + ", " + rhs;
            }
            case VfpOp.VcvtF64F32: return "vcvt" + c + ".f64.f32\t" + R(d.Rd, true) + ", " + R(d.Rm, false);
            case VfpOp.VcvtF32F64: return "vcvt" + c + ".f32.f64\t" + R(d.Rd, false) + ", " + R(d.Rm, true);
            case VfpOp.VcvtF32F16:
            case VfpOp.VcvtF16F32:
            {
                string m = (d.Flags & (byte)VfpFlags.Top) != 0 ? "vcvtt" : "vcvtb";
                string types = op == VfpOp.VcvtF32F16 ? ".f32.f16" : ".f16.f32";
                return m + c + types + "\t" + R(d.Rd, false) + ", " + R(d.Rm, false);
            }
            case VfpOp.VcvtToIntF32:
            case VfpOp.VcvtToIntF64:
            {
                string m = (d.Flags & (byte)VfpFlags.RoundZero) != 0 ? "vcvt" : "vcvtr";
                return m + c + IntType(d, 32) + ty + "\t" + R(d.Rd, false) + ", " + R(d.Rm, dp);
            }
            case VfpOp.VcvtFromIntF32:
            case VfpOp.VcvtFromIntF64:
                return "vcvt" + c + ty + IntType(d, 32) + "\t" + R(d.Rd, dp) + ", " + R(d.Rm, false);
            case VfpOp.VcvtToFixedF32:
            case VfpOp.VcvtToFixedF64:
                return "vcvt" + c + IntType(d, d.Extra) + ty + "\t" + R(d.Rd, dp) + ", " + R(d.Rd, dp) + ", #" + d.Imm;
            case VfpOp.VcvtFromFixedF32:
            case VfpOp.VcvtFromFixedF64:
                return "vcvt" + c + ty + IntType(d, d.Extra) + "\t" + R(d.Rd, dp) + ", " + R(d.Rd, dp) + ", #" + d.Imm;
            case VfpOp.VldrS:
            case VfpOp.VldrD:
            case VfpOp.VstrS:
            case VfpOp.VstrD:
            {
                string m = op is VfpOp.VldrS or VfpOp.VldrD ? "vldr" : "vstr";
                bool isD = op is VfpOp.VldrD or VfpOp.VstrD;
                string addr = "[" + Disassembler.Reg(d.Rn);
                if ((d.Flags & (byte)InsnFlags.Add) == 0)
                    addr += ", #-" + (uint)-(int)d.Imm;
                else if (d.Imm != 0)
                    addr += ", #" + d.Imm;
                return m + c + "\t" + R(d.Rd, isD) + ", " + addr + "]";
            }
            case VfpOp.VldmS:
            case VfpOp.VldmD:
            case VfpOp.VstmS:
            case VfpOp.VstmD:
                return FormatMultiple(in d, c);
            case VfpOp.VmovToS: return "vmov" + c + "\t" + R(d.Rn, false) + ", " + Disassembler.Reg(d.Rd);
            case VfpOp.VmovFromS: return "vmov" + c + "\t" + Disassembler.Reg(d.Rd) + ", " + R(d.Rn, false);
            case VfpOp.VmovToD:
                return "vmov" + c + "\t" + R(d.Rn, true) + ", " + Disassembler.Reg(d.Rd) + ", " + Disassembler.Reg(d.Ra);
            case VfpOp.VmovFromD:
                return "vmov" + c + "\t" + Disassembler.Reg(d.Rd) + ", " + Disassembler.Reg(d.Ra) + ", " + R(d.Rn, true);
            case VfpOp.VmovTo2S:
                return "vmov" + c + "\t" + R(d.Rn, false) + ", " + R(d.Rn + 1, false) + ", " + Disassembler.Reg(d.Rd) + ", " + Disassembler.Reg(d.Ra);
            case VfpOp.VmovFrom2S:
                return "vmov" + c + "\t" + Disassembler.Reg(d.Rd) + ", " + Disassembler.Reg(d.Ra) + ", " + R(d.Rn, false) + ", " + R(d.Rn + 1, false);
            case VfpOp.VmovToScalar:
                return "vmov" + c + ".32\t" + R(d.Rn, true) + "[" + d.Imm + "], " + Disassembler.Reg(d.Rd);
            case VfpOp.VmovFromScalar:
                return "vmov" + c + ".32\t" + Disassembler.Reg(d.Rd) + ", " + R(d.Rn, true) + "[" + d.Imm + "]";
            case VfpOp.Vmrs:
            {
                string rt = d.Rd == 15 && d.Rn == VfpSysReg.Fpscr ? "APSR_nzcv" : Disassembler.Reg(d.Rd);
                return "vmrs" + c + "\t" + rt + ", " + SysRegName(d.Rn);
            }
            case VfpOp.Vmsr:
                return "vmsr" + c + "\t" + SysRegName(d.Rn) + ", " + Disassembler.Reg(d.Rd);
            default:
                return null;
        }
    }

    private static string R(int n, bool dp) => (dp ? "d" : "s") + n;

    private static string IntType(in Insn d, int size) =>
        ((d.Flags & (byte)VfpFlags.Unsigned) != 0 ? ".u" : ".s") + size;

    private static string SysRegName(int reg) => reg switch
    {
        VfpSysReg.Fpsid => "fpsid",
        VfpSysReg.Fpscr => "fpscr",
        VfpSysReg.Mvfr1 => "mvfr1",
        VfpSysReg.Mvfr0 => "mvfr0",
        VfpSysReg.Fpexc => "fpexc",
        _ => "<und>",
    };

    private static string Mnemonic3(VfpOp op) => (((int)op - (int)VfpOp.VmlaF32) / 2) switch
    {
        0 => "vmla",
        1 => "vmls",
        2 => "vnmla",
        3 => "vnmls",
        4 => "vmul",
        5 => "vnmul",
        6 => "vadd",
        7 => "vsub",
        8 => "vdiv",
        9 => "vfma",
        10 => "vfms",
        11 => "vfnma",
        _ => "vfnms",
    };

    private static string Mnemonic2(VfpOp op) => (((int)op - (int)VfpOp.VmovRegF32) / 2) switch
    {
        0 => "vmov",
        1 => "vabs",
        2 => "vneg",
        _ => "vsqrt",
    };

    /// <summary>VLDM/VSTM as objdump names them: vpush/vpop for SP with write-back, fldmx/fstmx for odd imm8 with doubles.</summary>
    private static string FormatMultiple(in Insn d, string c)
    {
        VfpOp op = (VfpOp)d.Op;
        bool load = op is VfpOp.VldmS or VfpOp.VldmD;
        bool isD = op is VfpOp.VldmD or VfpOp.VstmD;
        bool ia = (d.Flags & (byte)InsnFlags.Add) != 0;
        bool wb = (d.Flags & (byte)InsnFlags.WriteBack) != 0;
        string list = "{" + R(d.Rd, isD) + (d.Extra > 1 ? "-" + R(d.Rd + d.Extra - 1, isD) : "") + "}";
        if (d.Rn == 13 && wb && (load ? ia : !ia) && !(isD && (d.Imm & 4) != 0))
            return (load ? "vpop" : "vpush") + c + "\t" + list;
        string m = isD && (d.Imm & 4) != 0
            ? (load ? "fldm" : "fstm") + (ia ? "iax" : "dbx") + c
            : (load ? "vldm" : "vstm") + (ia ? "ia" : "db") + c;
        return m + "\t" + Disassembler.Reg(d.Rn) + (wb ? "!" : "") + ", " + list;
    }
}
