using Xenith.Cpu.Arm.Sys;

namespace Xenith.Cpu.Arm;

/// <summary>CPSR and SPSR writes by instructions (MSR, CPS, exception returns) and banked-register access.</summary>
public sealed partial class ArmCpu
{
    /// <summary>MSR (register or immediate) to CPSR or SPSR; the byte mask is in Extra.</summary>
    private void MsrWrite(ref Insn d, uint value)
    {
        uint byteMask = d.Extra;
        if (byteMask == 8 && (d.Flags & (byte)SystemFlags.Spsr) == 0)
        {
            // MSR APSR_nzcvq: the common user-mode form, no mode or mask changes.
            Nzcv = value;
            Q = (value & (1u << 27)) != 0;
            return;
        }
        if ((d.Flags & (byte)SystemFlags.Spsr) != 0)
        {
            if (Mode == Mode.User)
            {
                RaiseUndefined();
                return;
            }
            uint m = ByteMaskToBits(byteMask);
            Spsr = (Spsr & ~m) | (value & m);
            return;
        }
        WriteCpsrByInstr(value, byteMask, exceptionReturn: false);
        if ((byteMask & 3) != 0)
            EndBlockAfterThis(); // mode, E or an interrupt mask may have changed
    }

    private static uint ByteMaskToBits(uint byteMask) =>
        ((byteMask & 1) != 0 ? 0xFFu : 0) | ((byteMask & 2) != 0 ? 0xFF00u : 0) |
        ((byteMask & 4) != 0 ? 0xFF0000u : 0) | ((byteMask & 8) != 0 ? 0xFF000000u : 0);

    /// <summary>CPSRWriteByInstr (B1.3.3): which bits an MSR, CPS or exception return may change at this privilege.</summary>
    private void WriteCpsrByInstr(uint value, uint byteMask, bool exceptionReturn)
    {
        bool privileged = Mode != Mode.User;
        uint mask = 0;
        if ((byteMask & 8) != 0)
            mask |= exceptionReturn ? 0xFE000000u : 0xF8000000u; // NZCVQ (+ IT[1:0]; J stays 0)
        if ((byteMask & 4) != 0)
            mask |= 0x000F0000; // GE
        if ((byteMask & 2) != 0)
        {
            mask |= 1u << 9; // E is writable at PL0
            if (exceptionReturn)
                mask |= 0xFC00; // IT[7:2]
            if (privileged)
                mask |= 1u << 8; // A
        }
        if ((byteMask & 1) != 0)
        {
            if (privileged)
                mask |= 0xC0 | 0x1F; // I, F, M
            if (exceptionReturn)
                mask |= 1u << 5; // T
        }
        WriteCpsrMasked(value, mask, exceptionReturn);
    }

    /// <summary>Writes the CPSR bits in <paramref name="mask"/>, ignoring mode changes the architecture makes
    /// UNPREDICTABLE (bad modes, entering Monitor from Non-secure state, entering or leaving Hyp other than by
    /// exception return), as QEMU does.</summary>
    private void WriteCpsrMasked(uint value, uint mask, bool exceptionReturn)
    {
        // SCTLR.NMFI: software cannot set CPSR.F.
        if ((Sctlr & (1u << 27)) != 0 && (value & 0x40) != 0)
            mask &= ~0x40u;
        if ((mask & 0x1F) != 0)
        {
            uint m = value & 0x1F;
            if (m != (uint)Mode && (!IsValidMode(m) || (Mode)m is Mode.Hyp or Mode.Monitor || (Mode == Mode.Hyp && !exceptionReturn)))
                mask &= ~0x1Fu;
        }
        Cpsr = (Cpsr & ~mask) | (value & mask);
    }

    /// <summary>
    /// True when an exception return through the SPSR (SUBS PC, LR / ALU ops with S and Rd = PC, LDM ^ with PC)
    /// may execute: not in User or System mode (UNPREDICTABLE: made UNDEFINED, as QEMU does in User mode)
    /// and not in Hyp mode (UNDEFINED). Callers raise the Undefined exception when it is false.
    /// </summary>
    public bool CanExceptionReturn => HasSpsr && Mode != Mode.Hyp;

    /// <summary>
    /// Exception return (ERET, SUBS PC, LR, LDM ^ with PC, RFE): CPSR ← SPSR of the current mode, then
    /// PC ← <paramref name="newPc"/> aligned for the restored instruction set. Ends the block.
    /// It does not check the mode: see <see cref="CanExceptionReturn"/>.
    /// </summary>
    public void ExceptionReturn(uint newPc) => ExceptionReturn(newPc, Spsr);

    /// <summary>Exception return with an explicit new CPSR value (RFE loads it from memory).</summary>
    public void ExceptionReturn(uint newPc, uint newCpsr)
    {
        WriteCpsrByInstr(newCpsr, 0xF, exceptionReturn: true);
        R[15] = T ? newPc & ~1u : newPc & ~3u;
        // "Exception": the state is final, so the block loop keeps the ITSTATE restored from the SPSR.
        _end = BlockEnd.Exception;
    }

    /// <summary>MRS/MSR banked (B9.3.9, B9.3.10): Extra = target mode, Ra = register (16 = ELR_hyp, 17 = SPSR).</summary>
    private void ExecBanked(ref Insn d)
    {
        var target = (Mode)d.Extra;
        int reg = d.Ra;
        if (!Profile.HasVirtualization || !BankedAccessAllowed(target, reg))
        {
            RaiseUndefined();
            return;
        }
        if (d.Op == (ushort)SystemOp.MrsBanked)
        {
            R[d.Rd] = reg switch
            {
                16 => ElrHyp,
                17 => GetSpsr(target),
                _ => GetBankedRegister(target, reg),
            };
            return;
        }
        uint v = R[d.Rn];
        if (reg == 16)
            ElrHyp = v;
        else if (reg == 17)
            SetSpsr(target, v);
        else
            SetBankedRegister(target, reg, v);
    }

    /// <summary>The UNPREDICTABLE cases of banked access, made UNDEFINED as QEMU does.</summary>
    private bool BankedAccessAllowed(Mode target, int reg)
    {
        Mode cur = Mode;
        if (reg == 16)
            return cur is Mode.Hyp or Mode.Monitor; // ELR_hyp: Hyp mode may access its own
        if (cur == Mode.User || cur == target)
            return false;
        if (target == Mode.User)
        {
            // Registers that are the current mode's own are not "banked" from here.
            if (reg <= 12 && cur != Mode.Fiq) return false;
            if (reg == 13 && cur == Mode.System) return false;
            if (reg == 14 && cur is Mode.System or Mode.Hyp) return false;
        }
        if (target == Mode.Hyp)
        {
            // SP_hyp and SPSR_hyp only from Monitor mode (never: the CPU is Non-secure).
            if (cur != Mode.Monitor)
                return false;
        }
        return true;
    }
}
