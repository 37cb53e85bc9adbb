using Xenith.Cpu.Arm.Integer;

namespace Xenith.Cpu.Arm;

/// <summary>Executor of the Integer group: data processing, moves and branches, one handler per
/// operation (<see cref="ArmCpu.BuildHandlers"/> installs them).</summary>
public sealed unsafe partial class ArmCpu
{
    private const byte SetFlagsBit = (byte)InsnFlags.SetFlags;

    private static void InstallIntegerHandlers(delegate*<ArmCpu, ref Insn, void>[] h)
    {
        h[(int)IntegerOp.AndImm] = &ExecAndImm;
        h[(int)IntegerOp.AndReg] = &ExecAndReg;
        h[(int)IntegerOp.AndShiftImm] = &ExecAndShiftImm;
        h[(int)IntegerOp.AndShiftReg] = &ExecAndShiftReg;
        h[(int)IntegerOp.EorImm] = &ExecEorImm;
        h[(int)IntegerOp.EorReg] = &ExecEorReg;
        h[(int)IntegerOp.EorShiftImm] = &ExecEorShiftImm;
        h[(int)IntegerOp.EorShiftReg] = &ExecEorShiftReg;
        h[(int)IntegerOp.SubImm] = &ExecSubImm;
        h[(int)IntegerOp.SubReg] = &ExecSubReg;
        h[(int)IntegerOp.SubShiftImm] = &ExecSubShiftImm;
        h[(int)IntegerOp.SubShiftReg] = &ExecSubShiftReg;
        h[(int)IntegerOp.RsbImm] = &ExecRsbImm;
        h[(int)IntegerOp.RsbReg] = &ExecRsbReg;
        h[(int)IntegerOp.RsbShiftImm] = &ExecRsbShiftImm;
        h[(int)IntegerOp.RsbShiftReg] = &ExecRsbShiftReg;
        h[(int)IntegerOp.AddImm] = &ExecAddImm;
        h[(int)IntegerOp.AddReg] = &ExecAddReg;
        h[(int)IntegerOp.AddShiftImm] = &ExecAddShiftImm;
        h[(int)IntegerOp.AddShiftReg] = &ExecAddShiftReg;
        h[(int)IntegerOp.AdcImm] = &ExecAdcImm;
        h[(int)IntegerOp.AdcReg] = &ExecAdcReg;
        h[(int)IntegerOp.AdcShiftImm] = &ExecAdcShiftImm;
        h[(int)IntegerOp.AdcShiftReg] = &ExecAdcShiftReg;
        h[(int)IntegerOp.SbcImm] = &ExecSbcImm;
        h[(int)IntegerOp.SbcReg] = &ExecSbcReg;
        h[(int)IntegerOp.SbcShiftImm] = &ExecSbcShiftImm;
        h[(int)IntegerOp.SbcShiftReg] = &ExecSbcShiftReg;
        h[(int)IntegerOp.RscImm] = &ExecRscImm;
        h[(int)IntegerOp.RscReg] = &ExecRscReg;
        h[(int)IntegerOp.RscShiftImm] = &ExecRscShiftImm;
        h[(int)IntegerOp.RscShiftReg] = &ExecRscShiftReg;
        h[(int)IntegerOp.TstImm] = &ExecTstImm;
        h[(int)IntegerOp.TstReg] = &ExecTstReg;
        h[(int)IntegerOp.TstShiftImm] = &ExecTstShiftImm;
        h[(int)IntegerOp.TstShiftReg] = &ExecTstShiftReg;
        h[(int)IntegerOp.TeqImm] = &ExecTeqImm;
        h[(int)IntegerOp.TeqReg] = &ExecTeqReg;
        h[(int)IntegerOp.TeqShiftImm] = &ExecTeqShiftImm;
        h[(int)IntegerOp.TeqShiftReg] = &ExecTeqShiftReg;
        h[(int)IntegerOp.CmpImm] = &ExecCmpImm;
        h[(int)IntegerOp.CmpReg] = &ExecCmpReg;
        h[(int)IntegerOp.CmpShiftImm] = &ExecCmpShiftImm;
        h[(int)IntegerOp.CmpShiftReg] = &ExecCmpShiftReg;
        h[(int)IntegerOp.CmnImm] = &ExecCmnImm;
        h[(int)IntegerOp.CmnReg] = &ExecCmnReg;
        h[(int)IntegerOp.CmnShiftImm] = &ExecCmnShiftImm;
        h[(int)IntegerOp.CmnShiftReg] = &ExecCmnShiftReg;
        h[(int)IntegerOp.OrrImm] = &ExecOrrImm;
        h[(int)IntegerOp.OrrReg] = &ExecOrrReg;
        h[(int)IntegerOp.OrrShiftImm] = &ExecOrrShiftImm;
        h[(int)IntegerOp.OrrShiftReg] = &ExecOrrShiftReg;
        h[(int)IntegerOp.MovImm] = &ExecMovImm;
        h[(int)IntegerOp.MovReg] = &ExecMovReg;
        h[(int)IntegerOp.MovShiftImm] = &ExecMovShiftImm;
        h[(int)IntegerOp.MovShiftReg] = &ExecMovShiftReg;
        h[(int)IntegerOp.BicImm] = &ExecBicImm;
        h[(int)IntegerOp.BicReg] = &ExecBicReg;
        h[(int)IntegerOp.BicShiftImm] = &ExecBicShiftImm;
        h[(int)IntegerOp.BicShiftReg] = &ExecBicShiftReg;
        h[(int)IntegerOp.MvnImm] = &ExecMvnImm;
        h[(int)IntegerOp.MvnReg] = &ExecMvnReg;
        h[(int)IntegerOp.MvnShiftImm] = &ExecMvnShiftImm;
        h[(int)IntegerOp.MvnShiftReg] = &ExecMvnShiftReg;
        h[(int)IntegerOp.OrnImm] = &ExecOrnImm;
        h[(int)IntegerOp.OrnReg] = &ExecOrnReg;
        h[(int)IntegerOp.OrnShiftImm] = &ExecOrnShiftImm;
        h[(int)IntegerOp.OrnShiftReg] = &ExecOrnShiftReg;
        h[(int)IntegerOp.Movt] = &ExecMovt;
        h[(int)IntegerOp.DpToPc] = &ExecDpToPc;
        h[(int)IntegerOp.B] = &ExecB;
        h[(int)IntegerOp.Bl] = &ExecBl;
        h[(int)IntegerOp.BlxImm] = &ExecBlxImm;
        h[(int)IntegerOp.Bx] = &ExecBx;
        h[(int)IntegerOp.BlxReg] = &ExecBlxReg;
        h[(int)IntegerOp.Cbz] = &ExecCbz;
        h[(int)IntegerOp.Cbnz] = &ExecCbnz;
    }

    private static void ExecAndImm(ArmCpu c, ref Insn d)
    {
        uint[] r = c.R;
        uint v = r[d.Rn] & d.Imm;
        if ((d.Flags & SetFlagsBit) != 0)
            c.DpLogicFlagsImm(ref d, v);
        r[d.Rd] = v;
    }

    private static void ExecAndReg(ArmCpu c, ref Insn d)
    {
        uint[] r = c.R;
        uint v = r[d.Rn] & r[d.Rm];
        if ((d.Flags & SetFlagsBit) != 0)
            c.DpSetNZ(v);
        r[d.Rd] = v;
    }

    private static void ExecAndShiftImm(ArmCpu c, ref Insn d)
    {
        uint[] r = c.R;
        uint v = r[d.Rn] & c.DpShiftImmOperand(ref d);
        if ((d.Flags & SetFlagsBit) != 0)
            c.DpLogicFlagsShiftImm(ref d, v);
        r[d.Rd] = v;
    }

    private static void ExecAndShiftReg(ArmCpu c, ref Insn d)
    {
        uint[] r = c.R;
        uint v = r[d.Rn] & c.DpShiftRegOperand(ref d);
        if ((d.Flags & SetFlagsBit) != 0)
            c.DpLogicFlagsShiftReg(ref d, v);
        r[d.Rd] = v;
    }

    private static void ExecEorImm(ArmCpu c, ref Insn d)
    {
        uint[] r = c.R;
        uint v = r[d.Rn] ^ d.Imm;
        if ((d.Flags & SetFlagsBit) != 0)
            c.DpLogicFlagsImm(ref d, v);
        r[d.Rd] = v;
    }

    private static void ExecEorReg(ArmCpu c, ref Insn d)
    {
        uint[] r = c.R;
        uint v = r[d.Rn] ^ r[d.Rm];
        if ((d.Flags & SetFlagsBit) != 0)
            c.DpSetNZ(v);
        r[d.Rd] = v;
    }

    private static void ExecEorShiftImm(ArmCpu c, ref Insn d)
    {
        uint[] r = c.R;
        uint v = r[d.Rn] ^ c.DpShiftImmOperand(ref d);
        if ((d.Flags & SetFlagsBit) != 0)
            c.DpLogicFlagsShiftImm(ref d, v);
        r[d.Rd] = v;
    }

    private static void ExecEorShiftReg(ArmCpu c, ref Insn d)
    {
        uint[] r = c.R;
        uint v = r[d.Rn] ^ c.DpShiftRegOperand(ref d);
        if ((d.Flags & SetFlagsBit) != 0)
            c.DpLogicFlagsShiftReg(ref d, v);
        r[d.Rd] = v;
    }

    private static void ExecSubImm(ArmCpu c, ref Insn d)
    {
        uint[] r = c.R;
        c.DpSub(ref d, r[d.Rn], d.Imm);
    }

    private static void ExecSubReg(ArmCpu c, ref Insn d)
    {
        uint[] r = c.R;
        c.DpSub(ref d, r[d.Rn], r[d.Rm]);
    }

    private static void ExecSubShiftImm(ArmCpu c, ref Insn d)
    {
        uint[] r = c.R;
        c.DpSub(ref d, r[d.Rn], c.DpShiftImmOperand(ref d));
    }

    private static void ExecSubShiftReg(ArmCpu c, ref Insn d)
    {
        uint[] r = c.R;
        c.DpSub(ref d, r[d.Rn], c.DpShiftRegOperand(ref d));
    }

    private static void ExecRsbImm(ArmCpu c, ref Insn d)
    {
        uint[] r = c.R;
        c.DpRsb(ref d, r[d.Rn], d.Imm);
    }

    private static void ExecRsbReg(ArmCpu c, ref Insn d)
    {
        uint[] r = c.R;
        c.DpRsb(ref d, r[d.Rn], r[d.Rm]);
    }

    private static void ExecRsbShiftImm(ArmCpu c, ref Insn d)
    {
        uint[] r = c.R;
        c.DpRsb(ref d, r[d.Rn], c.DpShiftImmOperand(ref d));
    }

    private static void ExecRsbShiftReg(ArmCpu c, ref Insn d)
    {
        uint[] r = c.R;
        c.DpRsb(ref d, r[d.Rn], c.DpShiftRegOperand(ref d));
    }

    private static void ExecAddImm(ArmCpu c, ref Insn d)
    {
        uint[] r = c.R;
        c.DpAdd(ref d, r[d.Rn], d.Imm);
    }

    private static void ExecAddReg(ArmCpu c, ref Insn d)
    {
        uint[] r = c.R;
        c.DpAdd(ref d, r[d.Rn], r[d.Rm]);
    }

    private static void ExecAddShiftImm(ArmCpu c, ref Insn d)
    {
        uint[] r = c.R;
        c.DpAdd(ref d, r[d.Rn], c.DpShiftImmOperand(ref d));
    }

    private static void ExecAddShiftReg(ArmCpu c, ref Insn d)
    {
        uint[] r = c.R;
        c.DpAdd(ref d, r[d.Rn], c.DpShiftRegOperand(ref d));
    }

    private static void ExecAdcImm(ArmCpu c, ref Insn d)
    {
        uint[] r = c.R;
        c.DpAdc(ref d, r[d.Rn], d.Imm);
    }

    private static void ExecAdcReg(ArmCpu c, ref Insn d)
    {
        uint[] r = c.R;
        c.DpAdc(ref d, r[d.Rn], r[d.Rm]);
    }

    private static void ExecAdcShiftImm(ArmCpu c, ref Insn d)
    {
        uint[] r = c.R;
        c.DpAdc(ref d, r[d.Rn], c.DpShiftImmOperand(ref d));
    }

    private static void ExecAdcShiftReg(ArmCpu c, ref Insn d)
    {
        uint[] r = c.R;
        c.DpAdc(ref d, r[d.Rn], c.DpShiftRegOperand(ref d));
    }

    private static void ExecSbcImm(ArmCpu c, ref Insn d)
    {
        uint[] r = c.R;
        c.DpSbc(ref d, r[d.Rn], d.Imm);
    }

    private static void ExecSbcReg(ArmCpu c, ref Insn d)
    {
        uint[] r = c.R;
        c.DpSbc(ref d, r[d.Rn], r[d.Rm]);
    }

    private static void ExecSbcShiftImm(ArmCpu c, ref Insn d)
    {
        uint[] r = c.R;
        c.DpSbc(ref d, r[d.Rn], c.DpShiftImmOperand(ref d));
    }

    private static void ExecSbcShiftReg(ArmCpu c, ref Insn d)
    {
        uint[] r = c.R;
        c.DpSbc(ref d, r[d.Rn], c.DpShiftRegOperand(ref d));
    }

    private static void ExecRscImm(ArmCpu c, ref Insn d)
    {
        uint[] r = c.R;
        c.DpRsc(ref d, r[d.Rn], d.Imm);
    }

    private static void ExecRscReg(ArmCpu c, ref Insn d)
    {
        uint[] r = c.R;
        c.DpRsc(ref d, r[d.Rn], r[d.Rm]);
    }

    private static void ExecRscShiftImm(ArmCpu c, ref Insn d)
    {
        uint[] r = c.R;
        c.DpRsc(ref d, r[d.Rn], c.DpShiftImmOperand(ref d));
    }

    private static void ExecRscShiftReg(ArmCpu c, ref Insn d)
    {
        uint[] r = c.R;
        c.DpRsc(ref d, r[d.Rn], c.DpShiftRegOperand(ref d));
    }

    private static void ExecTstImm(ArmCpu c, ref Insn d)
    {
        uint[] r = c.R;
        uint v = r[d.Rn] & d.Imm;
        c.DpLogicFlagsImm(ref d, v);
    }

    private static void ExecTstReg(ArmCpu c, ref Insn d)
    {
        uint[] r = c.R;
        uint v = r[d.Rn] & r[d.Rm];
        c.DpSetNZ(v);
    }

    private static void ExecTstShiftImm(ArmCpu c, ref Insn d)
    {
        uint[] r = c.R;
        uint v = r[d.Rn] & c.DpShiftImmOperand(ref d);
        c.DpLogicFlagsShiftImm(ref d, v);
    }

    private static void ExecTstShiftReg(ArmCpu c, ref Insn d)
    {
        uint[] r = c.R;
        uint v = r[d.Rn] & c.DpShiftRegOperand(ref d);
        c.DpLogicFlagsShiftReg(ref d, v);
    }

    private static void ExecTeqImm(ArmCpu c, ref Insn d)
    {
        uint[] r = c.R;
        uint v = r[d.Rn] ^ d.Imm;
        c.DpLogicFlagsImm(ref d, v);
    }

    private static void ExecTeqReg(ArmCpu c, ref Insn d)
    {
        uint[] r = c.R;
        uint v = r[d.Rn] ^ r[d.Rm];
        c.DpSetNZ(v);
    }

    private static void ExecTeqShiftImm(ArmCpu c, ref Insn d)
    {
        uint[] r = c.R;
        uint v = r[d.Rn] ^ c.DpShiftImmOperand(ref d);
        c.DpLogicFlagsShiftImm(ref d, v);
    }

    private static void ExecTeqShiftReg(ArmCpu c, ref Insn d)
    {
        uint[] r = c.R;
        uint v = r[d.Rn] ^ c.DpShiftRegOperand(ref d);
        c.DpLogicFlagsShiftReg(ref d, v);
    }

    private static void ExecCmpImm(ArmCpu c, ref Insn d)
    {
        uint[] r = c.R;
        c.DpCmp(ref d, r[d.Rn], d.Imm);
    }

    private static void ExecCmpReg(ArmCpu c, ref Insn d)
    {
        uint[] r = c.R;
        c.DpCmp(ref d, r[d.Rn], r[d.Rm]);
    }

    private static void ExecCmpShiftImm(ArmCpu c, ref Insn d)
    {
        uint[] r = c.R;
        c.DpCmp(ref d, r[d.Rn], c.DpShiftImmOperand(ref d));
    }

    private static void ExecCmpShiftReg(ArmCpu c, ref Insn d)
    {
        uint[] r = c.R;
        c.DpCmp(ref d, r[d.Rn], c.DpShiftRegOperand(ref d));
    }

    private static void ExecCmnImm(ArmCpu c, ref Insn d)
    {
        uint[] r = c.R;
        c.DpCmn(ref d, r[d.Rn], d.Imm);
    }

    private static void ExecCmnReg(ArmCpu c, ref Insn d)
    {
        uint[] r = c.R;
        c.DpCmn(ref d, r[d.Rn], r[d.Rm]);
    }

    private static void ExecCmnShiftImm(ArmCpu c, ref Insn d)
    {
        uint[] r = c.R;
        c.DpCmn(ref d, r[d.Rn], c.DpShiftImmOperand(ref d));
    }

    private static void ExecCmnShiftReg(ArmCpu c, ref Insn d)
    {
        uint[] r = c.R;
        c.DpCmn(ref d, r[d.Rn], c.DpShiftRegOperand(ref d));
    }

    private static void ExecOrrImm(ArmCpu c, ref Insn d)
    {
        uint[] r = c.R;
        uint v = r[d.Rn] | d.Imm;
        if ((d.Flags & SetFlagsBit) != 0)
            c.DpLogicFlagsImm(ref d, v);
        r[d.Rd] = v;
    }

    private static void ExecOrrReg(ArmCpu c, ref Insn d)
    {
        uint[] r = c.R;
        uint v = r[d.Rn] | r[d.Rm];
        if ((d.Flags & SetFlagsBit) != 0)
            c.DpSetNZ(v);
        r[d.Rd] = v;
    }

    private static void ExecOrrShiftImm(ArmCpu c, ref Insn d)
    {
        uint[] r = c.R;
        uint v = r[d.Rn] | c.DpShiftImmOperand(ref d);
        if ((d.Flags & SetFlagsBit) != 0)
            c.DpLogicFlagsShiftImm(ref d, v);
        r[d.Rd] = v;
    }

    private static void ExecOrrShiftReg(ArmCpu c, ref Insn d)
    {
        uint[] r = c.R;
        uint v = r[d.Rn] | c.DpShiftRegOperand(ref d);
        if ((d.Flags & SetFlagsBit) != 0)
            c.DpLogicFlagsShiftReg(ref d, v);
        r[d.Rd] = v;
    }

    private static void ExecMovImm(ArmCpu c, ref Insn d)
    {
        uint[] r = c.R;
        uint v = d.Imm;
        if ((d.Flags & SetFlagsBit) != 0)
            c.DpLogicFlagsImm(ref d, v);
        r[d.Rd] = v;
    }

    private static void ExecMovReg(ArmCpu c, ref Insn d)
    {
        uint[] r = c.R;
        uint v = r[d.Rm];
        if ((d.Flags & SetFlagsBit) != 0)
            c.DpSetNZ(v);
        r[d.Rd] = v;
    }

    private static void ExecMovShiftImm(ArmCpu c, ref Insn d)
    {
        uint[] r = c.R;
        uint v = c.DpShiftImmOperand(ref d);
        if ((d.Flags & SetFlagsBit) != 0)
            c.DpLogicFlagsShiftImm(ref d, v);
        r[d.Rd] = v;
    }

    private static void ExecMovShiftReg(ArmCpu c, ref Insn d)
    {
        uint[] r = c.R;
        uint v = c.DpShiftRegOperand(ref d);
        if ((d.Flags & SetFlagsBit) != 0)
            c.DpLogicFlagsShiftReg(ref d, v);
        r[d.Rd] = v;
    }

    private static void ExecBicImm(ArmCpu c, ref Insn d)
    {
        uint[] r = c.R;
        uint v = r[d.Rn] & ~d.Imm;
        if ((d.Flags & SetFlagsBit) != 0)
            c.DpLogicFlagsImm(ref d, v);
        r[d.Rd] = v;
    }

    private static void ExecBicReg(ArmCpu c, ref Insn d)
    {
        uint[] r = c.R;
        uint v = r[d.Rn] & ~r[d.Rm];
        if ((d.Flags & SetFlagsBit) != 0)
            c.DpSetNZ(v);
        r[d.Rd] = v;
    }

    private static void ExecBicShiftImm(ArmCpu c, ref Insn d)
    {
        uint[] r = c.R;
        uint v = r[d.Rn] & ~c.DpShiftImmOperand(ref d);
        if ((d.Flags & SetFlagsBit) != 0)
            c.DpLogicFlagsShiftImm(ref d, v);
        r[d.Rd] = v;
    }

    private static void ExecBicShiftReg(ArmCpu c, ref Insn d)
    {
        uint[] r = c.R;
        uint v = r[d.Rn] & ~c.DpShiftRegOperand(ref d);
        if ((d.Flags & SetFlagsBit) != 0)
            c.DpLogicFlagsShiftReg(ref d, v);
        r[d.Rd] = v;
    }

    private static void ExecMvnImm(ArmCpu c, ref Insn d)
    {
        uint[] r = c.R;
        uint v = ~d.Imm;
        if ((d.Flags & SetFlagsBit) != 0)
            c.DpLogicFlagsImm(ref d, v);
        r[d.Rd] = v;
    }

    private static void ExecMvnReg(ArmCpu c, ref Insn d)
    {
        uint[] r = c.R;
        uint v = ~r[d.Rm];
        if ((d.Flags & SetFlagsBit) != 0)
            c.DpSetNZ(v);
        r[d.Rd] = v;
    }

    private static void ExecMvnShiftImm(ArmCpu c, ref Insn d)
    {
        uint[] r = c.R;
        uint v = ~c.DpShiftImmOperand(ref d);
        if ((d.Flags & SetFlagsBit) != 0)
            c.DpLogicFlagsShiftImm(ref d, v);
        r[d.Rd] = v;
    }

    private static void ExecMvnShiftReg(ArmCpu c, ref Insn d)
    {
        uint[] r = c.R;
        uint v = ~c.DpShiftRegOperand(ref d);
        if ((d.Flags & SetFlagsBit) != 0)
            c.DpLogicFlagsShiftReg(ref d, v);
        r[d.Rd] = v;
    }

    private static void ExecOrnImm(ArmCpu c, ref Insn d)
    {
        uint[] r = c.R;
        uint v = r[d.Rn] | ~d.Imm;
        if ((d.Flags & SetFlagsBit) != 0)
            c.DpLogicFlagsImm(ref d, v);
        r[d.Rd] = v;
    }

    private static void ExecOrnReg(ArmCpu c, ref Insn d)
    {
        uint[] r = c.R;
        uint v = r[d.Rn] | ~r[d.Rm];
        if ((d.Flags & SetFlagsBit) != 0)
            c.DpSetNZ(v);
        r[d.Rd] = v;
    }

    private static void ExecOrnShiftImm(ArmCpu c, ref Insn d)
    {
        uint[] r = c.R;
        uint v = r[d.Rn] | ~c.DpShiftImmOperand(ref d);
        if ((d.Flags & SetFlagsBit) != 0)
            c.DpLogicFlagsShiftImm(ref d, v);
        r[d.Rd] = v;
    }

    private static void ExecOrnShiftReg(ArmCpu c, ref Insn d)
    {
        uint[] r = c.R;
        uint v = r[d.Rn] | ~c.DpShiftRegOperand(ref d);
        if ((d.Flags & SetFlagsBit) != 0)
            c.DpLogicFlagsShiftReg(ref d, v);
        r[d.Rd] = v;
    }

    private static void ExecMovt(ArmCpu c, ref Insn d)
    {
        uint[] r = c.R;
        r[d.Rd] = (r[d.Rd] & 0xFFFF) | (d.Imm << 16);
    }

    private static void ExecDpToPc(ArmCpu c, ref Insn d)
    {
        c.DpToPc(ref d);
    }

    private static void ExecB(ArmCpu c, ref Insn d)
    {
        c.BranchTo(d.Imm);
    }

    private static void ExecBl(ArmCpu c, ref Insn d)
    {
        uint[] r = c.R;
        r[14] = c.DpLinkAddress(ref d);
        c.BranchTo(d.Imm);
    }

    private static void ExecBlxImm(ArmCpu c, ref Insn d)
    {
        uint[] r = c.R;
        r[14] = c.DpLinkAddress(ref d);
        c.BranchExchange(d.Imm);
    }

    private static void ExecBx(ArmCpu c, ref Insn d)
    {
        uint[] r = c.R;
        c.BranchExchange(r[d.Rm]);
    }

    private static void ExecBlxReg(ArmCpu c, ref Insn d)
    {
        uint[] r = c.R;
        uint target = r[d.Rm];
        r[14] = c.DpLinkAddress(ref d);
        c.BranchExchange(target);
    }

    private static void ExecCbz(ArmCpu c, ref Insn d)
    {
        uint[] r = c.R;
        if (r[d.Rn] == 0)
            c.BranchTo(d.Imm);
    }

    private static void ExecCbnz(ArmCpu c, ref Insn d)
    {
        uint[] r = c.R;
        if (r[d.Rn] != 0)
            c.BranchTo(d.Imm);
    }
}
