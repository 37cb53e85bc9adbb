using Xenith.Rpc;

namespace Xenith.Xl;

/// <summary>The <c>xl</c> program: a thin client of the <c>xenith boot</c> daemon.</summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        string? socket = null;
        var rest = new List<string>();
        for (int i = 0; i < args.Length; i++)
        {
            // --socket only before the subcommand, so a guest config value can never be taken for it.
            if (rest.Count == 0 || rest.All(a => a.StartsWith('-')))
            {
                if (args[i] == "--socket" && i + 1 < args.Length)
                {
                    socket = args[++i];
                    continue;
                }
                if (args[i].StartsWith("--socket=", StringComparison.Ordinal))
                {
                    socket = args[i]["--socket=".Length..];
                    continue;
                }
            }
            rest.Add(args[i]);
        }
        var service = new RpcClient(SocketPath.Resolve(socket));
        var xl = new XlContext(service, Console.Out, Console.Error);
        int code = XlMain.Run(xl, rest);
        Console.Out.Flush();
        return code;
    }
}
