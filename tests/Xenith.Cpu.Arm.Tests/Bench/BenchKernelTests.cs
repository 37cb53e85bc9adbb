using Xenith.Bench;
using Xenith.Boot;
using Xenith.Memory;
using Xenith.Platform.Board;

namespace Xenith.Cpu.Arm.Tests.Bench;

/// <summary>
/// Whole-program CPU tests: the benchmark kernels (C compiled with arm-none-eabi-gcc, A32 and T32),
/// in their 1/100-size builds, must print in Xenith exactly what they print in QEMU.
/// </summary>
public sealed class BenchKernelTests
{
    private const ulong Cap = 40_000_000;

    /// <summary>QEMU 7.2's output for the small builds (the same for A32 and T32), used when QEMU is absent.</summary>
    private static readonly Dictionary<string, string> QemuChecksums = new()
    {
        ["empty"] = "0x00000000",
        ["intloop"] = "0xd25cf658",
        ["memcpy"] = "0xcacccb6b",
        ["crc32"] = "0xadedd130",
        ["sort"] = "0xb4e84c74",
        ["interp"] = "0x0020be77",
    };

    public static TheoryData<string, string> Kernels()
    {
        var data = new TheoryData<string, string>();
        foreach (var variant in new[] { "small-arm", "small-thumb" })
        {
            foreach (var kernel in BenchKernels.All.Prepend(BenchKernels.Empty))
                data.Add(variant, kernel);
        }
        return data;
    }

    [NeedsArmGccTheory]
    [MemberData(nameof(Kernels))]
    public void Kernel_prints_what_qemu_prints(string variant, string kernel)
    {
        BenchKernels.Build(variant, [kernel]);
        string elf = BenchKernels.ElfPath(variant, kernel);

        var run = XenithKernelRunner.Run(elf, Cap);

        string expected = QemuKernelRunner.Available
            ? QemuKernelRunner.Run(elf).Output
            : $"{kernel}: checksum {QemuChecksums[kernel]}\n";
        Assert.Equal(expected, run.Output);
        Assert.InRange(run.Instructions, 1ul, Cap);
    }

    [NeedsArmGccFact]
    public void Elf_loader_places_segments_and_zeroes_bss()
    {
        BenchKernels.Build("small-arm", ["crc32"]);
        using var memory = new PhysicalMemory();
        memory.AddRam(XenithKernelRunner.RamBase, 16 << 20);
        // Dirty RAM first: the loader, not the allocator, must zero .bss.
        memory.Write(XenithKernelRunner.RamBase, Enumerable.Repeat((byte)0xAA, 16 << 20).ToArray());

        uint entry = ElfLoader.Load(File.ReadAllBytes(BenchKernels.ElfPath("small-arm", "crc32")), memory);

        Assert.Equal(0x4001_0000u, entry);
        var first = new byte[4];
        memory.Read(entry, first);
        Assert.NotEqual(new byte[] { 0xAA, 0xAA, 0xAA, 0xAA }, first);
        // The data segment (table and buffer, all .bss) starts on the next page.
        var bss = new byte[4096];
        memory.Read(0x4001_1000, bss);
        Assert.All(bss, b => Assert.Equal(0, b));
    }
}

/// <summary>Skips (with the reason shown) when Debian's bare-metal ARM compiler is not installed.</summary>
public sealed class NeedsArmGccTheoryAttribute : TheoryAttribute
{
    public NeedsArmGccTheoryAttribute()
    {
        if (BenchKernels.FindOnPath("arm-none-eabi-gcc") == null)
            Skip = "arm-none-eabi-gcc is not installed (apt install gcc-arm-none-eabi): the benchmark kernels cannot be built";
    }
}

/// <summary>As <see cref="NeedsArmGccTheoryAttribute"/>, for a fact.</summary>
public sealed class NeedsArmGccFactAttribute : FactAttribute
{
    public NeedsArmGccFactAttribute()
    {
        if (BenchKernels.FindOnPath("arm-none-eabi-gcc") == null)
            Skip = "arm-none-eabi-gcc is not installed (apt install gcc-arm-none-eabi): the benchmark kernels cannot be built";
    }
}
