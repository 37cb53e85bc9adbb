namespace Xenith.Cpu.Arm.Integer;

/// <summary>Operations of <see cref="OpGroup.Integer"/>: values 0x0100–0x01ff.</summary>
/// <remarks>
/// Data processing is laid out as <c>0x100 + opcode * 4 + form</c>, opcode being the A32 data-processing
/// opcode (0 AND … 15 MVN, 16 ORN) and form a <see cref="DpForm"/>, so decoders compute the op directly.
/// Fields: Rd, Rn (first operand), and the second operand by form:
/// <list type="bullet">
/// <item>Imm: the expanded constant in Imm; for logical ops <see cref="IntegerFlags.CarryChanges"/> and
///   <see cref="IntegerFlags.CarryValue"/> hold the shifter carry of the expansion.</item>
/// <item>Reg: Rm, unshifted.</item>
/// <item>ShiftImm: Rm shifted by ShiftType/ShiftAmount (RRX as its own type; LSR/ASR #32 as 32).</item>
/// <item>ShiftReg: Rm shifted by ShiftType by the bottom byte of R[Ra].</item>
/// </list>
/// S is <see cref="InsnFlags.SetFlags"/>. A write to the PC never uses these ops: it decodes to <see cref="DpToPc"/>.
/// </remarks>
public enum IntegerOp : ushort
{
    First = 0x0100,

    AndImm = 0x100, AndReg, AndShiftImm, AndShiftReg,
    EorImm, EorReg, EorShiftImm, EorShiftReg,
    SubImm, SubReg, SubShiftImm, SubShiftReg,
    RsbImm, RsbReg, RsbShiftImm, RsbShiftReg,
    AddImm, AddReg, AddShiftImm, AddShiftReg,
    AdcImm, AdcReg, AdcShiftImm, AdcShiftReg,
    SbcImm, SbcReg, SbcShiftImm, SbcShiftReg,
    RscImm, RscReg, RscShiftImm, RscShiftReg,
    TstImm, TstReg, TstShiftImm, TstShiftReg,
    TeqImm, TeqReg, TeqShiftImm, TeqShiftReg,
    CmpImm, CmpReg, CmpShiftImm, CmpShiftReg,
    CmnImm, CmnReg, CmnShiftImm, CmnShiftReg,
    OrrImm, OrrReg, OrrShiftImm, OrrShiftReg,
    MovImm, MovReg, MovShiftImm, MovShiftReg,
    BicImm, BicReg, BicShiftImm, BicShiftReg,
    MvnImm, MvnReg, MvnShiftImm, MvnShiftReg,
    OrnImm, OrnReg, OrnShiftImm, OrnShiftReg,

    /// <summary>Data processing whose result goes to the PC: A32 opcode in Extra bits 7:0, <see cref="DpForm"/>
    /// in Extra bits 15:8, operands as above. S set is the exception return (CPSR ← SPSR).</summary>
    DpToPc = 0x150,
    /// <summary>MOVT: R[Rd] = Imm:R[Rd]&lt;15:0&gt; (Imm holds the 16-bit value).</summary>
    Movt,

    /// <summary>B: branch to Imm (conditional forms use Insn.Cond).</summary>
    B = 0x160,
    /// <summary>BL: LR = next instruction (| 1 in T32), branch to Imm.</summary>
    Bl,
    /// <summary>BLX (immediate): LR as BL, then interworking branch to Imm (bit 0 set when the target is T32).</summary>
    BlxImm,
    /// <summary>BX Rm (also BXJ: no Jazelle).</summary>
    Bx,
    /// <summary>BLX Rm.</summary>
    BlxReg,
    /// <summary>CBZ Rn, Imm.</summary>
    Cbz,
    /// <summary>CBNZ Rn, Imm.</summary>
    Cbnz,
}

/// <summary>Operand forms of the data-processing ops (low two bits of the op).</summary>
public enum DpForm : byte
{
    Imm = 0,
    Reg = 1,
    ShiftImm = 2,
    ShiftReg = 3,
}

/// <summary>Integer-group bits in <see cref="Insn.Flags"/> beside <see cref="InsnFlags.SetFlags"/>.</summary>
[Flags]
public enum IntegerFlags : byte
{
    /// <summary>Immediate forms: the expansion rotated, so a flag-setting logical op sets C to <see cref="CarryValue"/>.</summary>
    CarryChanges = 0x10,
    CarryValue = 0x20,
    /// <summary>Disassembly: a 32-bit T32 encoding (A32 and T32 words cannot be told apart by <see cref="Insn.Size"/>).</summary>
    Thumb32 = 0x40,
    /// <summary>Disassembly: the constant in Imm was resolved from PC (ADR and its ADD/SUB/ADDW/SUBW forms); the
    /// disassembler recovers the written offset from <see cref="Insn.Raw"/>.</summary>
    Adr = 0x80,
}
