using Xenith.Cpu.Arm;
using Xenith.Memory;

namespace Xenith.Cpu.Arm.Tests.Support;

/// <summary>
/// A CPU on flat RAM (1 MiB at 0) for unit tests: load some code, run it, look at the state.
/// Every exception exits to the test (<see cref="HostTraps.All"/>), so a test sees what happened.
/// </summary>
public sealed class CpuHarness : IDisposable
{
    public const uint CodeBase = 0x1000;
    public const uint RamSize = 0x100000;

    public PhysicalMemory Memory { get; } = new();
    public ArmCpu Cpu { get; }

    public CpuHarness(CpuProfile? profile = null)
    {
        Memory.AddRam(0, RamSize);
        Cpu = new ArmCpu(Memory, profile) { HostTraps = HostTraps.All };
        Cpu.Reset(CodeBase);
    }

    /// <summary>Places A32 words at <see cref="CodeBase"/> followed by an HVC #0 that ends the run.</summary>
    public CpuHarness A32(params uint[] words)
    {
        var all = words.Append(0xE1400070u).ToArray(); // hvc #0
        Memory.Write(CodeBase, global::System.Runtime.InteropServices.MemoryMarshal.AsBytes(all.AsSpan()));
        Cpu.FlushBlocks(); // the code was written behind the CPU's back
        Cpu.T = false;
        Cpu.Pc = CodeBase;
        return this;
    }

    /// <summary>Places T32 halfwords at <see cref="CodeBase"/> followed by an UDF that ends the run.</summary>
    public CpuHarness T32(params ushort[] halfwords)
    {
        var all = halfwords.Append((ushort)0xDEFF).ToArray(); // udf #255
        Memory.Write(CodeBase, global::System.Runtime.InteropServices.MemoryMarshal.AsBytes(all.AsSpan()));
        Cpu.FlushBlocks();
        Cpu.T = true;
        Cpu.Pc = CodeBase;
        return this;
    }

    public ExitReason Run(long budget = 10_000) => Cpu.Run(budget);

    public void Dispose() => Memory.Dispose();
}
