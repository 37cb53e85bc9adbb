using Xenith.Cpu.Arm;
using Xenith.Platform.Board;
using Xenith.Platform.Fdt;
using Xenith.Platform.Tests.Fdt;

namespace Xenith.Platform.Tests.Board;

/// <summary>The board with the Cortex-A8 profile: an SP804 instead of the generic timer, PSCI over SMC, one CPU.</summary>
public sealed class CortexA8BoardTests
{
    private const ulong Ram = 32ul << 20;

    private static readonly BoardOptions A8 = new() { Cpu = CpuProfile.CortexA8, Deterministic = true, MemoryBytes = Ram };

    /// <summary>Arms the SP804's timer 1 as a 1000 us one-shot with its interrupt enabled and the GIC routing
    /// SPI 3 (ID 35), sleeps in WFI, then stores GICC_IAR, Timer1MIS and Timer1Value at 0x40001000 and powers
    /// off through PSCI over SMC.</summary>
    private static readonly uint[] Sp804OneShotWakesWfi =
    [
        0xe59f4060, // ldr r4, =0x09020000 (SP804)
        0xe3a05302, // mov r5, #0x08000000 (GICD)
        0xe59f605c, // ldr r6, =0x08010000 (GICC)
        0xe59f705c, // ldr r7, =0x40001000 (mailbox)
        0xe3a00001, // mov r0, #1
        0xe5850000, // str r0, [r5]          GICD_CTLR
        0xe3a00008, // mov r0, #8
        0xe5850104, // str r0, [r5, #0x104]  GICD_ISENABLER1: ID 35
        0xe3a000ff, // mov r0, #0xff
        0xe5860004, // str r0, [r6, #4]      GICC_PMR
        0xe3a00001, // mov r0, #1
        0xe5860000, // str r0, [r6]          GICC_CTLR
        0xe3a00ffa, // mov r0, #1000
        0xe5840000, // str r0, [r4]          Timer1Load
        0xe3a000a3, // mov r0, #0xa3         enable, IE, 32-bit, one-shot
        0xe5840008, // str r0, [r4, #8]      Timer1Control
        0xe320f003, // wfi
        0xe596000c, // ldr r0, [r6, #0xc]    GICC_IAR
        0xe5870000, // str r0, [r7]
        0xe5940014, // ldr r0, [r4, #0x14]   Timer1MIS
        0xe5870004, // str r0, [r7, #4]
        0xe5940004, // ldr r0, [r4, #4]      Timer1Value
        0xe5870008, // str r0, [r7, #8]
        0xe59f0010, // ldr r0, =0x84000008   SYSTEM_OFF
        0xe1600070, // smc #0
        0xeafffffe, // b .
        0x09020000, 0x08010000, 0x40001000, 0x84000008,
    ];

    /// <summary><see cref="TestPrograms.HvcNonZeroIsUndefined"/> with HVC #0 as the faulting instruction and SMC #0
    /// for SYSTEM_OFF: stores LR_und, CPSR and the HVC's address at 0x40001000.</summary>
    private static readonly uint[] HvcZeroThenSmcPowerOff =
    [
        .. TestPrograms.HvcNonZeroIsUndefined[..3],
        0xe1400070, // faulting: hvc #0
        .. TestPrograms.HvcNonZeroIsUndefined[4..22],
        0xe1600070, // smc #0
        .. TestPrograms.HvcNonZeroIsUndefined[23..],
    ];

    private static uint Mailbox(VirtBoard board, int index)
    {
        var b = new byte[4];
        board.Memory.Read(TestPrograms.Mailbox + (ulong)index * 4, b);
        return BitConverter.ToUInt32(b);
    }

    [Fact]
    public void Sp804_one_shot_wakes_wfi_through_spi_3_and_time_skips_ahead()
    {
        using var board = new VirtBoard(A8, _ => { });
        board.LoadLinux(TestPrograms.Bytes(Sp804OneShotWakesWfi), null, null, null);

        Assert.Equal(BoardExit.PowerOff, board.Run());

        Assert.Equal(35u, Mailbox(board, 0) & 0x3FF); // SPI 3
        Assert.Equal(1u, Mailbox(board, 1));
        Assert.Equal(0u, Mailbox(board, 2));           // a one-shot counter stops at zero
        Assert.True(board.Clock.Now >= 1000 * 125 / 2, $"woke at tick {board.Clock.Now}, before the 1 ms deadline");
        Assert.InRange(board.Cpus[0].Instructions, 20ul, 40ul); // the idle millisecond was skipped, not run
    }

    [Fact]
    public void Hvc_is_undefined_and_psci_answers_smc()
    {
        Assert.Equal(0xe1400070u, HvcZeroThenSmcPowerOff[3]);
        Assert.Equal(0xe59f0004u, HvcZeroThenSmcPowerOff[21]); // ldr r0, =SYSTEM_OFF just before the SMC
        Assert.Equal(0xe1600070u, HvcZeroThenSmcPowerOff[22]);
        using var board = new VirtBoard(A8, _ => { });
        board.LoadLinux(TestPrograms.Bytes(HvcZeroThenSmcPowerOff), null, null, null);

        Assert.Equal(BoardExit.PowerOff, board.Run());

        Assert.Equal(0x4000_800Cu, Mailbox(board, 2));
        Assert.Equal(0x4000_8010u, Mailbox(board, 0)); // LR_und
        Assert.Equal((uint)Mode.Undefined, Mailbox(board, 1) & 0x1F);
    }

    [Fact]
    public void Only_the_a8_board_has_the_dual_timer()
    {
        using var a8 = new VirtBoard(A8, _ => { });
        using var a15 = new VirtBoard(A8 with { Cpu = CpuProfile.CortexA15 }, _ => { });

        Assert.NotNull(a8.DualTimer);
        Assert.Equal(0x0Dul, a8.DualTimer!.Read(0xFF0, 4)); // PrimeCell ID byte 0
        Assert.Null(a15.DualTimer);
    }

    [Fact]
    public void Smp_is_refused_for_a_single_core_part()
    {
        var e = Assert.Throws<BoardException>(() => new VirtBoard(A8 with { CpuCount = 2 }, _ => { }));

        Assert.Equal("cortex-a8 is a single-core CPU: the board takes 1 of them, not 2", e.Message);
    }

    [Fact]
    public void Device_tree_has_the_sp804_with_vexpress_clocks_and_smc_psci()
    {
        FdtNode root = FdtReader.Parse(VirtDeviceTree.Build(A8, "console=ttyAMA0", null)).Root;

        Assert.Null(root.Find("timer"));
        Assert.Equal("smc", root.Find("psci")!.String("method"));

        var timer = root.Find("timer@9020000")!;
        Assert.Equal(["arm,sp804", "arm,primecell"], timer.Strings("compatible"));
        Assert.Equal([0u, 0x0902_0000u, 0u, 0x1000u], timer.Cells("reg"));
        Assert.Equal([0u, 3u, 4u], timer.Cells("interrupts"));
        Assert.Equal(["timclken1", "timclken2", "apb_pclk"], timer.Strings("clock-names"));

        var timclk = root.Find("timclk")!;
        var apb = root.Find("apb-pclk")!;
        Assert.Equal("fixed-clock", timclk.String("compatible"));
        Assert.Equal(1_000_000u, timclk.U32("clock-frequency"));
        uint t = timclk.U32("phandle"), p = apb.U32("phandle");
        Assert.NotEqual(t, p);
        Assert.Equal([t, t, p], timer.Cells("clocks"));
    }

    [Fact]
    public void The_a15_tree_keeps_hvc_and_qemu_phandles()
    {
        FdtNode root = FdtReader.Parse(VirtDeviceTree.Build(new BoardOptions(), null, null)).Root;

        Assert.Equal("hvc", root.Find("psci")!.String("method"));
        Assert.Null(root.Find("timer@9020000"));
        Assert.Null(root.Find("timclk"));
        Assert.Equal(0x8000u, root.Find("apb-pclk")!.U32("phandle"));
    }
}
