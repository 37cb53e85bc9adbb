using System.Text.Json;

namespace Xenith.Rpc.Wire;

/// <summary>One call: the operation's name (<see cref="RpcOps"/>) and its arguments as a JSON value.</summary>
public sealed record RpcRequest(string Op, JsonElement Args);

/// <summary>The answer to one call: a result (JSON null for none) or an error.</summary>
public sealed record RpcResponse(bool Ok, JsonElement Result, RpcError? Error)
{
    /// <summary>JSON null: the result of a call that returns nothing.</summary>
    public static JsonElement Null { get; } = JsonDocument.Parse("null").RootElement.Clone();

    public static RpcResponse Success() => new(true, Null, null);

    public static RpcResponse Success(JsonElement result) => new(true, result, null);

    public static RpcResponse Failure(RpcError error) => new(false, Null, error);
}

/// <summary>An <see cref="RpcException"/> on the wire.</summary>
public sealed record RpcError(string Message, int ExitCode, int ErrorCode, IReadOnlyList<string> Diagnostics);

public sealed record NoArgs;

public sealed record DomainArgs(uint DomId);

public sealed record NameArgs(string Name);

public sealed record ShutdownArgs(uint DomId, bool Reboot);

public sealed record WaitArgs(uint DomId, bool UntilDeath);

public sealed record RenameArgs(uint DomId, string NewName);

public sealed record MemSetArgs(uint DomId, ulong TargetKb);

public sealed record VcpuPinArgs(uint DomId, int Vcpu, ulong? Hard, ulong? Soft);

public sealed record SchedCreditSetArgs(uint DomId, int? Weight, int? Cap);

public sealed record SchedParamsSetArgs(int? TsliceMs, int? RatelimitUs, int? MigrationDelayUs);

public sealed record DmesgArgs(bool Clear);

public sealed record ConsoleArgs(uint DomId, ConsoleType Type, int Number);

public sealed record XenStorePathArgs(string Path);

public sealed record XenStoreWriteArgs(string Path, string Value);

public sealed record XenStoreWatchArgs(string Path, string Token);
