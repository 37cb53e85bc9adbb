using System.Text.Json.Serialization;

namespace Xenith.Rpc.Wire;

/// <summary>Source-generated serializers for every message (no reflection: trimming- and AOT-safe).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(RpcRequest))]
[JsonSerializable(typeof(RpcResponse))]
[JsonSerializable(typeof(NoArgs))]
[JsonSerializable(typeof(DomainArgs))]
[JsonSerializable(typeof(NameArgs))]
[JsonSerializable(typeof(ShutdownArgs))]
[JsonSerializable(typeof(WaitArgs))]
[JsonSerializable(typeof(RenameArgs))]
[JsonSerializable(typeof(MemSetArgs))]
[JsonSerializable(typeof(VcpuPinArgs))]
[JsonSerializable(typeof(SchedCreditSetArgs))]
[JsonSerializable(typeof(SchedParamsSetArgs))]
[JsonSerializable(typeof(DmesgArgs))]
[JsonSerializable(typeof(ConsoleArgs))]
[JsonSerializable(typeof(XenStorePathArgs))]
[JsonSerializable(typeof(XenStoreWriteArgs))]
[JsonSerializable(typeof(XenStoreWatchArgs))]
[JsonSerializable(typeof(CreateRequest))]
[JsonSerializable(typeof(CreateResult))]
[JsonSerializable(typeof(IReadOnlyList<DomainInfo>))]
[JsonSerializable(typeof(DomainInfo))]
[JsonSerializable(typeof(IReadOnlyList<VcpuInfo>))]
[JsonSerializable(typeof(IReadOnlyList<DomainUptime>))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
[JsonSerializable(typeof(SchedCredit))]
[JsonSerializable(typeof(SchedCreditParams))]
[JsonSerializable(typeof(DomainEvent))]
[JsonSerializable(typeof(HostInfo))]
[JsonSerializable(typeof(XenStoreWatchEvent))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(uint?))]
public sealed partial class RpcJsonContext : JsonSerializerContext;
