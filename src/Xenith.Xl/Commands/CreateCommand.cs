using Xenith.Rpc;

namespace Xenith.Xl.Commands;

/// <summary>
/// <c>xl create [-c] [-p] [-q] cfg [KEY=VALUE ...]</c>: the daemon parses and builds (the client only passes
/// the path, the overrides and its cwd); -c attaches to the console once the domain exists.
/// </summary>
internal static class CreateCommand
{
    private static readonly LongOption[] Long =
    [
        new("defconfig", true, 'f'), new("dryrun", false, 'n'), new("ignore-global-affinity-masks", false, 'i'),
        new("quiet", false, 'q'), new("vncviewer", false, 'V'), new("vncviewer-autopass", false, 'A'),
    ];

    public static int Run(XlContext xl, IReadOnlyList<string> args, bool dryRun)
    {
        string? config = null;
        var rest = args.ToList();
        // Like xl: a first argument that is neither an option nor KEY=VALUE is the config file.
        if (rest.Count > 0 && !rest[0].StartsWith('-') && !rest[0].Contains('=', StringComparison.Ordinal))
        {
            config = rest[0];
            rest.RemoveAt(0);
        }
        var (options, operands) = GetOpt.Parse(xl, "create", rest, "AFVcdef:inpq", Long, 0);
        bool console = false, paused = false, quiet = false;
        foreach (var (option, argument) in options)
        {
            switch (option)
            {
                case 'c': console = true; break;
                case 'p': paused = true; break;
                case 'q': quiet = true; break;
                case 'f': config = argument; break;
                case 'n': dryRun = true; break;
            }
        }
        var overrides = new List<string>();
        foreach (string operand in operands)
        {
            if (operand.Contains('=', StringComparison.Ordinal))
                overrides.Add(operand);
            else if (config == null)
                config = operand;
            else
            {
                XlHelp.Print(xl.Out, "create");
                return 2;
            }
        }
        if (config == null)
        {
            xl.Err.WriteLine("Config file not specified and none in save file");
            return -LibxlError.Invalid;
        }
        if (dryRun)
        {
            xl.Err.WriteLine("xl: -N (dry run) is not supported by Xenith's create");
            return 1;
        }
        if (!quiet)
            xl.Err.WriteLine($"Parsing config from {config}");
        CreateResult result;
        try
        {
            result = xl.Service.Create(new CreateRequest(config, overrides, xl.WorkingDirectory, paused));
        }
        catch (RpcException e)
        {
            xl.Report(e);
            return e.ExitCode;
        }
        foreach (string warning in result.Warnings)
            xl.Err.WriteLine(warning);
        return console ? ConsoleCommand.Attach(xl, result.DomId, ConsoleType.Pv, 0) : 0;
    }
}
