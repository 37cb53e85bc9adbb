using Xenith.Cpu.Arm;
using Xenith.Cpu.Arm.Integer;
using Xenith.Cpu.Arm.Tests.Support;

namespace Xenith.Cpu.Arm.Tests.Core;

/// <summary>The executor loop's direct dispatch (one handler per instruction) and its condition table.</summary>
public class DispatchTests
{
    /// <summary>The Integer group has no switch behind its handlers: an operation left out of the table
    /// would silently become UNDEFINED.</summary>
    [Fact]
    public unsafe void EveryIntegerOperationHasItsOwnHandler()
    {
        nint undefined = (nint)ArmCpu.HandlerFor(0x01FF); // unallocated in the Integer group
        var missing = Enum.GetValues<IntegerOp>()
            .Where(op => (nint)ArmCpu.HandlerFor((ushort)op) == undefined)
            .Select(op => op.ToString())
            .ToList();
        Assert.Empty(missing);
        Assert.Equal(undefined, (nint)ArmCpu.HandlerFor(0xFFFF));
    }

    /// <summary>Every condition against every NZCV, checked against the ARM ARM's ConditionHolds.</summary>
    [Fact]
    public void ConditionTableMatchesConditionHolds()
    {
        using var h = new CpuHarness();
        var cpu = h.Cpu;
        for (int nzcv = 0; nzcv < 16; nzcv++)
        {
            cpu.Nzcv = (uint)nzcv << 28;
            bool n = (nzcv & 8) != 0, z = (nzcv & 4) != 0, c = (nzcv & 2) != 0, v = (nzcv & 1) != 0;
            for (int cond = 0; cond < 16; cond++)
            {
                bool result = (cond >> 1) switch
                {
                    0 => z,
                    1 => c,
                    2 => n,
                    3 => v,
                    4 => c && !z,
                    5 => n == v,
                    6 => n == v && !z,
                    _ => true,
                };
                if ((cond & 1) != 0 && cond != 15)
                    result = !result;
                Assert.True(result == cpu.ConditionPassed(cond), $"cond {cond} nzcv {nzcv:x}");
            }
        }
    }

    /// <summary>A store into the block that is running drops it: the rest of the block is decoded afresh
    /// (the block's Running flag, which replaced the current-block reference).</summary>
    [Fact]
    public void StoreIntoTheRunningBlockIsSeenByItsNextInstruction()
    {
        using var h = new CpuHarness();
        h.A32(
            0xE59F1008,  // 0x1000 ldr r1, [pc, #8]   (the word at 0x1010)
            0xE58F1000,  // 0x1004 str r1, [pc, #0]   (over 0x100C)
            0xE1A00000,  // 0x1008 mov r0, r0
            0xE7F000F0,  // 0x100C udf #0: replaced by the store
            0xE1400072); // 0x1010 hvc #2: the new instruction
        Assert.Equal(ExitReason.Hvc, h.Run());
        Assert.Equal(2u, h.Cpu.ExitImm);
        Assert.Equal(4ul, h.Cpu.Instructions);
    }

    /// <summary>A budget that ends inside a block leaves the retired count and PC exact, and resuming
    /// finishes the same block.</summary>
    [Fact]
    public void BudgetInsideABlockStopsExactlyAndResumes()
    {
        using var h = new CpuHarness();
        h.A32(
            0xE2800001,  // add r0, r0, #1
            0xE2800002,  // add r0, r0, #2
            0xE2800004); // add r0, r0, #4
        Assert.Equal(ExitReason.Budget, h.Run(2));
        Assert.Equal(2ul, h.Cpu.Instructions);
        Assert.Equal(CpuHarness.CodeBase + 8, h.Cpu.Pc);
        Assert.Equal(3u, h.Cpu.R[0]);
        Assert.Equal(ExitReason.Hvc, h.Run());
        Assert.Equal(7u, h.Cpu.R[0]);
        Assert.Equal(4ul, h.Cpu.Instructions);
    }
}
