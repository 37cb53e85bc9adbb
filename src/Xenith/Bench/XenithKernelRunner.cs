using System.Diagnostics;
using Xenith.Boot;
using Xenith.Cpu.Arm;
using Xenith.Memory;
using Xenith.Platform.Board;

namespace Xenith.Bench;

/// <summary>What one run of a kernel produced.</summary>
/// <param name="Output">Everything the guest wrote to its UART.</param>
/// <param name="Instructions">Guest instructions executed (Xenith's count; QEMU runs report 0).</param>
/// <param name="Seconds">Wall time of the guest's execution alone.</param>
internal sealed record KernelRun(string Output, ulong Instructions, double Seconds);

/// <summary>
/// Runs a bare-metal ELF on a Xenith CPU with the QEMU <c>virt</c> memory map it was linked for:
/// 256 MiB of RAM at 0x40000000 and a PL011 at 0x09000000. The program ends with PSCI SYSTEM_OFF
/// over HVC; any other exit is a failure.
/// </summary>
internal static class XenithKernelRunner
{
    public const ulong RamBase = 0x4000_0000;
    public const ulong RamSize = 256ul << 20;
    public const ulong UartBase = 0x0900_0000;
    public const uint PsciSystemOff = 0x8400_0008;

    /// <summary>Slice of the run between checks of the instruction cap; large enough that the checks cost nothing.</summary>
    private const long Slice = 50_000_000;

    public static KernelRun Run(string elfPath, ulong maxInstructions, TextWriter? echo = null)
    {
        using var memory = new PhysicalMemory();
        memory.AddRam(RamBase, RamSize);
        var uart = new ConsoleUart(echo);
        memory.AddDevice(UartBase, ConsoleUart.Size, uart);
        uint entry = ElfLoader.Load(File.ReadAllBytes(elfPath), memory);

        // The Linux boot protocol's register state, as QEMU and the domain builder set it.
        var cpu = new ArmCpu(memory);
        cpu.Reset(entry & ~1u);
        cpu.T = (entry & 1) != 0;
        cpu.R[1] = ~0u;
        // The kernels install no vector table: an exception they take is a CPU bug, so it comes to us.
        cpu.HostTraps = HostTraps.All;

        var clock = Stopwatch.StartNew();
        while (true)
        {
            var exit = cpu.Run(Slice);
            if (exit == ExitReason.Budget)
            {
                if (cpu.Instructions >= maxInstructions)
                    throw new BenchException($"no power-off after {cpu.Instructions:N0} instructions (PC 0x{cpu.Pc:x8}); output so far: {Quote(uart.Output)}");
                continue;
            }
            clock.Stop();
            if (exit == ExitReason.Hvc && cpu.R[0] == PsciSystemOff)
                return new KernelRun(uart.Output, cpu.Instructions, clock.Elapsed.TotalSeconds);
            throw new BenchException(Describe(cpu, exit) + $"; output so far: {Quote(uart.Output)}");
        }
    }

    private static string Describe(ArmCpu cpu, ExitReason exit)
    {
        string where = $"PC 0x{cpu.Pc:x8} {(cpu.T ? "T32" : "A32")}, after {cpu.Instructions:N0} instructions";
        return exit switch
        {
            ExitReason.Hvc => $"HVC #{cpu.ExitImm} with r0 = 0x{cpu.R[0]:x8} instead of PSCI SYSTEM_OFF ({where})",
            ExitReason.Undefined => $"undefined instruction {Encoding(cpu)} ({where})",
            ExitReason.DataAbort => $"data abort at address 0x{cpu.FaultAddress:x8} ({where})",
            _ => $"unexpected exit {exit} ({where})",
        };
    }

    /// <summary>The instruction at PC, read through the bus (the MMU is off in these programs).</summary>
    private static unsafe string Encoding(ArmCpu cpu)
    {
        byte* page = cpu.Bus.RamPage(cpu.Pc);
        if (page == null)
            return "(PC not in RAM)";
        byte* p = page + (cpu.Pc & 0xFFF);
        if (!cpu.T)
            return $"0x{*(uint*)p:x8}";
        ushort hw1 = *(ushort*)p;
        // A 32-bit T32 encoding starts with 0b11101, 0b11110 or 0b11111; its halves may straddle a page.
        if (hw1 >> 11 < 0b11101 || (cpu.Pc & 0xFFF) == 0xFFE)
            return $"0x{hw1:x4}";
        return $"0x{hw1:x4} 0x{*(ushort*)(p + 2):x4}";
    }

    private static string Quote(string s) => s.Length == 0 ? "(none)" : "\"" + s.Replace("\n", "\\n", StringComparison.Ordinal) + "\"";
}
