using Xenith.Cpu.Arm.Sys;

namespace Xenith.Cpu.Arm;

/// <summary>
/// CP15/CP14 register state and the read/write handlers behind MRC/MCR/MRRC/MCRR. The decoder has
/// already resolved the encoding to a <see cref="SysReg"/>; a handler returning false makes the
/// instruction UNDEFINED (the register does not exist on this profile).
/// </summary>
public sealed partial class ArmCpu
{
    /// <summary>This CPU's index in the cluster (MPIDR.Aff0).</summary>
    public int CpuIndex { get; set; }

    /// <summary>The generic timer the platform attached; without one the CNT* registers are UNDEFINED.</summary>
    public IGenericTimer? GenericTimer { get; set; }

    // Translation table control (consulted by Mmu/): writes flush the TLB. PAR holds the last ATS result.
    public ulong Ttbr0, Ttbr1, Par;
    public uint Ttbcr, Dacr, Prrr, Nmrr, ContextIdr, Fcseidr;

    /// <summary>MAIR0: the same CP15 encoding and storage as PRRR (its name when TTBCR.EAE is set).</summary>
    public uint Mair0
    {
        get => Prrr;
        set => Prrr = value;
    }

    /// <summary>MAIR1: the same CP15 encoding and storage as NMRR.</summary>
    public uint Mair1
    {
        get => Nmrr;
        set => Nmrr = value;
    }
    public uint TpidrUrw, TpidrUro, TpidrPrw;
    public uint Csselr;
    /// <summary>ThumbEE registers: kept for software that saves and restores them (ThumbEE state itself is not implemented).</summary>
    public uint Teecr, Teehbr;

    private uint? _actlr;

    /// <summary>ACTLR (reset value from the profile).</summary>
    public uint Actlr
    {
        get => _actlr ??= SystemIds.ResetActlr;
        set => _actlr = value;
    }

    private SystemIdValues? _systemIds;
    private SystemIdValues SystemIds => _systemIds ??= SystemIdValues.For(Profile);

    /// <summary>Restores the registers of this file to their reset values (the core's <c>Reset</c> may call it).</summary>
    public void ResetSystemRegisters()
    {
        Ttbr0 = Ttbr1 = Par = 0;
        Ttbcr = Dacr = Prrr = Nmrr = ContextIdr = Fcseidr = 0;
        TpidrUrw = TpidrUro = TpidrPrw = 0;
        Csselr = 0;
        Teecr = Teehbr = 0;
        _actlr = null;
        ResetPmu();
    }

    private bool ReadSysReg(SysReg reg, out uint v)
    {
        SystemIdValues ids = SystemIds;
        v = 0;
        switch (reg)
        {
            case SysReg.Midr: v = Profile.Midr; return true;
            case SysReg.Ctr: v = ids.Ctr; return true;
            case SysReg.Tcmtr:
            case SysReg.Tlbtr:
            case SysReg.Aidr:
            case SysReg.Adfsr:
            case SysReg.Aifsr:
            case SysReg.Amair0:
            case SysReg.Amair1:
            case SysReg.Dbgdidr:
                return true; // RAZ
            case SysReg.Mpidr: v = (ids.MpExtensions ? 0x80000000u : 0) | (uint)(CpuIndex & 0xFF); return true;
            case SysReg.Revidr: v = ids.Revidr; return true;
            case SysReg.IdPfr0: v = ids.IdPfr0; return true;
            case SysReg.IdPfr1: v = ids.IdPfr1; return true;
            case SysReg.IdDfr0: v = ids.IdDfr0; return true;
            case SysReg.IdAfr0: v = ids.IdAfr0; return true;
            case SysReg.IdMmfr0: v = ids.IdMmfr0; return true;
            case SysReg.IdMmfr1: v = ids.IdMmfr1; return true;
            case SysReg.IdMmfr2: v = ids.IdMmfr2; return true;
            case SysReg.IdMmfr3: v = ids.IdMmfr3; return true;
            case SysReg.IdIsar0: v = ids.IdIsar0; return true;
            case SysReg.IdIsar1: v = ids.IdIsar1; return true;
            case SysReg.IdIsar2: v = ids.IdIsar2; return true;
            case SysReg.IdIsar3: v = ids.IdIsar3; return true;
            case SysReg.IdIsar4: v = ids.IdIsar4; return true;
            case SysReg.IdIsar5: v = ids.IdIsar5; return true;
            case SysReg.Ccsidr: v = ids.Ccsidr[Csselr & 0xF]; return true;
            case SysReg.Clidr: v = ids.Clidr; return true;
            case SysReg.Csselr: v = Csselr; return true;
            case SysReg.Sctlr: v = Sctlr; return true;
            case SysReg.Actlr: v = Actlr; return true;
            case SysReg.Cpacr: v = Cpacr; return true;
            case SysReg.Ttbr0: v = (uint)Ttbr0; return true;
            case SysReg.Ttbr1: v = (uint)Ttbr1; return true;
            case SysReg.Ttbcr: v = Ttbcr; return true;
            case SysReg.Dacr: v = Dacr; return true;
            case SysReg.Dfsr: v = Dfsr; return true;
            case SysReg.Ifsr: v = Ifsr; return true;
            case SysReg.Dfar: v = Dfar; return true;
            case SysReg.Ifar: v = Ifar; return true;
            case SysReg.Par: v = (uint)Par; return true;
            case SysReg.Prrr: v = Prrr; return true;
            case SysReg.Nmrr: v = Nmrr; return true;
            case SysReg.Vbar: v = Vbar; return true;
            case SysReg.Fcseidr: v = Fcseidr; return true;
            case SysReg.ContextIdr: v = ContextIdr; return true;
            case SysReg.TpidrUrw: v = TpidrUrw; return true;
            case SysReg.TpidrUro: v = TpidrUro; return true;
            case SysReg.TpidrPrw: v = TpidrPrw; return true;
            case SysReg.Teecr: v = Teecr; return true;
            case SysReg.Teehbr: v = Teehbr; return true;
            // Linux reads the number of CPUs from L2CTLR[25:24]; bit 23 says there is an interrupt controller.
            case SysReg.L2ctlr: v = 1u << 23; return ids.HasL2ctlr;
            case SysReg.L2ectlr: return ids.HasL2ctlr;
            case >= SysReg.Pmcr and <= SysReg.Pmintenclr: v = ReadPmu(reg); return true;
            case >= SysReg.Cntfrq and <= SysReg.CntvCtl:
                bool ok = ReadTimer(reg, out ulong t);
                v = (uint)t;
                return ok;
            default: return false;
        }
    }

    private bool WriteSysReg(SysReg reg, uint v)
    {
        switch (reg)
        {
            case SysReg.Csselr: Csselr = v & 0xF; return true;
            case SysReg.Sctlr:
                Sctlr = v;
                // Alignment checking, endianness on exceptions and the MMU enable change translations.
                FlushTlb();
                EndBlockAfterThis();
                return true;
            case SysReg.Actlr: Actlr = v; return true;
            case SysReg.Cpacr:
                // cp10/cp11 access and ASEDIS/D32DIS are the implemented fields (as QEMU).
                Cpacr = v & 0xC0F00000u;
                EndBlockAfterThis();
                return true;
            case SysReg.Ttbr0: Ttbr0 = (Ttbr0 & 0xFFFFFFFF00000000ul) | v; MmuRegisterChanged(); return true;
            case SysReg.Ttbr1: Ttbr1 = (Ttbr1 & 0xFFFFFFFF00000000ul) | v; MmuRegisterChanged(); return true;
            case SysReg.Ttbcr:
                // With EAE = 0 only N (bits 2:0) and PD0/PD1 (bits 5:4) exist; with EAE = 1 the long-descriptor fields.
                Ttbcr = Profile.HasLpae && (v & TtbcrEae) != 0 ? v & ~((7u << 19) | (3u << 14) | (0xFu << 3)) : v & 0x37;
                MmuRegisterChanged();
                return true;
            case SysReg.Dacr:
                // Cheap: Linux's software PAN writes DACR around every user access (Mmu/ArmCpu.TlbSets.cs).
                SetDacr(v);
                EndBlockAfterThis();
                return true;
            case SysReg.Dfsr: Dfsr = v; return true;
            case SysReg.Ifsr: Ifsr = v; return true;
            case SysReg.Dfar: Dfar = v; return true;
            case SysReg.Ifar: Ifar = v; return true;
            case SysReg.Par: Par = (Par & 0xFFFFFFFF00000000ul) | v; return true;
            case SysReg.Prrr: Prrr = v; MmuRegisterChanged(); return true;
            case SysReg.Nmrr: Nmrr = v; MmuRegisterChanged(); return true;
            case SysReg.Vbar: Vbar = v & ~0x1Fu; return true;
            case SysReg.Fcseidr: Fcseidr = v; return true;
            case SysReg.ContextIdr: ContextIdr = v; MmuRegisterChanged(); return true;
            case SysReg.TpidrUrw: TpidrUrw = v; return true;
            case SysReg.TpidrUro: TpidrUro = v; return true;
            case SysReg.TpidrPrw: TpidrPrw = v; return true;
            case SysReg.Teecr: Teecr = v & 1; return true;
            case SysReg.Teehbr: Teehbr = v; return true;
            case SysReg.Adfsr:
            case SysReg.Aifsr:
            case SysReg.Amair0:
            case SysReg.Amair1:
            case SysReg.CacheOp:
            case SysReg.Cp15Dsb:
            case SysReg.Cp15Dmb:
                return true; // WI / no effect: the emulator has no caches and is sequentially consistent
            case SysReg.Cp15Isb: EndBlockAfterThis(); return true;
            case >= SysReg.TlbiAllIs and <= SysReg.TlbiMvaa: return TlbMaintenance(reg, v);
            case >= SysReg.Ats1Cpr and <= SysReg.Ats1Cuw: AddressTranslation(reg, v); return true;
            case SysReg.L2ctlr:
            case SysReg.L2ectlr:
                return SystemIds.HasL2ctlr;
            case >= SysReg.Pmcr and <= SysReg.Pmintenclr: WritePmu(reg, v); return true;
            case >= SysReg.Cntfrq and <= SysReg.CntvCtl: return WriteTimer(reg, v);
            default: return false;
        }
    }

    private bool ReadSysReg64(SysReg reg, out ulong v)
    {
        v = 0;
        if (reg is >= SysReg.Cntpct and <= SysReg.CntvCval)
            return ReadTimer(reg, out v);
        if (!Profile.HasLpae)
            return false;
        switch (reg)
        {
            case SysReg.Ttbr0Long: v = Ttbr0; return true;
            case SysReg.Ttbr1Long: v = Ttbr1; return true;
            case SysReg.ParLong: v = Par; return true;
            default: return false;
        }
    }

    private bool WriteSysReg64(SysReg reg, ulong v)
    {
        if (reg is >= SysReg.Cntpct and <= SysReg.CntvCval)
            return WriteTimer(reg, v);
        if (!Profile.HasLpae)
            return false;
        switch (reg)
        {
            case SysReg.Ttbr0Long: Ttbr0 = v; MmuRegisterChanged(); return true;
            case SysReg.Ttbr1Long: Ttbr1 = v; MmuRegisterChanged(); return true;
            case SysReg.ParLong: Par = v; return true;
            default: return false;
        }
    }

    private bool ReadTimer(SysReg reg, out ulong v)
    {
        v = 0;
        return GenericTimer?.Read((TimerRegister)(reg - SysReg.Cntfrq), Mode == Mode.User, out v) == true;
    }

    private bool WriteTimer(SysReg reg, ulong v)
    {
        if (GenericTimer?.Write((TimerRegister)(reg - SysReg.Cntfrq), Mode == Mode.User, v) != true)
            return false;
        // A timer write can raise or lower the interrupt line: let the platform look before the next block.
        EndBlockAfterThis();
        return true;
    }

    /// <summary>A translation-table register changed: cached translations are stale.</summary>
    private void MmuRegisterChanged()
    {
        FlushTlb();
        EndBlockAfterThis();
    }

    /// <summary>PL0 access rules of a system register (PL1 rights were checked at decode time).</summary>
    private bool SysRegAccessible(SysRegAccess access, bool read)
    {
        if (Mode != Mode.User)
            return true;
        if ((access & (read ? SysRegAccess.Pl0Read : SysRegAccess.Pl0Write)) == 0)
            return false;
        if ((access & SysRegAccess.TeeXed) != 0 && (Teecr & 1) != 0)
            return false;
        if ((access & SysRegAccess.PmuUserEn) != 0 && (Pmuserenr & 1) == 0)
            return false;
        return (access & SysRegAccess.Cp15Ben) == 0 || (Sctlr & (1u << 5)) != 0;
    }
}
