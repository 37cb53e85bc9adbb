namespace Xenith.Toolstack.Vchan;

/// <summary>
/// The data half of one vchan ring: 2^order bytes of host memory, either a slice of the control page (orders 10
/// and 11) or a list of 4 KiB pages that need not be contiguous (mapped grants). Byte x of the stream is at
/// offset x mod size. The owner of the memory keeps it alive.
/// </summary>
public sealed unsafe class VchanRing
{
    private readonly nint[] _chunks;
    private readonly int _chunkShift;

    private VchanRing(int order, nint[] chunks, int chunkShift)
    {
        Order = order;
        _chunks = chunks;
        _chunkShift = chunkShift;
    }

    public int Order { get; }

    public int Size => 1 << Order;

    /// <summary>The in-page ring of order 10 (offset 1024) or 11 (offset 2048).</summary>
    public static VchanRing InControlPage(VchanInterface control, int order)
    {
        ArgumentNullException.ThrowIfNull(control);
        return new VchanRing(order, [control.Address + VchanLayout.InPageOffset(order)], order);
    }

    /// <summary>A ring of order 12..20 over 2^(order−12) pages, in the order of grants[].</summary>
    public static VchanRing FromPages(int order, IReadOnlyList<nint> pages)
    {
        ArgumentNullException.ThrowIfNull(pages);
        if (order is < VchanLayout.PageShift or > VchanLayout.MaxOrder)
            throw new ArgumentOutOfRangeException(nameof(order), order, $"a paged vchan ring has order {VchanLayout.PageShift}..{VchanLayout.MaxOrder}");
        int count = VchanLayout.GrantCount(order);
        if (pages.Count != count)
            throw new ArgumentException($"a ring of order {order} needs {count} pages, got {pages.Count}", nameof(pages));
        var chunks = new nint[count];
        for (int i = 0; i < count; i++)
            chunks[i] = pages[i] != 0 ? pages[i] : throw new ArgumentException($"ring page {i} is null", nameof(pages));
        return new VchanRing(order, chunks, VchanLayout.PageShift);
    }

    /// <summary>A ring over one contiguous block of 2^order bytes (host-side use and tests).</summary>
    public static VchanRing FromContiguous(nint buffer, int order)
    {
        if (buffer == 0)
            throw new ArgumentNullException(nameof(buffer), "ring buffer address is null");
        if (order is < VchanLayout.MinOrder or > VchanLayout.MaxOrder)
            throw new ArgumentOutOfRangeException(nameof(order), order, $"vchan ring order must be {VchanLayout.MinOrder}..{VchanLayout.MaxOrder}");
        return new VchanRing(order, [buffer], order);
    }

    /// <summary>Copies data into the ring starting at stream index; wraps at the end. data fits the ring.</summary>
    internal void CopyIn(uint index, ReadOnlySpan<byte> data)
    {
        int chunkSize = 1 << _chunkShift;
        int pos = (int)(index & (uint)(Size - 1));
        // Each pass fills the rest of one chunk: at most size/chunk + 1 passes.
        while (!data.IsEmpty)
        {
            int offset = pos & (chunkSize - 1);
            int n = Math.Min(chunkSize - offset, data.Length);
            data[..n].CopyTo(new Span<byte>((byte*)_chunks[pos >> _chunkShift] + offset, n));
            data = data[n..];
            pos = (pos + n) & (Size - 1);
        }
    }

    /// <summary>Copies from the ring starting at stream index into destination; wraps at the end.</summary>
    internal void CopyOut(uint index, Span<byte> destination)
    {
        int chunkSize = 1 << _chunkShift;
        int pos = (int)(index & (uint)(Size - 1));
        while (!destination.IsEmpty)
        {
            int offset = pos & (chunkSize - 1);
            int n = Math.Min(chunkSize - offset, destination.Length);
            new ReadOnlySpan<byte>((byte*)_chunks[pos >> _chunkShift] + offset, n).CopyTo(destination);
            destination = destination[n..];
            pos = (pos + n) & (Size - 1);
        }
    }
}
