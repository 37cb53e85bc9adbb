namespace Xenith.Cpu.Arm.Tests.Mmu;

/// <summary>Every fault kind with its exact DFSR/IFSR and DFAR/IFAR, in the short and the long format.</summary>
public class FaultStatusTests
{
    private const uint Dom = 0x55555555; // every domain Client

    private static void AssertDataAbort(MmuKit k, uint va, uint dfsr, bool write = false)
    {
        k.Cpu.R[0] = va;
        Assert.Equal(ExitReason.DataAbort, k.Run(write ? Op.StrR1R0 : Op.LdrR1R0));
        Assert.Equal(dfsr, k.Cpu.Dfsr);
        Assert.Equal(va, k.Cpu.Dfar);
        Assert.Equal(0x1000u, k.Cpu.Pc); // the faulting instruction
    }

    // ---- Short format: FS[3:0], FS[4] in bit 10, domain in 7:4, WnR in 11 ----

    [Fact]
    public void SectionTranslationFault()
    {
        using var k = new MmuKit();
        k.EnableShort(Dom);
        AssertDataAbort(k, 0x70000004, 0x005);
        AssertDataAbort(k, 0x70000004, 0x805, write: true);
    }

    [Fact]
    public void PageTranslationFaultCarriesTheDomain()
    {
        using var k = new MmuKit();
        k.MapL1(0x50000000, MmuKit.PageTable(MmuKit.L2, domain: 3));
        k.EnableShort(Dom);
        AssertDataAbort(k, 0x50002000, 0x037);
    }

    [Fact]
    public void DomainFaults()
    {
        using var k = new MmuKit();
        k.MapL1(0x40000000, MmuKit.Section(0, domain: 5));
        k.MapL1(0x50000000, MmuKit.PageTable(MmuKit.L2, domain: 6));
        k.MapL2(0x50001000, MmuKit.SmallPage(0x91000));
        k.EnableShort(dacr: 1 | (2u << 12)); // domain 0 Client, 6 reserved (as No access), 5 No access
        AssertDataAbort(k, 0x40090000, 0x059);
        AssertDataAbort(k, 0x50001000, 0x86B, write: true);
    }

    [Fact]
    public void PermissionFaults()
    {
        using var k = new MmuKit();
        k.MapL1(0x40000000, MmuKit.Section(0, ap: 5, domain: 2)); // PL1 read-only
        k.MapL1(0x50000000, MmuKit.PageTable(MmuKit.L2, domain: 7));
        k.MapL2(0x50001000, MmuKit.SmallPage(0x91000, ap: 0));
        k.EnableShort(Dom);
        AssertDataAbort(k, 0x40090000, 0x82D, write: true);
        AssertDataAbort(k, 0x50001010, 0x07F);
    }

    [Fact]
    public void AccessFlagFaultsWithAfe()
    {
        using var k = new MmuKit();
        k.MapL1(0x40000000, MmuKit.Section(0, ap: 2, domain: 1)); // AP[0] = 0: access flag clear
        k.MapL1(0x50000000, MmuKit.PageTable(MmuKit.L2, domain: 4));
        k.MapL2(0x50001000, MmuKit.SmallPage(0x91000, ap: 6));
        k.EnableShort(Dom, sctlr: MmuKit.SctlrAfe);
        AssertDataAbort(k, 0x40090000, 0x013);
        AssertDataAbort(k, 0x50001000, 0x846, write: true);
    }

    [Fact]
    public void ExternalAbortsOnTheWalkAndOnTheAccess()
    {
        using var k = new MmuKit();
        k.MapL1(0x50000000, MmuKit.PageTable(0x4000_0000, domain: 9)); // second-level table where nothing is
        k.MapL1(0x60000000, MmuKit.Section(0x4000_0000)); // maps a PA where nothing is
        k.EnableShort(Dom);
        AssertDataAbort(k, 0x50000000, 0x09E);
        AssertDataAbort(k, 0x60000000, 0x808, write: true);

        k.Cpu.Ttbr0 = 0x4000_0000; // the first-level table itself is missing: even the fetch aborts
        k.Cpu.FlushTlb();
        k.H.A32(Op.LdrR1R0);
        Assert.Equal(ExitReason.PrefetchAbort, k.H.Run());
        Assert.Equal(0x00Cu, k.Cpu.Ifsr);
        Assert.Equal(0x1000u, k.Cpu.Ifar);
    }

    [Fact]
    public void PrefetchAbortsReportIfsrAndIfar()
    {
        using var k = new MmuKit();
        k.MapL1(0x40000000, MmuKit.Section(0, domain: 3, xn: true));
        k.EnableShort(Dom);
        k.Cpu.R[0] = 0x40003000;
        Assert.Equal(ExitReason.PrefetchAbort, k.Run(Op.BxR0));
        Assert.Equal(0x03Du, k.Cpu.Ifsr); // permission (section), domain 3, never WnR
        Assert.Equal(0x40003000u, k.Cpu.Ifar);

        k.Cpu.R[0] = 0x70000000;
        Assert.Equal(ExitReason.PrefetchAbort, k.Run(Op.BxR0));
        Assert.Equal(0x005u, k.Cpu.Ifsr);
        Assert.Equal(0x70000000u, k.Cpu.Ifar);
    }

    [Fact]
    public void PrefetchAbortVectorsWhenNotTrapped()
    {
        using var k = new MmuKit();
        k.EnableShort(Dom);
        k.Cpu.HostTraps = HostTraps.None;
        k.Cpu.Vbar = 0x8000;
        k.Cpu.R[0] = 0x70000000;
        k.H.A32(Op.BxR0);
        k.H.Run(1);
        k.H.Run(1); // the fetch from 0x70000000 aborts: taking it executes nothing
        Assert.Equal(Mode.Abort, k.Cpu.Mode);
        Assert.Equal(0x800Cu, k.Cpu.Pc);
        Assert.Equal(0x70000004u, k.Cpu.R[14]);
        Assert.Equal(0x005u, k.Cpu.Ifsr);
    }

    [Fact]
    public void AlignmentFaultUsesTheFormatTtbcrEaePicksEvenWithTheMmuOff()
    {
        using var k = new MmuKit();
        k.Cpu.R[0] = 0x90002;
        Assert.Equal(ExitReason.DataAbort, k.Run(Op.LdrexR1R0));
        Assert.Equal(0x001u, k.Cpu.Dfsr);

        k.Cpu.Ttbcr = MmuKit.TtbcrEae;
        Assert.Equal(ExitReason.DataAbort, k.Run(Op.LdrexR1R0));
        Assert.Equal(0x221u, k.Cpu.Dfsr);
        Assert.Equal(0x90002u, k.Cpu.Dfar);
    }

    [Fact]
    public void BkptReportsTheDebugEventInBothFormats()
    {
        using var k = new MmuKit();
        k.Cpu.HostTraps = HostTraps.None;
        k.H.A32(0xE1200070); // bkpt #0
        k.H.Run(1);
        Assert.Equal(0x002u, k.Cpu.Ifsr);

        using var l = new MmuKit();
        l.Cpu.HostTraps = HostTraps.None;
        l.Cpu.Ttbcr = MmuKit.TtbcrEae;
        l.H.A32(0xE1200070);
        l.H.Run(1);
        Assert.Equal(0x222u, l.Cpu.Ifsr);
    }

    // ---- Long format: bit 9 set, STATUS[5:0] with the level in 1:0 ----

    [Fact]
    public void LongTranslationFaultsAtEachLevel()
    {
        using var k = new MmuKit();
        k.EnableLong();
        AssertDataAbort(k, 0xC0000000, 0x205); // L1 entry 3 empty
        AssertDataAbort(k, 0x40400000, 0x206); // L2 entry 2 empty
        AssertDataAbort(k, 0x40205000, 0xA07, write: true); // L3 entry 5 empty
        k.Poke64(MmuKit.LpaeL3 + 6 * 8, 1); // 0b01 is reserved at level 3
        AssertDataAbort(k, 0x40206000, 0x207);
    }

    [Fact]
    public void LongAccessFlagAndPermissionFaults()
    {
        using var k = new MmuKit();
        k.Poke64(MmuKit.LpaeL2 + 2 * 8, MmuKit.Block(0, af: false)); // VA 0x40400000: 2 MiB block, AF = 0
        k.Poke64(MmuKit.LpaeL3 + 1 * 8, MmuKit.Page(0x91000, af: false));
        k.Poke64(MmuKit.LpaeL3 + 2 * 8, MmuKit.Page(0x92000, ap: 2)); // PL1 read-only
        k.EnableLong();
        AssertDataAbort(k, 0x40400000, 0x20A);
        AssertDataAbort(k, 0x40201000, 0xA0B, write: true);
        AssertDataAbort(k, 0x40202000, 0xA0F, write: true);
    }

    [Fact]
    public void LongExternalAbortsOnTheWalkAndOnTheAccess()
    {
        using var k = new MmuKit();
        k.Poke64(MmuKit.LpaeL2 + 3 * 8, MmuKit.Table(0x4000_0000)); // VA 0x40600000: L3 table where nothing is
        k.Poke64(MmuKit.LpaeL2 + 4 * 8, MmuKit.Block(0x4000_0000)); // VA 0x40800000: block of nothing
        k.EnableLong();
        AssertDataAbort(k, 0x40600000, 0x217);
        AssertDataAbort(k, 0x40800000, 0xA10, write: true);
    }

    [Fact]
    public void LongPrefetchAbortForXn()
    {
        using var k = new MmuKit();
        k.Poke64(MmuKit.LpaeL3 + 3 * 8, MmuKit.Page(0x3000, xn: true));
        k.EnableLong();
        k.Cpu.R[0] = 0x40203000;
        Assert.Equal(ExitReason.PrefetchAbort, k.Run(Op.BxR0));
        Assert.Equal(0x20Fu, k.Cpu.Ifsr);
        Assert.Equal(0x40203000u, k.Cpu.Ifar);
    }
}
