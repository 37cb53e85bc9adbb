using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Xenith.Rpc;

namespace Xenith.Daemon;

/// <summary>
/// <c>xenith boot [Xen options] [--pcpus N] [--deterministic] [--socket PATH] [-d]</c>: the host (domain 0
/// and the hypervisor) behind a control socket. In the foreground it logs to the terminal until
/// <c>xenith halt</c>, SIGINT or SIGTERM; with -d it starts itself again in a new session, logging to
/// <c>xenith.log</c> beside the socket, and returns once the socket answers.
/// </summary>
internal static class BootCommand
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    public static int Run(string[] args)
    {
        if (args.Any(a => a is "-h" or "--help"))
        {
            Console.WriteLine("usage: xenith boot [XEN-OPTION ...] [--pcpus N] [--deterministic] [--socket PATH] [-d]");
            Console.WriteLine("Xen options: dom0_mem=SIZE (no suffix = KiB; B/K/M/G/T), dom0_max_vcpus=N|MIN-MAX, dom0_vcpus_pin,");
            Console.WriteLine("  sched=credit, loglvl=LEVEL[/LEVEL], guest_loglvl=..., gnttab_max_frames=N, gnttab_max_maptrack_frames=N,");
            Console.WriteLine("  sched_credit_tslice_ms=N, sched_ratelimit_us=N");
            Console.WriteLine("-d: detach (log next to the socket); the socket is --socket, else $XENITH_SOCKET, else per-user");
            return 0;
        }
        var options = BootOptions.Parse(args);
        DaemonFiles.PrepareDirectory(options.SocketPath);
        if (RpcClient.Answers(options.SocketPath))
        {
            Console.Error.WriteLine($"xenith: a daemon is already running on {options.SocketPath} (stop it with `xenith halt`)");
            return 1;
        }
        return options.Detach ? Detach(options, args) : Foreground(options);
    }

    private static int Foreground(BootOptions options)
    {
        var log = new Action<string>(line =>
        {
            lock (Console.Error)
                Console.Error.WriteLine($"(XEN) {line}");
        });
        foreach (string warning in options.Warnings)
            log(warning);
        // Nobody answers behind a leftover socket file (checked above): it is a dead daemon's.
        File.Delete(options.SocketPath);
        var service = ServiceFactory.Create(options, log);
        using var stop = new CancellationTokenSource();
        void OnSignal(PosixSignalContext c)
        {
            c.Cancel = true;
            log($"{c.Signal}: halting");
            stop.Cancel();
        }
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        var server = RpcServer.Listen(options.SocketPath, service, log);
        try
        {
            log($"control socket {options.SocketPath} (pid {Environment.ProcessId})");
            server.RunAsync(stop.Token).GetAwaiter().GetResult();
            if (stop.IsCancellationRequested)
                service.Halt(); // a signal: stop the domains as `xenith halt` would
        }
        finally
        {
            server.DisposeAsync().AsTask().GetAwaiter().GetResult();
            (service as IDisposable)?.Dispose();
        }
        log("halted");
        return 0;
    }

    private static int Detach(BootOptions options, string[] args)
    {
        foreach (string warning in options.Warnings)
            Console.Error.WriteLine($"(XEN) {warning}");
        string logPath = DaemonFiles.LogPath(options.SocketPath);
        var childArgs = new List<string>();
        string self = typeof(BootCommand).Assembly.Location;
        string host = Environment.ProcessPath ?? "dotnet";
        if (!Path.GetFileNameWithoutExtension(host).Equals("xenith", StringComparison.Ordinal))
            childArgs.Add(self); // run as `dotnet xenith.dll`
        childArgs.Add("boot");
        childArgs.AddRange(args.Where(a => a is not ("-d" or "--detach")));
        childArgs.Add("--socket");
        childArgs.Add(options.SocketPath);
        // setsid: the daemon leaves the terminal's session, so closing the terminal does not end it.
        var psi = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add("exec setsid \"$@\" >>\"$XENITH_LOG\" 2>&1 </dev/null");
        psi.ArgumentList.Add("xenith");
        psi.ArgumentList.Add(host);
        foreach (string a in childArgs)
            psi.ArgumentList.Add(a);
        psi.Environment["XENITH_LOG"] = logPath;
        using var child = Process.Start(psi) ?? throw new UsageException("boot: could not start the daemon");
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (RpcClient.Answers(options.SocketPath))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"xenith: daemon started (pid {child.Id}), socket {options.SocketPath}, log {logPath}"));
                return 0;
            }
            if (child.HasExited)
            {
                Console.Error.WriteLine($"xenith: the daemon exited with code {child.ExitCode}; its log ({logPath}) ends:");
                foreach (string line in DaemonFiles.Tail(logPath, 20))
                    Console.Error.WriteLine(line);
                return 1;
            }
            Thread.Sleep(100);
        }
        Console.Error.WriteLine($"xenith: the daemon did not answer on {options.SocketPath} within {StartTimeout.TotalSeconds:0} s; see {logPath}");
        return 1;
    }
}
