using Xenith.Cpu.Arm.Integer;

namespace Xenith.Cpu.Arm;

/// <summary>Executor of the Integer group: data processing, moves and branches.</summary>
public sealed partial class ArmCpu
{
    private void ExecInteger(ref Insn d)
    {
        const byte S = (byte)InsnFlags.SetFlags;
        uint[] r = R;
        switch ((IntegerOp)d.Op)
        {
            case IntegerOp.AndImm: { uint v = r[d.Rn] & d.Imm; if ((d.Flags & S) != 0) DpLogicFlagsImm(ref d, v); r[d.Rd] = v; return; }
            case IntegerOp.AndReg: { uint v = r[d.Rn] & r[d.Rm]; if ((d.Flags & S) != 0) DpSetNZ(v); r[d.Rd] = v; return; }
            case IntegerOp.AndShiftImm: { uint v = r[d.Rn] & DpShiftImmOperand(ref d); if ((d.Flags & S) != 0) DpLogicFlagsShiftImm(ref d, v); r[d.Rd] = v; return; }
            case IntegerOp.AndShiftReg: { uint v = r[d.Rn] & DpShiftRegOperand(ref d); if ((d.Flags & S) != 0) DpLogicFlagsShiftReg(ref d, v); r[d.Rd] = v; return; }
            case IntegerOp.EorImm: { uint v = r[d.Rn] ^ d.Imm; if ((d.Flags & S) != 0) DpLogicFlagsImm(ref d, v); r[d.Rd] = v; return; }
            case IntegerOp.EorReg: { uint v = r[d.Rn] ^ r[d.Rm]; if ((d.Flags & S) != 0) DpSetNZ(v); r[d.Rd] = v; return; }
            case IntegerOp.EorShiftImm: { uint v = r[d.Rn] ^ DpShiftImmOperand(ref d); if ((d.Flags & S) != 0) DpLogicFlagsShiftImm(ref d, v); r[d.Rd] = v; return; }
            case IntegerOp.EorShiftReg: { uint v = r[d.Rn] ^ DpShiftRegOperand(ref d); if ((d.Flags & S) != 0) DpLogicFlagsShiftReg(ref d, v); r[d.Rd] = v; return; }
            case IntegerOp.SubImm: DpSub(ref d, r[d.Rn], d.Imm); return;
            case IntegerOp.SubReg: DpSub(ref d, r[d.Rn], r[d.Rm]); return;
            case IntegerOp.SubShiftImm: DpSub(ref d, r[d.Rn], DpShiftImmOperand(ref d)); return;
            case IntegerOp.SubShiftReg: DpSub(ref d, r[d.Rn], DpShiftRegOperand(ref d)); return;
            case IntegerOp.RsbImm: DpRsb(ref d, r[d.Rn], d.Imm); return;
            case IntegerOp.RsbReg: DpRsb(ref d, r[d.Rn], r[d.Rm]); return;
            case IntegerOp.RsbShiftImm: DpRsb(ref d, r[d.Rn], DpShiftImmOperand(ref d)); return;
            case IntegerOp.RsbShiftReg: DpRsb(ref d, r[d.Rn], DpShiftRegOperand(ref d)); return;
            case IntegerOp.AddImm: DpAdd(ref d, r[d.Rn], d.Imm); return;
            case IntegerOp.AddReg: DpAdd(ref d, r[d.Rn], r[d.Rm]); return;
            case IntegerOp.AddShiftImm: DpAdd(ref d, r[d.Rn], DpShiftImmOperand(ref d)); return;
            case IntegerOp.AddShiftReg: DpAdd(ref d, r[d.Rn], DpShiftRegOperand(ref d)); return;
            case IntegerOp.AdcImm: DpAdc(ref d, r[d.Rn], d.Imm); return;
            case IntegerOp.AdcReg: DpAdc(ref d, r[d.Rn], r[d.Rm]); return;
            case IntegerOp.AdcShiftImm: DpAdc(ref d, r[d.Rn], DpShiftImmOperand(ref d)); return;
            case IntegerOp.AdcShiftReg: DpAdc(ref d, r[d.Rn], DpShiftRegOperand(ref d)); return;
            case IntegerOp.SbcImm: DpSbc(ref d, r[d.Rn], d.Imm); return;
            case IntegerOp.SbcReg: DpSbc(ref d, r[d.Rn], r[d.Rm]); return;
            case IntegerOp.SbcShiftImm: DpSbc(ref d, r[d.Rn], DpShiftImmOperand(ref d)); return;
            case IntegerOp.SbcShiftReg: DpSbc(ref d, r[d.Rn], DpShiftRegOperand(ref d)); return;
            case IntegerOp.RscImm: DpRsc(ref d, r[d.Rn], d.Imm); return;
            case IntegerOp.RscReg: DpRsc(ref d, r[d.Rn], r[d.Rm]); return;
            case IntegerOp.RscShiftImm: DpRsc(ref d, r[d.Rn], DpShiftImmOperand(ref d)); return;
            case IntegerOp.RscShiftReg: DpRsc(ref d, r[d.Rn], DpShiftRegOperand(ref d)); return;
            case IntegerOp.TstImm: { uint v = r[d.Rn] & d.Imm; DpLogicFlagsImm(ref d, v); return; }
            case IntegerOp.TstReg: { uint v = r[d.Rn] & r[d.Rm]; DpSetNZ(v); return; }
            case IntegerOp.TstShiftImm: { uint v = r[d.Rn] & DpShiftImmOperand(ref d); DpLogicFlagsShiftImm(ref d, v); return; }
            case IntegerOp.TstShiftReg: { uint v = r[d.Rn] & DpShiftRegOperand(ref d); DpLogicFlagsShiftReg(ref d, v); return; }
            case IntegerOp.TeqImm: { uint v = r[d.Rn] ^ d.Imm; DpLogicFlagsImm(ref d, v); return; }
            case IntegerOp.TeqReg: { uint v = r[d.Rn] ^ r[d.Rm]; DpSetNZ(v); return; }
            case IntegerOp.TeqShiftImm: { uint v = r[d.Rn] ^ DpShiftImmOperand(ref d); DpLogicFlagsShiftImm(ref d, v); return; }
            case IntegerOp.TeqShiftReg: { uint v = r[d.Rn] ^ DpShiftRegOperand(ref d); DpLogicFlagsShiftReg(ref d, v); return; }
            case IntegerOp.CmpImm: DpCmp(ref d, r[d.Rn], d.Imm); return;
            case IntegerOp.CmpReg: DpCmp(ref d, r[d.Rn], r[d.Rm]); return;
            case IntegerOp.CmpShiftImm: DpCmp(ref d, r[d.Rn], DpShiftImmOperand(ref d)); return;
            case IntegerOp.CmpShiftReg: DpCmp(ref d, r[d.Rn], DpShiftRegOperand(ref d)); return;
            case IntegerOp.CmnImm: DpCmn(ref d, r[d.Rn], d.Imm); return;
            case IntegerOp.CmnReg: DpCmn(ref d, r[d.Rn], r[d.Rm]); return;
            case IntegerOp.CmnShiftImm: DpCmn(ref d, r[d.Rn], DpShiftImmOperand(ref d)); return;
            case IntegerOp.CmnShiftReg: DpCmn(ref d, r[d.Rn], DpShiftRegOperand(ref d)); return;
            case IntegerOp.OrrImm: { uint v = r[d.Rn] | d.Imm; if ((d.Flags & S) != 0) DpLogicFlagsImm(ref d, v); r[d.Rd] = v; return; }
            case IntegerOp.OrrReg: { uint v = r[d.Rn] | r[d.Rm]; if ((d.Flags & S) != 0) DpSetNZ(v); r[d.Rd] = v; return; }
            case IntegerOp.OrrShiftImm: { uint v = r[d.Rn] | DpShiftImmOperand(ref d); if ((d.Flags & S) != 0) DpLogicFlagsShiftImm(ref d, v); r[d.Rd] = v; return; }
            case IntegerOp.OrrShiftReg: { uint v = r[d.Rn] | DpShiftRegOperand(ref d); if ((d.Flags & S) != 0) DpLogicFlagsShiftReg(ref d, v); r[d.Rd] = v; return; }
            case IntegerOp.MovImm: { uint v = d.Imm; if ((d.Flags & S) != 0) DpLogicFlagsImm(ref d, v); r[d.Rd] = v; return; }
            case IntegerOp.MovReg: { uint v = r[d.Rm]; if ((d.Flags & S) != 0) DpSetNZ(v); r[d.Rd] = v; return; }
            case IntegerOp.MovShiftImm: { uint v = DpShiftImmOperand(ref d); if ((d.Flags & S) != 0) DpLogicFlagsShiftImm(ref d, v); r[d.Rd] = v; return; }
            case IntegerOp.MovShiftReg: { uint v = DpShiftRegOperand(ref d); if ((d.Flags & S) != 0) DpLogicFlagsShiftReg(ref d, v); r[d.Rd] = v; return; }
            case IntegerOp.BicImm: { uint v = r[d.Rn] & ~d.Imm; if ((d.Flags & S) != 0) DpLogicFlagsImm(ref d, v); r[d.Rd] = v; return; }
            case IntegerOp.BicReg: { uint v = r[d.Rn] & ~r[d.Rm]; if ((d.Flags & S) != 0) DpSetNZ(v); r[d.Rd] = v; return; }
            case IntegerOp.BicShiftImm: { uint v = r[d.Rn] & ~DpShiftImmOperand(ref d); if ((d.Flags & S) != 0) DpLogicFlagsShiftImm(ref d, v); r[d.Rd] = v; return; }
            case IntegerOp.BicShiftReg: { uint v = r[d.Rn] & ~DpShiftRegOperand(ref d); if ((d.Flags & S) != 0) DpLogicFlagsShiftReg(ref d, v); r[d.Rd] = v; return; }
            case IntegerOp.MvnImm: { uint v = ~d.Imm; if ((d.Flags & S) != 0) DpLogicFlagsImm(ref d, v); r[d.Rd] = v; return; }
            case IntegerOp.MvnReg: { uint v = ~r[d.Rm]; if ((d.Flags & S) != 0) DpSetNZ(v); r[d.Rd] = v; return; }
            case IntegerOp.MvnShiftImm: { uint v = ~DpShiftImmOperand(ref d); if ((d.Flags & S) != 0) DpLogicFlagsShiftImm(ref d, v); r[d.Rd] = v; return; }
            case IntegerOp.MvnShiftReg: { uint v = ~DpShiftRegOperand(ref d); if ((d.Flags & S) != 0) DpLogicFlagsShiftReg(ref d, v); r[d.Rd] = v; return; }
            case IntegerOp.OrnImm: { uint v = r[d.Rn] | ~d.Imm; if ((d.Flags & S) != 0) DpLogicFlagsImm(ref d, v); r[d.Rd] = v; return; }
            case IntegerOp.OrnReg: { uint v = r[d.Rn] | ~r[d.Rm]; if ((d.Flags & S) != 0) DpSetNZ(v); r[d.Rd] = v; return; }
            case IntegerOp.OrnShiftImm: { uint v = r[d.Rn] | ~DpShiftImmOperand(ref d); if ((d.Flags & S) != 0) DpLogicFlagsShiftImm(ref d, v); r[d.Rd] = v; return; }
            case IntegerOp.OrnShiftReg: { uint v = r[d.Rn] | ~DpShiftRegOperand(ref d); if ((d.Flags & S) != 0) DpLogicFlagsShiftReg(ref d, v); r[d.Rd] = v; return; }

            case IntegerOp.Movt: r[d.Rd] = (r[d.Rd] & 0xFFFF) | (d.Imm << 16); return;
            case IntegerOp.DpToPc: DpToPc(ref d); return;

            case IntegerOp.B: BranchTo(d.Imm); return;
            case IntegerOp.Bl: r[14] = DpLinkAddress(ref d); BranchTo(d.Imm); return;
            case IntegerOp.BlxImm: r[14] = DpLinkAddress(ref d); BranchExchange(d.Imm); return;
            case IntegerOp.Bx: BranchExchange(r[d.Rm]); return;
            case IntegerOp.BlxReg: { uint target = r[d.Rm]; r[14] = DpLinkAddress(ref d); BranchExchange(target); return; }
            case IntegerOp.Cbz: if (r[d.Rn] == 0) BranchTo(d.Imm); return;
            case IntegerOp.Cbnz: if (r[d.Rn] != 0) BranchTo(d.Imm); return;
            default: RaiseUndefined(); return;
        }
    }
}
