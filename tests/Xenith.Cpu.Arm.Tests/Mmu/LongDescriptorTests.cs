namespace Xenith.Cpu.Arm.Tests.Mmu;

/// <summary>Long-descriptor (LPAE) translation (ARM ARM B3.6): regions, levels, blocks, pages, table attributes.</summary>
public class LongDescriptorTests
{
    [Fact]
    public void BlocksAndPagesAtEveryLevel()
    {
        using var k = new MmuKit();
        k.Poke64(MmuKit.LpaeL2 + 0, MmuKit.Block(0)); // VA 0x40000000: 2 MiB block at PA 0
        k.Poke64(MmuKit.LpaeL3 + 7 * 8, MmuKit.Page(0x93000)); // VA 0x40207000: 4 KiB page
        k.Poke32(0x90010, 0x2B);
        k.Poke32(0x93ABC, 0x4B);
        k.EnableLong();
        k.Cpu.R[0] = 0x40090010;
        k.Cpu.R[2] = 0x40207ABC;
        Assert.Equal(ExitReason.Hvc, k.Run(Op.LdrR1R0, 0xE5924000)); // ldr r1, [r0]; ldr r4, [r2]
        Assert.Equal(0x2Bu, k.Cpu.R[1]);
        Assert.Equal(0x4Bu, k.Cpu.R[4]);
        // And the 1 GiB identity block at level 1 runs the code itself.
        Assert.Equal(Fault.None, k.Cpu.TranslateVa(0x3FFFF000, AccessKind.Read, false, out ulong pa));
        Assert.Equal(0x3FFFF000ul, pa);
    }

    [Fact]
    public void OneGiBBlockReachesRamAboveFourGiB()
    {
        using var k = new MmuKit();
        k.H.Memory.AddRam(0x1_0000_0000, 0x10000);
        k.Poke32(0x1_0000_1230, 0xAB0FE);
        k.Poke64(MmuKit.LpaeL1 + 2 * 8, MmuKit.Block(0x1_0000_0000)); // VA 0x80000000-0xBFFFFFFF
        k.EnableLong();
        k.Cpu.R[0] = 0x80001230;
        k.Cpu.R[3] = 0x600D;
        Assert.Equal(ExitReason.Hvc, k.Run(Op.LdrR1R0, 0xE5803004)); // ldr r1, [r0]; str r3, [r0, #4]
        Assert.Equal(0xAB0FEu, k.Cpu.R[1]);
        Assert.Equal(0x600Du, k.Peek32(0x1_0000_1234));
    }

    [Fact]
    public void T1szGivesTtbr1TheTopOfTheAddressSpaceStartingAtLevel2()
    {
        using var k = new MmuKit();
        const uint Ttbr1Table = 0x8D000; // T1SZ = 2: 30-bit region, first lookup at level 2 (512 entries)
        k.Poke64(Ttbr1Table + 0, MmuKit.Block(0)); // VA 0xC0000000
        k.Poke32(0x90010, 0x71);
        k.Cpu.Ttbr1 = Ttbr1Table;
        k.EnableLong(ttbcr: 2u << 16);
        k.Cpu.R[0] = 0xC0090010;
        Assert.Equal(ExitReason.Hvc, k.Run(Op.LdrR1R0));
        Assert.Equal(0x71u, k.Cpu.R[1]);

        // T0SZ = 1 as well: TTBR0 has VA < 2 GiB, TTBR1 VA >= 3 GiB; between them is a hole.
        k.Cpu.Ttbcr = MmuKit.TtbcrEae | (2u << 16) | 1;
        Assert.Equal(new Fault(FaultStatus.Translation, 1), k.Cpu.TranslateVa(0x90000000, AccessKind.Read, false, out _));
        Assert.Equal(Fault.None, k.Cpu.TranslateVa(0xC0090010, AccessKind.Read, false, out ulong pa));
        Assert.Equal(0x90010ul, pa);
    }

    [Fact]
    public void EpdDisablesWalksOfItsRegion()
    {
        using var k = new MmuKit();
        k.EnableLong(ttbcr: (2u << 16) | (1u << 23)); // EPD1
        Assert.Equal(new Fault(FaultStatus.Translation, 1), k.Cpu.TranslateVa(0xC0000000, AccessKind.Read, false, out _));
        Assert.Equal(Fault.None, k.Cpu.TranslateVa(0x1000, AccessKind.Fetch, false, out _));
    }

    [Theory]
    [InlineData(0u, true, true, false, false)]
    [InlineData(1u, true, true, true, true)]
    [InlineData(2u, true, false, false, false)]
    [InlineData(3u, true, false, true, false)]
    public void AccessPermissionsOfAp2To1(uint ap, bool pl1Read, bool pl1Write, bool pl0Read, bool pl0Write)
    {
        using var k = new MmuKit();
        k.Poke64(MmuKit.LpaeL3, MmuKit.Page(0x90000, ap));
        k.EnableLong();
        Assert.Equal(pl1Read, k.Cpu.TranslateVa(0x40200000, AccessKind.Read, false, out _) == Fault.None);
        Assert.Equal(pl1Write, k.Cpu.TranslateVa(0x40200000, AccessKind.Write, false, out _) == Fault.None);
        Assert.Equal(pl0Read, k.Cpu.TranslateVa(0x40200000, AccessKind.Read, true, out _) == Fault.None);
        Assert.Equal(pl0Write, k.Cpu.TranslateVa(0x40200000, AccessKind.Write, true, out _) == Fault.None);
    }

    [Fact]
    public void TableAttributesOnlyTakeRightsAway()
    {
        using var k = new MmuKit();
        k.Poke64(MmuKit.LpaeL3, MmuKit.Page(0x90000, ap: 1)); // RW at both levels, executable
        k.EnableLong();
        ulong l2Entry = MmuKit.LpaeL2 + 8;
        var perm3 = new Fault(FaultStatus.Permission, 3);

        k.Poke64(l2Entry, MmuKit.Table(MmuKit.LpaeL3, apTable: 2)); // APTable[1]: read-only
        Assert.Equal(perm3, k.Cpu.TranslateVa(0x40200000, AccessKind.Write, false, out _));
        Assert.Equal(Fault.None, k.Cpu.TranslateVa(0x40200000, AccessKind.Read, true, out _));

        k.Poke64(l2Entry, MmuKit.Table(MmuKit.LpaeL3, apTable: 1)); // APTable[0]: no PL0 access
        Assert.Equal(perm3, k.Cpu.TranslateVa(0x40200000, AccessKind.Read, true, out _));
        Assert.Equal(Fault.None, k.Cpu.TranslateVa(0x40200000, AccessKind.Write, false, out _));

        k.Poke64(l2Entry, MmuKit.Table(MmuKit.LpaeL3, xnTable: true));
        Assert.Equal(perm3, k.Cpu.TranslateVa(0x40200000, AccessKind.Fetch, true, out _));
        Assert.Equal(perm3, k.Cpu.TranslateVa(0x40200000, AccessKind.Fetch, false, out _));

        k.Poke64(l2Entry, MmuKit.Table(MmuKit.LpaeL3, pxnTable: true));
        Assert.Equal(Fault.None, k.Cpu.TranslateVa(0x40200000, AccessKind.Fetch, true, out _));
        Assert.Equal(perm3, k.Cpu.TranslateVa(0x40200000, AccessKind.Fetch, false, out _));

        k.Poke64(l2Entry, MmuKit.Table(MmuKit.LpaeL3));
        Assert.Equal(Fault.None, k.Cpu.TranslateVa(0x40200000, AccessKind.Fetch, false, out _));
    }

    [Fact]
    public void PxnAndXnOnThePage()
    {
        using var k = new MmuKit();
        k.Poke64(MmuKit.LpaeL3, MmuKit.Page(0x90000, pxn: true));
        k.Poke64(MmuKit.LpaeL3 + 8, MmuKit.Page(0x91000, xn: true));
        k.EnableLong();
        Assert.Equal(FaultStatus.Permission, k.Cpu.TranslateVa(0x40200000, AccessKind.Fetch, false, out _).Status);
        Assert.Equal(Fault.None, k.Cpu.TranslateVa(0x40200000, AccessKind.Fetch, true, out _));
        Assert.Equal(FaultStatus.Permission, k.Cpu.TranslateVa(0x40201000, AccessKind.Fetch, true, out _).Status);
        Assert.Equal(Fault.None, k.Cpu.TranslateVa(0x40201000, AccessKind.Write, true, out _));
    }

    [Fact]
    public void AsidComesFromTtbr0OrTtbr1ByA1()
    {
        using var k = new MmuKit();
        k.Cpu.Ttbr0 = 0x0012_0000_0008_8000;
        k.Cpu.Ttbr1 = 0x0034_0000_0008_D000;
        k.Cpu.ContextIdr = 0x56;
        Assert.Equal(0x56u, k.Cpu.Asid); // short descriptors: CONTEXTIDR
        k.Cpu.Ttbcr = MmuKit.TtbcrEae;
        Assert.Equal(0x12u, k.Cpu.Asid);
        k.Cpu.Ttbcr = MmuKit.TtbcrEae | (1u << 22);
        Assert.Equal(0x34u, k.Cpu.Asid);
    }

    [Fact]
    public void UserModeRunsFromAPl0Page()
    {
        using var k = new MmuKit();
        k.Poke64(MmuKit.LpaeL3 + 3 * 8, MmuKit.Page(0x3000, ap: 3)); // read-only at both levels
        k.Poke32(0x3000, 0xE3A05007); // mov r5, #7
        k.Poke32(0x3004, 0xE5805000); // str r5, [r0]: the page is read-only
        k.EnableLong();
        k.H.A32(Op.BxR0);
        k.Cpu.R[0] = 0x40203000;
        k.Cpu.Cpsr = 0x10;
        Assert.Equal(ExitReason.DataAbort, k.H.Run());
        Assert.Equal(7u, k.Cpu.R[5]);
        Assert.Equal(0xA0Fu, k.Cpu.Dfsr);
        Assert.Equal(0x40203004u, k.Cpu.Pc);
    }
}
