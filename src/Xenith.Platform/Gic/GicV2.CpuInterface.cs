using Xenith.Memory;

namespace Xenith.Platform;

public sealed partial class GicV2
{
    // GICC register offsets (IHI 0048B table 4-2).
    private const int GiccCtlr = 0x00, GiccPmr = 0x04, GiccBpr = 0x08, GiccIar = 0x0C, GiccEoir = 0x10, GiccRpr = 0x14,
        GiccHppir = 0x18, GiccAbpr = 0x1C, GiccAiar = 0x20, GiccAeoir = 0x24, GiccAhppir = 0x28,
        GiccApr0 = 0xD0, GiccNsapr0 = 0xE0, GiccIidr = 0xFC, GiccDir = 0x1000;

    /// <summary>GICC_IIDR as QEMU's GICv2 reports it: revision 2 in bits 19:16, implementer ARM; the architecture
    /// field (bits 23:20) is left 0 as QEMU does (guest/board/expected/gic.txt holds the reference value).</summary>
    public const uint CpuInterfaceIidr = 0x0002_043B;

    private uint CpuRead(int cpu, int offset)
    {
        CpuInterfaceState c = _cpus[cpu];
        switch (offset)
        {
            case GiccCtlr: return c.Ctlr;
            case GiccPmr: return (uint)c.Pmr;
            case GiccBpr: return c.Bpr;
            case GiccIar: return Acknowledge(cpu);
            case GiccRpr: return c.Running.Count == 0 ? 0xFFu : (uint)c.RunningPriority;
            case GiccHppir: return HighestPendingIar(cpu);
            case GiccAbpr: return c.Abpr;
            // Without groups nothing is in group 1: the alias registers see no interrupt.
            case GiccAiar or GiccAhppir: return SpuriousId;
            case >= GiccApr0 and < GiccApr0 + 16: return ActivePriorities(c, (offset - GiccApr0) / 4);
            case GiccIidr: return CpuInterfaceIidr;
            default: return 0;
        }
    }

    private void CpuWrite(int cpu, int offset, uint value)
    {
        CpuInterfaceState c = _cpus[cpu];
        switch (offset)
        {
            case GiccCtlr: c.Ctlr = value & CpuInterfaceState.CtlrMask; break;
            case GiccPmr: c.Pmr = (int)(value & 0xFF); break;
            case GiccBpr: c.Bpr = value & 7; break;
            case GiccAbpr: c.Abpr = Math.Max(value & 7, 1); break;
            case GiccEoir: EndOfInterrupt(cpu, value); break;
            case GiccDir: if (c.SplitEoi) Deactivate(cpu, (int)(value & 0x3FF)); break;
            case >= GiccApr0 and < GiccApr0 + 16: SetActivePriorities(c, (offset - GiccApr0) / 4, value); break;
            case GiccAeoir or >= GiccNsapr0 and < GiccNsapr0 + 16: break; // nothing is in group 1
            default: break;
        }
        UpdateLines();
    }

    /// <summary>GICC_IAR: hands out the signalled interrupt, makes it active and raises the running priority.</summary>
    private uint Acknowledge(int cpu)
    {
        int id = Signalled(cpu);
        if (id == SpuriousId)
            return SpuriousId;
        ref IrqState s = ref State(cpu, id);
        uint iar = (uint)id;
        if (id < SgiCount)
        {
            // One source at a time, lowest CPU first; the others stay pending behind the active one.
            ref byte sources = ref _sgiSources[cpu * SgiCount + id];
            int source = System.Numerics.BitOperations.TrailingZeroCount(sources);
            sources &= (byte)~(1 << source);
            iar |= (uint)source << 10;
        }
        else
        {
            // A level-sensitive interrupt whose line is still high stays pending (active and pending).
            s.Pending = false;
        }
        s.Active = true;
        CpuInterfaceState c = _cpus[cpu];
        c.Running.Add(((int)iar, s.Priority & c.GroupPriorityMask));
        UpdateLines();
        return iar;
    }

    /// <summary>GICC_EOIR: drops the running priority of that interrupt and, with EOImode 0, deactivates it.</summary>
    private void EndOfInterrupt(int cpu, uint value)
    {
        int id = (int)(value & 0x3FF);
        if (id >= _irqCount)
            return; // spurious or no such interrupt: ignored
        CpuInterfaceState c = _cpus[cpu];
        // Normally the innermost one; EOIs out of order are UNPREDICTABLE and are matched anyway. An SGI
        // written back without its source CPU bits matches the innermost SGI with that ID.
        int at = FindRunning(c, (int)(value & 0x1FFF), 0x1FFF);
        if (at < 0)
            at = FindRunning(c, id, 0x3FF);
        if (at < 0)
            return;
        c.Running.RemoveAt(at);
        if (!c.SplitEoi)
            Deactivate(cpu, id);
    }

    private static int FindRunning(CpuInterfaceState c, int value, int mask)
    {
        int at = c.Running.Count - 1;
        while (at >= 0 && (c.Running[at].IarValue & mask) != value)
            at--;
        return at;
    }

    private void Deactivate(int cpu, int id)
    {
        if (id < _irqCount)
            State(cpu, id).Active = false;
    }

    /// <summary>GICC_HPPIR: the highest-priority pending interrupt above the priority mask, whatever the running priority.</summary>
    private uint HighestPendingIar(int cpu)
    {
        CpuInterfaceState c = _cpus[cpu];
        if (!_distributorEnabled || !c.Enabled)
            return SpuriousId;
        int id = HighestPending(cpu, out int priority);
        if (id == SpuriousId || priority >= c.Pmr)
            return SpuriousId;
        if (id < SgiCount)
            id |= System.Numerics.BitOperations.TrailingZeroCount(_sgiSources[cpu * SgiCount + id]) << 10;
        return (uint)id;
    }

    // GICC_APRn: with 8 priority bits and BPR >= 0 there are 128 group priorities, bit (priority / 2) of APR0-3.
    private static uint ActivePriorities(CpuInterfaceState c, int n)
    {
        uint bits = 0;
        foreach ((_, int groupPriority) in c.Running)
        {
            int bit = groupPriority >> 1;
            if (bit / 32 == n)
                bits |= 1u << (bit % 32);
        }
        return bits;
    }

    /// <summary>Writing GICC_APRn can only clear entries (software restoring a saved zero state after power-down).</summary>
    private static void SetActivePriorities(CpuInterfaceState c, int n, uint value) =>
        c.Running.RemoveAll(e => (e.GroupPriority >> 1) / 32 == n && (value & (1u << ((e.GroupPriority >> 1) % 32))) == 0);

    private sealed class CpuInterfaceWindow(GicV2 gic) : IMmioDevice
    {
        public ulong Read(ulong offset, int size)
        {
            if (offset >= 0x2000)
                return 0;
            lock (gic._gate)
            {
                uint word = gic.CpuRead(gic._currentCpu, (int)offset & ~3);
                return size >= 4 ? word : word >> (int)(offset & 3) * 8 & (size == 1 ? 0xFFu : 0xFFFFu);
            }
        }

        public void Write(ulong offset, int size, ulong value)
        {
            // GICC registers are word-only; narrower writes are treated as writes of the zero-extended value.
            if (offset >= 0x2000)
                return;
            lock (gic._gate)
                gic.CpuWrite(gic._currentCpu, (int)offset & ~3, (uint)value);
        }
    }
}
