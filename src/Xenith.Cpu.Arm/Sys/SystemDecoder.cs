namespace Xenith.Cpu.Arm.Sys;

/// <summary>
/// Decoders of the System group. Each returns false for an UNDEFINED encoding. Should-be-one and
/// should-be-zero bits are checked strictly (as QEMU does): a wrong value is UNDEFINED.
/// </summary>
public static class SystemDecoder
{
    private const byte Ends = (byte)InsnAttr.EndsBlock;

    private static bool Set(ref Insn d, SystemOp op, uint imm = 0, bool endsBlock = false)
    {
        d.Op = (ushort)op;
        d.Imm = imm;
        if (endsBlock)
            d.Attr |= Ends;
        return true;
    }

    /// <summary>A T32 instruction that writes the PC must not sit inside an IT block unless it is the last one.</summary>
    private static bool ItForbidsBranch(in Insn d) =>
        (d.Attr & (byte)InsnAttr.InItBlock) != 0 && (d.Attr & (byte)InsnAttr.LastInItBlock) == 0;

    // ---------------- A32 ----------------

    /// <summary>MRS, MSR (register) and their banked forms (A5.2.12, op2 = 000).</summary>
    public static bool A32StatusRegister(uint w, ref Insn d)
    {
        bool spsr = (w & (1u << 22)) != 0;
        bool msr = (w & (1u << 21)) != 0;
        bool banked = (w & (1u << 9)) != 0;
        if (spsr)
            d.Flags = (byte)SystemFlags.Spsr;
        if (!msr)
        {
            uint rd = (w >> 12) & 0xF;
            if (rd == 15)
                return false; // UNPREDICTABLE
            d.Rd = (byte)rd;
            if (banked)
            {
                if ((w & 0xEFF) != 0x200)
                    return false;
                return Banked(ref d, SystemOp.MrsBanked, spsr, (((w >> 8) & 1) << 4) | ((w >> 16) & 0xF));
            }
            if ((w & 0x000F0FFF) != 0x000F0000)
                return false;
            return Set(ref d, SystemOp.Mrs);
        }
        uint rn = w & 0xF;
        if (rn == 15)
            return false; // UNPREDICTABLE
        d.Rn = (byte)rn;
        if (banked)
        {
            if ((w & 0xFEF0) != 0xF200)
                return false;
            return Banked(ref d, SystemOp.MsrBanked, spsr, (((w >> 8) & 1) << 4) | ((w >> 16) & 0xF));
        }
        if ((w & 0xFFF0) != 0xF000)
            return false;
        return MsrMask(ref d, SystemOp.MsrReg, (w >> 16) & 0xF, 0);
    }

    private static bool MsrMask(ref Insn d, SystemOp op, uint mask, uint imm)
    {
        if (mask == 0)
            return false; // UNPREDICTABLE
        d.Extra = (ushort)mask;
        // Writes to the control or extension byte of the CPSR may change mode, E or interrupt masks.
        bool ends = (d.Flags & (byte)SystemFlags.Spsr) == 0 && (mask & 3) != 0;
        return Set(ref d, op, imm, ends);
    }

    /// <summary>SYSm of the banked MRS/MSR (B9.2.3) to a mode and register; UNPREDICTABLE values are UNDEFINED.
    /// The CPU runs Non-secure (a guest under an external hypervisor), so the Monitor registers are UNDEFINED
    /// whatever the condition, as QEMU decides it at translation time.</summary>
    private static bool Banked(ref Insn d, SystemOp op, bool spsr, uint sysm)
    {
        Mode mode;
        int reg;
        if (spsr)
        {
            reg = 17;
            switch (sysm)
            {
                case 0x0E: mode = Mode.Fiq; break;
                case 0x10: mode = Mode.Irq; break;
                case 0x12: mode = Mode.Supervisor; break;
                case 0x14: mode = Mode.Abort; break;
                case 0x16: mode = Mode.Undefined; break;
                case 0x1E: mode = Mode.Hyp; break;
                default: return false;
            }
        }
        else if (sysm <= 6)
        {
            mode = Mode.User;
            reg = 8 + (int)sysm;
        }
        else if (sysm is >= 8 and <= 14)
        {
            mode = Mode.Fiq;
            reg = (int)sysm;
        }
        else if (sysm is >= 16 and <= 23)
        {
            mode = ((sysm - 16) >> 1) switch { 0 => Mode.Irq, 1 => Mode.Supervisor, 2 => Mode.Abort, _ => Mode.Undefined };
            reg = (sysm & 1) == 0 ? 14 : 13;
        }
        else if (sysm is 0x1E or 0x1F)
        {
            mode = Mode.Hyp;
            reg = sysm == 0x1E ? 16 : 13;
        }
        else
        {
            return false;
        }
        d.Extra = (ushort)mode;
        d.Ra = (byte)reg;
        d.Imm = sysm;
        d.Op = (ushort)op;
        if (op == SystemOp.MsrBanked)
            d.Attr |= Ends;
        return true;
    }

    /// <summary>ERET, BKPT, HVC, SMC (A5.2.12, op2 = 11x).</summary>
    public static bool A32ExceptionGenerating(uint w, ref Insn d)
    {
        uint op = (w >> 21) & 3;
        if (((w >> 4) & 7) == 6)
        {
            if ((w & 0x0FFFFFFF) != 0x0160006E)
                return false;
            return Set(ref d, SystemOp.Eret, 0, true);
        }
        uint imm16 = (((w >> 8) & 0xFFF) << 4) | (w & 0xF);
        switch (op)
        {
            case 1: return Set(ref d, SystemOp.Bkpt, imm16, true);
            case 2: return Set(ref d, SystemOp.Hvc, imm16, true);
            case 3:
                if ((w & 0x0FFFFFF0) != 0x01600070)
                    return false;
                return Set(ref d, SystemOp.Smc, w & 0xF, true);
            default: return false;
        }
    }

    /// <summary>MSR (immediate) and hints (A5.2.11).</summary>
    public static bool A32MsrImmAndHints(uint w, ref Insn d)
    {
        if ((w & 0xF000) != 0xF000)
            return false;
        bool spsr = (w & (1u << 22)) != 0;
        uint mask = (w >> 16) & 0xF;
        if (!spsr && mask == 0)
            return Hint(ref d, w & 0xFF);
        if (spsr)
            d.Flags = (byte)SystemFlags.Spsr;
        uint value = Alu.ArmExpandImm(w & 0xFFF, false, out _);
        return MsrMask(ref d, SystemOp.MsrImm, mask, value);
    }

    /// <summary>NOP, YIELD, WFE, WFI, SEV; the rest of the hint space executes as NOP (as on the A15 and QEMU).</summary>
    private static bool Hint(ref Insn d, uint hint) => hint switch
    {
        2 => Set(ref d, SystemOp.Wfe, 2, true),
        3 => Set(ref d, SystemOp.Wfi, 3, true),
        _ => Set(ref d, SystemOp.Hint, hint),
    };

    public static bool A32Svc(uint w, ref Insn d) => Set(ref d, SystemOp.Svc, w & 0xFFFFFF, true);

    /// <summary>Unconditional instructions (A5.7) this group owns: CPS, SETEND, SRS, RFE, CLREX, DSB, DMB, ISB.</summary>
    public static bool A32Unconditional(uint w, ref Insn d)
    {
        if ((w & 0xFFF1FE20) == 0xF1000000)
        {
            uint imod = (w >> 18) & 3;
            return Cps(ref d, imod, (w >> 17) & 1, (w >> 6) & 7, w & 0x1F);
        }
        if ((w & 0xFFFFFDFF) == 0xF1010000)
            return Set(ref d, SystemOp.Setend, (w >> 9) & 1, true);
        if ((w & 0xFE5FFFE0) == 0xF84D0500)
            return Srs(ref d, w & 0x1F, (w >> 24) & 1, (w >> 23) & 1, (w >> 21) & 1);
        if ((w & 0xFE50FFFF) == 0xF8100A00)
            return Rfe(ref d, (w >> 16) & 0xF, (w >> 24) & 1, (w >> 23) & 1, (w >> 21) & 1);
        if ((w & 0xFFFFFF00) == 0xF57FF000)
            return Barrier(ref d, (w >> 4) & 0xF, w & 0xF, thumb: false);
        return false;
    }

    private static bool Cps(ref Insn d, uint imod, uint m, uint aif, uint mode)
    {
        d.Extra = (ushort)((imod >> 1) | ((imod & 1) << 1) | (m << 2) | (aif << 3));
        return Set(ref d, SystemOp.Cps, mode, true);
    }

    private static bool Srs(ref Insn d, uint mode, uint p, uint u, uint wback)
    {
        if (!ArmCpu.IsValidMode(mode) || (Mode)mode is Mode.Hyp or Mode.Monitor)
            return false; // UNPREDICTABLE (Monitor: the CPU is Non-secure)
        d.Extra = (ushort)mode;
        d.Flags = PuwFlags(p, u, wback);
        return Set(ref d, SystemOp.Srs);
    }

    private static bool Rfe(ref Insn d, uint rn, uint p, uint u, uint wback)
    {
        if (rn == 15)
            return false; // UNPREDICTABLE
        d.Rn = (byte)rn;
        d.Flags = PuwFlags(p, u, wback);
        return Set(ref d, SystemOp.Rfe, 0, true);
    }

    private static byte PuwFlags(uint p, uint u, uint wback) => (byte)(
        (p != 0 ? (byte)InsnFlags.PreIndex : 0) | (u != 0 ? (byte)InsnFlags.Add : 0) | (wback != 0 ? (byte)InsnFlags.WriteBack : 0));

    /// <summary>CLREX, DSB, DMB, ISB by their op field (A5.7.1 / A6.3.9: CLREX is op 0001 in A32, 0010 in T32).</summary>
    private static bool Barrier(ref Insn d, uint op, uint option, bool thumb) => op switch
    {
        1 when !thumb && option == 0xF => Set(ref d, SystemOp.Clrex),
        2 when thumb && option == 0xF => Set(ref d, SystemOp.Clrex),
        4 => Set(ref d, SystemOp.Dsb, option),
        5 => Set(ref d, SystemOp.Dmb, option),
        6 => Set(ref d, SystemOp.Isb, option, true),
        _ => false,
    };

    /// <summary>MRC, MCR, MRRC, MCRR to cp14/cp15 (A32 with any condition, T32 with bit 28 clear).
    /// LDC/STC/CDP, the *2 forms and other coprocessors are UNDEFINED.</summary>
    public static bool Coprocessor(uint w, ref Insn d)
    {
        if ((w >> 28) == 0xF)
            return false;
        uint cp = (w >> 8) & 0xF;
        if (cp != 14 && cp != 15)
            return false;
        bool read = (w & (1u << 20)) != 0;
        SysReg reg;
        SysRegAccess access;
        if ((w & 0x0F000010) == 0x0E000010)
        {
            uint rt = (w >> 12) & 0xF;
            if (!read && rt == 15)
                return false; // UNPREDICTABLE
            if (!SystemRegisters.Find32(cp, (w >> 21) & 7, (w >> 16) & 0xF, w & 0xF, (w >> 5) & 7, read, out reg, out access))
                return false;
            d.Rd = (byte)rt;
            d.Op = (ushort)(read ? SystemOp.Mrc : SystemOp.Mcr);
        }
        else if ((w & 0x0FE00000) == 0x0C400000)
        {
            uint rt = (w >> 12) & 0xF, rt2 = (w >> 16) & 0xF;
            if (rt == 15 || rt2 == 15 || (read && rt == rt2))
                return false; // UNPREDICTABLE
            if (!SystemRegisters.Find64(cp, (w >> 4) & 0xF, w & 0xF, read, out reg, out access))
                return false;
            d.Rd = (byte)rt;
            d.Rn = (byte)rt2;
            d.Op = (ushort)(read ? SystemOp.Mrrc : SystemOp.Mcrr);
        }
        else
        {
            return false;
        }
        d.Extra = (ushort)reg;
        d.Imm = (uint)access;
        return true;
    }

    // ---------------- T16 ----------------

    public static bool T16Udf(uint w, ref Insn d) => false;

    public static bool T16Svc(uint w, ref Insn d) => Set(ref d, SystemOp.Svc, w & 0xFF, true);

    /// <summary>CPSIE/CPSID with A/I/F (bit 3 is should-be-zero).</summary>
    public static bool T16Cps(uint w, ref Insn d)
    {
        if ((w & 0x8) != 0)
            return false;
        d.Flags = (byte)SystemFlags.Thumb;
        return Cps(ref d, 2 | ((w >> 4) & 1), 0, w & 7, 0);
    }

    public static bool T16Setend(uint w, ref Insn d)
    {
        if ((w & 0xFFF7) != 0xB650)
            return false;
        return Set(ref d, SystemOp.Setend, (w >> 3) & 1, true);
    }

    /// <summary>BKPT executes unconditionally, even inside an IT block (A8.8.24).</summary>
    public static bool T16Bkpt(uint w, ref Insn d)
    {
        d.Cond = 14;
        return Set(ref d, SystemOp.Bkpt, w & 0xFF, true);
    }

    public static bool T16Hint(uint w, ref Insn d) => Hint(ref d, (w >> 4) & 0xF);

    // ---------------- T32 ----------------

    /// <summary>SRSDB/SRSIA and RFEDB/RFEIA (A6.3.5 with op = 00 or 11).</summary>
    public static bool T32SrsRfe(uint w, ref Insn d)
    {
        bool ia = ((w >> 23) & 3) == 3;
        uint p = ia ? 0u : 1u, u = ia ? 1u : 0u, wback = (w >> 21) & 1;
        d.Flags = (byte)SystemFlags.Thumb;
        if ((w & 0xFE5FFFE0) == 0xE80DC000)
        {
            if (!Srs(ref d, w & 0x1F, p, u, wback))
                return false;
            d.Flags |= (byte)SystemFlags.Thumb;
            return true;
        }
        if ((w & 0xFE50FFFF) == 0xE810C000)
        {
            if (ItForbidsBranch(in d) || !Rfe(ref d, (w >> 16) & 0xF, p, u, wback))
                return false;
            d.Flags |= (byte)SystemFlags.Thumb;
            return true;
        }
        return false;
    }

    /// <summary>HVC, SMC and UDF.W (A6.3.4).</summary>
    public static bool T32HvcSmcUdf(uint w, ref Insn d)
    {
        uint op = (w >> 20) & 0x7F, op1 = (w >> 12) & 7;
        d.Flags = (byte)SystemFlags.Thumb;
        if (op == 0x7E && op1 == 0)
            return Set(ref d, SystemOp.Hvc, (((w >> 16) & 0xF) << 12) | (w & 0xFFF), true);
        if (op == 0x7F && op1 == 0 && (w & 0xFFFF) == 0x8000)
            return Set(ref d, SystemOp.Smc, (w >> 16) & 0xF, true);
        return false; // UDF.W is UNDEFINED by definition
    }

    /// <summary>The system rows of branches and miscellaneous control (A6.3.4): MSR, CPS and hints,
    /// CLREX/DSB/DMB/ISB, SUBS PC, LR (ERET), MRS, with their banked forms.</summary>
    public static bool T32MiscControl(uint w, ref Insn d)
    {
        if ((w & 0xF000) != 0x8000)
            return false;
        d.Flags = (byte)SystemFlags.Thumb;
        uint op = (w >> 20) & 0x7F;
        switch (op)
        {
            case 0x38:
            case 0x39:
            {
                bool spsr = (op & 1) != 0;
                uint rn = (w >> 16) & 0xF;
                if (rn == 15)
                    return false; // UNPREDICTABLE
                d.Rn = (byte)rn;
                if (spsr)
                    d.Flags |= (byte)SystemFlags.Spsr;
                if ((w & 0x20) != 0)
                {
                    if ((w & 0xEF) != 0x20)
                        return false;
                    return Banked(ref d, SystemOp.MsrBanked, spsr, (((w >> 4) & 1) << 4) | ((w >> 8) & 0xF));
                }
                if ((w & 0xFF) != 0)
                    return false;
                return MsrMask(ref d, SystemOp.MsrReg, (w >> 8) & 0xF, 0);
            }
            case 0x3A:
                if (((w >> 16) & 0xF) != 0xF || (w & 0x800) != 0)
                    return false;
                if (((w >> 8) & 7) == 0)
                    return Hint(ref d, w & 0xFF);
                return Cps(ref d, (w >> 9) & 3, (w >> 8) & 1, (w >> 5) & 7, w & 0x1F);
            case 0x3B:
                if ((w & 0xFFFFFF00) != 0xF3BF8F00)
                    return false;
                return Barrier(ref d, (w >> 4) & 0xF, w & 0xF, thumb: true);
            case 0x3D:
                if ((w & 0xFFFFFF00) != 0xF3DE8F00 || ItForbidsBranch(in d))
                    return false;
                return Set(ref d, SystemOp.SubsPcLr, w & 0xFF, true);
            case 0x3E:
            case 0x3F:
            {
                bool spsr = (op & 1) != 0;
                uint rd = (w >> 8) & 0xF;
                if (rd == 15)
                    return false; // UNPREDICTABLE
                d.Rd = (byte)rd;
                if (spsr)
                    d.Flags |= (byte)SystemFlags.Spsr;
                if ((w & 0x20) != 0)
                {
                    if ((w & 0xEF) != 0x20)
                        return false;
                    return Banked(ref d, SystemOp.MrsBanked, spsr, (((w >> 4) & 1) << 4) | ((w >> 16) & 0xF));
                }
                if ((w & 0x000F00FF) != 0x000F0000)
                    return false;
                return Set(ref d, SystemOp.Mrs);
            }
            default:
                return false;
        }
    }
}
