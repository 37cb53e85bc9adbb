namespace Xenith.Daemon;

/// <summary>The <c>--socket PATH</c> option shared by the commands that talk to a running daemon.</summary>
internal static class DaemonArgs
{
    public static string? SocketOption(IReadOnlyList<string> args, string command, out List<string> rest)
    {
        string? socket = null;
        rest = [];
        for (int i = 0; i < args.Count; i++)
        {
            if (args[i] == "--socket")
            {
                if (i + 1 >= args.Count)
                    throw new UsageException($"{command}: --socket needs a path");
                socket = args[++i];
            }
            else if (args[i].StartsWith("--socket=", StringComparison.Ordinal))
                socket = args[i]["--socket=".Length..];
            else
                rest.Add(args[i]);
        }
        return socket;
    }
}
