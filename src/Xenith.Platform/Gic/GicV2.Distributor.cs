using Xenith.Memory;

namespace Xenith.Platform;

public sealed partial class GicV2
{
    // GICD register offsets (IHI 0048B table 4-1).
    private const int GicdCtlr = 0x000, GicdTyper = 0x004, GicdIidr = 0x008, GicdIgroupr = 0x080,
        GicdIsenabler = 0x100, GicdIcenabler = 0x180, GicdIspendr = 0x200, GicdIcpendr = 0x280,
        GicdIsactiver = 0x300, GicdIcactiver = 0x380, GicdIpriorityr = 0x400, GicdItargetsr = 0x800,
        GicdIcfgr = 0xC00, GicdNsacr = 0xE00, GicdSgir = 0xF00, GicdCpendsgir = 0xF10, GicdSpendsgir = 0xF20,
        GicdIdBase = 0xFD0;

    /// <summary>GICD_IIDR: implementer ARM (0x43B), as QEMU and Xen report it.</summary>
    public const uint DistributorIidr = 0x0000_043B;

    // Peripheral ID4..7 (0xFD0), ID0..3 (0xFE0) and component ID0..3 (0xFF0): a GICv2 (ID2 architecture field 2).
    private static ReadOnlySpan<byte> DistributorIds =>
        [0x04, 0x00, 0x00, 0x00, 0x90, 0xB4, 0x2B, 0x00, 0x0D, 0xF0, 0x05, 0xB1];

    private byte DistReadByte(int cpu, int offset)
    {
        switch (offset)
        {
            case GicdCtlr: return _distributorEnabled ? (byte)1 : (byte)0;
            case GicdTyper: return (byte)((_irqCount + 31) / 32 - 1 | (_cpuCount - 1) << 5);
            case GicdIidr or GicdIidr + 1: return (byte)(DistributorIidr >> (offset - GicdIidr) * 8);
            case < GicdIsenabler: return 0; // reserved, and IGROUPR (RAZ/WI: no groups)
            case < GicdIspendr: return ReadBits(cpu, offset & 0x7F, static (g, c, id) => g.State(c, id).Enabled);
            case < GicdIsactiver: return ReadBits(cpu, offset & 0x7F, static (g, c, id) => g.IsPending(c, id));
            case < GicdIpriorityr: return ReadBits(cpu, offset & 0x7F, static (g, c, id) => g.State(c, id).Active);
            case < GicdItargetsr:
            {
                int id = offset - GicdIpriorityr;
                return id < _irqCount ? State(cpu, id).Priority : (byte)0;
            }
            case < GicdIcfgr:
            {
                int id = offset - GicdItargetsr;
                // Banked SGI/PPI targets read as the reading CPU's own bit: Linux learns its CPU mask there.
                if (id < PrivateCount)
                    return (byte)(1 << cpu);
                return id < _irqCount ? _shared[id - PrivateCount].Targets : (byte)0;
            }
            case < GicdNsacr:
            {
                int first = (offset - GicdIcfgr) * 4;
                int bits = 0;
                for (int i = 0; i < 4 && first + i < _irqCount; i++)
                    if (State(cpu, first + i).Edge)
                        bits |= 2 << i * 2;
                return (byte)bits;
            }
            case >= GicdCpendsgir and < GicdSpendsgir + 16:
                return _sgiSources[cpu * SgiCount + (offset - GicdCpendsgir) % 16];
            case >= GicdIdBase and < 0x1000:
                return (offset & 3) == 0 ? DistributorIds[(offset - GicdIdBase) / 4] : (byte)0;
            default: return 0; // NSACR (RAZ/WI without Security Extensions), SGIR (write-only), reserved
        }
    }

    private void DistWriteByte(int cpu, int offset, byte value)
    {
        switch (offset)
        {
            case GicdCtlr: _distributorEnabled = (value & 1) != 0; break;
            case < GicdIsenabler: break; // TYPER/IIDR read-only, IGROUPR RAZ/WI
            case < GicdIcenabler: WriteBits(cpu, offset & 0x7F, value, static (g, c, id) => g.State(c, id).Enabled = true); break;
            case < GicdIspendr: WriteBits(cpu, offset & 0x7F, value, static (g, c, id) => g.State(c, id).Enabled = false); break;
            case < GicdIcpendr: WriteBits(cpu, offset & 0x7F, value, static (g, c, id) => g.State(c, id).Pending = true); break;
            case < GicdIsactiver: WriteBits(cpu, offset & 0x7F, value, static (g, c, id) => g.State(c, id).Pending = false); break;
            case < GicdIcactiver: WriteBits(cpu, offset & 0x7F, value, static (g, c, id) => g.State(c, id).Active = true, sgis: true); break;
            case < GicdIpriorityr: WriteBits(cpu, offset & 0x7F, value, static (g, c, id) => g.State(c, id).Active = false, sgis: true); break;
            case < GicdItargetsr:
            {
                int id = offset - GicdIpriorityr;
                if (id < _irqCount)
                    State(cpu, id).Priority = value;
                break;
            }
            case < GicdIcfgr:
            {
                int id = offset - GicdItargetsr;
                if (id >= PrivateCount && id < _irqCount && _cpuCount > 1)
                    _shared[id - PrivateCount].Targets = (byte)(value & ((1 << _cpuCount) - 1));
                break;
            }
            case < GicdNsacr:
            {
                int first = (offset - GicdIcfgr) * 4;
                for (int i = 0; i < 4 && first + i < _irqCount; i++)
                    if (first + i >= SgiCount) // SGIs are always edge-triggered
                        State(cpu, first + i).Edge = (value & (2 << i * 2)) != 0;
                break;
            }
            case >= GicdCpendsgir and < GicdSpendsgir:
                _sgiSources[cpu * SgiCount + offset - GicdCpendsgir] &= (byte)~value;
                break;
            case >= GicdSpendsgir and < GicdSpendsgir + 16:
                _sgiSources[cpu * SgiCount + offset - GicdSpendsgir] |= (byte)(value & ((1 << _cpuCount) - 1));
                break;
            default: break;
        }
    }

    /// <summary>GICD_SGIR: raises SGI id on the CPUs the filter selects, with the writer as the source.</summary>
    private void SendSgi(int cpu, uint value)
    {
        int id = (int)(value & 0xF);
        int targets = ((value >> 24) & 3) switch
        {
            0 => (int)(value >> 16) & 0xFF,
            1 => ~(1 << cpu),
            2 => 1 << cpu,
            _ => 0, // reserved filter
        };
        for (int target = 0; target < _cpuCount; target++)
            if ((targets & (1 << target)) != 0)
                _sgiSources[target * SgiCount + id] |= (byte)(1 << cpu);
    }

    // A byte of a one-bit-per-interrupt register bank: bit i is interrupt (byteIndex * 8 + i).
    private byte ReadBits(int cpu, int byteIndex, Func<GicV2, int, int, bool> test)
    {
        int first = byteIndex * 8, bits = 0;
        for (int i = 0; i < 8 && first + i < _irqCount; i++)
            if (test(this, cpu, first + i))
                bits |= 1 << i;
        return (byte)bits;
    }

    // Set/clear registers act on the interrupts whose bit is 1. The enable and pending banks skip SGIs:
    // SGIs are always enabled (as in QEMU) and their pending state is per source (GICD_SPENDSGIR/CPENDSGIR).
    private void WriteBits(int cpu, int byteIndex, byte value, Action<GicV2, int, int> apply, bool sgis = false)
    {
        int first = byteIndex * 8;
        for (int i = 0; i < 8 && first + i < _irqCount; i++)
            if ((value & (1 << i)) != 0 && (sgis || first + i >= SgiCount))
                apply(this, cpu, first + i);
    }

    private sealed class DistributorWindow(GicV2 gic) : IMmioDevice
    {
        public ulong Read(ulong offset, int size)
        {
            if (offset >= 0x1000)
                return 0;
            lock (gic._gate)
            {
                ulong value = 0;
                for (int i = 0; i < size && offset + (ulong)i < 0x1000; i++)
                    value |= (ulong)gic.DistReadByte(gic._currentCpu, (int)offset + i) << i * 8;
                return value;
            }
        }

        public void Write(ulong offset, int size, ulong value)
        {
            if (offset >= 0x1000)
                return;
            lock (gic._gate)
            {
                int cpu = gic._currentCpu;
                if ((int)offset == GicdSgir)
                {
                    if (size == 4)
                        gic.SendSgi(cpu, (uint)value);
                }
                else
                {
                    for (int i = 0; i < size && offset + (ulong)i < 0x1000; i++)
                        gic.DistWriteByte(cpu, (int)offset + i, (byte)(value >> i * 8));
                }
                gic.UpdateLines();
            }
        }
    }
}
