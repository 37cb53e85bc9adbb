namespace Xenith.Toolstack.Vchan;

/// <summary>
/// Domain 0 as a libxenvchan client of a domU's server (libxenvchan_client_init in a Linux dom0): the server's
/// port bound, its control page and ring pages grant-mapped into dom0's vchan window (left ring writable, right
/// read-only). Dispose closes the stream (cli_live = 0, a kick), unmaps and unbinds.
/// </summary>
public sealed class Dom0VchanClient : IDisposable
{
    private readonly Action<Dom0VchanClient> _release;
    private bool _disposed;

    internal Dom0VchanClient(Action<Dom0VchanClient> release, uint server, string path, Dom0EventSignal signal, VchanEndpoint endpoint,
        IReadOnlyList<(uint Handle, ulong Gfn)> mappings)
    {
        _release = release;
        Server = server;
        Path = path;
        Signal = signal;
        Endpoint = endpoint;
        Mappings = mappings;
    }

    public uint Server { get; }

    public string Path { get; }

    /// <summary>Domain 0's end of the stream (client: writes the left ring, reads the right one).</summary>
    public VchanEndpoint Endpoint { get; }

    public Dom0EventSignal Signal { get; }

    public uint Port => Signal.Port;

    /// <summary>Grant handles and the dom0 gfns they are mapped at: the control page first.</summary>
    internal IReadOnlyList<(uint Handle, ulong Gfn)> Mappings { get; }

    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        Endpoint.Close();
        _release(this);
        Signal.Dispose();
    }
}
