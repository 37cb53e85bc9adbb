using Xenith.Rpc;
using Xenith.Toolstack;

namespace Xenith.Daemon;

/// <summary>
/// The daemon's composition root: the toolstack (domain 0, the hypervisor on pCPU threads, xenstored, the console
/// backends) behind the control socket, shaped by the boot options. Its log (hypervisor lines and the guests'
/// console_io as "(dN) text") goes where the daemon logs: the terminal, or xenith.log when detached.
/// </summary>
internal static class ServiceFactory
{
    /// <summary>Machine memory guests are built from (dom0's memory is the host's own, outside it).</summary>
    public const ulong GuestMemoryBytes = 1ul << 30;

    public static Func<BootOptions, Action<string>, IToolstackService> Create { get; set; } = Build;

    private static Toolstack.Toolstack Build(BootOptions options, Action<string> log)
    {
        string? consoleLogs = Path.GetDirectoryName(options.SocketPath) is { Length: > 0 } dir ? Path.Combine(dir, "console") : null;
        var ts = new Toolstack.Toolstack(new ToolstackOptions(options.Pcpus, options.Dom0MemoryKb << 10, options.Dom0Vcpus,
            options.Dom0VcpusPin, GuestMemoryBytes, options.Deterministic, options.XenCommandLine, consoleLogs));
        ts.HypervisorLog += line =>
        {
            lock (Console.Error)
                Console.Error.WriteLine(line);
        };
        log($"toolstack ready: {GuestMemoryBytes >> 20} MiB of machine memory for guests");
        return ts;
    }
}
