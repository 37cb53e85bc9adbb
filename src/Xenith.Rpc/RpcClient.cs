using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Xenith.Rpc.Wire;

namespace Xenith.Rpc;

/// <summary>
/// <see cref="IToolstackService"/> over the control socket: each call is one connection (connect, request,
/// answer, close), so a client holds no state and a dead one leaves none behind. A daemon that cannot be
/// reached is an <see cref="RpcException"/> saying so.
/// </summary>
public sealed class RpcClient(string socketPath) : IToolstackService
{
    private static RpcJsonContext Json => RpcJsonContext.Default;

    public string SocketPath { get; } = socketPath;

    /// <summary>Whether a daemon answers on the path (a leftover socket file with nobody behind it does not).</summary>
    public static bool Answers(string socketPath)
    {
        if (!File.Exists(socketPath))
            return false;
        try
        {
            new RpcClient(socketPath).Ping();
            return true;
        }
        catch (RpcException)
        {
            return false;
        }
    }

    public void Ping() => Call(RpcOps.Ping, new NoArgs(), Json.NoArgs);

    public CreateResult Create(CreateRequest request) =>
        Call(RpcOps.Create, request, Json.CreateRequest, Json.CreateResult)!;

    public IReadOnlyList<DomainInfo> ListDomains() =>
        Call(RpcOps.List, new NoArgs(), Json.NoArgs, Json.IReadOnlyListDomainInfo) ?? [];

    public DomainInfo? GetDomain(uint domid) => Call(RpcOps.DomainInfo, new DomainArgs(domid), Json.DomainArgs, Json.DomainInfo);

    public string? GetDomainConfigJson(uint domid) =>
        Call(RpcOps.DomainConfig, new DomainArgs(domid), Json.DomainArgs, Json.String);

    public uint? DomainIdByName(string name) => Call(RpcOps.DomId, new NameArgs(name), Json.NameArgs, Json.NullableUInt32);

    public string? DomainName(uint domid) => Call(RpcOps.DomName, new DomainArgs(domid), Json.DomainArgs, Json.String);

    public void Destroy(uint domid) => Call(RpcOps.Destroy, new DomainArgs(domid), Json.DomainArgs);

    public void Shutdown(uint domid, bool reboot) => Call(RpcOps.Shutdown, new ShutdownArgs(domid, reboot), Json.ShutdownArgs);

    public async Task<DomainEvent> WaitForDomainAsync(uint domid, bool untilDeath, CancellationToken cancellationToken)
    {
        using var stream = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        var result = await CallOnAsync(stream, RpcOps.Wait, new WaitArgs(domid, untilDeath), Json.WaitArgs, cancellationToken)
            .ConfigureAwait(false);
        return result.Deserialize(Json.DomainEvent) ?? throw new RpcException("wait: empty answer");
    }

    public void Pause(uint domid) => Call(RpcOps.Pause, new DomainArgs(domid), Json.DomainArgs);

    public void Unpause(uint domid) => Call(RpcOps.Unpause, new DomainArgs(domid), Json.DomainArgs);

    public void Rename(uint domid, string newName) => Call(RpcOps.Rename, new RenameArgs(domid, newName), Json.RenameArgs);

    public IReadOnlyList<DomainUptime> ListUptimes() =>
        Call(RpcOps.Uptime, new NoArgs(), Json.NoArgs, Json.IReadOnlyListDomainUptime) ?? [];

    public void SetMemoryTarget(uint domid, ulong targetKb) => Call(RpcOps.MemSet, new MemSetArgs(domid, targetKb), Json.MemSetArgs);

    public IReadOnlyList<VcpuInfo> ListVcpus(uint domid) =>
        Call(RpcOps.VcpuList, new DomainArgs(domid), Json.DomainArgs, Json.IReadOnlyListVcpuInfo) ?? [];

    public void PinVcpu(uint domid, int vcpu, ulong? hardAffinity, ulong? softAffinity) =>
        Call(RpcOps.VcpuPin, new VcpuPinArgs(domid, vcpu, hardAffinity, softAffinity), Json.VcpuPinArgs);

    public SchedCredit GetSchedCredit(uint domid) =>
        Call(RpcOps.SchedCreditGet, new DomainArgs(domid), Json.DomainArgs, Json.SchedCredit)!;

    public void SetSchedCredit(uint domid, int? weight, int? cap) =>
        Call(RpcOps.SchedCreditSet, new SchedCreditSetArgs(domid, weight, cap), Json.SchedCreditSetArgs);

    public SchedCreditParams GetSchedCreditParams() =>
        Call(RpcOps.SchedParamsGet, new NoArgs(), Json.NoArgs, Json.SchedCreditParams)!;

    public void SetSchedCreditParams(int? tsliceMs, int? ratelimitUs, int? migrationDelayUs) =>
        Call(RpcOps.SchedParamsSet, new SchedParamsSetArgs(tsliceMs, ratelimitUs, migrationDelayUs), Json.SchedParamsSetArgs);

    public HostInfo GetHostInfo() => Call(RpcOps.Info, new NoArgs(), Json.NoArgs, Json.HostInfo)!;

    public string ReadHypervisorLog(bool clear) => Call(RpcOps.Dmesg, new DmesgArgs(clear), Json.DmesgArgs, Json.String) ?? "";

    /// <summary>The socket itself, once the daemon has attached it: reads are guest output, writes keystrokes.</summary>
    public Stream OpenConsole(uint domid, ConsoleType type, int number)
    {
        var stream = ConnectAsync(CancellationToken.None).GetAwaiter().GetResult();
        try
        {
            CallOnAsync(stream, RpcOps.Console, new ConsoleArgs(domid, type, number), Json.ConsoleArgs, CancellationToken.None)
                .GetAwaiter().GetResult();
            return stream;
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    public IReadOnlyList<string> XenStoreDirectory(string path) =>
        Call(RpcOps.XenStoreDirectory, new XenStorePathArgs(path), Json.XenStorePathArgs, Json.IReadOnlyListString) ?? [];

    public string? XenStoreRead(string path) => Call(RpcOps.XenStoreRead, new XenStorePathArgs(path), Json.XenStorePathArgs, Json.String);

    public void XenStoreWrite(string path, string value) =>
        Call(RpcOps.XenStoreWrite, new XenStoreWriteArgs(path, value), Json.XenStoreWriteArgs);

    public void XenStoreRemove(string path) => Call(RpcOps.XenStoreRemove, new XenStorePathArgs(path), Json.XenStorePathArgs);

    public async IAsyncEnumerable<XenStoreWatchEvent> XenStoreWatchAsync(string path, string token,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var stream = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        await CallOnAsync(stream, RpcOps.XenStoreWatch, new XenStoreWatchArgs(path, token), Json.XenStoreWatchArgs, cancellationToken)
            .ConfigureAwait(false);
        while (true)
        {
            XenStoreWatchEvent? e;
            try
            {
                e = await RpcFraming.ReadAsync(stream, Json.XenStoreWatchEvent, cancellationToken).ConfigureAwait(false);
            }
            catch (IOException)
            {
                yield break;
            }
            if (e == null)
                yield break;
            yield return e;
        }
    }

    public void Halt() => Call(RpcOps.Halt, new NoArgs(), Json.NoArgs);

    private void Call<TArgs>(string op, TArgs args, JsonTypeInfo<TArgs> argsType) =>
        CallAsync(op, args, argsType, CancellationToken.None).GetAwaiter().GetResult();

    private TResult? Call<TArgs, TResult>(string op, TArgs args, JsonTypeInfo<TArgs> argsType, JsonTypeInfo<TResult> resultType)
    {
        var result = CallAsync(op, args, argsType, CancellationToken.None).GetAwaiter().GetResult();
        try
        {
            return result.Deserialize(resultType);
        }
        catch (JsonException e)
        {
            throw new RpcException($"{op}: the daemon's answer could not be read: {e.Message}");
        }
    }

    private async Task<JsonElement> CallAsync<TArgs>(string op, TArgs args, JsonTypeInfo<TArgs> argsType, CancellationToken ct)
    {
        using var stream = await ConnectAsync(ct).ConfigureAwait(false);
        return await CallOnAsync(stream, op, args, argsType, ct).ConfigureAwait(false);
    }

    private async Task<JsonElement> CallOnAsync<TArgs>(NetworkStream stream, string op, TArgs args, JsonTypeInfo<TArgs> argsType,
        CancellationToken ct)
    {
        RpcResponse? response;
        try
        {
            var request = new RpcRequest(op, JsonSerializer.SerializeToElement(args, argsType));
            await RpcFraming.WriteAsync(stream, request, Json.RpcRequest, ct).ConfigureAwait(false);
            response = await RpcFraming.ReadAsync(stream, Json.RpcResponse, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or SocketException or InvalidDataException or JsonException)
        {
            throw new RpcException($"lost the connection to the Xenith daemon at {SocketPath}: {e.Message}");
        }
        if (response == null)
            throw new RpcException($"the Xenith daemon at {SocketPath} closed the connection without answering");
        if (!response.Ok)
        {
            var error = response.Error ?? new RpcError($"{op} failed", 1, LibxlError.Fail, []);
            throw new RpcException(error.Message, error.ExitCode, error.ErrorCode, error.Diagnostics);
        }
        return response.Result;
    }

    private async Task<NetworkStream> ConnectAsync(CancellationToken ct)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(SocketPath), ct).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch (SocketException e)
        {
            socket.Dispose();
            string why = File.Exists(SocketPath) ? $"nobody answers: {e.Message}" : "no socket there";
            throw new RpcException($"cannot reach the Xenith daemon at {SocketPath} ({why}); start one with `xenith boot -d`");
        }
    }
}
