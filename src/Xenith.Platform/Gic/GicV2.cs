using Xenith.Memory;

namespace Xenith.Platform;

/// <summary>
/// A GICv2 (ARM IHI 0048B) without the Security Extensions: one distributor and one CPU interface per
/// CPU, as Linux's irq-gic driver programs it and as QEMU's arm_gic models it. All interrupts are in
/// group 0 (GICD_IGROUPR is RAZ/WI) and are signalled as IRQ unless GICC_CTLR.FIQEn routes them to FIQ.
/// </summary>
/// <remarks>
/// State lives behind one lock: the board runs every CPU on one thread, but a console thread may
/// raise the UART's SPI at any time. The output lines are recomputed after every change and driven
/// only when their level changes.
/// </remarks>
public sealed partial class GicV2
{
    public const int MaxCpus = 8;
    /// <summary>GICC_IAR value when no interrupt can be acknowledged.</summary>
    public const int SpuriousId = 1023;

    private const int SgiCount = 16, PrivateCount = 32;

    private readonly Lock _gate = new();
    private readonly int _cpuCount, _irqCount;
    private readonly Action<int, bool> _setIrq;
    private readonly Action<int, bool>? _setFiq;

    // Interrupts 0-31 are banked: one copy per CPU at [cpu * 32 + id]. SPIs have one copy at [id - 32].
    private readonly IrqState[] _banked;
    private readonly IrqState[] _shared;
    // SGIs are pending per source: bit s of [cpu * 16 + id] means CPU s sent SGI id to cpu.
    private readonly byte[] _sgiSources;
    private readonly CpuInterfaceState[] _cpus;
    private bool _distributorEnabled;
    private int _currentCpu;

    /// <param name="irqCount">Interrupt IDs including the 32 private ones; a multiple of 32 up to 1020 (QEMU virt: 288).</param>
    public GicV2(int cpuCount, int irqCount, Action<int, bool> setIrq, Action<int, bool>? setFiq = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(cpuCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(cpuCount, MaxCpus);
        if (irqCount < PrivateCount || irqCount > 1020 || irqCount % 32 != 0 && irqCount != 1020)
            throw new ArgumentOutOfRangeException(nameof(irqCount), irqCount, "a multiple of 32 from 32 to 1020");
        _cpuCount = cpuCount;
        _irqCount = irqCount;
        _setIrq = setIrq;
        _setFiq = setFiq;
        _banked = new IrqState[cpuCount * PrivateCount];
        _shared = new IrqState[irqCount - PrivateCount];
        _sgiSources = new byte[cpuCount * SgiCount];
        _cpus = new CpuInterfaceState[cpuCount];
        for (int i = 0; i < cpuCount; i++)
            _cpus[i] = new CpuInterfaceState();
        for (int cpu = 0; cpu < cpuCount; cpu++)
            for (int id = 0; id < SgiCount; id++)
                _banked[cpu * PrivateCount + id] = new IrqState { Edge = true, Enabled = true }; // SGIs: edge-triggered, always enabled
        // A uniprocessor GIC has no target registers: every SPI goes to the one CPU.
        if (cpuCount == 1)
            for (int i = 0; i < _shared.Length; i++)
                _shared[i].Targets = 1;
        Distributor = new DistributorWindow(this);
        CpuInterface = new CpuInterfaceWindow(this);
    }

    /// <summary>The CPU whose banked registers and CPU interface the MMIO windows show.</summary>
    public int CurrentCpu
    {
        get => _currentCpu;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(value, _cpuCount);
            _currentCpu = value;
        }
    }

    /// <summary>GICD: 4 KiB of registers, meant for a 64 KiB window.</summary>
    public IMmioDevice Distributor { get; }

    /// <summary>GICC: 8 KiB of registers (GICC_DIR at 0x1000), meant for a 64 KiB window.</summary>
    public IMmioDevice CpuInterface { get; }

    /// <summary>Drives a private peripheral input (ID 16-31) of one CPU; a level-sensitive line unless GICD_ICFGR1 says edge.</summary>
    public void SetPpi(int cpu, int irq, bool level)
    {
        if ((uint)cpu >= (uint)_cpuCount || irq < SgiCount || irq >= PrivateCount)
            throw new ArgumentOutOfRangeException(nameof(irq), $"PPI {irq} of CPU {cpu}");
        lock (_gate)
        {
            if (SetLine(ref _banked[cpu * PrivateCount + irq], level))
                UpdateLines();
        }
    }

    /// <summary>Drives a shared peripheral input, by GIC ID (32 up to the interrupt count). Safe from any thread.</summary>
    public void SetSpi(int irq, bool level)
    {
        if (irq < PrivateCount || irq >= _irqCount)
            throw new ArgumentOutOfRangeException(nameof(irq), irq, "not an SPI of this GIC");
        lock (_gate)
        {
            if (SetLine(ref _shared[irq - PrivateCount], level))
                UpdateLines();
        }
    }

    /// <summary>True when the GIC signals an interrupt to this CPU: the WFI wake-up condition, whatever CPSR.I/F say.</summary>
    public bool IsWakeupPending(int cpu)
    {
        lock (_gate)
        {
            CpuInterfaceState c = _cpus[cpu];
            return c.IrqOut || c.FiqOut;
        }
    }

    private static bool SetLine(ref IrqState s, bool level)
    {
        if (s.Level == level)
            return false;
        s.Level = level;
        if (level && s.Edge)
            s.Pending = true;
        return true;
    }

    private ref IrqState State(int cpu, int id) =>
        ref id < PrivateCount ? ref _banked[cpu * PrivateCount + id] : ref _shared[id - PrivateCount];

    private bool IsPending(int cpu, int id)
    {
        if (id < SgiCount)
            return _sgiSources[cpu * SgiCount + id] != 0;
        ref IrqState s = ref State(cpu, id);
        // A level-sensitive interrupt is pending while its line is high, or when software latched it.
        return s.Pending || !s.Edge && s.Level;
    }

    private bool TargetsCpu(int cpu, int id) => id < PrivateCount || (State(cpu, id).Targets & (1 << cpu)) != 0;

    /// <summary>
    /// The highest-priority interrupt that is enabled, pending, not active and targeted at this CPU, and
    /// its priority; lowest ID wins a tie. SpuriousId when there is none.
    /// </summary>
    private int HighestPending(int cpu, out int priority)
    {
        int best = SpuriousId;
        priority = 0x100;
        for (int id = 0; id < _irqCount; id++)
        {
            ref IrqState s = ref State(cpu, id);
            if (!s.Enabled || s.Active || s.Priority >= priority || !IsPending(cpu, id) || !TargetsCpu(cpu, id))
                continue;
            best = id;
            priority = s.Priority;
        }
        return best;
    }

    /// <summary>
    /// The interrupt this CPU interface would hand out now: enabled everywhere, above the priority mask,
    /// and with a group priority above the running priority (it would preempt).
    /// </summary>
    private int Signalled(int cpu)
    {
        CpuInterfaceState c = _cpus[cpu];
        if (!_distributorEnabled || !c.Enabled)
            return SpuriousId;
        int id = HighestPending(cpu, out int priority);
        if (id == SpuriousId || priority >= c.Pmr || (priority & c.GroupPriorityMask) >= c.RunningPriority)
            return SpuriousId;
        return id;
    }

    private void UpdateLines()
    {
        for (int cpu = 0; cpu < _cpuCount; cpu++)
        {
            CpuInterfaceState c = _cpus[cpu];
            bool signal = Signalled(cpu) != SpuriousId;
            bool fiq = signal && c.FiqEnabled, irq = signal && !fiq;
            if (irq != c.IrqOut)
            {
                c.IrqOut = irq;
                _setIrq(cpu, irq);
            }
            if (fiq != c.FiqOut)
            {
                c.FiqOut = fiq;
                _setFiq?.Invoke(cpu, fiq);
            }
        }
    }

    /// <summary>One interrupt's distributor state (for banked IDs, one CPU's copy).</summary>
    private struct IrqState
    {
        public bool Enabled;
        /// <summary>The pending latch: set by an edge, GICD_ISPENDR or an SGI; level interrupts are also pending while Level.</summary>
        public bool Pending;
        public bool Active;
        /// <summary>The input line.</summary>
        public bool Level;
        /// <summary>GICD_ICFGR: edge-triggered rather than level-sensitive.</summary>
        public bool Edge;
        public byte Priority;
        /// <summary>GICD_ITARGETSR for an SPI: bit n sends it to CPU n.</summary>
        public byte Targets;
    }
}
