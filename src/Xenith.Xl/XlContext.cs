using Xenith.Rpc;

namespace Xenith.Xl;

/// <summary>What a command works with: the toolstack (over the socket, or a fake in tests) and its output streams.</summary>
internal sealed class XlContext(IToolstackService service, TextWriter output, TextWriter error)
{
    public IToolstackService Service { get; } = service;

    public TextWriter Out { get; } = output;

    public TextWriter Err { get; } = error;

    /// <summary>The client's working directory, sent with <c>xl create</c> so relative paths mean what the user meant.</summary>
    public string WorkingDirectory { get; init; } = Environment.CurrentDirectory;

    /// <summary>Set by tests: no terminal to attach a console or a live view to.</summary>
    public bool Interactive { get; init; } = !Console.IsInputRedirected && !Console.IsOutputRedirected;

    /// <summary>
    /// libxl_domain_qualifier_to_domid: all digits is an ID (not checked here, as xl does not), anything else a
    /// name that must exist.
    /// </summary>
    public uint FindDomain(string qualifier)
    {
        if (qualifier.Length > 0 && qualifier.All(char.IsAsciiDigit))
        {
            if (uint.TryParse(qualifier, out uint domid))
                return domid;
        }
        else if (Service.DomainIdByName(qualifier) is { } found)
        {
            return found;
        }
        Err.WriteLine($"{qualifier} is an invalid domain identifier (rc={LibxlError.Invalid})");
        throw new XlExitException(1);
    }

    /// <summary>The daemon's side of a failure, as libxl would have logged it before xl's own line.</summary>
    public void Report(RpcException e)
    {
        foreach (var line in e.Diagnostics)
            Err.WriteLine(line);
        Err.WriteLine(e.Message);
    }
}
