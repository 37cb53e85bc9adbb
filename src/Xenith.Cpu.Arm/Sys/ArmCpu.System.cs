using Xenith.Cpu.Arm.Sys;

namespace Xenith.Cpu.Arm;

/// <summary>Executor of the System group: status registers, exceptions, hints, barriers, system registers.</summary>
public sealed partial class ArmCpu
{
    /// <summary>CPSR bits MRS does not return: IT, J and T (the execution state bits).</summary>
    private const uint CpsrExecMask = 0x0700FC20;

    private void ExecSystem(ref Insn d)
    {
        switch ((SystemOp)d.Op)
        {
            case SystemOp.Mrs:
                if ((d.Flags & (byte)SystemFlags.Spsr) != 0)
                {
                    if (Mode == Mode.User)
                    {
                        RaiseUndefined();
                        return;
                    }
                    R[d.Rd] = Spsr;
                }
                else
                {
                    R[d.Rd] = Cpsr & ~CpsrExecMask;
                }
                return;
            case SystemOp.MsrReg:
                MsrWrite(ref d, R[d.Rn]);
                return;
            case SystemOp.MsrImm:
                MsrWrite(ref d, d.Imm);
                return;
            case SystemOp.MrsBanked:
            case SystemOp.MsrBanked:
                ExecBanked(ref d);
                return;
            case SystemOp.Svc:
                // SVC, HVC, SMC, WFI and WFE complete before the exception or exit: the saved or resumed
                // state is that of the next instruction, so ITSTATE advances first.
                IT = d.ItAfter;
                RaiseSvc(d.Imm);
                return;
            case SystemOp.Bkpt:
                RaiseBreakpoint(d.Imm);
                return;
            case SystemOp.Hvc:
            case SystemOp.Smc:
                // The hypervisor and secure monitor live in the host; from User mode both are UNDEFINED.
                if (Mode == Mode.User)
                {
                    RaiseUndefined();
                    return;
                }
                IT = d.ItAfter;
                ExitToHost(d.Op == (ushort)SystemOp.Hvc ? ExitReason.Hvc : ExitReason.Smc, d.Address + d.Size, d.Imm);
                return;
            case SystemOp.Eret:
                if (!Profile.HasVirtualization || !HasSpsr)
                {
                    RaiseUndefined();
                    return;
                }
                ExceptionReturn(Mode == Mode.Hyp ? ElrHyp : R[14]);
                return;
            case SystemOp.SubsPcLr:
                ExecSubsPcLr(d.Imm);
                return;
            case SystemOp.Srs:
                ExecSrs(ref d);
                return;
            case SystemOp.Rfe:
                ExecRfe(ref d);
                return;
            case SystemOp.Cps:
                ExecCps(ref d);
                return;
            case SystemOp.Setend:
                SetBigEndian(d.Imm != 0);
                EndBlockAfterThis();
                return;
            case SystemOp.Hint:
            case SystemOp.Dsb:
            case SystemOp.Dmb:
                return; // one sequentially consistent CPU: nothing to wait for or order
            case SystemOp.Wfe:
                IT = d.ItAfter;
                ExitToHost(ExitReason.Wfe, d.Address + d.Size);
                return;
            case SystemOp.Wfi:
                IT = d.ItAfter;
                ExitToHost(ExitReason.Wfi, d.Address + d.Size);
                return;
            case SystemOp.Clrex:
                ExclusiveArmed = false;
                return;
            case SystemOp.Isb:
                EndBlockAfterThis();
                return;
            case SystemOp.Mrc:
            case SystemOp.Mcr:
            case SystemOp.Mrrc:
            case SystemOp.Mcrr:
                ExecSysRegTransfer(ref d);
                return;
            default:
                RaiseUndefined();
                return;
        }
    }

    private void ExecSysRegTransfer(ref Insn d)
    {
        var op = (SystemOp)d.Op;
        bool read = op is SystemOp.Mrc or SystemOp.Mrrc;
        var reg = (SysReg)d.Extra;
        if (!SysRegAccessible((SysRegAccess)d.Imm, read))
        {
            RaiseUndefined();
            return;
        }
        switch (op)
        {
            case SystemOp.Mrc:
                if (!ReadSysReg(reg, out uint v))
                    break;
                if (d.Rd == 15)
                    Nzcv = v; // MRC to APSR_nzcv
                else
                    R[d.Rd] = v;
                return;
            case SystemOp.Mcr:
                if (!WriteSysReg(reg, R[d.Rd]))
                    break;
                return;
            case SystemOp.Mrrc:
                if (!ReadSysReg64(reg, out ulong q))
                    break;
                R[d.Rd] = (uint)q;
                R[d.Rn] = (uint)(q >> 32);
                return;
            default:
                if (!WriteSysReg64(reg, ((ulong)R[d.Rn] << 32) | R[d.Rd]))
                    break;
                return;
        }
        RaiseUndefined();
    }

    /// <summary>T32 SUBS PC, LR, #imm8; with imm8 = 0 in Hyp mode it is ERET.</summary>
    private void ExecSubsPcLr(uint imm)
    {
        if (Mode == Mode.Hyp)
        {
            if (imm != 0 || !Profile.HasVirtualization)
                RaiseUndefined();
            else
                ExceptionReturn(ElrHyp);
            return;
        }
        if (!HasSpsr)
        {
            RaiseUndefined(); // User: UNDEFINED; System: UNPREDICTABLE
            return;
        }
        ExceptionReturn(R[14] - imm);
    }

    /// <summary>CPS as QEMU executes it: a NOP in User mode; A/I/F change with imod&lt;1&gt;, the mode with M.</summary>
    private void ExecCps(ref Insn d)
    {
        if (Mode == Mode.User)
            return;
        uint f = d.Extra, mask = 0, value = 0;
        if ((f & 1) != 0)
        {
            if ((f & 0x20) != 0) mask |= 1u << 8;
            if ((f & 0x10) != 0) mask |= 1u << 7;
            if ((f & 0x08) != 0) mask |= 1u << 6;
            if ((f & 2) != 0) value |= mask;
        }
        if ((f & 4) != 0)
        {
            mask |= 0x1F;
            value |= d.Imm;
        }
        if (mask == 0)
            return;
        WriteCpsrMasked(value, mask, exceptionReturn: false);
        EndBlockAfterThis();
    }

    /// <summary>SRS: stores LR and SPSR of the current mode to the stack of the mode in Extra.</summary>
    private void ExecSrs(ref Insn d)
    {
        if (Mode is Mode.User or Mode.System or Mode.Hyp)
        {
            RaiseUndefined(); // Hyp: UNDEFINED; User, System: UNPREDICTABLE
            return;
        }
        var target = (Mode)d.Extra;
        bool inc = (d.Flags & (byte)InsnFlags.Add) != 0;
        bool pre = (d.Flags & (byte)InsnFlags.PreIndex) != 0;
        uint sp = GetBankedRegister(target, 13);
        uint addr = inc ? sp : sp - 8;
        if (pre == inc)
            addr += 4;
        if (!Write32(addr, R[14], AccessFlags.WordAligned) || !Write32(addr + 4, Spsr, AccessFlags.WordAligned))
            return;
        if ((d.Flags & (byte)InsnFlags.WriteBack) != 0)
            SetBankedRegister(target, 13, inc ? sp + 8 : sp - 8);
    }

    /// <summary>RFE: loads PC and CPSR from memory at Rn and returns from the exception.</summary>
    private void ExecRfe(ref Insn d)
    {
        if (Mode is Mode.User or Mode.Hyp)
        {
            RaiseUndefined(); // Hyp: UNDEFINED; User: UNPREDICTABLE
            return;
        }
        bool inc = (d.Flags & (byte)InsnFlags.Add) != 0;
        bool pre = (d.Flags & (byte)InsnFlags.PreIndex) != 0;
        uint rn = R[d.Rn];
        uint addr = inc ? rn : rn - 8;
        if (pre == inc)
            addr += 4;
        if (!Read32(addr, out uint pc, AccessFlags.WordAligned) || !Read32(addr + 4, out uint psr, AccessFlags.WordAligned))
            return;
        if ((d.Flags & (byte)InsnFlags.WriteBack) != 0)
            R[d.Rn] = inc ? rn + 8 : rn - 8;
        ExceptionReturn(pc, psr);
    }
}
