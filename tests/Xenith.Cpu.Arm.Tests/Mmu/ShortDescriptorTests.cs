namespace Xenith.Cpu.Arm.Tests.Mmu;

/// <summary>Short-descriptor translation (ARM ARM B3.5): sections, supersections, pages, TTBCR.N, domains, AP.</summary>
public class ShortDescriptorTests
{
    [Fact]
    public void MmuOffIsIdentityWhateverTheTablesSay()
    {
        using var k = new MmuKit();
        k.Poke32(0x90010, 0x11223344);
        k.Cpu.Ttbr0 = 0xDEAD0000; // garbage: never consulted
        k.H.Cpu.R[0] = 0x90010;
        Assert.Equal(ExitReason.Hvc, k.Run(Op.LdrR1R0));
        Assert.Equal(0x11223344u, k.Cpu.R[1]);
    }

    [Fact]
    public void SectionMapsAMegabyteOfVaToPa()
    {
        using var k = new MmuKit();
        k.Poke32(0x90010, 0xCAFEF00D);
        k.MapL1(0x40000000, MmuKit.Section(0));
        k.EnableShort();
        k.Cpu.R[0] = 0x40090010;
        k.Cpu.R[3] = 0x55;
        Assert.Equal(ExitReason.Hvc, k.Run(Op.LdrR1R0, 0xE5803004)); // ldr r1, [r0]; str r3, [r0, #4]
        Assert.Equal(0xCAFEF00Du, k.Cpu.R[1]);
        Assert.Equal(0x55u, k.Peek32(0x90014));
    }

    [Fact]
    public void SmallAndLargePagesUseTheSecondLevelTable()
    {
        using var k = new MmuKit();
        k.MapL1(0x50000000, MmuKit.PageTable(MmuKit.L2));
        k.MapL2(0x50001000, MmuKit.SmallPage(0x91000));
        for (uint i = 0; i < 16; i++) // a large page is repeated in 16 consecutive entries
            k.MapL2(0x50010000 + (i << 12), MmuKit.LargePage(0xA0000));
        k.Poke32(0x91234, 0x5111);
        k.Poke32(0xA3004, 0x1A12);
        k.EnableShort();
        k.Cpu.R[0] = 0x50001234;
        k.Cpu.R[2] = 0x50013004;
        Assert.Equal(ExitReason.Hvc, k.Run(Op.LdrR1R0, 0xE5924000)); // ldr r1, [r0]; ldr r4, [r2]
        Assert.Equal(0x5111u, k.Cpu.R[1]);
        Assert.Equal(0x1A12u, k.Cpu.R[4]);
    }

    [Fact]
    public void SupersectionReachesPhysicalAddressesAboveFourGiB()
    {
        using var k = new MmuKit();
        k.H.Memory.AddRam(0x1_0000_0000, 0x10000);
        k.Poke32(0x1_0000_0020, 0xB16AD0);
        k.MapL1(0x60000000, MmuKit.Supersection(0x1_0000_0000));
        k.EnableShort();
        k.Cpu.R[0] = 0x60000020;
        Assert.Equal(ExitReason.Hvc, k.Run(Op.LdrR1R0));
        Assert.Equal(0xB16AD0u, k.Cpu.R[1]);
    }

    [Fact]
    public void TtbcrNSplitsBetweenTtbr0AndTtbr1()
    {
        using var k = new MmuKit();
        const uint Ttbr0Table = 0x8C000; // N = 2: a 4 KiB table for VA 0-1 GiB
        k.MapL1(0, MmuKit.Section(0), Ttbr0Table);
        k.MapL1(0x40000000, MmuKit.Section(0)); // TTBR1's table: full size, indexed by VA[31:20]
        k.Poke32(0x90010, 0x77);
        k.Cpu.Ttbr0 = Ttbr0Table;
        k.Cpu.Ttbr1 = MmuKit.L1;
        k.Cpu.Ttbcr = 2;
        k.Cpu.Dacr = 1;
        k.Cpu.Sctlr |= 1;
        k.Cpu.R[0] = 0x40090010;
        Assert.Equal(ExitReason.Hvc, k.Run(Op.LdrR1R0));
        Assert.Equal(0x77u, k.Cpu.R[1]);

        k.Cpu.Ttbcr = 2 | 0x20; // PD1: no walks through TTBR1
        Assert.Equal(ExitReason.DataAbort, k.Run(Op.LdrR1R0));
        Assert.Equal(0x005u, k.Cpu.Dfsr);
        Assert.Equal(0x40090010u, k.Cpu.Dfar);
    }

    [Theory]
    [InlineData(0x7FFFFF3Au, 0x32u)] // EAE = 0: N and PD0/PD1 only
    [InlineData(0x80C20081u, 0x80C20081u)] // EAE = 1: T0SZ, EPD0, T1SZ, A1, EPD1 kept
    public void TtbcrWriteKeepsTheFieldsOfItsFormat(uint written, uint read)
    {
        using var k = new MmuKit();
        k.Cpu.R[0] = written;
        Assert.Equal(ExitReason.Hvc, k.Run(0xEE020F50)); // mcr p15, 0, r0, c2, c0, 2
        Assert.Equal(read, k.Cpu.Ttbcr);
    }

    [Fact]
    public void ManagerDomainSkipsPermissionChecks()
    {
        using var k = new MmuKit();
        k.MapL1(0x40000000, MmuKit.Section(0, ap: 0, domain: 4, xn: true)); // no access, but domain 4 is Manager
        k.Poke32(0x90000, 0x3);
        k.EnableShort(dacr: 1 | (3u << 8));
        k.Cpu.R[0] = 0x40090000;
        Assert.Equal(ExitReason.Hvc, k.Run(Op.LdrR1R0, Op.StrR1R0));
        Assert.Equal(3u, k.Cpu.R[1]);
    }

    [Theory]
    [InlineData(0u, false, false, false, false)]
    [InlineData(1u, true, true, false, false)]
    [InlineData(2u, true, true, true, false)]
    [InlineData(3u, true, true, true, true)]
    [InlineData(4u, false, false, false, false)]
    [InlineData(5u, true, false, false, false)]
    [InlineData(6u, true, false, true, false)]
    [InlineData(7u, true, false, true, false)]
    public void AccessPermissionsOfAp2To0(uint ap, bool pl1Read, bool pl1Write, bool pl0Read, bool pl0Write)
    {
        using var k = new MmuKit();
        k.MapL1(0x40000000, MmuKit.Section(0, ap));
        k.EnableShort();
        Assert.Equal(pl1Read, k.Cpu.TranslateVa(0x40090000, AccessKind.Read, false, out _) == Fault.None);
        Assert.Equal(pl1Write, k.Cpu.TranslateVa(0x40090000, AccessKind.Write, false, out _) == Fault.None);
        Assert.Equal(pl0Read, k.Cpu.TranslateVa(0x40090000, AccessKind.Read, true, out _) == Fault.None);
        Assert.Equal(pl0Write, k.Cpu.TranslateVa(0x40090000, AccessKind.Write, true, out _) == Fault.None);
    }

    [Theory]
    [InlineData(1u, true, true, false, false)] // AP[2:1] = 00: PL1 RW
    [InlineData(3u, true, true, true, true)] // 01: RW at both
    [InlineData(5u, true, false, false, false)] // 10: PL1 RO
    [InlineData(7u, true, false, true, false)] // 11: RO at both
    public void SimplifiedModelWithAfe(uint ap, bool pl1Read, bool pl1Write, bool pl0Read, bool pl0Write)
    {
        using var k = new MmuKit();
        k.MapL1(0x40000000, MmuKit.Section(0, ap));
        k.EnableShort(sctlr: MmuKit.SctlrAfe);
        Assert.Equal(pl1Read, k.Cpu.TranslateVa(0x40090000, AccessKind.Read, false, out _) == Fault.None);
        Assert.Equal(pl1Write, k.Cpu.TranslateVa(0x40090000, AccessKind.Write, false, out _) == Fault.None);
        Assert.Equal(pl0Read, k.Cpu.TranslateVa(0x40090000, AccessKind.Read, true, out _) == Fault.None);
        Assert.Equal(pl0Write, k.Cpu.TranslateVa(0x40090000, AccessKind.Write, true, out _) == Fault.None);
    }

    [Fact]
    public void LdrtAndStrtAreCheckedAtPl0()
    {
        using var k = new MmuKit();
        k.MapL1(0x40000000, MmuKit.Section(0, ap: 2, domain: 1)); // PL1 RW, PL0 RO
        k.Poke32(0x90000, 0x42);
        k.EnableShort();
        k.Cpu.R[0] = 0x40090000;
        Assert.Equal(ExitReason.Hvc, k.Run(Op.LdrtR1R0, Op.StrR1R0)); // LDRT and a privileged STR both pass
        Assert.Equal(0x42u, k.Cpu.R[1]);

        Assert.Equal(ExitReason.DataAbort, k.Run(Op.StrtR1R0));
        Assert.Equal(0x81Du, k.Cpu.Dfsr); // WnR, domain 1, permission (section)
        Assert.Equal(0x40090000u, k.Cpu.Dfar);
    }

    [Fact]
    public void UserModeCannotReadPl1OnlyPages()
    {
        using var k = new MmuKit();
        k.MapL1(0x50000000, MmuKit.PageTable(MmuKit.L2, domain: 2));
        k.MapL2(0x50001000, MmuKit.SmallPage(0x91000, ap: 1));
        k.EnableShort();
        k.H.A32(Op.LdrR1R0);
        k.Cpu.Cpsr = 0x10;
        k.Cpu.R[0] = 0x50001008;
        Assert.Equal(ExitReason.DataAbort, k.H.Run());
        Assert.Equal(0x02Fu, k.Cpu.Dfsr); // domain 2, permission (page)
        Assert.Equal(0x50001008u, k.Cpu.Dfar);
        Assert.Equal(Mode.User, k.Cpu.Mode);
    }

    [Fact]
    public void SectionWithPxnType3IsAFaultWithoutLpae()
    {
        using var k = new MmuKit(CpuProfile.CortexA8);
        k.MapL1(0x40000000, MmuKit.Section(0, pxn: true));
        k.EnableShort();
        Assert.Equal(new Fault(FaultStatus.Translation, 1), k.Cpu.TranslateVa(0x40000000, AccessKind.Read, false, out _));

        using var a15 = new MmuKit();
        a15.MapL1(0x40000000, MmuKit.Section(0, pxn: true));
        a15.EnableShort();
        Assert.Equal(Fault.None, a15.Cpu.TranslateVa(0x40000000, AccessKind.Read, false, out ulong pa));
        Assert.Equal(0ul, pa);
        Assert.Equal(FaultStatus.Permission, a15.Cpu.TranslateVa(0x40000000, AccessKind.Fetch, false, out _).Status);
        Assert.Equal(Fault.None, a15.Cpu.TranslateVa(0x40000000, AccessKind.Fetch, true, out _));
    }

    [Fact]
    public void WxnAndUwxnTakeAwayExecute()
    {
        using var k = new MmuKit();
        k.MapL1(0x40000000, MmuKit.Section(0, ap: 3)); // writable at PL1 and PL0
        k.MapL1(0x41000000, MmuKit.Section(0, ap: 1)); // writable at PL1 only
        k.MapL1(0x42000000, MmuKit.Section(0, ap: 6)); // read-only
        k.EnableShort(sctlr: MmuKit.SctlrUwxn);
        Assert.Equal(FaultStatus.Permission, k.Cpu.TranslateVa(0x40000000, AccessKind.Fetch, false, out _).Status);
        Assert.Equal(Fault.None, k.Cpu.TranslateVa(0x40000000, AccessKind.Fetch, true, out _));
        Assert.Equal(Fault.None, k.Cpu.TranslateVa(0x41000000, AccessKind.Fetch, false, out _));

        k.Cpu.Sctlr = (k.Cpu.Sctlr & ~MmuKit.SctlrUwxn) | MmuKit.SctlrWxn;
        k.Cpu.FlushTlb();
        Assert.Equal(FaultStatus.Permission, k.Cpu.TranslateVa(0x40000000, AccessKind.Fetch, true, out _).Status);
        Assert.Equal(FaultStatus.Permission, k.Cpu.TranslateVa(0x41000000, AccessKind.Fetch, false, out _).Status);
        Assert.Equal(Fault.None, k.Cpu.TranslateVa(0x42000000, AccessKind.Fetch, false, out _));
    }

    [Fact]
    public void CodeRunsThroughATranslatedMapping()
    {
        using var k = new MmuKit();
        k.MapL1(0x40000000, MmuKit.Section(0));
        k.EnableShort();
        // At PA 0x3000 (VA 0x40003000): mov r5, #9; hvc #0. Jump there through the mapping.
        k.Poke32(0x3000, 0xE3A05009);
        k.Poke32(0x3004, Op.Hvc);
        k.Cpu.R[0] = 0x40003000;
        Assert.Equal(ExitReason.Hvc, k.Run(Op.BxR0));
        Assert.Equal(9u, k.Cpu.R[5]);
        Assert.Equal(0x40003008u, k.Cpu.Pc); // after the HVC
    }
}
