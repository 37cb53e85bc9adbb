using System.Numerics;
using System.Runtime.InteropServices;

namespace Xenith.Abi;

/// <summary>
/// The shared part of a generic io/ring.h ring (DEFINE_RING_TYPES' struct *_sring) up to its entries
/// (spec 10.1); entries start at <see cref="RingOffset"/>.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = Size)]
public unsafe struct SharedRingHeader
{
    /// <summary>Header bytes before ring[].</summary>
    public const int Size = 64;
    /// <summary>offsetof(ring).</summary>
    public const int RingOffset = 64;
    /// <summary>req_prod: requests produced (frontend).</summary>
    [FieldOffset(0)] public uint ReqProd;
    /// <summary>req_event: notify the backend when req_prod passes this.</summary>
    [FieldOffset(4)] public uint ReqEvent;
    /// <summary>rsp_prod: responses produced (backend).</summary>
    [FieldOffset(8)] public uint RspProd;
    /// <summary>rsp_event: notify the frontend when rsp_prod passes this.</summary>
    [FieldOffset(12)] public uint RspEvent;
    /// <summary>pvt: union of netif smartpoll_active, tapif msg and pad[4].</summary>
    [FieldOffset(16)] public fixed byte Pvt[4];
    /// <summary>__pad[44].</summary>
    [FieldOffset(20)] public fixed byte Pad[44];
}

/// <summary>Ring sizing as io/ring.h defines it (__RING_SIZE).</summary>
public static class SharedRing
{
    /// <summary>
    /// Entries of a ring occupying <paramref name="ringBytes"/>: (bytes − header) / entry size, rounded
    /// down to a power of two (e.g. one page of 112-byte blkif entries → 32).
    /// </summary>
    public static uint EntryCount(int ringBytes, int entrySize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(entrySize, 0);
        int raw = (ringBytes - SharedRingHeader.Size) / entrySize;
        return raw <= 0 ? 0 : 1u << BitOperations.Log2((uint)raw);
    }
}
