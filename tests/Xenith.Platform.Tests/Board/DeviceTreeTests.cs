using Xenith.Cpu.Arm;
using Xenith.Platform.Board;
using Xenith.Platform.Fdt;
using Xenith.Platform.Tests.Fdt;

namespace Xenith.Platform.Tests.Board;

public sealed class DeviceTreeTests
{
    /// <summary>The tree alone (a whole board would allocate its RAM).</summary>
    private static FdtNode Tree(BoardOptions options, string? bootargs = "console=ttyAMA0", (ulong, ulong)? initrd = null) =>
        FdtReader.Parse(VirtDeviceTree.Build(options, bootargs, initrd)).Root;

    [Fact]
    public void Root_memory_and_chosen_match_qemu_virt()
    {
        var root = Tree(new BoardOptions { MemoryBytes = 1ul << 30 }, "console=ttyAMA0 root=/dev/ram", (0x4800_0000, 0x480d_8337));

        Assert.Equal("linux,dummy-virt", root.String("model"));
        Assert.Equal("linux,dummy-virt", root.String("compatible"));
        Assert.Equal(2u, root.U32("#address-cells"));
        Assert.Equal(2u, root.U32("#size-cells"));
        Assert.Equal(root.Find("intc@8000000")!.U32("phandle"), root.U32("interrupt-parent"));

        var memory = root.Find("memory@40000000")!;
        Assert.Equal("memory", memory.String("device_type"));
        Assert.Equal([0u, 0x4000_0000u, 0u, 0x4000_0000u], memory.Cells("reg"));

        var chosen = root.Find("chosen")!;
        Assert.Equal("console=ttyAMA0 root=/dev/ram", chosen.String("bootargs"));
        Assert.Equal("/pl011@9000000", chosen.String("stdout-path"));
        // One cell each, as in QEMU's tree (shared/spec/reference/qemu-virt-native.dts).
        Assert.Equal([0x4800_0000u], chosen.Cells("linux,initrd-start"));
        Assert.Equal([0x480d_8337u], chosen.Cells("linux,initrd-end"));
        Assert.Equal(2, chosen.Cells("kaslr-seed").Length);
        Assert.Equal(8, chosen.Cells("rng-seed").Length); // 32 bytes
    }

    [Fact]
    public void The_seeds_are_fixed_only_on_a_deterministic_board()
    {
        var fixed1 = Tree(new BoardOptions { Deterministic = true }).Find("chosen")!.Cells("rng-seed");
        var fixed2 = Tree(new BoardOptions { Deterministic = true }).Find("chosen")!.Cells("rng-seed");
        var random1 = Tree(new BoardOptions()).Find("chosen")!.Cells("rng-seed");
        var random2 = Tree(new BoardOptions()).Find("chosen")!.Cells("rng-seed");
        Assert.Equal(fixed1, fixed2);
        Assert.NotEqual(random1, random2); // 2^-256 chance of a false failure
    }

    [Fact]
    public void Chosen_has_no_initrd_or_bootargs_when_none_are_given()
    {
        var chosen = Tree(new BoardOptions(), bootargs: null).Find("chosen")!;

        Assert.False(chosen.Has("linux,initrd-start"));
        Assert.False(chosen.Has("linux,initrd-end"));
        Assert.False(chosen.Has("bootargs"));
        Assert.Equal("/pl011@9000000", chosen.String("stdout-path"));
    }

    [Fact]
    public void Gic_psci_and_devices_are_described_as_qemu_does()
    {
        var root = Tree(new BoardOptions());

        var gic = root.Find("intc@8000000")!;
        Assert.Equal("arm,cortex-a15-gic", gic.String("compatible"));
        Assert.True(gic.Has("interrupt-controller"));
        Assert.Equal(3u, gic.U32("#interrupt-cells"));
        Assert.Equal([0u, 0x0800_0000u, 0u, 0x1_0000u, 0u, 0x0801_0000u, 0u, 0x1_0000u], gic.Cells("reg"));

        var psci = root.Find("psci")!;
        Assert.Equal(["arm,psci-1.0", "arm,psci-0.2", "arm,psci"], psci.Strings("compatible"));
        Assert.Equal("hvc", psci.String("method"));
        Assert.Equal(0x8400_0003u, psci.U32("cpu_on"));
        Assert.Equal(0x8400_0002u, psci.U32("cpu_off"));
        Assert.Equal(0x8400_0001u, psci.U32("cpu_suspend"));
        Assert.Equal(0x8400_0005u, psci.U32("migrate"));

        var clock = root.Find("apb-pclk")!;
        Assert.Equal("fixed-clock", clock.String("compatible"));
        Assert.Equal(24_000_000u, clock.U32("clock-frequency"));
        Assert.Equal(0u, clock.U32("#clock-cells"));
        uint clk = clock.U32("phandle");

        var uart = root.Find("pl011@9000000")!;
        Assert.Equal(["arm,pl011", "arm,primecell"], uart.Strings("compatible"));
        Assert.Equal([0u, 0x0900_0000u, 0u, 0x1000u], uart.Cells("reg"));
        Assert.Equal([0u, 1u, 4u], uart.Cells("interrupts"));
        Assert.Equal([clk, clk], uart.Cells("clocks"));
        Assert.Equal(["uartclk", "apb_pclk"], uart.Strings("clock-names"));

        var rtc = root.Find("pl031@9010000")!;
        Assert.Equal(["arm,pl031", "arm,primecell"], rtc.Strings("compatible"));
        Assert.Equal([0u, 0x0901_0000u, 0u, 0x1000u], rtc.Cells("reg"));
        Assert.Equal([0u, 2u, 4u], rtc.Cells("interrupts"));
        Assert.Equal([clk], rtc.Cells("clocks"));
    }

    [Fact]
    public void One_cortex_a15_has_no_enable_method_and_a_timer_for_cpu_0()
    {
        var root = Tree(new BoardOptions());

        var cpu = root.Find("cpus/cpu@0")!;
        Assert.Equal("arm,cortex-a15", cpu.String("compatible"));
        Assert.Equal("cpu", cpu.String("device_type"));
        Assert.Equal(0u, cpu.U32("reg"));
        Assert.False(cpu.Has("enable-method"));
        Assert.Single(root.Find("cpus")!.Children);

        var timer = root.Find("timer")!;
        Assert.Equal("arm,armv7-timer", timer.String("compatible"));
        Assert.True(timer.Has("always-on"));
        Assert.Equal([1u, 13, 0x104, 1, 14, 0x104, 1, 11, 0x104, 1, 10, 0x104], timer.Cells("interrupts"));
    }

    [Fact]
    public void Smp_cpus_start_through_psci_and_timer_ppis_reach_every_cpu()
    {
        var root = Tree(new BoardOptions { CpuCount = 4 });

        var cpus = root.Find("cpus")!;
        Assert.Equal(["cpu@0", "cpu@1", "cpu@2", "cpu@3"], cpus.Children.Select(c => c.Name));
        for (uint i = 0; i < 4; i++)
        {
            var cpu = cpus.Children[(int)i];
            Assert.Equal(i, cpu.U32("reg"));
            Assert.Equal("psci", cpu.String("enable-method"));
        }
        Assert.Equal([1u, 13, 0xF04, 1, 14, 0xF04, 1, 11, 0xF04, 1, 10, 0xF04], root.Find("timer")!.Cells("interrupts"));
    }

    [Fact]
    public void Cortex_a8_has_no_generic_timer_node()
    {
        var root = Tree(new BoardOptions { Cpu = CpuProfile.CortexA8 });

        Assert.Equal("arm,cortex-a8", root.Find("cpus/cpu@0")!.String("compatible"));
        Assert.Null(root.Find("timer"));
    }

    [NeedsDtcFact]
    public void Dtc_reads_the_board_tree_without_complaint()
    {
        using var board = new VirtBoard(new BoardOptions { CpuCount = 2, MemoryBytes = 16 << 20 }, _ => { });
        string dts = Dtc.Decompile(board.BuildDeviceTree("console=ttyAMA0", (0x4800_0000, 0x4810_0000)));

        Assert.Contains("\tpl011@9000000 {\n\t\tclock-names = \"uartclk\\0apb_pclk\";\n\t\tclocks = <0x8000 0x8000>;\n", dts, StringComparison.Ordinal);
        Assert.Contains("\t\tinterrupts = <0x01 0x0d 0x304 0x01 0x0e 0x304 0x01 0x0b 0x304 0x01 0x0a 0x304>;\n", dts, StringComparison.Ordinal);
        Assert.Contains("\t\tlinux,initrd-start = <0x48000000>;\n", dts, StringComparison.Ordinal);
    }
}
