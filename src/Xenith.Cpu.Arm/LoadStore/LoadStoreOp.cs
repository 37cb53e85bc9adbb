namespace Xenith.Cpu.Arm.LoadStore;

/// <summary>Operations of <see cref="OpGroup.LoadStore"/>: values 0x0200–0x02ff.</summary>
/// <remarks>
/// Common fields: Rd = Rt (the transferred register), Rn = base. <see cref="Insn.Flags"/> holds
/// <see cref="LoadStoreFlags"/>. For disassembly every immediate form keeps the encoded offset
/// magnitude in Extra bits 11:0 and the encoded U bit in Extra bit 15.
/// </remarks>
public enum LoadStoreOp : ushort
{
    First = 0x0200,

    // Offset addressing without write-back (the hot forms): address = R[Rn] + Imm, Imm being the
    // signed offset. Literal forms use Rn = 15 with Imm = target − R[15]'s read value, so the
    // Align(PC, 4) of T32 is resolved at decode.
    Ldr = 0x200, Str, Ldrb, Strb, Ldrh, Strh, Ldrsb, Ldrsh,

    // Any addressing mode: P/U/W in Flags; offset = Rm shifted (RegisterOffset) or Imm (magnitude).
    // Unprivileged marks the T forms. WriteBack is set whenever the base is written (post-index too).
    LdrX = 0x210, StrX, LdrbX, StrbX, LdrhX, StrhX, LdrsbX, LdrshX,

    /// <summary>LDRD/STRD: Rd = Rt, Ra = Rt2; addressing as the X forms.</summary>
    Ldrd = 0x220, Strd,

    // Exclusives: address = R[Rn] + Imm; Rd = Rt, Ra = Rt2 (D forms), Rm = status register (stores).
    Ldrex = 0x228, Ldrexb, Ldrexh, Ldrexd, Strex, Strexb, Strexh, Strexd,

    // Load/store multiple: Extra = register list, Imm = offset of the first word from R[Rn],
    // ShiftAmount = register count; Add set when the base grows (IA/IB), WriteBack for '!'.
    Ldm = 0x230, Stm,
    /// <summary>LDM/STM with ^ and no PC: transfers the User mode registers.</summary>
    LdmUser, StmUser,
    /// <summary>LDM with ^ and PC in the list: CPSR ← SPSR and branch.</summary>
    LdmExceptionReturn,

    /// <summary>TBB/TBH: Rn = table base, Rm = index.</summary>
    Tbb = 0x238, Tbh,

    /// <summary>PLD/PLDW/PLI (and the unallocated hints that behave as NOP): never fault, do nothing.
    /// Extra bits 13:12 = <see cref="PreloadKind"/>; addressing fields kept for disassembly.</summary>
    Preload = 0x240,
}

/// <summary>Flag bits of <see cref="Insn.Flags"/> in the LoadStore group.</summary>
[Flags]
public enum LoadStoreFlags : byte
{
    None = 0,
    /// <summary>A 32-bit T32 encoding (disassembly adds objdump's ".w" where it does).</summary>
    Thumb = 1,
    PreIndex = InsnFlags.PreIndex,
    Add = InsnFlags.Add,
    WriteBack = InsnFlags.WriteBack,
    /// <summary>LDRT/STRT and friends: checked as a PL0 access.</summary>
    Unprivileged = 0x10,
    /// <summary>The offset is Rm shifted by ShiftType/ShiftAmount.</summary>
    RegisterOffset = 0x20,
    /// <summary>PC-relative literal form (disassembly only).</summary>
    Literal = 0x40,
}

/// <summary>Which preload hint a <see cref="LoadStoreOp.Preload"/> is.</summary>
public enum PreloadKind : byte
{
    Pld = 0,
    Pldw = 1,
    Pli = 2,
    /// <summary>An unallocated memory hint the ARM ARM says to treat as NOP.</summary>
    Nop = 3,
}
