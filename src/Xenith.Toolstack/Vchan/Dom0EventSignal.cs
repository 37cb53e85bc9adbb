using Xenith.Abi;
using Xenith.Hypervisor.Events;

namespace Xenith.Toolstack.Vchan;

/// <summary>
/// The vchan's event channel as domain 0 sees it: Notify is EVTCHNOP_send on dom0's port (under the hypervisor's
/// gate), and an event the peer sends reaches <see cref="Raise"/> through the toolstack's dom0 port handler. A peer
/// that bound and then went away (closed its port or was destroyed) leaves dom0's port unbound: that is PeerGone.
/// </summary>
public sealed class Dom0EventSignal : IVchanSignal, IDisposable
{
    private readonly object _gate;
    private readonly EventChannels _events;
    private readonly SemaphoreSlim _wake = new(0, 1);
    private int _pending;
    private volatile bool _wasBound;

    internal Dom0EventSignal(object gate, EventChannels events, uint port, bool bound = false)
    {
        _gate = gate;
        _events = events;
        Port = port;
        _wasBound = bound;
    }

    /// <summary>Domain 0's port of the channel.</summary>
    public uint Port { get; }

    public void Notify()
    {
        lock (_gate)
            _events.Send(Port);
    }

    /// <summary>An event arrived on <see cref="Port"/> (called under the gate: must not block).</summary>
    internal void Raise()
    {
        // Only a bound peer can send: from now on an unbound port means the peer went away.
        _wasBound = true;
        // One pending bit, as an event channel has: later events before the Wait coalesce.
        if (Interlocked.Exchange(ref _pending, 1) == 0)
            _wake.Release();
    }

    public VchanWaitResult Wait(TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (_wake.Wait(timeout, cancellationToken))
        {
            Volatile.Write(ref _pending, 0);
            return VchanWaitResult.Event;
        }
        return PeerGone() ? VchanWaitResult.PeerGone : VchanWaitResult.Timeout;
    }

    private bool PeerGone()
    {
        lock (_gate)
        {
            EvtchnStat state = _events.StateOf(Port);
            if (state == EvtchnStat.Interdomain)
            {
                _wasBound = true;
                return false;
            }
            // Unbound before the client ever bound is the normal wait for a client.
            return _wasBound || state != EvtchnStat.Unbound;
        }
    }

    public void Dispose() => _wake.Dispose();
}
