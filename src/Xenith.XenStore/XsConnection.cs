using Xenith.Abi;

using XsAbi = Xenith.Abi.XenStore;

namespace Xenith.XenStore;

/// <summary>What happened to a message given to <see cref="XsConnection.Submit"/>.</summary>
public enum XsSubmitResult
{
    /// <summary>Processed; its reply (and any events) are queued.</summary>
    Processed,
    /// <summary>Not taken: too many unread replies (the outstanding-requests quota). Read output, then resubmit.</summary>
    Busy,
    /// <summary>Malformed (short, length mismatch, payload over 4096): the connection is now closed.</summary>
    ProtocolError,
    /// <summary>The connection was already closed.</summary>
    Closed,
}

/// <summary>
/// One client of the store (xenstored's struct connection): a domain id, whether it is privileged, its watches,
/// transactions and queue of outgoing messages (replies and watch events). Takes whole request messages.
/// </summary>
public class XsConnection
{
    readonly Queue<(byte[] Message, bool IsReply)> _output = new();
    int _queuedEvents;

    internal XsConnection(XenStoreDaemon daemon, int domid, bool privileged)
    {
        Daemon = daemon;
        DomId = domid;
        IsPrivileged = privileged;
    }

    internal XenStoreDaemon Daemon { get; }

    /// <summary>The client's domain; relative paths resolve to /local/domain/&lt;DomId&gt;.</summary>
    public int DomId { get; }

    /// <summary>Privileged connections (dom0) bypass permissions and quotas and may use the toolstack messages.</summary>
    public bool IsPrivileged { get; }

    /// <summary>Domain this one acts for (XS_SET_TARGET, e.g. a device model): it gets that domain's access too.</summary>
    public int? Target { get; internal set; }

    /// <summary>True once closed (protocol error, release, dispose); a closed connection serves nothing.</summary>
    public bool IsClosed { get; private set; }

    /// <summary>Why it was closed: XsAbi.ErrorNone, ErrorComm, ErrorRingIdx or ErrorProto.</summary>
    public uint CloseReason { get; private set; }

    /// <summary>Watch events not queued because the client left too many unread (see XenStoreOptions.PendingWatchEvents).</summary>
    public int DroppedEvents { get; private set; }

    /// <summary>Replies queued and not yet taken by the client.</summary>
    public int OutstandingReplies { get; private set; }

    /// <summary>Messages waiting to go out.</summary>
    public int PendingOutput => _output.Count;

    internal List<XsWatch> Watches { get; } = [];
    internal Dictionary<uint, XsTransaction> Transactions { get; } = [];
    internal uint NextTransactionId { get; set; } = 1;

    internal bool CanAcceptRequest =>
        IsPrivileged || Daemon.Options.OutstandingRequests <= 0 || OutstandingReplies < Daemon.Options.OutstandingRequests;

    /// <summary>Processes one whole request message: 16-byte header then exactly <c>len</c> payload bytes.</summary>
    public XsSubmitResult Submit(ReadOnlySpan<byte> message)
    {
        XsSubmitResult result;
        lock (Daemon.Gate)
        {
            result = SubmitLocked(message);
            Daemon.AfterOperationLocked();
        }
        Daemon.DeliverLocalEvents();
        return result;
    }

    XsSubmitResult SubmitLocked(ReadOnlySpan<byte> message)
    {
        if (IsClosed) return XsSubmitResult.Closed;
        if (message.Length < XsdSockmsg.Size) { Close(XsAbi.ErrorProto); return XsSubmitResult.ProtocolError; }
        XsdSockmsg header = XsMessage.ReadHeader(message);
        if (header.Len > XsAbi.PayloadMax || header.Len != message.Length - XsdSockmsg.Size)
        {
            Close(XsAbi.ErrorProto);
            return XsSubmitResult.ProtocolError;
        }
        if (!CanAcceptRequest) return XsSubmitResult.Busy;
        Daemon.Dispatcher.Process(this, header, message[XsdSockmsg.Size..]);
        return XsSubmitResult.Processed;
    }

    /// <summary>Takes the next outgoing message (a reply or an XS_WATCH_EVENT), if any.</summary>
    public bool TryTakeOutput(out byte[] message)
    {
        lock (Daemon.Gate)
        {
            if (!TryPeekOutput(out message)) return false;
            DequeueOutput();
            return true;
        }
    }

    internal bool TryPeekOutput(out byte[] message)
    {
        if (_output.TryPeek(out var head)) { message = head.Message; return true; }
        message = [];
        return false;
    }

    internal void DequeueOutput()
    {
        var (_, isReply) = _output.Dequeue();
        if (isReply) OutstandingReplies--;
        else _queuedEvents--;
    }

    internal virtual void EnqueueReply(byte[] message)
    {
        if (IsClosed) return;
        _output.Enqueue((message, true));
        OutstandingReplies++;
    }

    internal void EnqueueEvent(string path, string token)
    {
        if (IsClosed) return;
        int limit = Daemon.Options.PendingWatchEvents;
        if (!IsLocal && limit > 0 && _queuedEvents >= limit) { DroppedEvents++; return; }
        _output.Enqueue((XsMessage.Build(XsdSockmsgType.WatchEvent, 0, 0, XsMessage.Strings(path, token)), false));
        _queuedEvents++;
    }

    /// <summary>Ends the connection: drops its watches, transactions and output and detaches it from the daemon.</summary>
    public void Disconnect()
    {
        lock (Daemon.Gate) Close(XsAbi.ErrorNone);
        Daemon.Remove(this);
    }

    /// <summary>In-process clients drain their queue at once, so the event bound does not apply to them.</summary>
    internal virtual bool IsLocal => false;

    /// <summary>Drops watches, transactions and output (xenstored's ignore_connection()).</summary>
    internal virtual void Close(uint reason)
    {
        if (IsClosed) return;
        IsClosed = true;
        CloseReason = reason;
        Watches.Clear();
        Transactions.Clear();
        _output.Clear();
        OutstandingReplies = 0;
        _queuedEvents = 0;
    }
}
