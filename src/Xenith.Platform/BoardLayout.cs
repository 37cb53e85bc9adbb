namespace Xenith.Platform;

/// <summary>
/// Where things are on Xenith's standalone board: the layout of QEMU's <c>virt</c> machine for 32-bit ARM,
/// so that kernels and device trees written for it find the same devices at the same addresses.
/// </summary>
public static class BoardLayout
{
    public const ulong GicDistributor = 0x0800_0000, GicDistributorSize = 0x1_0000;
    public const ulong GicCpuInterface = 0x0801_0000, GicCpuInterfaceSize = 0x1_0000;
    public const ulong Uart = 0x0900_0000, UartSize = 0x1000;
    public const ulong Rtc = 0x0901_0000, RtcSize = 0x1000;
    /// <summary>The SP804 dual timer, present only when the CPU has no generic timer (Cortex-A8). QEMU's virt
    /// puts its fw_cfg here; Xenith has none, so the slot after the RTC is free.</summary>
    public const ulong DualTimer = 0x0902_0000, DualTimerSize = 0x1000;
    public const ulong RamBase = 0x4000_0000;

    /// <summary>Shared peripheral interrupts, numbered from 0 as in device-tree <c>interrupts = &lt;0 N 4&gt;</c>; the GIC ID is N + 32.</summary>
    public const int UartSpi = 1, RtcSpi = 2;

    /// <summary>The SP804's combined interrupt (both counters ORed, as on Versatile Express).</summary>
    public const int DualTimerSpi = 3;

    /// <summary>Generic timer PPIs as GIC interrupt IDs: secure physical, non-secure physical, virtual, hypervisor.</summary>
    public const int TimerSecurePhysIrq = 29, TimerPhysIrq = 30, TimerVirtIrq = 27, TimerHypIrq = 26;

    /// <summary>The counter frequency QEMU's virt machine reports (62.5 MHz).</summary>
    public const ulong CounterFrequency = 62_500_000;
}
