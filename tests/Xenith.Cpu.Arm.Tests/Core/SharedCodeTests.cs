using System.Runtime.InteropServices;
using Xenith.Memory;

namespace Xenith.Cpu.Arm.Tests.Core;

/// <summary>CPUs of one cluster see each other's stores to code they have already decoded.</summary>
public class SharedCodeTests
{
    private const uint Code = 0x1000;
    private const uint Hvc = 0xE1400070;

    private static void Put(PhysicalMemory m, uint pa, params uint[] words) =>
        m.Write(pa, MemoryMarshal.AsBytes(words.AsSpan()));

    [Theory]
    [InlineData(true, 2u)]   // shared: CPU 1 runs the new instruction
    [InlineData(false, 1u)]  // not shared: CPU 1 keeps its stale decoding (why the board must share)
    public void A_store_by_one_cpu_drops_the_blocks_another_decoded(bool share, uint expected)
    {
        using var m = new PhysicalMemory();
        m.AddRam(0, 0x10000);
        var cpu0 = new ArmCpu(m) { HostTraps = HostTraps.All };
        var cpu1 = new ArmCpu(m) { HostTraps = HostTraps.All };
        if (share)
            ArmCpu.ShareDecodedCode([cpu0, cpu1]);
        Put(m, Code, 0xE3A00001, Hvc); // mov r0, #1 ; hvc #0

        cpu1.Reset(Code);
        Assert.Equal(ExitReason.Hvc, cpu1.Run(100));
        Assert.Equal(1u, cpu1.R[0]);

        // CPU 0 rewrites the first instruction to "mov r0, #2" with an ordinary store.
        Put(m, 0x2000, 0xE5821000, Hvc); // str r1, [r2] ; hvc #0
        cpu0.Reset(0x2000);
        cpu0.R[1] = 0xE3A00002;
        cpu0.R[2] = Code;
        Assert.Equal(ExitReason.Hvc, cpu0.Run(100));

        cpu1.Pc = Code;
        Assert.Equal(ExitReason.Hvc, cpu1.Run(100));
        Assert.Equal(expected, cpu1.R[0]);
    }
}
