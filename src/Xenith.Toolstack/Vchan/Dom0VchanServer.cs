namespace Xenith.Toolstack.Vchan;

/// <summary>
/// Domain 0 as a libxenvchan server to a domU (what libxenvchan_server_init does in a Linux dom0): frames from the
/// machine pool placed in dom0's p2m, granted to the peer through dom0's grant table, an unbound port for the peer
/// and the XenStore keys P/ring-ref and P/event-channel. Dispose closes the stream and gives everything back; a frame
/// the peer still maps stays alive through the peer's own reference until it unmaps (or dies).
/// </summary>
public sealed class Dom0VchanServer : IDisposable
{
    private readonly Action<Dom0VchanServer> _release;
    private readonly uint[] _grefs;
    private bool _disposed;

    internal Dom0VchanServer(Action<Dom0VchanServer> release, uint peer, string path, ulong[] gfns, uint[] grefs, Dom0EventSignal signal, VchanEndpoint endpoint)
    {
        _release = release;
        Peer = peer;
        Path = path;
        Gfns = gfns;
        _grefs = grefs;
        Signal = signal;
        Endpoint = endpoint;
    }

    public uint Peer { get; }

    /// <summary>The XenStore directory P holding ring-ref and event-channel.</summary>
    public string Path { get; }

    /// <summary>Domain 0's end of the stream (server: reads the left ring, writes the right one).</summary>
    public VchanEndpoint Endpoint { get; }

    public Dom0EventSignal Signal { get; }

    /// <summary>Domain 0's port of the vchan's event channel.</summary>
    public uint Port => Signal.Port;

    /// <summary>The control page's grant reference (the value of P/ring-ref).</summary>
    public uint RingRef => _grefs[0];

    internal ulong[] Gfns { get; }

    internal uint[] Grefs => _grefs;

    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        // srv_live = 0 and a kick first, so a reader drains what is left and then sees the end of the stream.
        Endpoint.Close();
        _release(this);
        Signal.Dispose();
    }
}
