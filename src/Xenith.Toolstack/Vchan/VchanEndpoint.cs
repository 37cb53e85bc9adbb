using System.Diagnostics;

namespace Xenith.Toolstack.Vchan;

/// <summary>
/// One end of a libxenvchan byte stream (tools/libs/vchan/io.c semantics) over a control page, its two rings and
/// an event channel, however those are shared. The server reads the left ring and writes the right one; the client
/// the reverse. An end asks its peer for a kick (notify bits) only when it is about to wait, and kicks the peer
/// only when the peer asked. Not thread-safe: one thread drives one end.
/// </summary>
public sealed partial class VchanEndpoint : IDisposable
{
    private readonly VchanInterface _control;
    private readonly VchanRing _read;
    private readonly VchanRing _write;
    private readonly VchanRingId _readId;
    private readonly VchanRingId _writeId;
    private readonly IVchanSignal _signal;
    private readonly VchanOptions _options;
    private bool _closed;

    private VchanEndpoint(bool isServer, VchanInterface control, VchanRing left, VchanRing right, IVchanSignal signal, VchanOptions options)
    {
        IsServer = isServer;
        _control = control;
        _signal = signal;
        _options = options;
        Blocking = options.Blocking;
        (_read, _readId, _write, _writeId) = isServer
            ? (left, VchanRingId.Left, right, VchanRingId.Right)
            : (right, VchanRingId.Right, left, VchanRingId.Left);
    }

    public bool IsServer { get; }

    /// <summary>Whether Read/Write/Send/Recv wait (libxenvchan's blocking flag).</summary>
    public bool Blocking { get; set; }

    /// <summary>Server only: stay open after the client leaves (libxenvchan's server_persist).</summary>
    public bool ServerPersist { get; set; }

    /// <summary>The peer's event channel end went away without clearing its live flag.</summary>
    public bool PeerVanished { get; private set; }

    /// <summary>Bytes of the ring this end reads from.</summary>
    public int ReadRingSize => _read.Size;

    /// <summary>Bytes of the ring this end writes to.</summary>
    public int WriteRingSize => _write.Size;

    /// <summary>libxenvchan_is_open: the server sees cli_live (non-zero while waiting for the client too), the client srv_live.</summary>
    public bool IsOpen
    {
        get
        {
            if (_closed || PeerVanished)
                return false;
            return IsServer ? ServerPersist || _control.CliLive != VchanLayout.LiveExited : _control.SrvLive != VchanLayout.LiveExited;
        }
    }

    /// <summary>Closed (either side) and nothing is left to read: the next Read returns 0 for good.</summary>
    public bool EndOfStream => !IsOpen && RawDataReady() == 0;

    /// <summary>
    /// Sets up the server's end on a fresh control page: zeroes it, records the orders, marks the server live and
    /// the client not yet connected, asks the client for write kicks and stores the rings' grant references
    /// (left ring's pages first). The caller then publishes ring-ref and event-channel in XenStore.
    /// </summary>
    public static VchanEndpoint CreateServer(VchanInterface control, VchanRing left, VchanRing right, IVchanSignal signal,
        IReadOnlyList<uint>? grants = null, VchanOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(control);
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        ArgumentNullException.ThrowIfNull(signal);
        if (VchanLayout.Validate(left.Order, right.Order) is { } why)
            throw new ArgumentException(why, nameof(left));
        int needed = VchanLayout.GrantCount(left.Order) + VchanLayout.GrantCount(right.Order);
        if ((grants?.Count ?? 0) != needed)
            throw new ArgumentException($"rings of orders {left.Order}/{right.Order} need {needed} grant references, got {grants?.Count ?? 0}", nameof(grants));

        control.Clear();
        control.LeftOrder = (ushort)left.Order;
        control.RightOrder = (ushort)right.Order;
        for (int i = 0; i < needed; i++)
            control.SetGrant(i, grants![i]);
        control.CliNotify = VchanLayout.NotifyWrite;
        control.SrvLive = VchanLayout.LiveConnected;
        control.CliLive = VchanLayout.LiveWaiting;
        return new VchanEndpoint(true, control, left, right, signal, options ?? VchanOptions.Default);
    }

    /// <summary>
    /// Joins as the client once the caller has mapped the control page and the rings it names: checks that the
    /// rings match the orders on the page, marks the client live, asks the server for write kicks and wakes it.
    /// Read the orders with <see cref="VchanLayout.Validate"/> before mapping anything.
    /// </summary>
    public static VchanEndpoint ConnectClient(VchanInterface control, VchanRing left, VchanRing right, IVchanSignal signal, VchanOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(control);
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        ArgumentNullException.ThrowIfNull(signal);
        int leftOrder = control.LeftOrder, rightOrder = control.RightOrder;
        if (VchanLayout.Validate(leftOrder, rightOrder) is { } why)
            throw new VchanProtocolException($"vchan control page: {why}");
        if (left.Order != leftOrder || right.Order != rightOrder)
            throw new ArgumentException($"rings of orders {left.Order}/{right.Order} do not match the control page's {leftOrder}/{rightOrder}", nameof(left));
        if (control.SrvLive == VchanLayout.LiveExited)
            throw new VchanClosedException("vchan server has already exited");

        control.CliLive = VchanLayout.LiveConnected;
        control.SrvNotify = VchanLayout.NotifyWrite;
        signal.Notify();
        return new VchanEndpoint(false, control, left, right, signal, options ?? VchanOptions.Default);
    }

    /// <summary>libxenvchan_data_ready: bytes waiting to be read; asks the peer to kick this end when it writes more.</summary>
    public int DataReady
    {
        get
        {
            RequestNotify(VchanLayout.NotifyWrite);
            return RawDataReady();
        }
    }

    /// <summary>libxenvchan_buffer_space: bytes that can be written now; asks the peer to kick this end when it reads.</summary>
    public int BufferSpace
    {
        get
        {
            RequestNotify(VchanLayout.NotifyRead);
            return RawBufferSpace();
        }
    }

    /// <summary>libxenvchan_wait: blocks for one event on the channel (or the timeout, or the peer's end going away).</summary>
    public VchanWaitResult WaitForEvent(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        VchanWaitResult result = _signal.Wait(timeout, cancellationToken);
        if (result == VchanWaitResult.PeerGone)
            PeerVanished = true;
        return result;
    }

    /// <summary>libxenvchan_close: marks this end exited and kicks the peer so a blocked peer sees it. Idempotent.</summary>
    public void Close()
    {
        if (_closed)
            return;
        _closed = true;
        if (IsServer)
            _control.SrvLive = VchanLayout.LiveExited;
        else
            _control.CliLive = VchanLayout.LiveExited;
        if (!PeerVanished)
            _signal.Notify();
    }

    public void Dispose() => Close();

    private void RequestNotify(byte bit)
    {
        // The peer honours the byte named after it; the OR is a full barrier, so the caller's re-read of the
        // indices comes after the request is visible.
        _control.OrNotify(clientByte: IsServer, bit);
    }

    private void SendNotify(byte bit)
    {
        // Interlocked.And is a full barrier: the index update before it is visible before the peer can see the
        // cleared bit and decide to sleep.
        byte previous = _control.ClearNotify(clientByte: !IsServer, bit);
        if ((previous & bit) != 0)
            _signal.Notify();
    }

    private int RawDataReady()
    {
        uint ready = _control.GetProd(_readId) - _control.GetCons(_readId);
        Interlocked.MemoryBarrier();
        if (ready > (uint)_read.Size)
            throw new VchanProtocolException($"vchan {_readId} ring claims {ready} bytes ready in a {_read.Size}-byte ring");
        return (int)ready;
    }

    private int RawBufferSpace()
    {
        uint used = _control.GetProd(_writeId) - _control.GetCons(_writeId);
        Interlocked.MemoryBarrier();
        if (used > (uint)_write.Size)
            throw new VchanProtocolException($"vchan {_writeId} ring claims {used} bytes in flight in a {_write.Size}-byte ring");
        return _write.Size - (int)used;
    }

    // Re-reading after the request closes the window where the peer moved the index between the first read and
    // the request and so saw no reason to kick.
    private int FastDataReady(int request)
    {
        int ready = RawDataReady();
        if (ready >= request)
            return ready;
        RequestNotify(VchanLayout.NotifyWrite);
        return RawDataReady();
    }

    private int FastBufferSpace(int request)
    {
        int space = RawBufferSpace();
        if (space >= request)
            return space;
        RequestNotify(VchanLayout.NotifyRead);
        return RawBufferSpace();
    }

    private void DoSend(ReadOnlySpan<byte> data)
    {
        uint prod = _control.GetProd(_writeId);
        Interlocked.MemoryBarrier();
        _write.CopyIn(prod, data);
        // A volatile write is a release: the data lands before the new producer index.
        _control.SetProd(_writeId, prod + (uint)data.Length);
        SendNotify(VchanLayout.NotifyWrite);
    }

    private void DoRecv(Span<byte> destination)
    {
        uint cons = _control.GetCons(_readId);
        Interlocked.MemoryBarrier();
        _read.CopyOut(cons, destination);
        Interlocked.MemoryBarrier();
        _control.SetCons(_readId, cons + (uint)destination.Length);
        SendNotify(VchanLayout.NotifyRead);
    }

    /// <summary>One bounded wait: at most the poll interval, less if the call's deadline is nearer.</summary>
    private void WaitOnce(long startTimestamp, CancellationToken cancellationToken)
    {
        TimeSpan slice = _options.PollInterval;
        if (_options.Timeout != Timeout.InfiniteTimeSpan)
        {
            TimeSpan left = _options.Timeout - Stopwatch.GetElapsedTime(startTimestamp);
            if (left <= TimeSpan.Zero)
                throw new TimeoutException($"vchan {(IsServer ? "server" : "client")} waited longer than {_options.Timeout.TotalMilliseconds} ms");
            if (slice == Timeout.InfiniteTimeSpan || left < slice)
                slice = left;
        }
        WaitForEvent(slice, cancellationToken);
    }

    private void ThrowIfClosedHere()
    {
        if (_closed)
            throw new VchanClosedException("this vchan end is closed");
    }
}
