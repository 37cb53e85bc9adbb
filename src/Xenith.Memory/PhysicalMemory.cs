using System.Runtime.InteropServices;

namespace Xenith.Memory;

/// <summary>
/// A simple physical address space: RAM regions backed by native memory plus device windows.
/// Enough for bare-metal programs and tests; the hypervisor's p2m replaces it for domains.
/// </summary>
public sealed unsafe class PhysicalMemory : IPhysicalBus, IDisposable
{
    public const int PageSize = 4096;

    private readonly List<RamRegion> _ram = [];
    private readonly List<(ulong Base, ulong Size, IMmioDevice Device)> _devices = [];

    /// <summary>Adds zeroed RAM at <paramref name="baseAddress"/>; both must be page aligned.</summary>
    public void AddRam(ulong baseAddress, ulong size)
    {
        if ((baseAddress | size) % PageSize != 0)
            throw new ArgumentException($"RAM at 0x{baseAddress:x} size 0x{size:x} is not page aligned");
        var host = (byte*)NativeMemory.AlignedAlloc((nuint)size, PageSize);
        NativeMemory.Clear(host, (nuint)size);
        _ram.Add(new RamRegion(baseAddress, size, host));
    }

    public void AddDevice(ulong baseAddress, ulong size, IMmioDevice device) => _devices.Add((baseAddress, size, device));

    public byte* RamPage(ulong pa)
    {
        foreach (var r in _ram)
        {
            if (pa - r.Base < r.Size)
                return r.Host + ((pa - r.Base) & ~(ulong)(PageSize - 1));
        }
        return null;
    }

    public bool TryRead(ulong pa, int size, out ulong value)
    {
        foreach (var (b, s, dev) in _devices)
        {
            if (pa - b < s)
            {
                value = dev.Read(pa - b, size);
                return true;
            }
        }
        value = 0;
        return false;
    }

    public bool TryWrite(ulong pa, int size, ulong value)
    {
        foreach (var (b, s, dev) in _devices)
        {
            if (pa - b < s)
            {
                dev.Write(pa - b, size, value);
                return true;
            }
        }
        return false;
    }

    /// <summary>Copies bytes into RAM (for loaders). Throws if any byte is not RAM.</summary>
    public void Write(ulong pa, ReadOnlySpan<byte> data) => this.WriteRam(pa, data);

    /// <summary>Copies bytes out of RAM. Throws if any byte is not RAM.</summary>
    public void Read(ulong pa, Span<byte> data)
    {
        while (!data.IsEmpty)
        {
            byte* page = RamPage(pa);
            if (page == null)
                throw new ArgumentOutOfRangeException(nameof(pa), $"0x{pa:x} is not RAM");
            int off = (int)(pa % PageSize);
            int n = Math.Min(PageSize - off, data.Length);
            new ReadOnlySpan<byte>(page + off, n).CopyTo(data);
            data = data[n..];
            pa += (ulong)n;
        }
    }

    public void Dispose()
    {
        foreach (var r in _ram)
            NativeMemory.AlignedFree(r.Host);
        _ram.Clear();
    }

    private readonly struct RamRegion(ulong baseAddress, ulong size, byte* host)
    {
        public ulong Base { get; } = baseAddress;
        public ulong Size { get; } = size;
        public byte* Host { get; } = host;
    }
}
