using Xenith.Platform.Fdt;

namespace Xenith.Platform.Board;

/// <summary>
/// The device tree of the standalone board: QEMU's <c>virt</c> tree (as QEMU 7.2 builds it for
/// <c>-M virt -cpu cortex-a15</c>) reduced to the devices Xenith has, with the same names, phandle
/// numbering, compatibles and interrupt specifiers, so Linux probes the same drivers.
/// </summary>
internal static class VirtDeviceTree
{
    /// <summary>PSCI 0.1 function IDs QEMU lists beside the 0.2+ compatibles (the 32-bit SMC32 numbers).</summary>
    private const uint PsciCpuSuspend = 0x8400_0001, PsciCpuOff = 0x8400_0002, PsciCpuOn = 0x8400_0003, PsciMigrate = 0x8400_0005;

    /// <summary>Interrupt specifier cells of the GIC binding: type (0 SPI, 1 PPI), number, flags.</summary>
    private const uint GicSpi = 0, GicPpi = 1, IrqLevelHigh = 4;

    /// <summary>The PL011/PL031 APB clock QEMU declares (24 MHz).</summary>
    private const uint ApbClockHz = 24_000_000;

    /// <summary>QEMU's first phandle; it hands them out in creation order (clock, CPUs, GIC).</summary>
    private const uint FirstPhandle = 0x8000;

    public static byte[] Build(BoardOptions options, string? bootargs, (ulong Start, ulong End)? initrd)
    {
        var w = new FdtWriter(bootCpu: 0, firstPhandle: FirstPhandle);
        uint clock = w.AllocatePhandle();
        var cpuPhandles = new uint[options.CpuCount];
        for (int i = 0; i < cpuPhandles.Length; i++)
            cpuPhandles[i] = w.AllocatePhandle();
        uint gic = w.AllocatePhandle();
        // Only the Cortex-A8 board has the SP804 and its 1 MHz reference clock; the A15 tree keeps QEMU's numbering.
        uint? timclk = options.Cpu.HasGenericTimer ? null : w.AllocatePhandle();

        w.BeginNode("");
        w.Property("interrupt-parent", gic);
        w.Property("model", "linux,dummy-virt");
        w.Property("#size-cells", 2u);
        w.Property("#address-cells", 2u);
        w.Property("compatible", "linux,dummy-virt");

        Psci(w, options.Cpu.HasVirtualization ? "hvc" : "smc");
        Memory(w, options.MemoryBytes);
        if (timclk is uint t)
        {
            // As Versatile Express wires it: both counters on the 1 MHz reference, the APB clock for the bus.
            Primecell(w, $"timer@{BoardLayout.DualTimer:x}", ["arm,sp804", "arm,primecell"], BoardLayout.DualTimer,
                BoardLayout.DualTimerSize, BoardLayout.DualTimerSpi, ["timclken1", "timclken2", "apb_pclk"], [t, t, clock]);
        }
        Primecell(w, $"pl031@{BoardLayout.Rtc:x}", ["arm,pl031", "arm,primecell"], BoardLayout.Rtc, BoardLayout.RtcSize,
            BoardLayout.RtcSpi, ["apb_pclk"], [clock]);
        Primecell(w, $"pl011@{BoardLayout.Uart:x}", ["arm,pl011", "arm,primecell"], BoardLayout.Uart, BoardLayout.UartSize,
            BoardLayout.UartSpi, ["uartclk", "apb_pclk"], [clock, clock]);
        Gic(w, gic);
        Cpus(w, options, cpuPhandles);
        if (options.Cpu.HasGenericTimer)
            Timer(w, options.CpuCount);
        ApbClock(w, clock);
        if (timclk is uint tc)
            FixedClock(w, "timclk", tc, "timclk", (uint)Sp804.TimclkHz);
        Chosen(w, bootargs, initrd, Seeds(options));
        w.EndNode();
        return w.Finish();
    }

    private static void Psci(FdtWriter w, string method)
    {
        w.BeginNode("psci");
        w.Property("migrate", PsciMigrate);
        w.Property("cpu_on", PsciCpuOn);
        w.Property("cpu_off", PsciCpuOff);
        w.Property("cpu_suspend", PsciCpuSuspend);
        // The board's firmware answers HVC #0 (Xenith's host plays EL2, as it does for guests) and SMC #0 (the
        // secure monitor's place): a CPU without the Virtualization Extensions has only SMC.
        w.Property("method", method);
        w.Property("compatible", "arm,psci-1.0", "arm,psci-0.2", "arm,psci");
        w.EndNode();
    }

    private static void Memory(FdtWriter w, ulong bytes)
    {
        w.BeginNode($"memory@{BoardLayout.RamBase:x}");
        w.PropertyPairs("reg", (BoardLayout.RamBase, bytes));
        w.Property("device_type", "memory");
        w.EndNode();
    }

    private static void Primecell(FdtWriter w, string name, string[] compatible, ulong address, ulong size, int spi,
        string[] clockNames, uint[] clocks)
    {
        w.BeginNode(name);
        w.Property("clock-names", clockNames);
        w.Property("clocks", clocks);
        w.Property("interrupts", GicSpi, (uint)spi, IrqLevelHigh);
        w.PropertyPairs("reg", (address, size));
        w.Property("compatible", compatible);
        w.EndNode();
    }

    private static void Gic(FdtWriter w, uint phandle)
    {
        w.BeginNode($"intc@{BoardLayout.GicDistributor:x}");
        w.Property("phandle", phandle);
        w.PropertyPairs("reg", (BoardLayout.GicDistributor, BoardLayout.GicDistributorSize),
            (BoardLayout.GicCpuInterface, BoardLayout.GicCpuInterfaceSize));
        w.Property("compatible", "arm,cortex-a15-gic");
        // QEMU gives the GIC a child address space for its v2m frame; kept so the node reads the same.
        w.Property("ranges");
        w.Property("#size-cells", 2u);
        w.Property("#address-cells", 2u);
        w.Property("interrupt-controller");
        w.Property("#interrupt-cells", 3u);
        w.EndNode();
    }

    private static void Cpus(FdtWriter w, BoardOptions options, uint[] phandles)
    {
        w.BeginNode("cpus");
        w.Property("#size-cells", 0u);
        w.Property("#address-cells", 1u);
        for (int i = 0; i < options.CpuCount; i++)
        {
            w.BeginNode($"cpu@{i:x}");
            w.Property("phandle", phandles[i]);
            // QEMU names the enable method only when there are secondaries to start.
            if (options.CpuCount > 1)
                w.Property("enable-method", "psci");
            w.Property("reg", (uint)i);
            w.Property("compatible", "arm," + options.Cpu.Name);
            w.Property("device_type", "cpu");
            w.EndNode();
        }
        w.EndNode();
    }

    private static void Timer(FdtWriter w, int cpuCount)
    {
        // GICv2 PPI flags carry a mask of the CPUs the PPI is wired to in bits 15:8.
        uint flags = ((1u << cpuCount) - 1) << 8 | IrqLevelHigh;
        w.BeginNode("timer");
        w.Property("interrupts",
            GicPpi, BoardLayout.TimerSecurePhysIrq - 16, flags,
            GicPpi, BoardLayout.TimerPhysIrq - 16, flags,
            GicPpi, BoardLayout.TimerVirtIrq - 16, flags,
            GicPpi, BoardLayout.TimerHypIrq - 16, flags);
        w.Property("always-on");
        w.Property("compatible", "arm,armv7-timer");
        w.EndNode();
    }

    private static void ApbClock(FdtWriter w, uint phandle) => FixedClock(w, "apb-pclk", phandle, "clk24mhz", ApbClockHz);

    private static void FixedClock(FdtWriter w, string name, uint phandle, string outputName, uint hz)
    {
        w.BeginNode(name);
        w.Property("phandle", phandle);
        w.Property("clock-output-names", outputName);
        w.Property("clock-frequency", hz);
        w.Property("#clock-cells", 0u);
        w.Property("compatible", "fixed-clock");
        w.EndNode();
    }

    /// <summary>
    /// Random bytes for /chosen: QEMU gives 64 bits of kaslr-seed and 32 bytes of rng-seed, which Linux credits
    /// to its entropy pool ("random: crng init done" at once) and then removes from the tree (so QEMU's dumped
    /// tree lacks it). Deterministic boards get fixed bytes so that runs repeat.
    /// </summary>
    private static byte[] Seeds(BoardOptions options) =>
        options.Deterministic ? [.. Enumerable.Range(0, 40).Select(i => (byte)(0x58 + i * 7))] : System.Security.Cryptography.RandomNumberGenerator.GetBytes(40);

    private static void Chosen(FdtWriter w, string? bootargs, (ulong Start, ulong End)? initrd, byte[] seeds)
    {
        w.BeginNode("chosen");
        if (initrd is var (start, end))
        {
            // One cell each, as QEMU writes them for 32-bit guests; RAM ends below 4 GiB so they always fit.
            w.Property("linux,initrd-end", checked((uint)end));
            w.Property("linux,initrd-start", checked((uint)start));
        }
        if (!string.IsNullOrEmpty(bootargs))
            w.Property("bootargs", bootargs);
        w.Property("stdout-path", $"/pl011@{BoardLayout.Uart:x}");
        w.PropertyU64("kaslr-seed", BitConverter.ToUInt64(seeds, 0));
        w.Property("rng-seed", seeds.AsSpan(8, 32));
        w.EndNode();
    }
}
