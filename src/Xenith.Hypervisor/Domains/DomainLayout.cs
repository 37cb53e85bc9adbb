namespace Xenith.Hypervisor.Domains;

/// <summary>The guest physical layout and initial state of an ARM domU (public/arch-arm.h, spec 2.1-2.3).</summary>
public static class DomainLayout
{
    public const ulong RamBase = 0x4000_0000;
    /// <summary>Largest RAM bank 0 (GUEST_RAM0_SIZE): 3 GiB.</summary>
    public const ulong MaxRam = 0xC000_0000;
    /// <summary>Where the domain builder loads a zImage: RAM base + 0x8000.</summary>
    public const ulong KernelOffset = 0x8000;
    /// <summary>Boot modules (initrd, then DTB) go at RAM base + 128 MiB when RAM allows.</summary>
    public const ulong ModulesOffset = 128ul << 20;
    public const ulong GrantTableBase = 0x3800_0000, GrantTableSize = 0x0100_0000;
    public const ulong MagicBase = 0x3900_0000;
    /// <summary>The event-channel upcall PPI (GUEST_EVTCHN_PPI).</summary>
    public const int EventChannelPpi = 31;
    /// <summary>PSR_GUEST32_INIT: SVC, A/I/F masked, Z set.</summary>
    public const uint InitialCpsr = 0x4000_01D3;
}
