using Xenith.Rpc;
using Xenith.Xl.Commands;

namespace Xenith.Xl;

/// <summary>
/// xl's main: global options (<c>-v -f -N -t -T</c>, and Xenith's <c>--socket PATH</c> which main handles),
/// then the subcommand from the table. Exit codes are xl's: 0, 1 (EXIT_FAILURE), 2 (usage).
/// </summary>
internal static class XlMain
{
    public static int Run(XlContext xl, IReadOnlyList<string> args)
    {
        int i = 0;
        bool dryRun = false;
        for (; i < args.Count && args[i].Length > 1 && args[i][0] == '-'; i++)
        {
            foreach (char c in args[i][1..])
            {
                if (c == 'N')
                    dryRun = true;
                else if (c is not ('v' or 'f' or 't' or 'T'))
                {
                    xl.Err.WriteLine("unknown global option");
                    return 1;
                }
            }
        }
        if (i >= args.Count)
        {
            XlHelp.Print(xl.Out, null);
            return 1;
        }
        string command = args[i];
        var rest = args.Skip(i + 1).ToList();
        try
        {
            if (command == "help")
            {
                XlHelp.Print(xl.Out, rest.Count > 0 ? rest[0] : null);
                return 0;
            }
            var spec = XlHelp.Find(command);
            if (spec == null)
            {
                xl.Err.WriteLine("command not implemented");
                return 1;
            }
            if (dryRun && !spec.CanDryRun)
            {
                xl.Err.WriteLine("command does not implement -N (dryrun) option");
                return 1;
            }
            return command switch
            {
                "create" => CreateCommand.Run(xl, rest, dryRun),
                "list" => ListCommand.Run(xl, rest),
                "destroy" => DomainCommands.Destroy(xl, rest),
                "shutdown" => ShutdownCommand.Run(xl, rest, reboot: false),
                "reboot" => ShutdownCommand.Run(xl, rest, reboot: true),
                "pause" => DomainCommands.Pause(xl, rest, pause: true),
                "unpause" => DomainCommands.Pause(xl, rest, pause: false),
                "console" => ConsoleCommand.Run(xl, rest),
                "mem-set" => DomainCommands.MemSet(xl, rest),
                "vcpu-list" => VcpuCommands.List(xl, rest),
                "vcpu-pin" => VcpuCommands.Pin(xl, rest, dryRun),
                "info" => HostCommands.Info(xl, rest),
                "sched-credit" => SchedCreditCommand.Run(xl, rest),
                "domid" => DomainCommands.DomId(xl, rest),
                "domname" => DomainCommands.DomName(xl, rest),
                "rename" => DomainCommands.Rename(xl, rest),
                "dmesg" => HostCommands.Dmesg(xl, rest),
                "top" => TopCommand.Run(xl, rest),
                "uptime" => HostCommands.Uptime(xl, rest),
                _ => throw new InvalidOperationException(command),
            };
        }
        catch (XlExitException e)
        {
            return e.ExitCode;
        }
        catch (RpcException e)
        {
            // A failure no command has its own words for (the daemon is down, the connection broke).
            xl.Report(e);
            return e.ExitCode;
        }
    }
}
