namespace Xenith.Platform.Tests.Gic;

/// <summary>A two-CPU GIC with QEMU virt's 288 interrupt IDs, recording both CPUs' IRQ lines.</summary>
internal sealed class GicHarness
{
    public readonly bool[] Irq = new bool[2];
    public readonly GicV2 Gic;

    public GicHarness(int cpus = 2)
    {
        Irq = new bool[cpus];
        Gic = new GicV2(cpus, 288, (cpu, level) => Irq[cpu] = level);
    }

    public uint Dist(int offset, int cpu = 0, int size = 4)
    {
        Gic.CurrentCpu = cpu;
        return (uint)Gic.Distributor.Read((ulong)offset, size);
    }

    public void WriteDist(int offset, uint value, int cpu = 0, int size = 4)
    {
        Gic.CurrentCpu = cpu;
        Gic.Distributor.Write((ulong)offset, size, value);
    }

    public uint Cpu(int offset, int cpu = 0)
    {
        Gic.CurrentCpu = cpu;
        return (uint)Gic.CpuInterface.Read((ulong)offset, 4);
    }

    public void WriteCpu(int offset, uint value, int cpu = 0)
    {
        Gic.CurrentCpu = cpu;
        Gic.CpuInterface.Write((ulong)offset, 4, value);
    }

    /// <summary>What Linux's irq-gic does: distributor on, each CPU interface on with PMR 0xF0.</summary>
    public GicHarness Enabled()
    {
        WriteDist(0x000, 1);
        for (int cpu = 0; cpu < Irq.Length; cpu++)
        {
            WriteCpu(0x04, 0xF0, cpu);
            WriteCpu(0x00, 1, cpu);
        }
        return this;
    }

    /// <summary>Enables an SPI with a priority, aimed at CPU 0.</summary>
    public void EnableSpi(int id, byte priority, bool edge = false, int targets = 1)
    {
        WriteDist(0x400 + id, priority, size: 1);
        WriteDist(0x800 + id, (uint)targets, size: 1);
        if (edge)
        {
            uint cfg = Dist(0xC00 + id / 16 * 4);
            WriteDist(0xC00 + id / 16 * 4, cfg | 2u << (id % 16 * 2));
        }
        WriteDist(0x100 + id / 32 * 4, 1u << (id % 32));
    }

    public const int Ctlr = 0x00, Pmr = 0x04, Bpr = 0x08, Iar = 0x0C, Eoir = 0x10, Rpr = 0x14, Hppir = 0x18, Dir = 0x1000;
}
