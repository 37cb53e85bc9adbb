using System.Buffers.Binary;
using Xenith.Cpu.Arm;
using Xenith.Hypervisor.Domains;
using Xenith.Memory;
using Xenith.Platform.Board;

namespace Xenith.Hypervisor.Builder;

/// <summary>What a domain is built from (dom0less <c>--domain</c> or xl.cfg).</summary>
/// <param name="Cpu">The vCPUs' CPU model; Cortex-A15 when null, the core Xen's arm32 guests are described with.</param>
public sealed record DomainConfig(string Name, byte[] Kernel, ulong MemoryBytes, int Vcpus = 1, string? Cmdline = null, byte[]? Ramdisk = null,
    CpuProfile? Cpu = null);

/// <summary>
/// The domain builder (libxl/libxenguest's job for ARM): RAM, kernel (ELF at its addresses; zImage or raw
/// at RAM base + 0x8000), initrd and device tree as boot modules at RAM base + 128 MiB (or right after the
/// kernel in a small domain), the magic pages, and vCPU 0 started with the Linux boot protocol.
/// </summary>
public static class DomainBuilder
{
    private const uint ZImageMagic = 0x016F_2818;

    public static Domain Build(XenMachine machine, DomainConfig config)
    {
        // Under the gate: no pCPU may pick vCPU 0 before its registers are all set.
        lock (machine.Gate)
        {
            Domain d = BuildLocked(machine, config);
            Monitor.PulseAll(machine.Gate);
            return d;
        }
    }

    private static Domain BuildLocked(XenMachine machine, DomainConfig config)
    {
        if (config.MemoryBytes is 0 or > DomainLayout.MaxRam || config.MemoryBytes % 4096 != 0)
            throw new ArgumentException($"domain {config.Name}: memory must be whole pages up to 3 GiB");
        var d = machine.CreateDomain(config.Name, config.MemoryBytes, config.Vcpus, config.Cpu ?? CpuProfile.CortexA15);
        // The magic pages (console ring, XenStore ring, and two more) are RAM outside the memory node.
        for (ulong i = 0; i < 4; i++)
            d.P2m.Populate((DomainLayout.MagicBase >> 12) + i);

        ulong ramEnd = DomainLayout.RamBase + config.MemoryBytes;
        uint entry;
        ulong kernelEnd;
        if (config.Kernel.AsSpan().StartsWith("\u007fELF"u8))
        {
            entry = ElfLoader.Load(config.Kernel, d.P2m, out _, out kernelEnd);
        }
        else
        {
            ulong at = DomainLayout.RamBase + DomainLayout.KernelOffset;
            if (at + (ulong)config.Kernel.Length > ramEnd)
                throw new ArgumentException($"domain {config.Name}: the kernel ({config.Kernel.Length} bytes) does not fit in {config.MemoryBytes >> 20} MiB");
            d.P2m.WriteRam(at, config.Kernel);
            bool zImage = config.Kernel.Length >= 0x30 && BinaryPrimitives.ReadUInt32LittleEndian(config.Kernel.AsSpan(0x24)) == ZImageMagic;
            uint start = zImage ? BinaryPrimitives.ReadUInt32LittleEndian(config.Kernel.AsSpan(0x28)) : 0;
            entry = start != 0 ? start : (uint)at;
            kernelEnd = at + (ulong)config.Kernel.Length;
        }

        ulong modules = DomainLayout.RamBase + DomainLayout.ModulesOffset;
        if (modules < kernelEnd || modules >= ramEnd)
            modules = (kernelEnd + 0xFFF) & ~0xFFFul;
        (ulong, ulong)? initrd = null;
        if (config.Ramdisk is { } rd)
        {
            initrd = (modules, modules + (ulong)rd.Length);
            Place(d, config, modules, rd, ramEnd);
            modules = (modules + (ulong)rd.Length + 0xFFF) & ~0xFFFul;
        }
        byte[] dtb = DomUDeviceTree.Build(d, config.MemoryBytes, config.Cmdline, initrd);
        Place(d, config, modules, dtb, ramEnd);

        XenMachine.StartVcpu(d.Vcpus[0], entry, 0);
        d.Vcpus[0].Cpu.R[1] = 0xFFFF_FFFF; // no machine type: the device tree is in r2
        d.Vcpus[0].Cpu.R[2] = (uint)modules;
        return d;
    }

    private static void Place(Domain d, DomainConfig config, ulong at, byte[] data, ulong ramEnd)
    {
        if (at + (ulong)data.Length > ramEnd)
            throw new ArgumentException($"domain {config.Name}: kernel, initrd and device tree do not fit in {config.MemoryBytes >> 20} MiB");
        d.P2m.WriteRam(at, data);
    }
}
