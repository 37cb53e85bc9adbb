using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text.Json;
using Xenith.Rpc.Wire;

namespace Xenith.Rpc;

/// <summary>
/// The daemon's end of the control socket. One task per connection and one call per connection; a
/// connection that breaks the protocol or vanishes mid-call only ends itself (the call in flight is
/// cancelled). <see cref="RunAsync"/> returns after a <see cref="RpcOps.Halt"/> call has been answered, or
/// when cancelled.
/// </summary>
public sealed class RpcServer : IAsyncDisposable
{
    private static RpcJsonContext Json => RpcJsonContext.Default;

    private readonly Socket _listener;
    private readonly IToolstackService _service;
    private readonly Action<string> _log;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<Task, bool> _connections = new();
    private bool _disposed;

    private RpcServer(string socketPath, Socket listener, IToolstackService service, Action<string> log)
    {
        SocketPath = socketPath;
        _listener = listener;
        _service = service;
        _log = log;
    }

    public string SocketPath { get; }

    /// <summary>Cancelled once a halt has been answered (or the server stops).</summary>
    public CancellationToken Stopping => _stop.Token;

    /// <summary>Binds the socket (the caller has made sure no live daemon owns the path).</summary>
    public static RpcServer Listen(string socketPath, IToolstackService service, Action<string>? log = null)
    {
        var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            listener.Bind(new UnixDomainSocketEndPoint(socketPath));
            listener.Listen(64);
        }
        catch
        {
            listener.Dispose();
            throw;
        }
        return new RpcServer(socketPath, listener, service, log ?? (_ => { }));
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stop.Token);
        var token = linked.Token;
        while (!token.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptAsync(token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            catch (SocketException e)
            {
                _log($"rpc: accept failed: {e.Message}");
                continue;
            }
            var task = Task.Run(() => ServeAsync(client, _stop.Token), CancellationToken.None);
            _connections[task] = true;
            _ = task.ContinueWith(t => _connections.TryRemove(t, out _), TaskScheduler.Default);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
            return;
        _disposed = true;
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Dispose();
        try
        {
            await Task.WhenAll(_connections.Keys).WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            _log("rpc: some connections did not end in time");
        }
        try
        {
            File.Delete(SocketPath);
        }
        catch (IOException)
        {
            // Someone else's now, or already gone.
        }
        _stop.Dispose();
    }

    private async Task ServeAsync(Socket socket, CancellationToken stop)
    {
        using var stream = new NetworkStream(socket, ownsSocket: true);
        using var call = CancellationTokenSource.CreateLinkedTokenSource(stop);
        try
        {
            var request = await RpcFraming.ReadAsync(stream, Json.RpcRequest, call.Token).ConfigureAwait(false);
            if (request == null)
                return;
            switch (request.Op)
            {
                case RpcOps.Console:
                    await ServeConsoleAsync(stream, request, call).ConfigureAwait(false);
                    return;
                case RpcOps.XenStoreWatch:
                    await ServeWatchAsync(stream, request, call).ConfigureAwait(false);
                    return;
                case RpcOps.Halt:
                    await ServeHaltAsync(stream, call.Token).ConfigureAwait(false);
                    return;
            }
            // A call has no more bytes after its request: anything read now means the client went away.
            _ = CancelWhenPeerGoneAsync(stream, call);
            RpcResponse response;
            try
            {
                var result = await RpcDispatcher.DispatchAsync(_service, request, call.Token).ConfigureAwait(false);
                response = RpcResponse.Success(result);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                response = Failure(e, request.Op);
            }
            await RpcFraming.WriteAsync(stream, response, Json.RpcResponse, call.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or SocketException or InvalidDataException or JsonException
                                      or OperationCanceledException or ObjectDisposedException)
        {
            _log($"rpc: connection ended: {e.Message}");
        }
        catch (Exception e)
        {
            // The daemon outlives any one client, whatever went wrong with it.
            _log($"rpc: connection failed: {e}");
        }
    }

    private async Task ServeHaltAsync(NetworkStream stream, CancellationToken token)
    {
        RpcResponse response;
        try
        {
            _service.Halt();
            response = RpcResponse.Success();
        }
        catch (Exception e)
        {
            response = Failure(e, RpcOps.Halt);
        }
        try
        {
            await RpcFraming.WriteAsync(stream, response, Json.RpcResponse, token).ConfigureAwait(false);
        }
        finally
        {
            if (response.Ok)
            {
                _log("rpc: halt requested");
                await _stop.CancelAsync().ConfigureAwait(false);
            }
        }
    }

    private async Task ServeConsoleAsync(NetworkStream stream, RpcRequest request, CancellationTokenSource call)
    {
        Stream console;
        try
        {
            var args = request.Args.Deserialize(Json.ConsoleArgs)
                ?? throw new RpcException("console: missing arguments", 1, LibxlError.Invalid);
            console = _service.OpenConsole(args.DomId, args.Type, args.Number);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await RpcFraming.WriteAsync(stream, Failure(e, request.Op), Json.RpcResponse, call.Token).ConfigureAwait(false);
            return;
        }
        Task toClient, toGuest;
        await using (console.ConfigureAwait(false))
        {
            await RpcFraming.WriteAsync(stream, RpcResponse.Success(), Json.RpcResponse, call.Token).ConfigureAwait(false);
            toClient = PumpAsync(console, stream, call.Token);
            toGuest = PumpAsync(stream, console, call.Token);
            await Task.WhenAny(toClient, toGuest).ConfigureAwait(false);
            await call.CancelAsync().ConfigureAwait(false);
        }
        // Disposing the console must end its pending read; closing the socket ends the other pump.
        try
        {
            stream.Socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
            // Already closed by the client.
        }
        try
        {
            await Task.WhenAll(toClient, toGuest).WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            _log("rpc: a console read did not end when the console was detached");
        }
    }

    private async Task ServeWatchAsync(NetworkStream stream, RpcRequest request, CancellationTokenSource call)
    {
        IAsyncEnumerator<XenStoreWatchEvent> events;
        bool first;
        try
        {
            var args = request.Args.Deserialize(Json.XenStoreWatchArgs)
                ?? throw new RpcException("xs-watch: missing arguments", 1, LibxlError.Invalid);
            events = _service.XenStoreWatchAsync(args.Path, args.Token, call.Token).GetAsyncEnumerator(call.Token);
            // The first event comes at once; getting it here lets a bad path fail as an answer.
            first = await events.MoveNextAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await RpcFraming.WriteAsync(stream, Failure(e, request.Op), Json.RpcResponse, call.Token).ConfigureAwait(false);
            return;
        }
        await using (events.ConfigureAwait(false))
        {
            await RpcFraming.WriteAsync(stream, RpcResponse.Success(), Json.RpcResponse, call.Token)
                .ConfigureAwait(false);
            _ = CancelWhenPeerGoneAsync(stream, call);
            bool more = first;
            while (more)
            {
                await RpcFraming.WriteAsync(stream, events.Current, Json.XenStoreWatchEvent, call.Token).ConfigureAwait(false);
                more = await events.MoveNextAsync().ConfigureAwait(false);
            }
        }
    }

    private static async Task PumpAsync(Stream from, Stream to, CancellationToken token)
    {
        var buffer = new byte[4096];
        try
        {
            while (true)
            {
                int n = await from.ReadAsync(buffer, token).ConfigureAwait(false);
                if (n == 0)
                    return;
                await to.WriteAsync(buffer.AsMemory(0, n), token).ConfigureAwait(false);
                await to.FlushAsync(token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // One side went away: the console session ends.
        }
    }

    private static async Task CancelWhenPeerGoneAsync(NetworkStream stream, CancellationTokenSource call)
    {
        var one = new byte[1];
        try
        {
            await stream.ReadAsync(one, call.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            return;
        }
        try
        {
            await call.CancelAsync().ConfigureAwait(false);
        }
        catch (ObjectDisposedException)
        {
            // The call had already finished.
        }
    }

    private RpcResponse Failure(Exception e, string op)
    {
        if (e is RpcException r)
            return RpcResponse.Failure(new RpcError(r.Message, r.ExitCode, r.ErrorCode, r.Diagnostics));
        _log($"rpc: {op} failed: {e}");
        return RpcResponse.Failure(new RpcError($"{op} failed: {e.Message}", 1, LibxlError.Fail, []));
    }
}
