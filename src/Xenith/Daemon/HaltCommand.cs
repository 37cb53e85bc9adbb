using Xenith.Rpc;

namespace Xenith.Daemon;

/// <summary><c>xenith halt [--socket PATH]</c>: asks the daemon to stop every domain and exit, and waits until it has.</summary>
internal static class HaltCommand
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(60);

    public static int Run(string[] args)
    {
        string socket = SocketPath.Resolve(DaemonArgs.SocketOption(args, "halt", out var rest));
        if (rest.Count > 0)
            throw new UsageException($"halt: unexpected argument '{rest[0]}'");
        if (!RpcClient.Answers(socket))
        {
            Console.Error.WriteLine($"xenith: no daemon answers on {socket}");
            return 1;
        }
        try
        {
            new RpcClient(socket).Halt();
        }
        catch (RpcException e)
        {
            Console.Error.WriteLine($"xenith: halt: {e.Message}");
            return 1;
        }
        var deadline = DateTime.UtcNow + StopTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (!RpcClient.Answers(socket))
            {
                Console.WriteLine("xenith: halted");
                return 0;
            }
            Thread.Sleep(100);
        }
        Console.Error.WriteLine($"xenith: the daemon on {socket} still answers after {StopTimeout.TotalSeconds:0} s");
        return 1;
    }
}
