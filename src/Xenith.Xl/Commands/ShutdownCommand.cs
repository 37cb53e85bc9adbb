using Xenith.Rpc;

namespace Xenith.Xl.Commands;

/// <summary>
/// <c>xl shutdown|reboot [-a] [-w] [-F] [Domain]</c>. With -w xl waits until each domain has shut down (or,
/// with -ww, is gone), logging each event on stderr as xl does.
/// </summary>
internal static class ShutdownCommand
{
    private static readonly LongOption[] Long = [new("all", false, 'a'), new("wait", false, 'w')];

    public static int Run(XlContext xl, IReadOnlyList<string> args, bool reboot)
    {
        string what = reboot ? "reboot" : "shutdown";
        var (options, operands) = GetOpt.Parse(xl, what, args, "awF", Long, 0);
        bool all = options.Any(o => o.Option == 'a');
        int waitLevel = options.Count(o => o.Option == 'w');
        if (operands.Count == 0 && !all)
        {
            xl.Err.Write("You must specify -a or a domain id.\n\n");
            return 1;
        }
        var targets = all
            ? xl.Service.ListDomains().Where(d => d.DomId != 0).Select(d => d.DomId).ToList()
            : [xl.FindDomain(operands[0])];
        foreach (uint domid in targets)
            Signal(xl, domid, reboot);
        if (waitLevel > 0)
            WaitAll(xl, targets, untilDeath: waitLevel > 1);
        return 0;
    }

    private static void Signal(XlContext xl, uint domid, bool reboot)
    {
        xl.Err.WriteLine(reboot ? $"Rebooting domain {domid}" : $"Shutting down domain {domid}");
        try
        {
            xl.Service.Shutdown(domid, reboot);
        }
        catch (RpcException e)
        {
            if (e.ErrorCode == LibxlError.NoParavirt)
            {
                string verb = reboot ? "reboot" : "shutdown";
                string evt = reboot ? "reset" : "power";
                xl.Err.WriteLine($"PV control interface not available: external graceful {verb} not possible.");
                xl.Err.WriteLine($"Use \"-F\" to fallback to ACPI {evt} event.");
            }
            else
            {
                xl.Report(e);
            }
            xl.Err.WriteLine($"{(reboot ? "reboot" : "shutdown")} failed (rc={e.ErrorCode})");
            throw new XlExitException(1);
        }
    }

    private static void WaitAll(XlContext xl, List<uint> domids, bool untilDeath)
    {
        xl.Err.WriteLine($"Waiting for {domids.Count} domains");
        var pending = domids.Select(d => WaitOneAsync(xl, d, untilDeath)).ToList();
        try
        {
            Task.WhenAll(pending).GetAwaiter().GetResult();
        }
        catch (RpcException e)
        {
            xl.Err.WriteLine($"Failed to get event, quitting (rc={e.ErrorCode})");
            throw new XlExitException(1);
        }
    }

    private static async Task WaitOneAsync(XlContext xl, uint domid, bool untilDeath)
    {
        var e = await xl.Service.WaitForDomainAsync(domid, untilDeath: false, CancellationToken.None).ConfigureAwait(false);
        while (true)
        {
            lock (xl.Err)
            {
                if (e.Kind == DomainEventKind.Death)
                    xl.Err.WriteLine($"Domain {e.DomId} has been destroyed");
                else
                    xl.Err.WriteLine($"Domain {e.DomId} has been shut down, reason code {(int)e.Reason}");
                if (e.Kind == DomainEventKind.Shutdown && untilDeath)
                    xl.Err.WriteLine($"Domain {e.DomId} continue waiting for death");
            }
            if (e.Kind == DomainEventKind.Death || !untilDeath)
                return;
            e = await xl.Service.WaitForDomainAsync(domid, untilDeath: true, CancellationToken.None).ConfigureAwait(false);
        }
    }
}
