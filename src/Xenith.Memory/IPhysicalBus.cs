namespace Xenith.Memory;

/// <summary>
/// What a CPU sees below its MMU: physical addresses (up to 40 bits with LPAE) that are either
/// RAM, reached through a host pointer, or device registers, reached through calls.
/// </summary>
public unsafe interface IPhysicalBus
{
    /// <summary>Host pointer to the start of the 4 KiB RAM page holding <paramref name="pa"/>, or null when that page is not RAM.</summary>
    byte* RamPage(ulong pa);

    /// <summary>
    /// Host pointer to a RAM page the CPU may read and fetch from but never write (a read-only stage-2 mapping, such
    /// as a grant mapped read-only), or null. Only asked when <see cref="RamPage"/> said null; writes to such a page
    /// still go to <see cref="TryWrite"/>, which refuses them.
    /// </summary>
    byte* ReadOnlyRamPage(ulong pa) => null;

    /// <summary>Reads a device register of 1, 2, 4 or 8 bytes. False means nothing answered: an external abort.</summary>
    bool TryRead(ulong pa, int size, out ulong value);

    /// <summary>Writes a device register of 1, 2, 4 or 8 bytes. False means nothing answered: an external abort.</summary>
    bool TryWrite(ulong pa, int size, ulong value);
}
