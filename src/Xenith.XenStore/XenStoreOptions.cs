namespace Xenith.XenStore;

/// <summary>
/// Quotas and switches of the store. Defaults are C xenstored's (tools/xenstored/domain.c). As in xenstored a
/// quota of 0 disables it, dom0 (and any privileged connection) is exempt, and a limit is hit when the new
/// total reaches the quota (<c>val &gt;= quota</c>): e.g. NodesPerDomain = 1000 lets a domain own 999 nodes.
/// </summary>
public sealed record XenStoreOptions
{
    /// <summary>Nodes a domain may own (-Q nodes=). Hit → ENOSPC.</summary>
    public int NodesPerDomain { get; init; } = 1000;
    /// <summary>Watches per domain (-W). Hit → ENOSPC.</summary>
    public int WatchesPerDomain { get; init; } = 128;
    /// <summary>Replies a domain may leave unread before xenstored stops reading its requests (-Q outstanding=).</summary>
    public int OutstandingRequests { get; init; } = 20;
    /// <summary>Bytes of nodes and watches charged to a domain (-Q memory=, 2.5 MB). Hit → ENOMEM.</summary>
    public long MemoryPerDomain { get; init; } = 2 * 1024 * 1024 + 512 * 1024;
    /// <summary>Concurrent transactions per connection (-t). Hit → ENOSPC.</summary>
    public int TransactionsPerDomain { get; init; } = 10;
    /// <summary>Distinct nodes one transaction may touch (-Q transaction-nodes=). Hit → ENOSPC.</summary>
    public int NodesPerTransaction { get; init; } = 1024;
    /// <summary>Permission entries in one SET_PERMS (-A). Hit → ENOSPC.</summary>
    public int PermissionsPerNode { get; init; } = 5;
    /// <summary>Path length below /local/domain/&lt;id&gt;/ (-M, XENSTORE_REL_PATH_MAX). Hit → EINVAL.</summary>
    public int PathLength { get; init; } = 2048;
    /// <summary>Node size: 16-byte header + 8 per permission + value + child names (-S). Hit → ENOSPC.</summary>
    public int NodeSize { get; init; } = 2048;
    /// <summary>
    /// Watch events queued for one guest connection that is not reading its ring; later events are dropped
    /// (counted in <see cref="XsConnection.DroppedEvents"/>). xenstored bounds them by memory and a 20 s
    /// lifetime; a count is deterministic. oxenstored's maxwatchevents default.
    /// </summary>
    public int PendingWatchEvents { get; init; } = 1024;
    /// <summary>Keep a released domain's nodes, re-owned by dom0 (xenstored -K), instead of deleting them.</summary>
    public bool KeepOrphans { get; init; }
}
