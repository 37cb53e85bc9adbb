namespace Xenith.Cpu.Arm.Tests.Mmu;

/// <summary>ATS1C** and the PAR they write, in the short (32-bit) and long (64-bit) formats.</summary>
public class AddressTranslationTests
{
    private static uint ShortPar(MmuKit k, uint ats, uint va)
    {
        k.Cpu.R[0] = va;
        Assert.Equal(ExitReason.Hvc, k.Run(ats, Op.MrcPar));
        return k.Cpu.R[1];
    }

    private static ulong LongPar(MmuKit k, uint ats, uint va)
    {
        k.Cpu.R[0] = va;
        Assert.Equal(ExitReason.Hvc, k.Run(ats, Op.MrrcPar));
        return ((ulong)k.Cpu.R[3] << 32) | k.Cpu.R[2];
    }

    [Fact]
    public void ShortFormatSuccessHoldsThePageAndNs()
    {
        using var k = new MmuKit();
        k.MapL1(0x50000000, MmuKit.PageTable(MmuKit.L2));
        k.MapL2(0x50001000, MmuKit.SmallPage(0x91000, ap: 2)); // PL0 read-only
        k.EnableShort();
        Assert.Equal(0x00091200u, ShortPar(k, Op.Ats1cpr, 0x50001234));
        Assert.Equal(0x00091200u, ShortPar(k, Op.Ats1cpw, 0x50001234));
        Assert.Equal(0x00091200u, ShortPar(k, Op.Ats1cur, 0x50001234));
        // Unprivileged write: permission fault (page), FS in bits 6:1, F set; no domain, no WnR.
        Assert.Equal(0x1Fu, ShortPar(k, Op.Ats1cuw, 0x50001234));
    }

    [Fact]
    public void ShortFormatFaults()
    {
        using var k = new MmuKit();
        k.MapL1(0x40000000, MmuKit.Section(0, ap: 5, domain: 3));
        k.EnableShort();
        Assert.Equal(0x0Bu, ShortPar(k, Op.Ats1cpr, 0x70000000)); // translation, section
        Assert.Equal(0x1Bu, ShortPar(k, Op.Ats1cpw, 0x40000000)); // permission, section
        Assert.Equal(0u, k.Cpu.Dfsr); // reported in PAR only
    }

    [Fact]
    public void ShortFormatSupersectionGivesPaBits39To32()
    {
        using var k = new MmuKit();
        k.MapL1(0x60000000, MmuKit.Supersection(0x3_4000_0000 | 0x0700_0000));
        k.EnableShort();
        Assert.Equal(0x47030202u, ShortPar(k, Op.Ats1cpr, 0x60023456)); // PA 0x3_4702_3456
    }

    [Fact]
    public void MmuOffGivesTheVa()
    {
        using var k = new MmuKit();
        Assert.Equal(0x12345200u, ShortPar(k, Op.Ats1cpr, 0x12345678));
        k.Cpu.Ttbcr = MmuKit.TtbcrEae;
        Assert.Equal(0x0000_0000_1234_5B00ul, LongPar(k, Op.Ats1cpr, 0x12345678)); // SH 0b10 for Strongly-ordered
    }

    [Fact]
    public void LongFormatSuccessHoldsPaAttributesAndShareability()
    {
        using var k = new MmuKit();
        k.Poke64(MmuKit.LpaeL3 + 4 * 8, MmuKit.Page(0x1_2345_6000, attrIndex: 5, sh: 3));
        k.Poke64(MmuKit.LpaeL3 + 5 * 8, MmuKit.Page(0x95000, attrIndex: 1, sh: 3));
        k.Cpu.Mair0 = 0x000044FF; // Attr0 Normal WB, Attr1 Normal non-cacheable
        k.Cpu.Mair1 = 0x0000EE00; // Attr5 0xEE
        k.EnableLong();
        Assert.Equal(0xEE00_0001_2345_6B80ul, LongPar(k, Op.Ats1cpr, 0x40204ABC));
        Assert.Equal(0x4400_0000_0009_5B00ul, LongPar(k, Op.Ats1cur, 0x40205000)); // non-cacheable: SH reads 0b10
    }

    [Fact]
    public void LongFormatFaults()
    {
        using var k = new MmuKit();
        k.Poke64(MmuKit.LpaeL3, MmuKit.Page(0x90000, ap: 0)); // PL1 only
        k.Poke64(MmuKit.LpaeL3 + 8, MmuKit.Page(0x91000, af: false));
        k.EnableLong();
        Assert.Equal(0x80Bul, LongPar(k, Op.Ats1cpr, 0xC0000000)); // translation, level 1
        Assert.Equal(0x81Ful, LongPar(k, Op.Ats1cur, 0x40200000)); // permission, level 3
        Assert.Equal(0x817ul, LongPar(k, Op.Ats1cpw, 0x40201000)); // access flag, level 3
    }

    [Fact]
    public void ExternalAbortOnTheWalkIsTakenAsADataAbort()
    {
        using var k = new MmuKit();
        k.MapL1(0x50000000, MmuKit.PageTable(0x4000_0000, domain: 1));
        k.EnableShort();
        k.Cpu.R[0] = 0x50000000;
        Assert.Equal(ExitReason.DataAbort, k.Run(Op.Ats1cpr));
        Assert.Equal(0x81Eu, k.Cpu.Dfsr);
        Assert.Equal(0x50000000u, k.Cpu.Dfar);
    }

    [Fact]
    public void AtsIsUndefinedAtPl0()
    {
        using var k = new MmuKit();
        k.H.A32(Op.Ats1cpr);
        k.Cpu.Cpsr = 0x10;
        Assert.Equal(ExitReason.Undefined, k.H.Run());
    }

    [Fact]
    public void StageOneAndTwoAtsIsUndefinedAtNonSecurePl1()
    {
        using var k = new MmuKit();
        k.H.A32(Op.Ats12nsopr);
        Assert.Equal(ExitReason.Undefined, k.H.Run());
        Assert.Equal(Xenith.Cpu.Arm.Tests.Support.CpuHarness.CodeBase, k.Cpu.Pc);
    }
}
