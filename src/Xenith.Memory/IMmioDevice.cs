namespace Xenith.Memory;

/// <summary>A device that occupies a window of physical address space.</summary>
public interface IMmioDevice
{
    /// <summary>Reads <paramref name="size"/> bytes at <paramref name="offset"/> from the window's base.</summary>
    ulong Read(ulong offset, int size);

    /// <summary>Writes <paramref name="size"/> bytes at <paramref name="offset"/> from the window's base.</summary>
    void Write(ulong offset, int size, ulong value);
}
