using Xenith.Cpu.Arm;
using Xenith.Cpu.Arm.Tests.Support;

namespace Xenith.Cpu.Arm.Tests.Core;

public class AllocationTests
{
    /// <summary>The interpreter must not allocate per instruction: a warm loop allocates nothing.</summary>
    [Fact]
    public void WarmLoopAllocatesNothing()
    {
        using var h = new CpuHarness();
        h.A32(
            0xE3A00C01, // mov r0, #256
            0xE2811001, // loop: add r1, r1, #1
            0xE5821000, // str r1, [r2]
            0xE5923000, // ldr r3, [r2]
            0xE2500001, // subs r0, r0, #1
            0x1AFFFFFA); // bne loop
        h.Cpu.R[2] = 0x8000;
        Assert.Equal(ExitReason.Hvc, h.Run(100_000)); // warm up: decode and fill the TLB
        Assert.Equal(256u, h.Cpu.R[3]);

        h.Cpu.Pc = CpuHarness.CodeBase;
        h.Cpu.R[1] = 0;
        ulong before = h.Cpu.Instructions;
        long bytes = GC.GetAllocatedBytesForCurrentThread();
        var exit = h.Run(100_000);
        bytes = GC.GetAllocatedBytesForCurrentThread() - bytes;
        Assert.Equal(ExitReason.Hvc, exit);
        Assert.Equal(1 + 256 * 5 + 1ul, h.Cpu.Instructions - before); // mov, 256 iterations, hvc
        Assert.Equal(0, bytes);
    }
}
