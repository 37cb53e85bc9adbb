namespace Xenith.Rpc.Wire;

/// <summary>
/// Operation names on the wire. <see cref="Console"/> and <see cref="XenStoreWatch"/> turn the connection
/// into a stream after a successful answer: raw bytes both ways for a console, one framed
/// <see cref="XenStoreWatchEvent"/> per fired watch for a watch.
/// </summary>
public static class RpcOps
{
    public const string Ping = "ping";
    public const string Create = "create";
    public const string List = "list";
    public const string DomainInfo = "domain-info";
    public const string DomainConfig = "domain-config";
    public const string DomId = "domid";
    public const string DomName = "domname";
    public const string Destroy = "destroy";
    public const string Shutdown = "shutdown";
    public const string Wait = "wait";
    public const string Pause = "pause";
    public const string Unpause = "unpause";
    public const string Rename = "rename";
    public const string Uptime = "uptime";
    public const string MemSet = "mem-set";
    public const string VcpuList = "vcpu-list";
    public const string VcpuPin = "vcpu-pin";
    public const string SchedCreditGet = "sched-credit-get";
    public const string SchedCreditSet = "sched-credit-set";
    public const string SchedParamsGet = "sched-params-get";
    public const string SchedParamsSet = "sched-params-set";
    public const string Info = "info";
    public const string Dmesg = "dmesg";
    public const string Console = "console";
    public const string XenStoreDirectory = "xs-directory";
    public const string XenStoreRead = "xs-read";
    public const string XenStoreWrite = "xs-write";
    public const string XenStoreRemove = "xs-rm";
    public const string XenStoreWatch = "xs-watch";
    public const string Halt = "halt";
}
