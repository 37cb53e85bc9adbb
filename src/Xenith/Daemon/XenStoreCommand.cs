using Xenith.Rpc;

namespace Xenith.Daemon;

/// <summary>
/// <c>xenith xenstore ls [PATH] | read PATH... | write PATH VALUE... | rm PATH... | watch PATH</c>: the
/// xenstore-* tools for humans, through the daemon. <c>ls</c> prints the tree as xenstore-ls does
/// (<c>name = "value"</c>, one space of indent per level).
/// </summary>
internal static class XenStoreCommand
{
    private const int MaxDepth = 64;
    private const int MaxNodes = 100_000;

    public static int Run(string[] args)
    {
        string socket = SocketPath.Resolve(DaemonArgs.SocketOption(args, "xenstore", out var rest));
        if (rest.Count == 0)
            throw new UsageException("xenstore: expected ls, read, write, rm or watch");
        var xs = new RpcClient(socket);
        try
        {
            return Run(xs, rest[0], rest.Skip(1).ToList(), Console.Out);
        }
        catch (RpcException e)
        {
            Console.Error.WriteLine($"xenstore-{rest[0]}: {e.Message}");
            return 1;
        }
    }

    public static int Run(IToolstackService xs, string verb, List<string> paths, TextWriter output)
    {
        switch (verb)
        {
            case "ls":
                int budget = MaxNodes;
                List(xs, paths.Count > 0 ? paths[0] : "/", 0, ref budget, output);
                return 0;
            case "read":
                if (paths.Count == 0)
                    throw new UsageException("xenstore read: expected a path");
                foreach (string p in paths)
                {
                    if (xs.XenStoreRead(p) is not { } value)
                    {
                        Console.Error.WriteLine($"xenstore-read: couldn't read path {p}");
                        return 1;
                    }
                    output.WriteLine(value);
                }
                return 0;
            case "write":
                if (paths.Count == 0 || paths.Count % 2 != 0)
                    throw new UsageException("xenstore write: expected PATH VALUE pairs");
                for (int i = 0; i < paths.Count; i += 2)
                    xs.XenStoreWrite(paths[i], paths[i + 1]);
                return 0;
            case "rm":
                if (paths.Count == 0)
                    throw new UsageException("xenstore rm: expected a path");
                foreach (string p in paths)
                    xs.XenStoreRemove(p);
                return 0;
            case "watch":
                if (paths.Count != 1)
                    throw new UsageException("xenstore watch: expected one path");
                using (var stop = new CancellationTokenSource())
                {
                    Console.CancelKeyPress += (_, e) =>
                    {
                        e.Cancel = true;
                        stop.Cancel();
                    };
                    try
                    {
                        var events = xs.XenStoreWatchAsync(paths[0], "xenith", stop.Token).GetAsyncEnumerator(stop.Token);
                        while (events.MoveNextAsync().AsTask().GetAwaiter().GetResult())
                        {
                            output.WriteLine(events.Current.Path);
                            output.Flush();
                        }
                    }
                    catch (OperationCanceledException)
                    {
                        // Ctrl-C ends the watch.
                    }
                }
                return 0;
            default:
                throw new UsageException($"xenstore: unknown command '{verb}' (ls, read, write, rm, watch)");
        }
    }

    private static void List(IToolstackService xs, string path, int depth, ref int budget, TextWriter output)
    {
        if (depth >= MaxDepth)
            return;
        foreach (string child in xs.XenStoreDirectory(path))
        {
            if (--budget < 0)
                return;
            string full = path.TrimEnd('/') + "/" + child;
            string value = xs.XenStoreRead(full) ?? "";
            output.WriteLine($"{new string(' ', depth)}{child} = \"{Escape(value)}\"");
            List(xs, full, depth + 1, ref budget, output);
        }
    }

    /// <summary>Non-printing bytes as xenstore-ls shows them: <c>\n</c>, <c>\t</c>, else <c>\xNN</c>.</summary>
    private static string Escape(string value) =>
        string.Concat(value.Select(c => c switch
        {
            '\n' => "\\n",
            '\t' => "\\t",
            '\\' => "\\\\",
            '"' => "\\\"",
            < ' ' or '\x7f' => $"\\x{(int)c:x2}",
            _ => c.ToString(),
        }));
}
