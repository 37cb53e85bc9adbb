using System.Runtime.CompilerServices;

namespace Xenith.XenStore;

/// <summary>
/// A guest's xenstore_domain_interface page as the server sees it. The guest writes it concurrently, so
/// indices go through acquire loads and release stores and ring bytes are copied out once.
/// </summary>
public interface IXenStoreRingPage
{
    /// <summary>Reads a 32-bit field; later reads of the page are not moved before it (acquire).</summary>
    uint LoadAcquire(int offset);

    /// <summary>Writes a 32-bit field; earlier reads and writes of the page complete before it (release).</summary>
    void StoreRelease(int offset, uint value);

    /// <summary>Copies bytes out of the page.</summary>
    void Read(int offset, Span<byte> destination);

    /// <summary>Copies bytes into the page.</summary>
    void Write(int offset, ReadOnlySpan<byte> source);
}

/// <summary>A ring page over memory the caller keeps alive and pinned (e.g. a guest frame's host address).</summary>
public sealed unsafe class PointerRingPage : IXenStoreRingPage
{
    readonly byte* _page;

    /// <summary>Wraps <paramref name="page"/>, which must stay valid for at least 2080 bytes.</summary>
    public PointerRingPage(nint page) => _page = (byte*)page;

    /// <inheritdoc/>
    public uint LoadAcquire(int offset) => Volatile.Read(ref *(uint*)(_page + offset));

    /// <inheritdoc/>
    public void StoreRelease(int offset, uint value) => Volatile.Write(ref *(uint*)(_page + offset), value);

    /// <inheritdoc/>
    public void Read(int offset, Span<byte> destination) => new ReadOnlySpan<byte>(_page + offset, destination.Length).CopyTo(destination);

    /// <inheritdoc/>
    public void Write(int offset, ReadOnlySpan<byte> source) => source.CopyTo(new Span<byte>(_page + offset, source.Length));
}

/// <summary>A ring page in a managed array (tests, in-process clients).</summary>
public sealed class ArrayRingPage : IXenStoreRingPage
{
    /// <summary>Creates a zeroed 4 KiB page.</summary>
    public ArrayRingPage() : this(new byte[4096]) { }

    /// <summary>Wraps an existing page of at least 2080 bytes.</summary>
    public ArrayRingPage(byte[] bytes) => Bytes = bytes;

    /// <summary>The page contents.</summary>
    public byte[] Bytes { get; }

    ref uint Field(int offset) => ref Unsafe.As<byte, uint>(ref Bytes[offset]);

    /// <inheritdoc/>
    public uint LoadAcquire(int offset) => Volatile.Read(ref Field(offset));

    /// <inheritdoc/>
    public void StoreRelease(int offset, uint value) => Volatile.Write(ref Field(offset), value);

    /// <inheritdoc/>
    public void Read(int offset, Span<byte> destination) => Bytes.AsSpan(offset, destination.Length).CopyTo(destination);

    /// <inheritdoc/>
    public void Write(int offset, ReadOnlySpan<byte> source) => source.CopyTo(Bytes.AsSpan(offset));
}
