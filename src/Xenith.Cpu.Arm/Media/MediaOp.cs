namespace Xenith.Cpu.Arm.Media;

/// <summary>Operations of <see cref="OpGroup.Media"/>: values 0x0500–0x05ff.</summary>
/// <remarks>
/// Field use: Rd, Rn, Rm, Ra carry the ARM ARM's register names. Long (64-bit) results use
/// Rd = RdLo and Ra = RdHi. <see cref="Insn.Flags"/> bit 0 is S. <see cref="Insn.Extra"/> holds
/// the sub-variant: for the halfword multiplies bit 0 = N (top half of Rn, "x"), bit 1 = M (top half
/// of Rm, "y"); for the dual multiplies bit 0 = M (swap Rm halves, "X"); for SMMUL/SMMLA/SMMLS bit 0 = R
/// (round); for <see cref="Parallel"/> (prefix &lt;&lt; 4) | operation (see <see cref="MediaAlu"/>).
/// </remarks>
public enum MediaOp : ushort
{
    First = 0x0500,

    // Multiplies (A5.2.5, A6.3.16, A6.3.17).
    Mul,
    Mla,
    Mls,
    Umull,
    Umlal,
    Smull,
    Smlal,
    Umaal,

    // Halfword multiplies (A5.2.7): Extra bit 0 = N, bit 1 = M.
    Smlaxy,
    Smulxy,
    Smlawy,
    Smulwy,
    Smlalxy,

    // Saturating add/subtract (A5.2.6).
    Qadd,
    Qsub,
    Qdadd,
    Qdsub,

    Clz,

    /// <summary>Parallel add/subtract: Extra = (prefix &lt;&lt; 4) | op.</summary>
    Parallel,

    /// <summary>PKHBT/PKHTB: ShiftAmount is the LSL (BT) or ASR (TB, 1..32) amount of Rm.</summary>
    Pkhbt,
    Pkhtb,

    /// <summary>Imm = saturate_to; Rn shifted by ShiftType/ShiftAmount first.</summary>
    Ssat,
    Usat,
    /// <summary>Imm = saturate_to for each halfword.</summary>
    Ssat16,
    Usat16,

    // Extends: ShiftAmount is the rotation of Rm (0, 8, 16, 24). The A forms add Rn.
    Sxtab,
    Sxtab16,
    Sxtah,
    Uxtab,
    Uxtab16,
    Uxtah,
    Sxtb,
    Sxtb16,
    Sxth,
    Uxtb,
    Uxtb16,
    Uxth,

    Sel,
    Rev,
    Rev16,
    Rbit,
    Revsh,

    // Dual 16-bit multiplies (A5.4.4): Extra bit 0 = M (X).
    Smlad,
    Smuad,
    Smlsd,
    Smusd,
    Smlald,
    Smlsld,
    // Most-significant-word multiplies: Extra bit 0 = R.
    Smmla,
    Smmls,
    Smmul,

    Sdiv,
    Udiv,

    Usad8,
    Usada8,

    /// <summary>Bit-field extract: ShiftAmount = lsb, Extra = width, Imm = (1 &lt;&lt; width) - 1.</summary>
    Sbfx,
    Ubfx,
    /// <summary>Bit-field insert/clear: ShiftAmount = lsb, Extra = msb, Imm = the mask of bits msb:lsb.</summary>
    Bfi,
    Bfc,
}
