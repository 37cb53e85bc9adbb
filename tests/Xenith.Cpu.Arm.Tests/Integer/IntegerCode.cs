using System.Runtime.InteropServices;
using Xenith.Cpu.Arm.Tests.Support;

namespace Xenith.Cpu.Arm.Tests.Integer;

/// <summary>Loads code for the Integer tests. Runs end at an UDF, whose exit leaves PC at the UDF:
/// that makes the PC after a branch observable without depending on other groups.</summary>
internal static class IntegerCode
{
    public const uint A32Udf = 0xE7F000F0;
    public const ushort T32Udf = 0xDEFF;

    /// <summary>A32 words at CodeBase followed by an UDF.</summary>
    public static CpuHarness A32(params uint[] words)
    {
        var h = new CpuHarness();
        PutA32(h, CpuHarness.CodeBase, [.. words, A32Udf]);
        h.Cpu.T = false;
        h.Cpu.Pc = CpuHarness.CodeBase;
        return h;
    }

    /// <summary>T32 halfwords at CodeBase followed by an UDF.</summary>
    public static CpuHarness T32(params ushort[] halfwords)
    {
        var h = new CpuHarness();
        PutT32(h, CpuHarness.CodeBase, [.. halfwords, T32Udf]);
        h.Cpu.T = true;
        h.Cpu.Pc = CpuHarness.CodeBase;
        return h;
    }

    public static void PutA32(CpuHarness h, uint address, params uint[] words) =>
        h.Memory.Write(address, MemoryMarshal.AsBytes(words.AsSpan()));

    public static void PutT32(CpuHarness h, uint address, params ushort[] halfwords) =>
        h.Memory.Write(address, MemoryMarshal.AsBytes(halfwords.AsSpan()));

    /// <summary>Runs to the terminating UDF and checks that it was reached at <paramref name="udfAddress"/>.</summary>
    public static void RunTo(CpuHarness h, uint udfAddress)
    {
        Assert.Equal(ExitReason.Undefined, h.Run());
        Assert.Equal(udfAddress, h.Cpu.Pc);
    }

    public static string Flags(ArmCpu c) => (c.N ? "N" : "n") + (c.Z ? "Z" : "z") + (c.C ? "C" : "c") + (c.V ? "V" : "v");
}
