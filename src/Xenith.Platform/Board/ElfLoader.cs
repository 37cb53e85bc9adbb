using System.Buffers.Binary;
using Xenith.Memory;

namespace Xenith.Platform.Board;

/// <summary>
/// Loads a little-endian 32-bit ARM ELF executable into physical memory, the way QEMU's
/// <c>-kernel</c> loader does for bare-metal images: each PT_LOAD segment at its physical address,
/// the bytes past the file size zeroed.
/// </summary>
public static class ElfLoader
{
    private const int EM_ARM = 40;
    private const uint PT_LOAD = 1;

    /// <summary>Loads <paramref name="image"/> and returns its entry point (bit 0 set means T32).</summary>
    public static uint Load(ReadOnlySpan<byte> image, IPhysicalBus memory) => Load(image, memory, out _, out _);

    /// <summary>
    /// Loads <paramref name="image"/> and returns its entry point (bit 0 set means T32), and the lowest and
    /// one-past-highest physical address its segments occupy.
    /// </summary>
    public static uint Load(ReadOnlySpan<byte> image, IPhysicalBus memory, out ulong low, out ulong high)
    {
        if (image.Length < 52 || !image[..4].SequenceEqual("\u007fELF"u8))
            throw new InvalidDataException("not an ELF file");
        if (image[4] != 1 || image[5] != 1)
            throw new InvalidDataException("not a 32-bit little-endian ELF file");
        if (U16(image, 18) != EM_ARM)
            throw new InvalidDataException($"ELF machine {U16(image, 18)} is not ARM ({EM_ARM})");

        uint entry = U32(image, 24);
        uint phoff = U32(image, 28);
        int phentsize = U16(image, 42);
        int phnum = U16(image, 44);
        if (phentsize < 32 || phoff + (ulong)phentsize * (ulong)phnum > (ulong)image.Length)
            throw new InvalidDataException("ELF program headers lie outside the file");

        int loaded = 0;
        low = ulong.MaxValue;
        high = 0;
        for (int i = 0; i < phnum; i++)
        {
            var ph = image.Slice((int)phoff + i * phentsize, 32);
            if (U32(ph, 0) != PT_LOAD)
                continue;
            uint offset = U32(ph, 4), paddr = U32(ph, 12), filesz = U32(ph, 16), memsz = U32(ph, 20);
            if (filesz > memsz || (ulong)offset + filesz > (ulong)image.Length)
                throw new InvalidDataException($"ELF segment {i} is malformed");
            if (memsz > 0 && (!IsRam(memory, paddr) || !IsRam(memory, (ulong)paddr + memsz - 1)))
                throw new InvalidDataException($"ELF segment {i} (0x{paddr:x8}, {memsz} bytes) does not fit in RAM");
            memory.WriteRam(paddr, image.Slice((int)offset, (int)filesz));
            // Loaders zero .bss even though the program's start-up code usually does it again.
            if (memsz > filesz)
                memory.WriteRam(paddr + (ulong)filesz, new byte[memsz - filesz]);
            low = Math.Min(low, paddr);
            high = Math.Max(high, (ulong)paddr + memsz);
            loaded++;
        }
        if (loaded == 0)
            throw new InvalidDataException("ELF file has no loadable segments");
        return entry;
    }

    private static unsafe bool IsRam(IPhysicalBus memory, ulong pa) => memory.RamPage(pa) != null;

    private static ushort U16(ReadOnlySpan<byte> b, int at) => BinaryPrimitives.ReadUInt16LittleEndian(b[at..]);

    private static uint U32(ReadOnlySpan<byte> b, int at) => BinaryPrimitives.ReadUInt32LittleEndian(b[at..]);
}
