using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Xenith.Rpc.Wire;

/// <summary>Turns one plain request (no stream after it) into a call on the service and its result as JSON.</summary>
internal static class RpcDispatcher
{
    private static RpcJsonContext Json => RpcJsonContext.Default;

    private static JsonElement Null => RpcResponse.Null;

    public static async Task<JsonElement> DispatchAsync(IToolstackService s, RpcRequest r, CancellationToken ct)
    {
        switch (r.Op)
        {
            case RpcOps.Ping: return Null;
            case RpcOps.Create: return Result(s.Create(Args(r, Json.CreateRequest)), Json.CreateResult);
            case RpcOps.List: return Result(s.ListDomains(), Json.IReadOnlyListDomainInfo);
            case RpcOps.DomainInfo: return Result(s.GetDomain(Args(r, Json.DomainArgs).DomId), Json.DomainInfo);
            case RpcOps.DomainConfig: return Result(s.GetDomainConfigJson(Args(r, Json.DomainArgs).DomId), Json.String);
            case RpcOps.DomId: return Result(s.DomainIdByName(Args(r, Json.NameArgs).Name), Json.NullableUInt32);
            case RpcOps.DomName: return Result(s.DomainName(Args(r, Json.DomainArgs).DomId), Json.String);
            case RpcOps.Destroy: s.Destroy(Args(r, Json.DomainArgs).DomId); return Null;
            case RpcOps.Shutdown:
                var sh = Args(r, Json.ShutdownArgs);
                s.Shutdown(sh.DomId, sh.Reboot);
                return Null;
            case RpcOps.Wait:
                var w = Args(r, Json.WaitArgs);
                return Result(await s.WaitForDomainAsync(w.DomId, w.UntilDeath, ct).ConfigureAwait(false), Json.DomainEvent);
            case RpcOps.Pause: s.Pause(Args(r, Json.DomainArgs).DomId); return Null;
            case RpcOps.Unpause: s.Unpause(Args(r, Json.DomainArgs).DomId); return Null;
            case RpcOps.Rename:
                var rn = Args(r, Json.RenameArgs);
                s.Rename(rn.DomId, rn.NewName);
                return Null;
            case RpcOps.Uptime: return Result(s.ListUptimes(), Json.IReadOnlyListDomainUptime);
            case RpcOps.MemSet:
                var m = Args(r, Json.MemSetArgs);
                s.SetMemoryTarget(m.DomId, m.TargetKb);
                return Null;
            case RpcOps.VcpuList: return Result(s.ListVcpus(Args(r, Json.DomainArgs).DomId), Json.IReadOnlyListVcpuInfo);
            case RpcOps.VcpuPin:
                var p = Args(r, Json.VcpuPinArgs);
                s.PinVcpu(p.DomId, p.Vcpu, p.Hard, p.Soft);
                return Null;
            case RpcOps.SchedCreditGet: return Result(s.GetSchedCredit(Args(r, Json.DomainArgs).DomId), Json.SchedCredit);
            case RpcOps.SchedCreditSet:
                var sc = Args(r, Json.SchedCreditSetArgs);
                s.SetSchedCredit(sc.DomId, sc.Weight, sc.Cap);
                return Null;
            case RpcOps.SchedParamsGet: return Result(s.GetSchedCreditParams(), Json.SchedCreditParams);
            case RpcOps.SchedParamsSet:
                var sp = Args(r, Json.SchedParamsSetArgs);
                s.SetSchedCreditParams(sp.TsliceMs, sp.RatelimitUs, sp.MigrationDelayUs);
                return Null;
            case RpcOps.Info: return Result(s.GetHostInfo(), Json.HostInfo);
            case RpcOps.Dmesg: return Result(s.ReadHypervisorLog(Args(r, Json.DmesgArgs).Clear), Json.String);
            case RpcOps.XenStoreDirectory:
                return Result(s.XenStoreDirectory(Args(r, Json.XenStorePathArgs).Path), Json.IReadOnlyListString);
            case RpcOps.XenStoreRead: return Result(s.XenStoreRead(Args(r, Json.XenStorePathArgs).Path), Json.String);
            case RpcOps.XenStoreWrite:
                var xw = Args(r, Json.XenStoreWriteArgs);
                s.XenStoreWrite(xw.Path, xw.Value);
                return Null;
            case RpcOps.XenStoreRemove: s.XenStoreRemove(Args(r, Json.XenStorePathArgs).Path); return Null;
            default:
                throw new RpcException($"unknown operation '{r.Op}'", 1, LibxlError.NotImplemented);
        }
    }

    private static T Args<T>(RpcRequest r, JsonTypeInfo<T> type)
    {
        try
        {
            return r.Args.Deserialize(type) ?? throw new RpcException($"{r.Op}: missing arguments", 1, LibxlError.Invalid);
        }
        catch (JsonException e)
        {
            throw new RpcException($"{r.Op}: bad arguments: {e.Message}", 1, LibxlError.Invalid);
        }
    }

    private static JsonElement Result<T>(T value, JsonTypeInfo<T> type) => JsonSerializer.SerializeToElement(value, type);
}
