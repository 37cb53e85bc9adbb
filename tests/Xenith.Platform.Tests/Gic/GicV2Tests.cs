using static Xenith.Platform.Tests.Gic.GicHarness;

namespace Xenith.Platform.Tests.Gic;

public class GicV2Tests
{
    [Fact]
    public void Identification_registers()
    {
        var h = new GicHarness();
        Assert.Equal(0x28u, h.Dist(0x004)); // ITLinesNumber 8 (288 IDs), CPUNumber 1 (two CPUs), no Security Extensions
        Assert.Equal(0x43Bu, h.Dist(0x008));
        Assert.Equal(0x2Bu, h.Dist(0xFE8)); // ICPIDR2: GICv2
        Assert.Equal(0x90u, h.Dist(0xFE0));
        Assert.Equal(0xB1u, h.Dist(0xFFC));
        Assert.Equal(0x0002_043Bu, h.Cpu(0xFC));
        Assert.Equal(0u, h.Dist(0x080)); // IGROUPR RAZ
        Assert.Equal(0xAAAA_AAAAu, h.Dist(0xC00)); // SGIs edge-triggered
        Assert.Equal(0x0000_FFFFu, h.Dist(0x100)); // SGIs always enabled
    }

    [Fact]
    public void Itargetsr_of_private_interrupts_reads_the_cpus_own_bit()
    {
        var h = new GicHarness();
        Assert.Equal(0x0101_0101u, h.Dist(0x800, cpu: 0));
        Assert.Equal(0x0202_0202u, h.Dist(0x81C, cpu: 1));
        Assert.Equal(0x02u, h.Dist(0x803, cpu: 1, size: 1));
        h.WriteDist(0x800, 0xFFFF_FFFF, cpu: 0); // read-only
        Assert.Equal(0x0101_0101u, h.Dist(0x800, cpu: 0));
        h.WriteDist(0x828, 0x0302_0104); // SPIs 40-43; bits for CPUs that do not exist are dropped
        Assert.Equal(0x0302_0100u, h.Dist(0x828));
    }

    [Fact]
    public void Priority_bytes_and_words()
    {
        var h = new GicHarness();
        h.WriteDist(0x420, 0xA0A0_A0A0);
        h.WriteDist(0x421, 0x80, size: 1);
        Assert.Equal(0xA0A0_80A0u, h.Dist(0x420));
        Assert.Equal(0x80u, h.Dist(0x421, size: 1));
        h.WriteDist(0x400, 0x10, cpu: 1, size: 1); // banked
        Assert.Equal(0x10u, h.Dist(0x400, cpu: 1, size: 1));
        Assert.Equal(0u, h.Dist(0x400, cpu: 0, size: 1));
    }

    [Fact]
    public void Spi_is_acknowledged_at_its_priority_and_completed()
    {
        var h = new GicHarness().Enabled();
        h.EnableSpi(40, 0xA0, edge: true);
        Assert.Equal(0x100u, h.Dist(0x104)); // ISENABLER1 bit 8
        Assert.False(h.Irq[0]);
        h.Gic.SetSpi(40, true);
        Assert.True(h.Irq[0]);
        Assert.False(h.Irq[1]); // not a target
        Assert.Equal(0x100u, h.Dist(0x204)); // pending
        Assert.Equal(40u, h.Cpu(Hppir));
        Assert.Equal(40u, h.Cpu(Iar));
        Assert.False(h.Irq[0]);
        Assert.Equal(0xA0u, h.Cpu(Rpr));
        Assert.Equal(0x100u, h.Dist(0x304)); // active
        Assert.Equal(0u, h.Dist(0x204));
        Assert.Equal(1023u, h.Cpu(Iar));
        h.WriteCpu(Eoir, 40);
        Assert.Equal(0xFFu, h.Cpu(Rpr)); // idle
        Assert.Equal(0u, h.Dist(0x304));
        // An edge interrupt whose line stays high is not pending again.
        Assert.Equal(1023u, h.Cpu(Iar));
        Assert.False(h.Irq[0]);
    }

    [Fact]
    public void Level_spi_stays_pending_while_its_line_is_high()
    {
        var h = new GicHarness().Enabled();
        h.EnableSpi(33, 0xA0);
        h.Gic.SetSpi(33, true);
        Assert.Equal(33u, h.Cpu(Iar));
        Assert.Equal(0x2u, h.Dist(0x204)); // active and still pending (line high)
        Assert.False(h.Irq[0]); // but not signalled while active
        h.WriteCpu(Eoir, 33);
        Assert.True(h.Irq[0]);
        Assert.Equal(33u, h.Cpu(Iar));
        h.Gic.SetSpi(33, false);
        h.WriteCpu(Eoir, 33);
        Assert.Equal(1023u, h.Cpu(Iar));
        Assert.Equal(0u, h.Dist(0x204));
    }

    [Fact]
    public void Software_pending_of_a_level_interrupt_latches_until_acknowledged()
    {
        var h = new GicHarness().Enabled();
        h.EnableSpi(34, 0xA0);
        h.WriteDist(0x204, 1u << 2); // ISPENDR1: ID 34
        Assert.True(h.Irq[0]);
        h.WriteDist(0x284, 1u << 2); // ICPENDR1
        Assert.False(h.Irq[0]);
        h.WriteDist(0x204, 1u << 2);
        Assert.Equal(34u, h.Cpu(Iar));
        h.WriteCpu(Eoir, 34);
        Assert.Equal(1023u, h.Cpu(Iar)); // line is low: nothing left
    }

    [Fact]
    public void Lower_priority_waits_and_higher_priority_preempts()
    {
        var h = new GicHarness().Enabled();
        h.EnableSpi(40, 0xA0, edge: true);
        h.EnableSpi(50, 0x80, edge: true);
        h.Gic.SetSpi(40, true);
        h.Gic.SetSpi(50, true);
        Assert.Equal(50u, h.Cpu(Iar)); // higher priority (lower value) first
        Assert.Equal(0x80u, h.Cpu(Rpr));
        Assert.False(h.Irq[0]); // 40 is hidden behind the running 0x80
        Assert.Equal(40u, h.Cpu(Hppir)); // HPPIR ignores the running priority
        Assert.Equal(1023u, h.Cpu(Iar));
        h.WriteCpu(Eoir, 50);
        Assert.True(h.Irq[0]);
        Assert.Equal(40u, h.Cpu(Iar));

        // Now 40 runs at 0xA0 and 50 arrives: it preempts.
        h.Gic.SetSpi(50, false);
        h.Gic.SetSpi(50, true);
        Assert.True(h.Irq[0]);
        Assert.Equal(50u, h.Cpu(Iar));
        Assert.Equal(0x80u, h.Cpu(Rpr));
        h.WriteCpu(Eoir, 50);
        Assert.Equal(0xA0u, h.Cpu(Rpr)); // back to the interrupted one
        h.WriteCpu(Eoir, 40);
        Assert.Equal(0xFFu, h.Cpu(Rpr));
    }

    [Fact]
    public void Same_group_priority_does_not_preempt()
    {
        var h = new GicHarness().Enabled();
        h.EnableSpi(40, 0xA0, edge: true);
        h.EnableSpi(41, 0xA1, edge: true); // BPR 0: bit 0 is subpriority, same group priority
        h.Gic.SetSpi(40, true);
        Assert.Equal(40u, h.Cpu(Iar));
        h.Gic.SetSpi(41, true);
        Assert.False(h.Irq[0]);
        h.WriteCpu(Eoir, 40);
        Assert.Equal(41u, h.Cpu(Iar));
    }

    [Fact]
    public void Priority_mask_hides_interrupts_at_or_below_it()
    {
        var h = new GicHarness().Enabled();
        h.WriteCpu(Pmr, 0xA0);
        h.EnableSpi(40, 0xA0);
        h.Gic.SetSpi(40, true);
        Assert.False(h.Irq[0]);
        Assert.Equal(1023u, h.Cpu(Iar));
        h.WriteCpu(Pmr, 0xA8);
        Assert.Equal(0xA8u, h.Cpu(Pmr));
        Assert.True(h.Irq[0]);
        Assert.Equal(40u, h.Cpu(Iar));
    }

    [Fact]
    public void Disabled_distributor_or_cpu_interface_signals_nothing()
    {
        var h = new GicHarness().Enabled();
        h.EnableSpi(40, 0xA0);
        h.WriteDist(0x000, 0);
        h.Gic.SetSpi(40, true);
        Assert.False(h.Irq[0]);
        Assert.False(h.Gic.IsWakeupPending(0));
        h.WriteDist(0x000, 1);
        Assert.True(h.Irq[0]);
        Assert.True(h.Gic.IsWakeupPending(0));
        h.WriteCpu(Ctlr, 0);
        Assert.False(h.Irq[0]);
        Assert.Equal(1023u, h.Cpu(Iar));
        h.WriteCpu(Ctlr, 1);
        h.WriteDist(0x184, 1u << 8); // ICENABLER1: ID 40
        Assert.False(h.Irq[0]);
        Assert.Equal(0u, h.Dist(0x104));
    }

    [Fact]
    public void Sgi_carries_its_source_cpu()
    {
        var h = new GicHarness().Enabled();
        h.WriteDist(0xF00, 0x0001_0003, cpu: 1); // CPU 1 -> target list {CPU 0}, SGI 3
        Assert.True(h.Irq[0]);
        Assert.False(h.Irq[1]);
        Assert.Equal(0x02u, h.Dist(0xF13, cpu: 0, size: 1)); // SPENDSGIR view: SGI 3 from CPU 1
        Assert.Equal(0x0200_0000u, h.Dist(0xF20, cpu: 0)); // SPENDSGIR0 byte 3 = SGI 3
        Assert.Equal(0x403u, h.Cpu(Iar, cpu: 0));
        h.WriteCpu(Eoir, 0x403, cpu: 0);
        Assert.False(h.Irq[0]);

        h.WriteDist(0xF00, 0x0100_0005, cpu: 0); // all but self
        Assert.False(h.Irq[0]);
        Assert.Equal(0x005u, h.Cpu(Iar, cpu: 1));
        h.WriteCpu(Eoir, 0x005, cpu: 1);

        h.WriteDist(0xF00, 0x0200_0007, cpu: 1); // self
        Assert.Equal(0x407u, h.Cpu(Iar, cpu: 1));
    }

    [Fact]
    public void Sgi_from_two_sources_is_taken_one_source_at_a_time()
    {
        var h = new GicHarness().Enabled();
        h.WriteDist(0xF00, 0x0001_0002, cpu: 0);
        h.WriteDist(0xF00, 0x0001_0002, cpu: 1);
        Assert.Equal(0x002u, h.Cpu(Iar));
        Assert.False(h.Irq[0]); // SGI 2 is active; the second source waits
        h.WriteCpu(Eoir, 0x002);
        Assert.Equal(0x402u, h.Cpu(Iar));
        h.WriteCpu(Eoir, 0x402);
        Assert.Equal(1023u, h.Cpu(Iar));
    }

    [Fact]
    public void Sgi_eoi_without_source_bits_still_completes_it()
    {
        var h = new GicHarness().Enabled();
        h.WriteDist(0xF00, 0x0001_0004, cpu: 1);
        Assert.Equal(0x404u, h.Cpu(Iar));
        h.WriteCpu(Eoir, 4);
        Assert.Equal(0xFFu, h.Cpu(Rpr));
        Assert.Equal(0u, h.Dist(0x300));
    }

    [Fact]
    public void Cpendsgir_clears_and_spendsgir_sets_sources()
    {
        var h = new GicHarness().Enabled();
        h.WriteDist(0xF21, 0x03, cpu: 0, size: 1); // SGI 1 pending from CPUs 0 and 1
        Assert.Equal(0x0000_0300u, h.Dist(0xF20, cpu: 0));
        h.WriteDist(0xF11, 0x01, cpu: 0, size: 1);
        Assert.Equal(0x0000_0200u, h.Dist(0xF10, cpu: 0));
        Assert.Equal(0x401u, h.Cpu(Iar));
    }

    [Fact]
    public void Ppi_is_banked_per_cpu()
    {
        var h = new GicHarness().Enabled();
        h.WriteDist(0x41B, 0xA0, cpu: 1, size: 1);
        h.WriteDist(0x100, 1u << 27, cpu: 1);
        Assert.Equal(0x0800_FFFFu, h.Dist(0x100, cpu: 1));
        Assert.Equal(0x0000_FFFFu, h.Dist(0x100, cpu: 0));
        h.Gic.SetPpi(0, 27, true); // CPU 0's copy is disabled
        Assert.False(h.Irq[0]);
        h.Gic.SetPpi(1, 27, true);
        Assert.True(h.Irq[1]);
        Assert.Equal(27u, h.Cpu(Iar, cpu: 1));
        h.Gic.SetPpi(1, 27, false);
        h.WriteCpu(Eoir, 27, cpu: 1);
        Assert.False(h.Irq[1]);
        Assert.Equal(1023u, h.Cpu(Iar, cpu: 1));
    }

    [Fact]
    public void Split_eoi_drops_priority_and_dir_deactivates()
    {
        var h = new GicHarness().Enabled();
        h.WriteCpu(Ctlr, 0x201); // EOImode 1
        Assert.Equal(0x201u, h.Cpu(Ctlr));
        h.EnableSpi(40, 0xA0, edge: true);
        h.Gic.SetSpi(40, true);
        Assert.Equal(40u, h.Cpu(Iar));
        h.WriteCpu(Eoir, 40);
        Assert.Equal(0xFFu, h.Cpu(Rpr));
        Assert.Equal(0x100u, h.Dist(0x304)); // still active
        h.WriteCpu(Dir, 40);
        Assert.Equal(0u, h.Dist(0x304));
    }

    [Fact]
    public void Linux_cpu_interface_init_sequence()
    {
        var h = new GicHarness();
        h.WriteDist(0x380, 0xFFFF_FFFF); // ICACTIVER0
        h.WriteDist(0x180, 0xFFFF_0000); // ICENABLER0
        h.WriteDist(0x100, 0x0000_FFFF); // ISENABLER0
        for (int i = 0; i < 8; i++)
            h.WriteDist(0x400 + i * 4, 0xA0A0_A0A0);
        h.WriteCpu(Pmr, 0xF0);
        h.WriteCpu(Ctlr, (h.Cpu(Ctlr) & 0x1E0) | 1);
        Assert.Equal(1u, h.Cpu(Ctlr));
        Assert.Equal(0xF0u, h.Cpu(Pmr));
        Assert.Equal(0xA0A0_A0A0u, h.Dist(0x41C));
        Assert.Equal(0x0000_FFFFu, h.Dist(0x100));
    }

    [Fact]
    public void Uniprocessor_gic_sends_every_spi_to_cpu0()
    {
        var h = new GicHarness(cpus: 1).Enabled();
        Assert.Equal(0x08u, h.Dist(0x004));
        Assert.Equal(0x0101_0101u, h.Dist(0x820));
        h.WriteDist(0x400 + 33, 0xA0, size: 1);
        h.WriteDist(0x104, 1u << 1);
        h.Gic.SetSpi(33, true);
        Assert.True(h.Irq[0]);
    }

    [Fact]
    public async Task Set_spi_from_another_thread_raises_the_line()
    {
        var h = new GicHarness().Enabled();
        h.EnableSpi(33, 0xA0);
        await Task.Run(() => h.Gic.SetSpi(33, true));
        Assert.True(h.Gic.IsWakeupPending(0));
    }
}
