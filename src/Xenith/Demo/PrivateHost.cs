using System.Diagnostics;
using Xenith.Rpc;
using Xenith.Toolstack;

namespace Xenith.Demo;

/// <summary>
/// A Xen host in this process behind a control socket of its own (in a temporary folder), so the demo and the
/// benchmarks drive it with the real <c>xl</c> as a user would, and nothing is left running afterwards.
/// </summary>
internal sealed class PrivateHost : IDisposable
{
    private readonly RpcServer _server;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _serving;

    public PrivateHost(ToolstackOptions options, string prefix)
    {
        Root = Repository.Root();
        Work = Directory.CreateTempSubdirectory(prefix).FullName;
        Socket = Path.Combine(Work, "x.sock");
        Toolstack = new Toolstack.Toolstack(options);
        _server = RpcServer.Listen(Socket, Toolstack);
        _serving = _server.RunAsync(_stop.Token);
    }

    /// <summary>The repository (for ./xl and the guest programs).</summary>
    public string Root { get; }

    /// <summary>The temporary folder: the socket, generated configs; xl runs here.</summary>
    public string Work { get; }

    public string Socket { get; }

    public Toolstack.Toolstack Toolstack { get; }

    /// <summary>
    /// Runs ./xl (or <c>dotnet $XENITH_XL</c>: tests run the xl.dll they were built with) against this host and returns
    /// its output; a non-zero exit is an error naming the command.
    /// </summary>
    public string Xl(params string[] args)
    {
        string? dll = Environment.GetEnvironmentVariable("XENITH_XL");
        var psi = new ProcessStartInfo(dll is null ? Path.Combine(Root, "xl") : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Work,
        };
        if (dll is not null)
            psi.ArgumentList.Add(dll);
        foreach (string a in args)
            psi.ArgumentList.Add(a);
        psi.Environment["XENITH_SOCKET"] = Socket;
        using var p = Process.Start(psi) ?? throw new InvalidOperationException("xl did not start");
        var error = p.StandardError.ReadToEndAsync();
        string output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
            throw new InvalidOperationException($"xl {string.Join(' ', args)} failed ({p.ExitCode}): {error.Result}{output}");
        return output;
    }

    public void Dispose()
    {
        _stop.Cancel();
        try
        {
            _serving.GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
        _server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Toolstack.Dispose();
        Directory.Delete(Work, recursive: true);
    }
}
