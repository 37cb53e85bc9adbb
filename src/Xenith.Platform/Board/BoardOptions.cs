using Xenith.Cpu.Arm;
using Xenith.Cpu.Arm.Sys;

namespace Xenith.Platform.Board;

/// <summary>The shape of a standalone board: CPU model and count, RAM size, and which clock drives time.</summary>
public sealed record BoardOptions
{
    /// <summary>GICv2 serves at most 8 CPU interfaces.</summary>
    public const int MaxCpus = 8;

    /// <summary>RAM starts at 0x40000000; without high memory the 32-bit map ends at 4 GiB, leaving 3 GiB.</summary>
    public const ulong MaxMemoryBytes = 3ul << 30;

    public CpuProfile Cpu { get; init; } = CpuProfile.CortexA15;
    public int CpuCount { get; init; } = 1;
    public ulong MemoryBytes { get; init; } = 512ul << 20;
    /// <summary>Instruction-count time and idle skip-ahead: identical runs (tests, debugging).</summary>
    public bool Deterministic { get; init; }

    internal void Validate()
    {
        if (CpuCount is < 1 or > MaxCpus)
            throw new ArgumentOutOfRangeException(nameof(CpuCount), $"{CpuCount} CPUs: the board takes 1 to {MaxCpus}");
        // The Cortex-A8 has no Multiprocessing Extensions: there is no SMP part to model.
        if (CpuCount > 1 && !SystemIdValues.For(Cpu).MpExtensions)
            throw new BoardException($"{Cpu.Name} is a single-core CPU: the board takes 1 of them, not {CpuCount}");
        if (MemoryBytes == 0 || MemoryBytes > MaxMemoryBytes || MemoryBytes % 4096 != 0)
            throw new ArgumentOutOfRangeException(nameof(MemoryBytes), $"{MemoryBytes} bytes of RAM: the board takes whole 4 KiB pages up to 3 GiB");
    }
}
