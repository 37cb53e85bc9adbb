using Xenith.Cpu.Arm;
using Xenith.Memory;

namespace Xenith.Platform.Board;

/// <summary>
/// Xenith's standalone board: QEMU's <c>virt</c> machine for 32-bit ARM, reduced to RAM at 0x40000000,
/// a GICv2, a generic timer per CPU (an SP804 dual timer instead on CPUs without one), a PL011 UART, a PL031
/// RTC and PSCI firmware over HVC (SMC without the Virtualization Extensions). All CPUs run on the caller's
/// thread, in turn (<see cref="Run"/>).
/// </summary>
public sealed partial class VirtBoard : IPsciPlatform, IDisposable
{
    /// <summary>Interrupt IDs the GIC implements, as QEMU's virt: 32 private plus 256 shared.</summary>
    public const int GicIrqCount = 288;

    /// <summary>What the RTC reads at start in deterministic mode, so that identical runs print identical dates.</summary>
    public static readonly DateTimeOffset DeterministicWallClock = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly BoardOptions _options;
    private readonly ArmCpu[] _cpus;
    private readonly GenericTimer?[] _timers;
    private readonly CpuPower[] _power;
    /// <summary>Instructions each CPU retired before its last reset (CPU_ON resets the CPU's own counter).</summary>
    private readonly ulong[] _retiredBefore;
    private readonly Psci _psci;
    private bool _disposed;

    public VirtBoard(BoardOptions options, Action<byte> uartOutput)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(uartOutput);
        options.Validate();
        _options = options;
        int n = options.CpuCount;
        _cpus = new ArmCpu[n];
        _timers = new GenericTimer?[n];
        _power = new CpuPower[n];
        _retiredBefore = new ulong[n];

        Memory = new PhysicalMemory();
        Memory.AddRam(BoardLayout.RamBase, options.MemoryBytes);
        Clock = options.Deterministic ? MachineClock.Deterministic(RetiredInstructions) : MachineClock.RealTime();

        for (int i = 0; i < n; i++)
        {
            int cpu = i;
            _cpus[i] = new ArmCpu(Memory, options.Cpu) { CpuIndex = i };
            if (options.Cpu.HasGenericTimer)
            {
                _timers[i] = new GenericTimer(Clock, (irq, level) => Gic!.SetPpi(cpu, irq, level));
                _cpus[i].GenericTimer = _timers[i];
            }
            _power[i] = i == 0 ? CpuPower.Running : CpuPower.Off;
        }
        SetCluster();
        Gic = new GicV2(n, GicIrqCount, SetIrqLine, SetFiqLine);

        Uart = new Pl011(uartOutput, level => Gic.SetSpi(32 + BoardLayout.UartSpi, level));
        var wallClock = options.Deterministic ? DeterministicWallClock : DateTimeOffset.UtcNow;
        Rtc = new Pl031(Clock, () => wallClock, level => Gic.SetSpi(32 + BoardLayout.RtcSpi, level));

        Memory.AddDevice(BoardLayout.GicDistributor, BoardLayout.GicDistributorSize, Gic.Distributor);
        Memory.AddDevice(BoardLayout.GicCpuInterface, BoardLayout.GicCpuInterfaceSize, Gic.CpuInterface);
        Memory.AddDevice(BoardLayout.Uart, BoardLayout.UartSize, Uart);
        Memory.AddDevice(BoardLayout.Rtc, BoardLayout.RtcSize, Rtc);
        // Without a generic timer (Cortex-A8) Linux needs another clock source and clock event device.
        if (!options.Cpu.HasGenericTimer)
        {
            DualTimer = new Sp804(Clock, level => Gic.SetSpi(32 + BoardLayout.DualTimerSpi, level));
            Memory.AddDevice(BoardLayout.DualTimer, BoardLayout.DualTimerSize, DualTimer);
        }

        _psci = new Psci(this);
    }

    public BoardOptions Options => _options;
    public PhysicalMemory Memory { get; }
    public IReadOnlyList<ArmCpu> Cpus => _cpus;
    public GicV2 Gic { get; }
    public Pl011 Uart { get; }
    public Pl031 Rtc { get; }
    /// <summary>The SP804 dual timer; only on CPU models without a generic timer, else null.</summary>
    public Sp804? DualTimer { get; }
    public MachineClock Clock { get; }

    /// <summary>Where <see cref="LoadLinux"/> put the kernel, initrd and device tree; null before loading.</summary>
    public BootInfo? Boot { get; private set; }

    /// <summary>The board's own device tree for this configuration (see <see cref="VirtDeviceTree"/>).</summary>
    public byte[] BuildDeviceTree(string? bootargs, (ulong Start, ulong End)? initrd) =>
        VirtDeviceTree.Build(_options, bootargs, initrd);

    /// <summary>
    /// Loads a kernel (zImage, uncompressed Image, or a bare-metal ELF), an optional initrd and a device tree
    /// (<paramref name="dtb"/> as given, else the board's own with <paramref name="bootargs"/>) and points CPU 0
    /// at it with the Linux boot protocol's registers. The other CPUs stay off until PSCI CPU_ON.
    /// </summary>
    public void LoadLinux(byte[] kernel, byte[]? initrd, string? bootargs, byte[]? dtb)
    {
        var boot = LinuxLoader.Load(Memory, BoardLayout.RamBase, _options.MemoryBytes, kernel, initrd, dtb,
            range => BuildDeviceTree(bootargs, range));
        _retiredBefore[0] += _cpus[0].Instructions;
        LinuxLoader.EnterKernel(_cpus[0], boot);
        for (int i = 0; i < _power.Length; i++)
            _power[i] = i == 0 ? CpuPower.Running : CpuPower.Off;
        Boot = boot;
    }

    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        _wake.Dispose();
        Memory.Dispose();
    }

    /// <summary>Every instruction the machine has retired: the deterministic clock's time base.</summary>
    private ulong RetiredInstructions()
    {
        ulong sum = 0;
        for (int i = 0; i < _cpus.Length; i++)
            sum += _retiredBefore[i] + _cpus[i].Instructions;
        return sum;
    }

    private void SetIrqLine(int cpu, bool level)
    {
        _cpus[cpu].IrqLine = level;
        if (level)
            SignalWake();
    }

    private void SetFiqLine(int cpu, bool level)
    {
        _cpus[cpu].FiqLine = level;
        if (level)
            SignalWake();
    }

    /// <summary>
    /// Inner-shareable TLB maintenance reaches every CPU of the cluster (the MMU's <c>Cluster</c> list).
    /// </summary>
    private void SetCluster()
    {
        foreach (var cpu in _cpus)
            cpu.Cluster = _cpus;
    }

    private enum CpuPower : byte
    {
        Off,
        Running,
        /// <summary>In WFI: skipped until an interrupt would wake it.</summary>
        Sleeping,
    }
}
