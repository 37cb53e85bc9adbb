namespace Xenith.Toolstack.Vchan;

/// <summary>The vchan is closed: this end called Close, or the peer exited or vanished.</summary>
public sealed class VchanClosedException : IOException
{
    public VchanClosedException() : this("vchan is closed") { }

    public VchanClosedException(string message) : base(message) { }

    public VchanClosedException(string message, Exception innerException) : base(message, innerException) { }

    public VchanClosedException(string message, long bytesTransferred) : base(message) => BytesTransferred = bytesTransferred;

    /// <summary>Bytes this call moved before the vchan closed.</summary>
    public long BytesTransferred { get; }
}

/// <summary>The peer broke the ring protocol (indices that claim more than the ring holds, bad orders).</summary>
public sealed class VchanProtocolException : IOException
{
    public VchanProtocolException() : this("vchan protocol violation") { }

    public VchanProtocolException(string message) : base(message) { }

    public VchanProtocolException(string message, Exception innerException) : base(message, innerException) { }
}
