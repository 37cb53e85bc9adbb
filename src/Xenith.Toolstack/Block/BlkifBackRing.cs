using System.Runtime.InteropServices;
using Xenith.Abi;

namespace Xenith.Toolstack.Block;

/// <summary>
/// The backend's end of a blkif shared ring (spec 10.1) over 2^order pages the frontend granted: requests copied
/// out before anyone looks at them, responses written in their place, both indices of the backend kept private
/// (req_cons, rsp_prod_pvt). The pages need not be contiguous on the host, so entries that straddle a page
/// boundary are copied in two parts. Use it under the hypervisor's gate: the mappings may go at any other time.
/// </summary>
internal sealed unsafe class BlkifBackRing
{
    /// <summary>A ring entry is the union of the 112-byte request and the 16-byte response.</summary>
    private const int EntrySize = BlkifRequest.Size;
    private const int PageSize = 4096;
    private const int ReqProdOffset = 0, ReqEventOffset = 4, RspProdOffset = 8, RspEventOffset = 12;

    private readonly nint[] _pages;
    private uint _reqCons, _rspProdPvt;

    public BlkifBackRing(IReadOnlyList<nint> pages)
    {
        ArgumentOutOfRangeException.ThrowIfZero(pages.Count);
        _pages = [.. pages];
        Size = SharedRing.EntryCount(_pages.Length * PageSize, EntrySize);
    }

    /// <summary>Entries in the ring (32 per page).</summary>
    public uint Size { get; }

    /// <summary>The frontend claimed more requests than the ring holds; nothing more is taken from it.</summary>
    public bool Overflowed { get; private set; }

    private ref uint Header(int offset) => ref *(uint*)(_pages[0] + offset);

    /// <summary>
    /// Copies out what the frontend produced, at most as many requests as there are free response slots
    /// (RING_REQUEST_CONS_OVERFLOW), so a frontend that moves req_prod ahead cannot make us overwrite responses it has
    /// not read. A req_prod more than a ring ahead of our responses marks the ring overflowed (Linux's "bogus ring
    /// requests"). Returns how many were added.
    /// </summary>
    public int TakeRequests(List<BlkifRequest> into)
    {
        if (Overflowed)
            return 0;
        uint prod = Volatile.Read(ref Header(ReqProdOffset));
        // Entries are read after req_prod (Volatile.Read is an acquire).
        if (prod - _rspProdPvt > Size)
        {
            Overflowed = true;
            return 0;
        }
        uint available = Math.Min(prod - _reqCons, Size - (_reqCons - _rspProdPvt));
        Span<byte> entry = stackalloc byte[EntrySize];
        for (uint i = 0; i < available; i++)
        {
            CopyOut(_reqCons + i, entry);
            into.Add(MemoryMarshal.Read<BlkifRequest>(entry));
        }
        _reqCons += available;
        return (int)available;
    }

    /// <summary>Writes a response into the next private slot (the frontend sees it at <see cref="PushResponses"/>).</summary>
    public void PutResponse(ulong id, byte operation, BlkifRsp status)
    {
        var rsp = new BlkifResponse { Id = id, Operation = operation, Status = (short)status };
        CopyIn(_rspProdPvt++, MemoryMarshal.AsBytes(new ReadOnlySpan<BlkifResponse>(in rsp)));
    }

    /// <summary>RING_PUSH_RESPONSES_AND_CHECK_NOTIFY: publishes the responses; true when the frontend asked to be told.</summary>
    public bool PushResponses()
    {
        uint old = Volatile.Read(ref Header(RspProdOffset));
        uint now = _rspProdPvt;
        Interlocked.MemoryBarrier();
        Volatile.Write(ref Header(RspProdOffset), now);
        Interlocked.MemoryBarrier();
        uint ev = Volatile.Read(ref Header(RspEventOffset));
        return now - ev < now - old;
    }

    /// <summary>
    /// RING_FINAL_CHECK_FOR_REQUESTS: true when requests are waiting; else asks for a notification at the next one
    /// (req_event) and looks once more, so a request produced meanwhile is not left without an event.
    /// </summary>
    public bool FinalCheckForRequests()
    {
        if (Unconsumed() != 0)
            return true;
        Volatile.Write(ref Header(ReqEventOffset), _reqCons + 1);
        Interlocked.MemoryBarrier();
        return Unconsumed() != 0;
    }

    private uint Unconsumed() => Overflowed ? 0 : Volatile.Read(ref Header(ReqProdOffset)) - _reqCons;

    private void CopyOut(uint index, Span<byte> to)
    {
        int at = SharedRingHeader.RingOffset + (int)(index & (Size - 1)) * EntrySize;
        for (int done = 0; done < to.Length;)
        {
            int page = (at + done) / PageSize, offset = (at + done) % PageSize;
            int n = Math.Min(to.Length - done, PageSize - offset);
            new ReadOnlySpan<byte>((byte*)_pages[page] + offset, n).CopyTo(to[done..]);
            done += n;
        }
    }

    private void CopyIn(uint index, ReadOnlySpan<byte> from)
    {
        int at = SharedRingHeader.RingOffset + (int)(index & (Size - 1)) * EntrySize;
        for (int done = 0; done < from.Length;)
        {
            int page = (at + done) / PageSize, offset = (at + done) % PageSize;
            int n = Math.Min(from.Length - done, PageSize - offset);
            from.Slice(done, n).CopyTo(new Span<byte>((byte*)_pages[page] + offset, n));
            done += n;
        }
    }
}
