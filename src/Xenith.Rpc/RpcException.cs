namespace Xenith.Rpc;

/// <summary>
/// A toolstack operation that failed. <see cref="Exception.Message"/> is what xl prints (xl's own words, no
/// prefix); <see cref="Diagnostics"/> are lines printed before it (e.g. <c>file:line: message</c> from the
/// config parser, and warnings); <see cref="ErrorCode"/> is libxl's rc; <see cref="ExitCode"/> is xl's.
/// </summary>
public sealed class RpcException : Exception
{
    public RpcException(string message, int exitCode = 1, int errorCode = LibxlError.Fail,
        IReadOnlyList<string>? diagnostics = null)
        : base(message)
    {
        ExitCode = exitCode;
        ErrorCode = errorCode;
        Diagnostics = diagnostics ?? [];
    }

    public RpcException() : this("toolstack error")
    {
    }

    public RpcException(string message) : this(message, 1)
    {
    }

    public RpcException(string message, Exception innerException) : base(message, innerException)
    {
        ExitCode = 1;
        ErrorCode = LibxlError.Fail;
        Diagnostics = [];
    }

    public int ExitCode { get; }

    public int ErrorCode { get; }

    public IReadOnlyList<string> Diagnostics { get; }

    /// <summary>The error libxl reports for a domain ID that names no domain.</summary>
    public static RpcException DomainNotFound(uint domid) =>
        new($"Domain {domid} does not exist.", 1, LibxlError.DomainNotFound);
}
