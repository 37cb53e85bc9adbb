using Xenith.Hypervisor.Domains;
using Xenith.Toolstack.Config;
using Xenith.Toolstack.Console;

namespace Xenith.Toolstack;

/// <summary>What the toolstack keeps about a guest it built (libxl's per-domain state): the config it came from (for
/// restarts and xl list -l), its backends and its creation time.</summary>
internal sealed class GuestRecord(Domain domain, XlDomainConfig config, Guid uuid, DateTime created)
{
    public Domain Domain { get; } = domain;
    public XlDomainConfig Config { get; } = config;
    public Guid Uuid { get; } = uuid;
    public DateTime Created { get; } = created;
    public ConsoleBackend? Console { get; set; }
    /// <summary>The guest's virtual block devices, in config order.</summary>
    public List<Block.BlockBackend> Disks { get; } = [];
    public Xenith.XenStore.RingConnection? Store { get; set; }
    public uint StorePort { get; set; }
    public Xenith.Hypervisor.Memory.ForeignPage? StorePage { get; set; }
    public ulong TargetKb { get; set; } = (ulong)config.MemoryMiB << 10;
    /// <summary>Toolstack-side action already taken for the domain's end (so it is applied once).</summary>
    public bool Handled { get; set; }
    public bool Dying { get; set; }
    public List<(TaskCompletionSource<Xenith.Rpc.DomainEvent> Done, bool UntilDeath)> Waiters { get; } = [];
}
