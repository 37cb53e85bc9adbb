using Xenith.Cpu.Arm.Tests.Support;

namespace Xenith.Cpu.Arm.Tests.Mmu;

/// <summary>
/// After TLB maintenance the new mapping is used. The guest rewrites a descriptor between two loads of
/// the same VA: the first load fills the TLB, the second must walk again. (A TLB may drop entries at any
/// time, so nothing here asserts that a stale entry survives.)
/// </summary>
public class TlbMaintenanceTests
{
    // TLB index 5: no clash with the code page (index 1), whose fetches would evict the entry.
    private const uint Va = 0x50005000;

    /// <summary>Maps <see cref="Va"/> to page A (PA 0x91000, holding 0xA) and prepares r2/r3 to remap it to B (0x92000, 0xB).</summary>
    private static MmuKit PageRemap(uint contextId = 0, bool notGlobal = false)
    {
        var k = new MmuKit();
        k.MapL1(0x50000000, MmuKit.PageTable(MmuKit.L2));
        k.MapL2(Va, MmuKit.SmallPage(0x91000, ng: notGlobal));
        k.Poke32(0x91000, 0xA);
        k.Poke32(0x92000, 0xB);
        k.Cpu.ContextIdr = contextId;
        k.EnableShort();
        k.Cpu.R[0] = Va;
        k.Cpu.R[2] = MmuKit.L2 + (((Va >> 12) & 0xFF) << 2);
        k.Cpu.R[3] = MmuKit.SmallPage(0x92000, ng: notGlobal);
        return k;
    }

    [Theory]
    [InlineData(Op.Tlbiall, Va)]
    [InlineData(Op.Tlbimva, Va | 7)] // MVA and ASID 7 (the page is global)
    [InlineData(Op.Tlbimvaa, Va)]
    [InlineData(Op.Dtlbimva, Va)]
    [InlineData(Op.Tlbimvais, Va)]
    [InlineData(Op.Tlbiallis, Va)]
    public void MaintenanceMakesTheNewMappingVisible(uint tlbi, uint operand)
    {
        using var k = PageRemap();
        // r0 is the TLBI operand; the loads go through r6.
        k.Cpu.R[6] = Va;
        k.Cpu.R[0] = operand;
        Assert.Equal(ExitReason.Hvc, k.Run(0xE5961000, Op.StrR3R2, tlbi, 0xE5964000)); // ldr r1, [r6]; str; tlbi; ldr r4, [r6]
        Assert.Equal(0xAu, k.Cpu.R[1]);
        Assert.Equal(0xBu, k.Cpu.R[4]);
    }

    [Fact]
    public void TlbiasidOfTheCurrentAsidDropsItsPages()
    {
        using var k = PageRemap(contextId: 0x105, notGlobal: true); // ASID 5
        k.Cpu.R[6] = Va;
        k.Cpu.R[0] = 5;
        Assert.Equal(ExitReason.Hvc, k.Run(0xE5961000, Op.StrR3R2, Op.Tlbiasid, 0xE5964000));
        Assert.Equal(0xAu, k.Cpu.R[1]);
        Assert.Equal(0xBu, k.Cpu.R[4]);
    }

    [Fact]
    public void TlbimvaDropsEveryCachedPageOfASection()
    {
        using var k = new MmuKit();
        k.H.Memory.AddRam(0x100000, 0x100000);
        k.MapL1(0x40000000, MmuKit.Section(0));
        k.Poke32(0x91000, 0xA);
        k.Poke32(0x191000, 0xB);
        k.EnableShort();
        k.Cpu.R[0] = 0x40090000; // TLBIMVA names one page of the section...
        k.Cpu.R[6] = 0x40091000; // ...the load uses another page of it
        k.Cpu.R[2] = MmuKit.L1 + (0x400 << 2);
        k.Cpu.R[3] = MmuKit.Section(0x100000);
        Assert.Equal(ExitReason.Hvc, k.Run(0xE5961000, Op.StrR3R2, Op.Tlbimva, 0xE5964000));
        Assert.Equal(0xAu, k.Cpu.R[1]);
        Assert.Equal(0xBu, k.Cpu.R[4]);
    }

    [Fact]
    public void Ttbr0WriteSwitchesTheAddressSpace()
    {
        using var k = new MmuKit();
        const uint OtherL1 = 0x8C000;
        k.MapL1(0, MmuKit.Section(0), OtherL1);
        k.MapL1(0x40000000, MmuKit.Section(0x00000000));
        k.MapL1(0x40000000, MmuKit.Section(0x00000000, ap: 0), OtherL1); // no access in the other space
        k.EnableShort();
        k.Cpu.R[0] = 0x40090000;
        k.Cpu.R[3] = OtherL1;
        Assert.Equal(ExitReason.DataAbort, k.Run(Op.LdrR1R0, Op.McrTtbr0R3, Op.LdrR1R0));
        Assert.Equal(0x00Du, k.Cpu.Dfsr);
        Assert.Equal(0x1008u, k.Cpu.Pc);
    }

    [Fact]
    public void InnerShareableMaintenanceReachesTheOtherCpusOfTheCluster()
    {
        using var k = PageRemap();
        var other = new ArmCpu(k.H.Memory) { HostTraps = HostTraps.All };
        other.Reset(0x2000);
        other.Ttbr0 = MmuKit.L1;
        other.Dacr = 0x55555555;
        other.Sctlr |= 1;
        other.R[6] = Va;
        k.Poke32(0x2000, 0xE5961000); // ldr r1, [r6]
        k.Poke32(0x2004, Op.Hvc);
        k.Poke32(0x2008, 0xE5964000); // ldr r4, [r6]
        k.Poke32(0x200C, Op.Hvc);
        k.Cpu.Cluster = [k.Cpu, other];
        other.Cluster = k.Cpu.Cluster;

        Assert.Equal(ExitReason.Hvc, other.Run(100)); // the other CPU caches the old mapping
        Assert.Equal(0xAu, other.R[1]);
        k.Cpu.R[0] = Va;
        Assert.Equal(ExitReason.Hvc, k.Run(Op.StrR3R2, Op.Tlbimvais)); // this CPU remaps and broadcasts
        Assert.Equal(ExitReason.Hvc, other.Run(100));
        Assert.Equal(0xBu, other.R[4]);
    }

    [Fact]
    public void InnerShareableFormsAreUndefinedWithoutMultiprocessingExtensions()
    {
        using var k = new MmuKit(CpuProfile.CortexA8);
        Assert.Equal(ExitReason.Undefined, k.Run(Op.Tlbiallis));
        Assert.Equal(ExitReason.Undefined, k.Run(Op.Tlbimvaa));
        Assert.Equal(ExitReason.Hvc, k.Run(Op.Tlbiall, Op.Tlbimva, Op.Tlbiasid, Op.Itlbiall));
    }
}
