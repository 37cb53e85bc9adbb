namespace Xenith.Cpu.Arm;

/// <summary>
/// What a CPU model implements, and the identification values software reads to find out.
/// Values are those of the real cores (as QEMU's models give them).
/// </summary>
public sealed record CpuProfile
{
    public required string Name { get; init; }
    public required uint Midr { get; init; }
    /// <summary>ARMv7VE SDIV/UDIV in A32 and T32.</summary>
    public bool HasIntegerDivide { get; init; }
    /// <summary>VFPv4: fused multiply-add and half-precision conversions.</summary>
    public bool HasVfpv4 { get; init; }
    /// <summary>Large Physical Address Extension (long-descriptor translation tables).</summary>
    public bool HasLpae { get; init; }
    /// <summary>Virtualization Extensions: ERET, banked MRS/MSR, HVC encodings.</summary>
    public bool HasVirtualization { get; init; }
    public bool HasGenericTimer { get; init; }
    public required uint Fpsid { get; init; }
    public required uint Mvfr0 { get; init; }
    public required uint Mvfr1 { get; init; }

    public static CpuProfile CortexA15 { get; } = new()
    {
        Name = "cortex-a15",
        Midr = 0x414fc0f0,
        HasIntegerDivide = true,
        HasVfpv4 = true,
        HasLpae = true,
        HasVirtualization = true,
        HasGenericTimer = true,
        Fpsid = 0x410430f0,
        Mvfr0 = 0x10110222,
        // The real A15 says 0x11111111. Advanced SIMD is not emulated, so the fields that advertise it
        // read 0: Linux then leaves HWCAP_NEON clear and uses no NEON code in the kernel or user space.
        Mvfr1 = 0x01000011,
    };

    public static CpuProfile CortexA8 { get; } = new()
    {
        Name = "cortex-a8",
        Midr = 0x410fc080,
        Fpsid = 0x410330c0,
        Mvfr0 = 0x11110222,
        // The real A8 says 0x00011111; as on the A15 the Advanced SIMD fields read 0 (not emulated), else
        // Linux sets HWCAP_NEON and glibc's NEON string routines fault with SIGILL.
        Mvfr1 = 0x00000011,
    };

    /// <summary>The models by name, as <c>--cpu</c> and xl.cfg's <c>cpu</c> spell them.</summary>
    public static IReadOnlyList<CpuProfile> All { get; } = [CortexA15, CortexA8];

    public static CpuProfile ByName(string name) =>
        Find(name) ?? throw new ArgumentException($"unknown CPU model '{name}' ({Names})", nameof(name));

    public static CpuProfile? Find(string name) => All.FirstOrDefault(p => p.Name == name);

    /// <summary>"cortex-a15, cortex-a8", for messages.</summary>
    public static string Names => string.Join(", ", All.Select(p => p.Name));
}
