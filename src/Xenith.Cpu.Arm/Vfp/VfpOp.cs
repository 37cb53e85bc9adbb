namespace Xenith.Cpu.Arm.Vfp;

/// <summary>Operations of <see cref="OpGroup.Vfp"/>: values 0x0400–0x04ff.</summary>
/// <remarks>
/// Field use. Register numbers are already combined with their D/N/M bit: an S register number
/// (0–31) for single-precision operands, a D register number (0–31) for double-precision ones.
/// <list type="bullet">
/// <item>Arithmetic, moves, compares, conversions: Rd, Rn, Rm as the ARM ARM's d, n, m.</item>
/// <item>VMOV immediate: Imm = the expanded value (F64: the high word; the low word is zero), Extra = imm8.</item>
/// <item>Fixed-point VCVT: Rd is source and destination, Imm = frac_bits, Extra = size (16 or 32).</item>
/// <item>VLDR/VSTR: Rd, Rn = base, Imm = signed byte offset.</item>
/// <item>VLDM/VSTM: Rd = first register, Rn = base, Extra = register count, Imm = imm8*4 (bytes the base moves by);
/// <see cref="InsnFlags.Add"/> set for IA, clear for DB; <see cref="InsnFlags.WriteBack"/>.</item>
/// <item>Core transfers: Rd = Rt, Ra = Rt2, Rn = the S/D register, Imm = scalar index.</item>
/// <item>VMRS/VMSR: Rd = Rt (15 in VMRS: APSR_nzcv), Rn = the special register number (reg field).</item>
/// </list>
/// </remarks>
public enum VfpOp : ushort
{
    First = 0x0400,

    // Arithmetic (A7.5), one op per precision.
    VmlaF32 = First, VmlaF64,
    VmlsF32, VmlsF64,
    VnmlaF32, VnmlaF64,
    VnmlsF32, VnmlsF64,
    VmulF32, VmulF64,
    VnmulF32, VnmulF64,
    VaddF32, VaddF64,
    VsubF32, VsubF64,
    VdivF32, VdivF64,
    VfmaF32, VfmaF64,
    VfmsF32, VfmsF64,
    VfnmaF32, VfnmaF64,
    VfnmsF32, VfnmsF64,
    VmovImmF32, VmovImmF64,
    VmovRegF32, VmovRegF64,
    VabsF32, VabsF64,
    VnegF32, VnegF64,
    VsqrtF32, VsqrtF64,

    /// <summary>VCMP/VCMPE (<see cref="VfpFlags.Signal"/> for VCMPE, <see cref="VfpFlags.WithZero"/> for #0.0).</summary>
    VcmpF32, VcmpF64,

    /// <summary>VCVT.F64.F32 Dd, Sm.</summary>
    VcvtF64F32,
    /// <summary>VCVT.F32.F64 Sd, Dm.</summary>
    VcvtF32F64,
    /// <summary>VCVTB/VCVTT.F32.F16 Sd, Sm (<see cref="VfpFlags.Top"/>: VCVTT, the high half of Sm).</summary>
    VcvtF32F16,
    /// <summary>VCVTB/VCVTT.F16.F32 Sd, Sm (<see cref="VfpFlags.Top"/>: VCVTT, the high half of Sd).</summary>
    VcvtF16F32,
    /// <summary>VCVT/VCVTR to a 32-bit integer in Sd from Sm or Dm (<see cref="VfpFlags.Unsigned"/>, <see cref="VfpFlags.RoundZero"/>).</summary>
    VcvtToIntF32, VcvtToIntF64,
    /// <summary>VCVT from the 32-bit integer in Sm to Sd or Dd (<see cref="VfpFlags.Unsigned"/>).</summary>
    VcvtFromIntF32, VcvtFromIntF64,
    /// <summary>VCVT to fixed point in place (Imm = frac_bits, Extra = size, <see cref="VfpFlags.Unsigned"/>).</summary>
    VcvtToFixedF32, VcvtToFixedF64,
    /// <summary>VCVT from fixed point in place.</summary>
    VcvtFromFixedF32, VcvtFromFixedF64,

    // Extension register load/store (A7.6).
    VldrS, VldrD,
    VstrS, VstrD,
    VldmS, VldmD,
    VstmS, VstmD,

    // Transfers between core and extension registers (A7.8, A7.9).
    /// <summary>VMOV Sn, Rt.</summary>
    VmovToS,
    /// <summary>VMOV Rt, Sn (Rt = 15 sets APSR.NZCV, as QEMU does).</summary>
    VmovFromS,
    /// <summary>VMOV Dm, Rt, Rt2 (Rn = m).</summary>
    VmovToD,
    /// <summary>VMOV Rt, Rt2, Dm.</summary>
    VmovFromD,
    /// <summary>VMOV Sm, Sm1, Rt, Rt2 (Rn = m).</summary>
    VmovTo2S,
    /// <summary>VMOV Rt, Rt2, Sm, Sm1.</summary>
    VmovFrom2S,
    /// <summary>VMOV.32 Dd[x], Rt.</summary>
    VmovToScalar,
    /// <summary>VMOV.32 Rt, Dn[x].</summary>
    VmovFromScalar,
    Vmrs,
    Vmsr,
}

/// <summary>Vfp-group meanings of <see cref="Insn.Flags"/> bits above the common <see cref="InsnFlags"/>.</summary>
[Flags]
public enum VfpFlags : byte
{
    None = 0,
    /// <summary>Conversions: the integer or fixed-point operand is unsigned. VCMP: compare with +0.0.</summary>
    Unsigned = 0x10,
    WithZero = 0x10,
    /// <summary>Conversions to integer: round toward zero (VCVT) rather than by FPSCR.RMode (VCVTR).</summary>
    RoundZero = 0x20,
    /// <summary>VCVTT: the top half of the half-precision register.</summary>
    Top = 0x40,
    /// <summary>VCMPE: quiet NaNs signal Invalid Operation.</summary>
    Signal = 0x40,
}

/// <summary>Special register numbers of VMRS/VMSR (the reg field).</summary>
public static class VfpSysReg
{
    public const int Fpsid = 0;
    public const int Fpscr = 1;
    public const int Mvfr1 = 6;
    public const int Mvfr0 = 7;
    public const int Fpexc = 8;
}
