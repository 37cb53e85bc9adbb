namespace Xenith.Toolstack.Vchan;

/// <summary>
/// An event channel between two host threads: each end holds a pending flag and a semaphore, and Notify on one
/// end sets the other's flag (coalescing like an event channel's pending bit). Disposing an end is the peer
/// "vanishing": the other end's waits then report <see cref="VchanWaitResult.PeerGone"/>.
/// </summary>
public sealed class InProcessSignal : IVchanSignal, IDisposable
{
    private readonly SemaphoreSlim _wake = new(0);
    private InProcessSignal _peer = null!;
    private int _pending;
    private long _notifyCount;
    private volatile bool _disposed;

    private InProcessSignal() { }

    /// <summary>Two connected ends.</summary>
    public static (InProcessSignal First, InProcessSignal Second) CreatePair()
    {
        var a = new InProcessSignal();
        var b = new InProcessSignal();
        a._peer = b;
        b._peer = a;
        return (a, b);
    }

    /// <summary>Events this end has sent (each Notify call counts, even when the peer had one pending already).</summary>
    public long NotifyCount => Interlocked.Read(ref _notifyCount);

    /// <summary>Whether an event is waiting to be consumed by this end.</summary>
    public bool IsPending => Volatile.Read(ref _pending) != 0;

    /// <summary>Kicks the peer; a vanished (disposed) end sends nothing, as a dead domain's port would not.</summary>
    public void Notify()
    {
        if (_disposed)
            return;
        Interlocked.Increment(ref _notifyCount);
        if (!_peer._disposed)
            _peer.Raise();
    }

    public VchanWaitResult Wait(TimeSpan timeout, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_peer._disposed && Volatile.Read(ref _pending) == 0)
            return VchanWaitResult.PeerGone;
        if (_wake.Wait(timeout, cancellationToken))
        {
            // Clearing after the wake can drop a Notify that raced in between; that is harmless because a woken
            // end re-reads the indices, which the notifier updated before notifying.
            Volatile.Write(ref _pending, 0);
            return VchanWaitResult.Event;
        }
        return _peer._disposed ? VchanWaitResult.PeerGone : VchanWaitResult.Timeout;
    }

    /// <summary>This end vanishes: the peer is woken once and then sees PeerGone.</summary>
    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        _peer.Raise();
    }

    private void Raise()
    {
        if (Interlocked.Exchange(ref _pending, 1) == 0)
            _wake.Release();
    }
}
