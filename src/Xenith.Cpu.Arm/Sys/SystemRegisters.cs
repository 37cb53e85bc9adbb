namespace Xenith.Cpu.Arm.Sys;

/// <summary>
/// System (coprocessor 14/15) registers and operations known to the emulator. The decoder maps an
/// MRC/MCR/MRRC/MCRR encoding to one of these at decode time; <c>ArmCpu.SystemRegisters.cs</c>
/// reads and writes them. Names are the ARM ARM's (B4.1, B3.18).
/// </summary>
public enum SysReg : ushort
{
    None = 0,
    // c0: identification
    Midr, Ctr, Tcmtr, Tlbtr, Mpidr, Revidr,
    IdPfr0, IdPfr1, IdDfr0, IdAfr0, IdMmfr0, IdMmfr1, IdMmfr2, IdMmfr3,
    IdIsar0, IdIsar1, IdIsar2, IdIsar3, IdIsar4, IdIsar5,
    Ccsidr, Clidr, Aidr, Csselr,
    // c1: system control
    Sctlr, Actlr, Cpacr,
    // c2, c3: translation table control
    Ttbr0, Ttbr1, Ttbcr, Dacr,
    /// <summary>64-bit TTBR0/TTBR1 (MRRC/MCRR p15, 0/1, c2; LPAE).</summary>
    Ttbr0Long, Ttbr1Long,
    // c5, c6: faults
    Dfsr, Ifsr, Adfsr, Aifsr, Dfar, Ifar,
    // c7: PAR, address translation, cache maintenance, CP15 barriers
    Par, ParLong,
    /// <summary>ATS1CPR/CPW/CUR/CUW (c7, c8, 0-3).</summary>
    Ats1Cpr, Ats1Cpw, Ats1Cur, Ats1Cuw,
    /// <summary>Data/instruction cache and branch predictor maintenance: accepted, no effect.</summary>
    CacheOp,
    Cp15Isb, Cp15Dsb, Cp15Dmb,
    // c8: TLB maintenance. The ITLB*/DTLB* forms act as the unified ones; *Is are the inner-shareable forms.
    TlbiAllIs, TlbiMvaIs, TlbiAsidIs, TlbiMvaaIs,
    TlbiAll, TlbiMva, TlbiAsid, TlbiMvaa,
    // c10: memory attributes (PRRR/NMRR are MAIR0/MAIR1 when TTBCR.EAE is set)
    Prrr, Nmrr, Amair0, Amair1,
    // c12: vectors
    Vbar,
    // c13: process, context and thread ID
    Fcseidr, ContextIdr, TpidrUrw, TpidrUro, TpidrPrw,
    // cp14 debug and ThumbEE
    Dbgdidr,
    /// <summary>ThumbEE configuration and handler base (p14, 6, c0/c1, c0, 0): Linux writes TEEHBR on every context switch.</summary>
    Teecr, Teehbr,
    /// <summary>Implementation-defined L2CTLR/L2ECTLR (p15, 1, c9, c0, 2/3), Cortex-A15 only.</summary>
    L2ctlr, L2ectlr,
    // c9: performance monitors (cycle counter only: PMCR.N = 0)
    Pmcr, Pmcntenset, Pmcntenclr, Pmovsr, Pmswinc, Pmselr, Pmceid0, Pmceid1,
    Pmccntr, Pmxevtyper, Pmxevcntr, Pmuserenr, Pmintenset, Pmintenclr,
    // c14: generic timer, forwarded to the platform's IGenericTimer (PL0 rights depend on CNTKCTL).
    Cntfrq, Cntkctl, CntpTval, CntpCtl, CntvTval, CntvCtl,
    Cntpct, Cntvct, CntpCval, CntvCval,
}

/// <summary>Who may access a system register; checked at decode time (direction) and at run time (PL0).</summary>
[Flags]
public enum SysRegAccess : byte
{
    None = 0,
    Pl0Read = 1,
    Pl0Write = 2,
    Pl1Read = 4,
    Pl1Write = 8,
    Pl1Rw = Pl1Read | Pl1Write,
    Pl0Rw = Pl0Read | Pl0Write,
    /// <summary>PL0 access allowed only when SCTLR.CP15BEN is set (the CP15 barrier operations).</summary>
    Cp15Ben = 16,
    /// <summary>PL0 access allowed only when TEECR.XED is clear (TEEHBR).</summary>
    TeeXed = 32,
    /// <summary>PL0 access allowed only when PMUSERENR.EN is set (the performance monitors).</summary>
    PmuUserEn = 64,
}

/// <summary>The table that maps (coproc, opc1, CRn, CRm, opc2) to a <see cref="SysReg"/>.</summary>
public static class SystemRegisters
{
    private readonly record struct Entry(SysReg Reg, SysRegAccess Access);

    // Decode-time only: a dictionary is fine here; execution uses the resolved id.
    private static readonly Dictionary<uint, Entry> Regs32 = Build32();
    private static readonly Dictionary<uint, Entry> Regs64 = Build64();

    private static uint Key(uint cp, uint opc1, uint crn, uint crm, uint opc2) =>
        (cp << 16) | (opc1 << 12) | (crn << 8) | (crm << 4) | opc2;

    /// <summary>Looks up an MRC/MCR register; false when unknown or not accessible in that direction at any level.</summary>
    public static bool Find32(uint cp, uint opc1, uint crn, uint crm, uint opc2, bool read, out SysReg reg, out SysRegAccess access)
    {
        if (Find(Regs32, Key(cp, opc1, crn, crm, opc2), read, out reg, out access))
            return true;
        // As QEMU's pre-v8 CPUs: every other PL1 write to p15, 0, c7 is a cache maintenance NOP.
        // (c7, c4 is PAR and c7, c8 the address translations, which are not maintenance.)
        if (cp == 15 && opc1 == 0 && crn == 7 && crm is not (4 or 8) && !read)
        {
            reg = SysReg.CacheOp;
            access = SysRegAccess.Pl1Write;
            return true;
        }
        return false;
    }

    /// <summary>Looks up an MRRC/MCRR register by (coproc, opc1, CRm).</summary>
    public static bool Find64(uint cp, uint opc1, uint crm, bool read, out SysReg reg, out SysRegAccess access)
        => Find(Regs64, Key(cp, opc1, 0, crm, 0), read, out reg, out access);

    private static bool Find(Dictionary<uint, Entry> table, uint key, bool read, out SysReg reg, out SysRegAccess access)
    {
        reg = SysReg.None;
        access = SysRegAccess.None;
        if (!table.TryGetValue(key, out var e))
            return false;
        var need = read ? SysRegAccess.Pl1Read : SysRegAccess.Pl1Write;
        if ((e.Access & need) == 0)
            return false;
        reg = e.Reg;
        access = e.Access;
        return true;
    }

    private static Dictionary<uint, Entry> Build32()
    {
        var t = new Dictionary<uint, Entry>();
        void Add(uint cp, uint opc1, uint crn, uint crm, uint opc2, SysReg r, SysRegAccess a) =>
            t.Add(Key(cp, opc1, crn, crm, opc2), new Entry(r, a));
        const SysRegAccess R = SysRegAccess.Pl1Read, W = SysRegAccess.Pl1Write, RW = SysRegAccess.Pl1Rw;

        // c0: identification (read-only at PL1).
        Add(15, 0, 0, 0, 0, SysReg.Midr, R);
        Add(15, 0, 0, 0, 1, SysReg.Ctr, R);
        Add(15, 0, 0, 0, 2, SysReg.Tcmtr, R);
        Add(15, 0, 0, 0, 3, SysReg.Tlbtr, R);
        Add(15, 0, 0, 0, 4, SysReg.Midr, R); // aliases of MIDR (B4.1.105)
        Add(15, 0, 0, 0, 5, SysReg.Mpidr, R);
        Add(15, 0, 0, 0, 6, SysReg.Revidr, R);
        Add(15, 0, 0, 0, 7, SysReg.Midr, R);
        SysReg[] c1 = [SysReg.IdPfr0, SysReg.IdPfr1, SysReg.IdDfr0, SysReg.IdAfr0, SysReg.IdMmfr0, SysReg.IdMmfr1, SysReg.IdMmfr2, SysReg.IdMmfr3];
        for (uint i = 0; i < 8; i++)
            Add(15, 0, 0, 1, i, c1[i], R);
        SysReg[] c2 = [SysReg.IdIsar0, SysReg.IdIsar1, SysReg.IdIsar2, SysReg.IdIsar3, SysReg.IdIsar4, SysReg.IdIsar5];
        for (uint i = 0; i < 6; i++)
            Add(15, 0, 0, 2, i, c2[i], R);
        Add(15, 1, 0, 0, 0, SysReg.Ccsidr, R);
        Add(15, 1, 0, 0, 1, SysReg.Clidr, R);
        Add(15, 1, 0, 0, 7, SysReg.Aidr, R);
        Add(15, 2, 0, 0, 0, SysReg.Csselr, RW);

        // c1: system control.
        Add(15, 0, 1, 0, 0, SysReg.Sctlr, RW);
        Add(15, 0, 1, 0, 1, SysReg.Actlr, RW);
        Add(15, 0, 1, 0, 2, SysReg.Cpacr, RW);

        // c2, c3: translation tables and domains.
        Add(15, 0, 2, 0, 0, SysReg.Ttbr0, RW);
        Add(15, 0, 2, 0, 1, SysReg.Ttbr1, RW);
        Add(15, 0, 2, 0, 2, SysReg.Ttbcr, RW);
        Add(15, 0, 3, 0, 0, SysReg.Dacr, RW);

        // c5, c6: fault status and address.
        Add(15, 0, 5, 0, 0, SysReg.Dfsr, RW);
        Add(15, 0, 5, 0, 1, SysReg.Ifsr, RW);
        Add(15, 0, 5, 1, 0, SysReg.Adfsr, RW);
        Add(15, 0, 5, 1, 1, SysReg.Aifsr, RW);
        Add(15, 0, 6, 0, 0, SysReg.Dfar, RW);
        Add(15, 0, 6, 0, 2, SysReg.Ifar, RW);

        // c7: PAR, address translation (write-only), cache and branch predictor maintenance (write-only), CP15 barriers.
        Add(15, 0, 7, 4, 0, SysReg.Par, RW);
        SysReg[] ats = [SysReg.Ats1Cpr, SysReg.Ats1Cpw, SysReg.Ats1Cur, SysReg.Ats1Cuw];
        // ATS12NSO* (opc2 4-7) exist only for Hyp mode and Secure PL1: UNDEFINED at Non-secure PL1, where guests run.
        for (uint opc2 = 0; opc2 < 4; opc2++)
            Add(15, 0, 7, 8, opc2, ats[opc2], W);
        foreach (var (crm, opc2) in (ReadOnlySpan<(uint, uint)>)[
            (1, 0), (1, 6), // ICIALLUIS, BPIALLIS
            (5, 0), (5, 1), (5, 6), (5, 7), // ICIALLU, ICIMVAU, BPIALL, BPIMVA
            (6, 1), (6, 2), // DCIMVAC, DCISW
            (10, 1), (10, 2), // DCCMVAC, DCCSW
            (11, 1), // DCCMVAU
            (14, 1), (14, 2), // DCCIMVAC, DCCISW
        ])
        {
            Add(15, 0, 7, crm, opc2, SysReg.CacheOp, W);
        }
        const SysRegAccess barrier = W | SysRegAccess.Pl0Write | SysRegAccess.Cp15Ben;
        Add(15, 0, 7, 5, 4, SysReg.Cp15Isb, barrier);
        Add(15, 0, 7, 10, 4, SysReg.Cp15Dsb, barrier);
        Add(15, 0, 7, 10, 5, SysReg.Cp15Dmb, barrier);

        // c8: TLB maintenance (write-only): TLBIALLIS.. (c3), ITLB* (c5), DTLB* (c6), TLBIALL.. (c7).
        SysReg[] tlbiIs = [SysReg.TlbiAllIs, SysReg.TlbiMvaIs, SysReg.TlbiAsidIs, SysReg.TlbiMvaaIs];
        SysReg[] tlbi = [SysReg.TlbiAll, SysReg.TlbiMva, SysReg.TlbiAsid, SysReg.TlbiMvaa];
        foreach (uint crm in (ReadOnlySpan<uint>)[3, 5, 6, 7])
        {
            for (uint opc2 = 0; opc2 < 4; opc2++)
            {
                if (crm is 5 or 6 && opc2 == 3)
                    continue; // there is no ITLBIMVAA/DTLBIMVAA
                Add(15, 0, 8, crm, opc2, (crm == 3 ? tlbiIs : tlbi)[opc2], W);
            }
        }

        // c9: Cortex-A15 L2 control (implementation defined).
        Add(15, 1, 9, 0, 2, SysReg.L2ctlr, RW);
        Add(15, 1, 9, 0, 3, SysReg.L2ectlr, RW);

        // c10: memory region attributes (MAIR0/MAIR1 with TTBCR.EAE).
        Add(15, 0, 10, 2, 0, SysReg.Prrr, RW);
        Add(15, 0, 10, 2, 1, SysReg.Nmrr, RW);
        Add(15, 0, 10, 3, 0, SysReg.Amair0, RW);
        Add(15, 0, 10, 3, 1, SysReg.Amair1, RW);

        // c12, c13.
        Add(15, 0, 12, 0, 0, SysReg.Vbar, RW);
        Add(15, 0, 13, 0, 0, SysReg.Fcseidr, RW);
        Add(15, 0, 13, 0, 1, SysReg.ContextIdr, RW);
        Add(15, 0, 13, 0, 2, SysReg.TpidrUrw, RW | SysRegAccess.Pl0Rw);
        Add(15, 0, 13, 0, 3, SysReg.TpidrUro, RW | SysRegAccess.Pl0Read);
        Add(15, 0, 13, 0, 4, SysReg.TpidrPrw, RW);

        // c9: performance monitors. PL0 may use them when PMUSERENR.EN is set (except the enable and interrupt controls).
        const SysRegAccess pmu = RW | SysRegAccess.Pl0Rw | SysRegAccess.PmuUserEn;
        SysReg[] pmc12 = [SysReg.Pmcr, SysReg.Pmcntenset, SysReg.Pmcntenclr, SysReg.Pmovsr, SysReg.Pmswinc, SysReg.Pmselr, SysReg.Pmceid0, SysReg.Pmceid1];
        for (uint i = 0; i < 8; i++)
            Add(15, 0, 9, 12, i, pmc12[i], i >= 6 ? R | SysRegAccess.Pl0Read | SysRegAccess.PmuUserEn : i == 4 ? W | SysRegAccess.Pl0Write | SysRegAccess.PmuUserEn : pmu);
        Add(15, 0, 9, 13, 0, SysReg.Pmccntr, pmu);
        Add(15, 0, 9, 13, 1, SysReg.Pmxevtyper, pmu);
        Add(15, 0, 9, 13, 2, SysReg.Pmxevcntr, pmu);
        Add(15, 0, 9, 14, 0, SysReg.Pmuserenr, RW | SysRegAccess.Pl0Read);
        Add(15, 0, 9, 14, 1, SysReg.Pmintenset, RW);
        Add(15, 0, 9, 14, 2, SysReg.Pmintenclr, RW);

        // c14: generic timer. Every PL0 access is passed on; the timer refuses what CNTKCTL forbids.
        const SysRegAccess timer = RW | SysRegAccess.Pl0Rw;
        Add(15, 0, 14, 0, 0, SysReg.Cntfrq, timer);
        Add(15, 0, 14, 1, 0, SysReg.Cntkctl, timer);
        Add(15, 0, 14, 2, 0, SysReg.CntpTval, timer);
        Add(15, 0, 14, 2, 1, SysReg.CntpCtl, timer);
        Add(15, 0, 14, 3, 0, SysReg.CntvTval, timer);
        Add(15, 0, 14, 3, 1, SysReg.CntvCtl, timer);

        // cp14: debug ID. Reads as 0 (no debug architecture) so that Linux skips hw breakpoints.
        Add(14, 0, 0, 0, 0, SysReg.Dbgdidr, R | SysRegAccess.Pl0Read);
        Add(14, 6, 0, 0, 0, SysReg.Teecr, RW);
        Add(14, 6, 1, 0, 0, SysReg.Teehbr, RW | SysRegAccess.Pl0Rw | SysRegAccess.TeeXed);
        return t;
    }

    private static Dictionary<uint, Entry> Build64()
    {
        var t = new Dictionary<uint, Entry>();
        t.Add(Key(15, 0, 0, 2, 0), new Entry(SysReg.Ttbr0Long, SysRegAccess.Pl1Rw));
        t.Add(Key(15, 1, 0, 2, 0), new Entry(SysReg.Ttbr1Long, SysRegAccess.Pl1Rw));
        t.Add(Key(15, 0, 0, 7, 0), new Entry(SysReg.ParLong, SysRegAccess.Pl1Rw));
        const SysRegAccess timer = SysRegAccess.Pl1Rw | SysRegAccess.Pl0Rw;
        t.Add(Key(15, 0, 0, 14, 0), new Entry(SysReg.Cntpct, timer));
        t.Add(Key(15, 1, 0, 14, 0), new Entry(SysReg.Cntvct, timer));
        t.Add(Key(15, 2, 0, 14, 0), new Entry(SysReg.CntpCval, timer));
        t.Add(Key(15, 3, 0, 14, 0), new Entry(SysReg.CntvCval, timer));
        return t;
    }
}
