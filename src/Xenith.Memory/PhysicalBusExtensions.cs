namespace Xenith.Memory;

/// <summary>Loader-side helpers that work on any physical bus (the board's memory or a domain's p2m).</summary>
public static unsafe class PhysicalBusExtensions
{
    /// <summary>Copies bytes into RAM page by page. Throws if any byte is not RAM.</summary>
    public static void WriteRam(this IPhysicalBus bus, ulong pa, ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty)
        {
            byte* page = bus.RamPage(pa);
            if (page == null)
                throw new ArgumentOutOfRangeException(nameof(pa), $"0x{pa:x} is not RAM");
            int off = (int)(pa & 0xFFF);
            int n = Math.Min(4096 - off, data.Length);
            data[..n].CopyTo(new Span<byte>(page + off, n));
            data = data[n..];
            pa += (ulong)n;
        }
    }
}
