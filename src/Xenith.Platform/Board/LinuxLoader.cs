using System.Buffers.Binary;
using Xenith.Cpu.Arm;
using Xenith.Memory;

namespace Xenith.Platform.Board;

/// <summary>What the kernel file is.</summary>
public enum KernelFormat
{
    /// <summary>An ELF executable: loaded by segments and entered at its entry point, as a bare-metal program.</summary>
    Elf,
    /// <summary>A compressed Linux kernel with its self-decompressing header (Documentation/arm/booting.rst).</summary>
    ZImage,
    /// <summary>Anything else: taken to be an uncompressed Linux <c>Image</c>.</summary>
    Raw,
}

/// <summary>Where the loader put everything, and the registers CPU 0 starts with.</summary>
public sealed record BootInfo(
    KernelFormat Format,
    ulong KernelStart,
    ulong KernelEnd,
    uint Entry,
    ulong InitrdStart,
    ulong InitrdEnd,
    ulong DtbAddress,
    int DtbSize)
{
    public bool HasInitrd => InitrdEnd > InitrdStart;
    /// <summary>r0 = 0, r1 = machine type (~0: "use the device tree"), r2 = the device tree's physical address.</summary>
    public uint R0 => 0;
    public uint R1 => LinuxLoader.MachineTypeDeviceTree;
    public uint R2 => (uint)DtbAddress;
}

/// <summary>
/// Puts a kernel, an initrd and a device tree into RAM the way QEMU's ARM <c>-kernel</c> loader does
/// (hw/arm/boot.c), and sets CPU 0 up for the ARM Linux boot protocol: SVC mode, IRQ/FIQ/asynchronous
/// aborts masked, MMU off, r0 = 0, r1 = ~0, r2 = DTB address.
/// </summary>
public static class LinuxLoader
{
    /// <summary>QEMU's KERNEL_LOAD_ADDR: a zImage goes 64 KiB into RAM.</summary>
    public const ulong ZImageLoadOffset = 0x1_0000;

    /// <summary>
    /// An uncompressed Image must sit TEXT_OFFSET (32 KiB) above a 16 MiB-aligned base: it derives PHYS_OFFSET
    /// from where it runs and stops if that is misaligned. (QEMU loads every raw image at 64 KiB, which only
    /// a zImage survives.)
    /// </summary>
    public const ulong ImageLoadOffset = 0x8000;

    /// <summary>The initrd goes at RAM base + min(RAM / 2, 128 MiB), clear of the decompressed kernel.</summary>
    public const ulong MaxInitrdOffset = 128ul << 20;

    public const int ZImageMagicOffset = 0x24, ZImageStartOffset = 0x28, ZImageEndOffset = 0x2C;
    public const uint ZImageMagic = 0x016F_2818;

    /// <summary>The r1 value that tells the kernel to look at r2 for a device tree.</summary>
    public const uint MachineTypeDeviceTree = 0xFFFF_FFFF;

    private const ulong DtbAlign = 4096;

    public static KernelFormat Detect(ReadOnlySpan<byte> kernel)
    {
        if (kernel.Length >= 4 && kernel[..4].SequenceEqual("\u007fELF"u8))
            return KernelFormat.Elf;
        if (kernel.Length >= ZImageEndOffset + 4 && BinaryPrimitives.ReadUInt32LittleEndian(kernel[ZImageMagicOffset..]) == ZImageMagic)
            return KernelFormat.ZImage;
        return KernelFormat.Raw;
    }

    /// <summary>
    /// Loads everything into <paramref name="memory"/> (RAM at <paramref name="ramBase"/>, <paramref name="ramSize"/> bytes).
    /// <paramref name="dtb"/>, when given, is loaded as it is; otherwise <paramref name="buildDtb"/> makes one
    /// for the initrd placement it is given.
    /// </summary>
    public static BootInfo Load(PhysicalMemory memory, ulong ramBase, ulong ramSize, byte[] kernel, byte[]? initrd,
        byte[]? dtb, Func<(ulong Start, ulong End)?, byte[]> buildDtb)
    {
        ArgumentNullException.ThrowIfNull(memory);
        ArgumentNullException.ThrowIfNull(kernel);
        ArgumentNullException.ThrowIfNull(buildDtb);
        if (dtb != null)
            CheckDtb(dtb);
        var format = Detect(kernel);
        return format == KernelFormat.Elf
            ? LoadElf(memory, ramBase, ramSize, kernel, initrd, dtb, buildDtb)
            : LoadLinux(memory, ramBase, ramSize, format, kernel, initrd, dtb, buildDtb);
    }

    /// <summary>The Linux boot protocol's register state on <paramref name="cpu"/> (reset first: MMU off, SVC, masked).</summary>
    public static void EnterKernel(ArmCpu cpu, BootInfo boot)
    {
        ArgumentNullException.ThrowIfNull(cpu);
        ArgumentNullException.ThrowIfNull(boot);
        cpu.Reset(boot.Entry & ~1u);
        cpu.T = (boot.Entry & 1) != 0;
        cpu.R[0] = boot.R0;
        cpu.R[1] = boot.R1;
        cpu.R[2] = boot.R2;
    }

    private static BootInfo LoadLinux(PhysicalMemory memory, ulong ramBase, ulong ramSize, KernelFormat format,
        byte[] kernel, byte[]? initrd, byte[]? dtb, Func<(ulong Start, ulong End)?, byte[]> buildDtb)
    {
        ulong ramEnd = ramBase + ramSize;
        ulong kernelStart = ramBase + (format == KernelFormat.ZImage ? ZImageLoadOffset : ImageLoadOffset);
        ulong footprint = (ulong)kernel.Length;
        if (format == KernelFormat.ZImage)
        {
            uint start = BinaryPrimitives.ReadUInt32LittleEndian(kernel.AsSpan(ZImageStartOffset));
            uint end = BinaryPrimitives.ReadUInt32LittleEndian(kernel.AsSpan(ZImageEndOffset));
            if (end <= start)
                throw new BoardException($"zImage header gives end 0x{end:x} not above start 0x{start:x}");
            if ((ulong)kernel.Length < end - start)
                throw new BoardException($"zImage is truncated: its header says {end - start} bytes, the file has {kernel.Length}");
            footprint = Math.Max(footprint, end - start);
        }
        ulong kernelEnd = kernelStart + footprint;
        if (kernelEnd > ramEnd)
            throw new BoardException($"kernel ({kernel.Length} bytes at 0x{kernelStart:x}) does not fit in {Mib(ramSize)} of RAM");
        memory.Write(kernelStart, kernel);

        ulong initrdStart = AlignUp(Math.Max(ramBase + Math.Min(ramSize / 2, MaxInitrdOffset), kernelEnd), 4096);
        ulong initrdSize = (ulong)(initrd?.Length ?? 0);
        if (initrdStart + initrdSize > ramEnd)
            throw new BoardException($"initrd ({initrdSize} bytes at 0x{initrdStart:x}) does not fit in {Mib(ramSize)} of RAM");
        if (initrd != null)
            memory.Write(initrdStart, initrd);
        ulong initrdEnd = initrdStart + initrdSize;

        // The device tree follows the initrd (or takes its place), page aligned.
        ulong dtbAddress = AlignUp(initrdEnd, DtbAlign);
        dtb ??= buildDtb(initrd != null ? (initrdStart, initrdEnd) : null);
        if (dtbAddress + (ulong)dtb.Length > ramEnd)
            throw new BoardException($"device tree ({dtb.Length} bytes at 0x{dtbAddress:x}) does not fit in {Mib(ramSize)} of RAM");
        memory.Write(dtbAddress, dtb);

        return new BootInfo(format, kernelStart, kernelEnd, (uint)kernelStart,
            initrd != null ? initrdStart : 0, initrd != null ? initrdEnd : 0, dtbAddress, dtb.Length);
    }

    private static BootInfo LoadElf(PhysicalMemory memory, ulong ramBase, ulong ramSize, byte[] kernel, byte[]? initrd,
        byte[]? dtb, Func<(ulong Start, ulong End)?, byte[]> buildDtb)
    {
        if (initrd != null)
            throw new BoardException("an initrd needs a Linux kernel image (zImage or Image), not an ELF file");
        uint entry;
        ulong low, high;
        try
        {
            entry = ElfLoader.Load(kernel, memory, out low, out high);
        }
        catch (InvalidDataException e)
        {
            throw new BoardException("kernel: " + e.Message);
        }

        // As QEMU does for images that are not Linux: the device tree at the start of RAM, when it fits
        // below the program (the bench and guest programs link at RAM base + 64 KiB for this).
        dtb ??= buildDtb(null);
        ulong dtbEnd = ramBase + (ulong)dtb.Length;
        if (dtbEnd > ramBase + ramSize || (low < dtbEnd && high > ramBase))
            return new BootInfo(KernelFormat.Elf, low, high, entry, 0, 0, 0, 0);
        memory.Write(ramBase, dtb);
        return new BootInfo(KernelFormat.Elf, low, high, entry, 0, 0, ramBase, dtb.Length);
    }

    private static void CheckDtb(byte[] dtb)
    {
        if (dtb.Length < 8 || BinaryPrimitives.ReadUInt32BigEndian(dtb) != Fdt.FdtConstants.Magic)
            throw new BoardException("the device tree file is not a flattened device tree (bad magic)");
        if (BinaryPrimitives.ReadUInt32BigEndian(dtb.AsSpan(4)) > (uint)dtb.Length)
            throw new BoardException("the device tree file is shorter than its header says");
    }

    private static ulong AlignUp(ulong v, ulong align) => (v + align - 1) & ~(align - 1);

    private static string Mib(ulong bytes) => $"{bytes >> 20} MiB";
}
