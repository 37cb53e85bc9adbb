namespace Xenith.Toolstack.Vchan;

/// <summary>What ended a wait for the vchan's event channel.</summary>
public enum VchanWaitResult
{
    /// <summary>An event arrived (and was consumed).</summary>
    Event,

    /// <summary>Nothing arrived within the timeout.</summary>
    Timeout,

    /// <summary>The peer's end of the channel is gone (domain destroyed, port closed): no event will come again.</summary>
    PeerGone,
}

/// <summary>
/// The vchan's one event channel as seen by one end. Events coalesce like an event channel's pending bit: several
/// Notify calls before a Wait may wake it once, so a woken end always re-reads the indices.
/// </summary>
public interface IVchanSignal
{
    /// <summary>Sends an event to the peer (EVTCHNOP_send).</summary>
    void Notify();

    /// <summary>Blocks until an event is pending for this end, the timeout passes or the peer is gone; consumes the event.</summary>
    /// <exception cref="OperationCanceledException">cancellationToken was cancelled.</exception>
    VchanWaitResult Wait(TimeSpan timeout, CancellationToken cancellationToken);
}
