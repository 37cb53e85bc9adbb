namespace Xenith.Toolstack.Vchan;

/// <summary>
/// A view of <c>struct vchan_interface</c> over one 4 KiB control page in host memory (a granted or mapped guest
/// frame, or a test page). The peer changes this page concurrently, so every field is read and written with
/// Volatile and the notify bytes are changed atomically. The caller keeps the page alive.
/// </summary>
public sealed unsafe class VchanInterface
{
    private readonly byte* _page;

    public VchanInterface(nint page)
    {
        if (page == 0)
            throw new ArgumentNullException(nameof(page), "vchan control page address is null");
        if ((page & 3) != 0)
            throw new ArgumentException($"vchan control page 0x{page:x} is not 4-byte aligned", nameof(page));
        // The notify bytes are updated through the aligned word at offset 20 (see Notify): that needs the byte
        // order every Xen ARM guest uses.
        if (!BitConverter.IsLittleEndian)
            throw new PlatformNotSupportedException("vchan control page access assumes a little-endian host");
        _page = (byte*)page;
    }

    public nint Address => (nint)_page;

    public uint LeftCons { get => ReadU32(VchanLayout.LeftConsOffset); set => WriteU32(VchanLayout.LeftConsOffset, value); }
    public uint LeftProd { get => ReadU32(VchanLayout.LeftProdOffset); set => WriteU32(VchanLayout.LeftProdOffset, value); }
    public uint RightCons { get => ReadU32(VchanLayout.RightConsOffset); set => WriteU32(VchanLayout.RightConsOffset, value); }
    public uint RightProd { get => ReadU32(VchanLayout.RightProdOffset); set => WriteU32(VchanLayout.RightProdOffset, value); }

    public ushort LeftOrder { get => Volatile.Read(ref *(ushort*)(_page + VchanLayout.LeftOrderOffset)); set => Volatile.Write(ref *(ushort*)(_page + VchanLayout.LeftOrderOffset), value); }
    public ushort RightOrder { get => Volatile.Read(ref *(ushort*)(_page + VchanLayout.RightOrderOffset)); set => Volatile.Write(ref *(ushort*)(_page + VchanLayout.RightOrderOffset), value); }

    public byte CliLive { get => ReadU8(VchanLayout.CliLiveOffset); set => WriteU8(VchanLayout.CliLiveOffset, value); }
    public byte SrvLive { get => ReadU8(VchanLayout.SrvLiveOffset); set => WriteU8(VchanLayout.SrvLiveOffset, value); }
    public byte CliNotify { get => ReadU8(VchanLayout.CliNotifyOffset); set => WriteU8(VchanLayout.CliNotifyOffset, value); }
    public byte SrvNotify { get => ReadU8(VchanLayout.SrvNotifyOffset); set => WriteU8(VchanLayout.SrvNotifyOffset, value); }

    /// <summary>The most grant references the page can hold.</summary>
    public const int MaxGrants = (VchanLayout.PageSize - VchanLayout.GrantsOffset) / 4;

    public uint GetGrant(int index) => ReadU32(GrantOffset(index));

    public void SetGrant(int index, uint grantRef) => WriteU32(GrantOffset(index), grantRef);

    public uint GetCons(VchanRingId ring) => ReadU32(ring == VchanRingId.Left ? VchanLayout.LeftConsOffset : VchanLayout.RightConsOffset);
    public uint GetProd(VchanRingId ring) => ReadU32(ring == VchanRingId.Left ? VchanLayout.LeftProdOffset : VchanLayout.RightProdOffset);
    public void SetCons(VchanRingId ring, uint value) => WriteU32(ring == VchanRingId.Left ? VchanLayout.LeftConsOffset : VchanLayout.RightConsOffset, value);
    public void SetProd(VchanRingId ring, uint value) => WriteU32(ring == VchanRingId.Left ? VchanLayout.LeftProdOffset : VchanLayout.RightProdOffset, value);

    /// <summary>Zeroes the whole page (the server does so before filling it in).</summary>
    public void Clear() => new Span<byte>(_page, VchanLayout.PageSize).Clear();

    /// <summary>Atomically ORs bits into cli_notify (clientByte) or srv_notify; returns the old byte.</summary>
    public byte OrNotify(bool clientByte, byte bits)
    {
        int shift = NotifyShift(clientByte);
        uint old = Interlocked.Or(ref NotifyWord, (uint)bits << shift);
        return (byte)(old >> shift);
    }

    /// <summary>Atomically clears bits from cli_notify or srv_notify; returns the old byte.</summary>
    public byte ClearNotify(bool clientByte, byte bits)
    {
        int shift = NotifyShift(clientByte);
        uint old = Interlocked.And(ref NotifyWord, ~((uint)bits << shift));
        return (byte)(old >> shift);
    }

    // The four state bytes share the aligned word at offset 20. A locked RMW on that word changes only the masked
    // lane and stays atomic against the peer's byte-wide atomics and stores on the other bytes.
    private ref uint NotifyWord => ref *(uint*)(_page + VchanLayout.CliLiveOffset);

    private static int NotifyShift(bool clientByte) =>
        8 * ((clientByte ? VchanLayout.CliNotifyOffset : VchanLayout.SrvNotifyOffset) - VchanLayout.CliLiveOffset);

    private static int GrantOffset(int index)
    {
        if ((uint)index >= MaxGrants)
            throw new ArgumentOutOfRangeException(nameof(index), index, $"grant index must be 0..{MaxGrants - 1}");
        return VchanLayout.GrantsOffset + 4 * index;
    }

    private uint ReadU32(int offset) => Volatile.Read(ref *(uint*)(_page + offset));
    private void WriteU32(int offset, uint value) => Volatile.Write(ref *(uint*)(_page + offset), value);
    private byte ReadU8(int offset) => Volatile.Read(ref _page[offset]);
    private void WriteU8(int offset, byte value) => Volatile.Write(ref _page[offset], value);
}
