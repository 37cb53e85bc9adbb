using Xenith.Abi;

using XsAbi = Xenith.Abi.XenStore;

namespace Xenith.XenStore;

/// <summary>
/// Serves a guest's XenStore ring page (spec 8.1): reads request bytes from req[] when kicked, frames them into
/// messages, and writes replies and watch events into rsp[] as space allows, keeping what does not fit. Indices
/// that are more than a ring apart or a payload over 4096 bytes close this connection only (error field set).
/// </summary>
public sealed class RingConnection : XsConnection
{
    const int ReqOffset = 0, RspOffset = 1024, ReqCons = 2048, ReqProd = 2052, RspCons = 2056, RspProd = 2060;
    const int ServerFeatures = 2064, ConnectionField = 2068, ErrorField = 2072;
    const uint RingSize = XsAbi.RingSize;
    // Messages taken per kick, so a guest refilling req[] as fast as it is drained cannot hold the store. A full
    // ring holds at most 64 messages (16-byte headers), so a guest that notifies after writing is never stranded.
    const int MaxMessagesPerKick = 256;

    readonly IXenStoreRingPage _page;
    readonly Action _notify;
    readonly byte[] _header = new byte[XsdSockmsg.Size];
    byte[] _payload = [];
    int _have;          // bytes of the current message copied so far (header then payload)
    int _sentOfHead;    // bytes of the head output message already in rsp[]

    internal RingConnection(XenStoreDaemon daemon, int domid, IXenStoreRingPage page, Action notify)
        : base(daemon, domid, privileged: domid == 0)
    {
        _page = page;
        _notify = notify;
        // Xenith reports protocol errors in the error field; it offers no reconnection and no watch depth.
        _page.StoreRelease(ServerFeatures, XsAbi.FeatureError);
        if (_page.LoadAcquire(ConnectionField) == XsAbi.Reconnect) _page.StoreRelease(ConnectionField, XsAbi.Connected);
    }

    /// <summary>Call when the guest signals the XenStore event channel: consumes requests, sends what fits.</summary>
    public void Kick()
    {
        lock (Daemon.Gate)
        {
            if (!IsClosed)
            {
                bool notify = Flush();
                notify |= ReadRequests();
                Daemon.AfterOperationLocked();
                if (notify && !IsClosed) _notify();
            }
        }
        Daemon.DeliverLocalEvents();
    }

    /// <summary>Writes queued output into rsp[]; true if anything was written. Called under the daemon lock.</summary>
    internal bool Flush()
    {
        bool wrote = false;
        for (int guard = 0; guard < 4096 && !IsClosed && TryPeekOutput(out byte[] message); guard++)
        {
            uint cons = _page.LoadAcquire(RspCons);
            uint prod = _page.LoadAcquire(RspProd);
            if (prod - cons > RingSize) { ProtocolError(XsAbi.ErrorRingIdx); return false; }
            uint free = RingSize - (prod - cons);
            if (free == 0) break;
            int n = (int)Math.Min(free, (uint)(message.Length - _sentOfHead));
            CopyIn(prod, message.AsSpan(_sentOfHead, n));
            _page.StoreRelease(RspProd, prod + (uint)n);
            wrote = true;
            _sentOfHead += n;
            if (_sentOfHead == message.Length) { DequeueOutput(); _sentOfHead = 0; }
        }
        return wrote;
    }

    /// <summary>Called by the daemon after any operation that may have queued output for this guest.</summary>
    internal void FlushAndNotify()
    {
        if (!IsClosed && PendingOutput > 0 && Flush() && !IsClosed) _notify();
    }

    void CopyIn(uint prod, ReadOnlySpan<byte> data)
    {
        int start = (int)(prod & (RingSize - 1));
        int first = Math.Min(data.Length, (int)RingSize - start);
        _page.Write(RspOffset + start, data[..first]);
        if (first < data.Length) _page.Write(RspOffset, data[first..]);
    }

    void CopyOut(uint cons, Span<byte> into)
    {
        int start = (int)(cons & (RingSize - 1));
        int first = Math.Min(into.Length, (int)RingSize - start);
        _page.Read(ReqOffset + start, into[..first]);
        if (first < into.Length) _page.Read(ReqOffset, into[first..]);
    }

    bool ReadRequests()
    {
        bool consumed = false;
        for (int messages = 0; messages < MaxMessagesPerKick && !IsClosed;)
        {
            // xenstored stops reading a domain that leaves too many replies unread; it resumes on a later kick.
            if (_have == 0 && !CanAcceptRequest) break;
            uint cons = _page.LoadAcquire(ReqCons);
            uint prod = _page.LoadAcquire(ReqProd);
            uint avail = prod - cons;
            if (avail > RingSize) { ProtocolError(XsAbi.ErrorRingIdx); return false; }
            if (avail == 0) break;
            Span<byte> target = _have < XsdSockmsg.Size
                ? _header.AsSpan(_have)
                : _payload.AsSpan(_have - XsdSockmsg.Size);
            int n = (int)Math.Min(avail, (uint)target.Length);
            CopyOut(cons, target[..n]);
            _page.StoreRelease(ReqCons, cons + (uint)n);
            consumed = true;
            _have += n;
            if (_have == XsdSockmsg.Size)
            {
                uint len = XsMessage.ReadHeader(_header).Len;
                if (len > XsAbi.PayloadMax) { ProtocolError(XsAbi.ErrorProto); return false; }
                _payload = new byte[len];
            }
            if (_have >= XsdSockmsg.Size && _have == XsdSockmsg.Size + _payload.Length)
            {
                _have = 0;
                messages++;
                Daemon.Dispatcher.Process(this, XsMessage.ReadHeader(_header), _payload);
                Flush();
            }
        }
        return consumed;
    }

    void ProtocolError(uint error)
    {
        _page.StoreRelease(ErrorField, error);
        Close(error);
    }

    internal override void Close(uint reason)
    {
        base.Close(reason);
        _have = 0;
        _sentOfHead = 0;
        _payload = [];
    }
}
