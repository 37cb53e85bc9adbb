namespace Xenith.Cpu.Arm.Sys;

/// <summary>Operations of <see cref="OpGroup.System"/>: values 0x0300–0x03ff.</summary>
/// <remarks>
/// Field use: <c>Flags</c> bit 0 (<see cref="SystemFlags.Spsr"/>) selects the SPSR for MRS/MSR;
/// <c>Imm</c> holds immediates (SVC, BKPT, HVC, SMC, MSR immediate value, SUBS PC, LR offset),
/// <c>Extra</c> holds the MSR byte mask, the banked-register target mode, or a system-register id.
/// </remarks>
public enum SystemOp : ushort
{
    First = 0x0300,

    // ---- Status registers ----
    /// <summary>MRS Rd, CPSR/SPSR.</summary>
    Mrs = First,
    /// <summary>MSR CPSR/SPSR_fields, Rn. Extra: byte mask (bits 3:0).</summary>
    MsrReg,
    /// <summary>MSR CPSR/SPSR_fields, #imm. Extra: byte mask; Imm: the expanded value.</summary>
    MsrImm,
    /// <summary>MRS Rd, &lt;banked&gt;. Extra: target mode; Ra: register (8–14, 16 = ELR_hyp, 17 = SPSR).</summary>
    MrsBanked,
    /// <summary>MSR &lt;banked&gt;, Rn. Fields as <see cref="MrsBanked"/>.</summary>
    MsrBanked,

    // ---- Exception generating and returning ----
    /// <summary>SVC #imm24 (T16: imm8).</summary>
    Svc,
    /// <summary>BKPT #imm16.</summary>
    Bkpt,
    /// <summary>HVC #imm16: exits to the host.</summary>
    Hvc,
    /// <summary>SMC #imm4: exits to the host.</summary>
    Smc,
    /// <summary>A32 ERET: from Hyp returns to ELR_hyp, otherwise as SUBS PC, LR, #0.</summary>
    Eret,
    /// <summary>T32 SUBS PC, LR, #imm8 (imm8 = 0 is ERET).</summary>
    SubsPcLr,
    /// <summary>SRS{DA,IA,DB,IB} SP!, #mode. Extra: mode; Flags: P, U, W as <see cref="InsnFlags"/>.</summary>
    Srs,
    /// <summary>RFE{DA,IA,DB,IB} Rn!. Flags: P, U, W as <see cref="InsnFlags"/>.</summary>
    Rfe,

    // ---- Processor state ----
    /// <summary>CPS. Extra: bit 0 imod&lt;1&gt; (change A/I/F), bit 1 imod&lt;0&gt; (disable), bit 2 M (change mode),
    /// bits 5:3 A, I, F; Imm: mode.</summary>
    Cps,
    /// <summary>SETEND BE/LE. Imm: 1 for BE.</summary>
    Setend,

    // ---- Hints and barriers ----
    /// <summary>NOP, YIELD, SEV, DBG and the reserved hints. Imm: the hint number (for the disassembler).</summary>
    Hint,
    Wfe,
    Wfi,
    Clrex,
    /// <summary>DSB #option (Imm).</summary>
    Dsb,
    /// <summary>DMB #option (Imm).</summary>
    Dmb,
    /// <summary>ISB #option (Imm): ends the block.</summary>
    Isb,

    // ---- Coprocessor (system) register transfers ----
    /// <summary>MRC: Rd = Rt; Extra: <see cref="SysReg"/>; Imm: <see cref="SysRegAccess"/>.</summary>
    Mrc,
    /// <summary>MCR: fields as <see cref="Mrc"/>.</summary>
    Mcr,
    /// <summary>MRRC: Rd = Rt, Rn = Rt2; Extra, Imm as <see cref="Mrc"/>.</summary>
    Mrrc,
    /// <summary>MCRR: fields as <see cref="Mrrc"/>.</summary>
    Mcrr,
}

/// <summary>Group-specific <see cref="Insn.Flags"/> bits of the System group.</summary>
[Flags]
public enum SystemFlags : byte
{
    None = 0,
    /// <summary>MRS/MSR: the SPSR rather than the CPSR.</summary>
    Spsr = 1,
    /// <summary>Encoded in T32 (the disassembler prints some forms differently).</summary>
    Thumb = 16,
}
