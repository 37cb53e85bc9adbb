using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text;
using Xenith.Cpu.Arm;
using Xenith.Platform.Board;

namespace Xenith.Platform.Tests.Board;

public sealed class VirtBoardTests
{
    /// <summary>Enough for the programs (the RAM is allocated and zeroed up front).</summary>
    private const ulong Ram = 32ul << 20;

    private sealed class Run : IDisposable
    {
        private readonly List<byte> _output = [];

        public Run(uint[] program, BoardOptions options)
        {
            Board = new VirtBoard(options, _output.Add);
            Board.LoadLinux(TestPrograms.Bytes(program), null, null, null);
        }

        public VirtBoard Board { get; }
        public string Output => Encoding.ASCII.GetString(_output.ToArray());

        public uint Mailbox(int index)
        {
            var b = new byte[4];
            Board.Memory.Read(TestPrograms.Mailbox + (ulong)index * 4, b);
            return BitConverter.ToUInt32(b);
        }

        public void Dispose() => Board.Dispose();
    }

    [Fact]
    public void Psci_cpu_on_starts_cpu_1_at_the_entry_with_the_context_id()
    {
        using var run = new Run(TestPrograms.SmpCpuOn, new BoardOptions { CpuCount = 2, Deterministic = true, MemoryBytes = Ram });

        Assert.Equal(BoardExit.PowerOff, run.Board.Run());

        Assert.Equal(0x1234_abcdu, run.Mailbox(0)); // r0 at the secondary's entry
        Assert.Equal(0u, run.Mailbox(1));           // CPU_ON returned SUCCESS
        Assert.Equal(1u, run.Mailbox(2) & 0xFF);    // MPIDR.Aff0 of the secondary
    }

    [Fact]
    public void Wfi_sleeps_until_the_virtual_timer_fires_and_deterministic_time_skips_ahead()
    {
        using var run = new Run(TestPrograms.WfiUntilTimer, new BoardOptions { Deterministic = true, MemoryBytes = Ram });

        Assert.Equal(BoardExit.PowerOff, run.Board.Run());

        // The count read after WFI is at or past the deadline set 0x10000 ticks earlier...
        Assert.InRange(run.Mailbox(0), 0x10000u, 0x10100u);
        Assert.Equal(5u, run.Mailbox(1));   // CNTV_CTL: ENABLE | ISTATUS
        Assert.Equal(27u, run.Mailbox(2) & 0x3FF); // GICC_IAR: the virtual timer PPI
        // ...yet only a few dozen instructions ran: the board skipped the idle time instead of spinning.
        Assert.InRange(run.Board.Cpus[0].Instructions, 20ul, 40ul);
    }

    [Fact]
    public void Deterministic_runs_are_identical()
    {
        uint[] Counts()
        {
            using var run = new Run(TestPrograms.WfiUntilTimer, new BoardOptions { Deterministic = true, MemoryBytes = Ram });
            run.Board.Run();
            return [run.Mailbox(0), (uint)run.Board.Cpus[0].Instructions, (uint)run.Board.Clock.Now];
        }

        Assert.Equal(Counts(), Counts());
    }

    [Fact]
    public void Real_time_wfi_waits_for_the_timer()
    {
        using var run = new Run(TestPrograms.WfiUntilTimer, new BoardOptions { MemoryBytes = Ram });

        Assert.Equal(BoardExit.PowerOff, run.Board.Run());

        Assert.True(run.Mailbox(0) >= 0x10000u, $"CNTVCT 0x{run.Mailbox(0):x} read before the deadline");
        Assert.Equal(5u, run.Mailbox(1));
    }

    [Fact]
    public void Hvc_with_a_nonzero_immediate_is_undefined()
    {
        using var run = new Run(TestPrograms.HvcNonZeroIsUndefined, new BoardOptions { Deterministic = true, MemoryBytes = Ram });

        Assert.Equal(BoardExit.PowerOff, run.Board.Run());

        uint hvcAddress = run.Mailbox(2);
        Assert.Equal(0x4000_800Cu, hvcAddress);
        Assert.Equal(hvcAddress + 4, run.Mailbox(0)); // LR_und: the HVC's address + 4 in A32
        Assert.Equal((uint)Mode.Undefined, run.Mailbox(1) & 0x1F);
    }

    [Fact]
    public void Every_cpu_idle_without_a_timer_is_an_error_in_deterministic_mode()
    {
        using var run = new Run([0xe320f003, 0xeafffffe], new BoardOptions { Deterministic = true, MemoryBytes = Ram }); // wfi; b .

        var e = Assert.Throws<BoardException>(() => run.Board.Run());

        Assert.Equal("all CPUs idle with no timer: CPU 0 in WFI at PC 0x40008004", e.Message);
    }

    [Fact]
    public void Cpu_off_on_the_only_cpu_ends_the_run()
    {
        using var run = new Run([0xe3a003a1, 0xe1400070, 0xeafffffe], new BoardOptions { Deterministic = true, MemoryBytes = Ram }); // CPU_OFF

        Assert.Equal(BoardExit.AllCpusOff, run.Board.Run());
    }

    [Fact]
    public void Cancellation_stops_a_busy_machine()
    {
        using var run = new Run([0xeafffffe], new BoardOptions { MemoryBytes = Ram }); // b .
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();

        Assert.Equal(BoardExit.Cancelled, run.Board.Run(cancel.Token));
    }

    [NeedsArmGccFact]
    public void Bench_kernel_prints_its_checksum_and_powers_off()
    {
        string elf = BenchElf.Build("small-arm", "crc32");
        var output = new List<byte>();
        using var board = new VirtBoard(new BoardOptions { Deterministic = true, MemoryBytes = Ram }, output.Add);

        board.LoadLinux(File.ReadAllBytes(elf), null, null, null);

        Assert.Equal(KernelFormat.Elf, board.Boot!.Format);
        Assert.Equal(0x4000_0000ul, board.Boot.DtbAddress); // bare metal: the DTB at the start of RAM
        Assert.Equal(0x4001_0000u, board.Cpus[0].Pc);
        Assert.Equal(BoardExit.PowerOff, board.Run());
        // QEMU 7.2 prints the same (tests/Xenith.Cpu.Arm.Tests/Bench/BenchKernelTests.cs).
        Assert.Equal("crc32: checksum 0xadedd130\n", Encoding.ASCII.GetString(output.ToArray()));
    }
}

/// <summary>Builds one benchmark kernel with bench/cpu/Makefile.</summary>
internal static class BenchElf
{
    public static string? Gcc { get; } = FindOnPath("arm-none-eabi-gcc");

    public static string Build(string variant, string kernel)
    {
        string bench = Path.Combine(RepositoryRoot(), "bench", "cpu");
        string target = $"out/{variant}/{kernel}.elf";
        var psi = new ProcessStartInfo("make", ["-s", "-C", bench, target]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var p = Process.Start(psi)!;
        p.StandardOutput.ReadToEnd();
        string errors = p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, $"make {target} failed: {errors}");
        return Path.Combine(bench, target);
    }

    /// <summary>Found from this source file's path: test binaries may be built outside the repository.</summary>
    private static string RepositoryRoot([CallerFilePath] string source = "")
    {
        string? dir = Path.GetDirectoryName(source);
        while (dir != null && !File.Exists(Path.Combine(dir, "bench", "cpu", "Makefile")))
            dir = Path.GetDirectoryName(dir);
        return dir ?? throw new InvalidOperationException("bench/cpu/Makefile not found above " + source);
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, name))
            .FirstOrDefault(File.Exists);
}

public sealed class NeedsArmGccFactAttribute : FactAttribute
{
    public NeedsArmGccFactAttribute()
    {
        if (BenchElf.Gcc == null)
            Skip = "arm-none-eabi-gcc is not installed (apt install gcc-arm-none-eabi)";
    }
}
