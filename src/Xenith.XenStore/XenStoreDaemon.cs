using System.Collections.Immutable;

using XsAbi = Xenith.Abi.XenStore;

namespace Xenith.XenStore;

/// <summary>A guest ring to serve, as <see cref="XenStoreDaemon.InterfaceMapper"/> returns it for XS_INTRODUCE.</summary>
/// <param name="Page">The guest's xenstore_domain_interface page.</param>
/// <param name="Notify">Signals the guest's XenStore event channel.</param>
public sealed record XsRingBinding(IXenStoreRingPage Page, Action Notify);

/// <summary>
/// xenstored hosted in-process (the daemon is domain 0): owns the store, the ring connection of every
/// introduced domain and in-process clients. All state is guarded by one lock; watch callbacks of in-process
/// clients run after it is released, on the thread whose operation caused them.
/// </summary>
public sealed class XenStoreDaemon
{
    readonly Dictionary<int, RingConnection> _rings = [];
    readonly List<XsConnection> _connections = [];
    readonly Queue<XenStoreClient> _toDeliver = new();
    readonly object _queueGate = new();   // guards _toDeliver only, never held while taking another lock
    readonly object _deliverGate = new(); // one thread runs callbacks at a time; taken without Gate held

    /// <summary>Creates a store with the standard tree (/, /tool/xenstored, /local/domain, the special nodes).</summary>
    public XenStoreDaemon(XenStoreOptions? options = null)
    {
        Options = options ?? new XenStoreOptions();
        Dispatcher = new XsDispatcher(this);
    }

    /// <summary>Quotas and switches in force.</summary>
    public XenStoreOptions Options { get; }

    /// <summary>Maps a guest's ring page and event channel for an XS_INTRODUCE sent over the wire; null → EINVAL.</summary>
    public Func<int, ulong, uint, XsRingBinding?>? InterfaceMapper { get; set; }

    internal object Gate { get; } = new();
    internal XsStore Store { get; } = new();
    internal XsDispatcher Dispatcher { get; }

    /// <summary>Opens an in-process client (a toolstack or backend connection); privileged when it is domain 0.</summary>
    public XenStoreClient OpenClient(int domid = 0)
    {
        lock (Gate)
        {
            var c = new XenStoreClient(this, domid, privileged: domid == 0);
            _connections.Add(c.Connection);
            return c;
        }
    }

    /// <summary>Opens a whole-message connection (a socket client of xenstored); privileged when it is domain 0.</summary>
    public XsConnection OpenConnection(int domid = 0)
    {
        lock (Gate)
        {
            var c = new XsConnection(this, domid, privileged: domid == 0);
            _connections.Add(c);
            return c;
        }
    }

    /// <summary>Starts serving domain <paramref name="domid"/>'s ring and fires @introduceDomain.</summary>
    /// <exception cref="XenStoreException">EEXIST if it is already introduced, EINVAL for domain 0.</exception>
    public RingConnection IntroduceDomain(int domid, IXenStoreRingPage page, Action notify)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(notify);
        RingConnection ring;
        lock (Gate)
        {
            if (domid <= 0 || domid >= Abi.DomId.FirstReserved) throw new XenStoreException(XsError.EINVAL);
            if (_rings.ContainsKey(domid)) throw new XenStoreException(XsError.EEXIST);
            ring = AddRing(domid, new XsRingBinding(page, notify));
            AfterOperationLocked();
        }
        DeliverLocalEvents();
        ring.Kick();
        return ring;
    }

    RingConnection AddRing(int domid, XsRingBinding binding)
    {
        var ring = new RingConnection(this, domid, binding.Page, binding.Notify);
        _rings[domid] = ring;
        _connections.Add(ring);
        FireSpecial(XsPath.IntroduceDomain);
        return ring;
    }

    internal void IntroduceFromWireLocked(int domid, ulong gfn, uint port)
    {
        if (domid == 0 || _rings.ContainsKey(domid)) return;
        XsRingBinding binding = InterfaceMapper?.Invoke(domid, gfn, port) ?? throw new XenStoreException(XsError.EINVAL);
        AddRing(domid, binding);
    }

    /// <summary>Is the domain introduced (domain 0 always is).</summary>
    public bool IsDomainIntroduced(int domid)
    {
        lock (Gate) return IsDomainIntroducedLocked(domid);
    }

    internal bool IsDomainIntroducedLocked(int domid) => domid == 0 || _rings.ContainsKey(domid);

    internal RingConnection? RingConnectionLocked(int domid) => _rings.GetValueOrDefault(domid);

    /// <summary>The ring connection of an introduced domain.</summary>
    public RingConnection? GetRingConnection(int domid)
    {
        lock (Gate) return RingConnectionLocked(domid);
    }

    /// <summary>
    /// Forgets a domain (XS_RELEASE): closes its connection (watches, transactions, output), deletes the
    /// nodes it owns (or gives them to dom0 with KeepOrphans), removes it from other nodes' permissions and
    /// fires @releaseDomain.
    /// </summary>
    /// <exception cref="XenStoreException">ENOENT if not introduced, EINVAL for domain 0.</exception>
    public void ReleaseDomain(int domid)
    {
        lock (Gate)
        {
            if (domid == 0) throw new XenStoreException(XsError.EINVAL);
            if (!_rings.ContainsKey(domid)) throw new XenStoreException(XsError.ENOENT);
            ReleaseDomainLocked(domid);
            AfterOperationLocked();
        }
        DeliverLocalEvents();
    }

    internal void ReleaseDomainLocked(int domid)
    {
        RingConnection ring = _rings[domid];
        ring.Close(XsAbi.ErrorNone);
        _rings.Remove(domid);
        _connections.Remove(ring);
        RemoveDomainFromTree(domid);
        FireSpecial(XsPath.ReleaseDomain);
    }

    /// <summary>Fires @releaseDomain for a domain that shut down or crashed but is not yet released (as xenstored does).</summary>
    public void NotifyDomainShutdown()
    {
        lock (Gate)
        {
            FireSpecial(XsPath.ReleaseDomain);
            AfterOperationLocked();
        }
        DeliverLocalEvents();
    }

    /// <summary>Nodes owned by <paramref name="domid"/> (for lifecycle leak checks and quotas).</summary>
    public int NodesOwnedBy(int domid)
    {
        lock (Gate) return Store.NodesOwnedBy(domid);
    }

    /// <summary>All nodes in the store, special nodes included.</summary>
    public int NodeCount
    {
        get { lock (Gate) return Store.Count; }
    }

    void RemoveDomainFromTree(int domid)
    {
        var events = new List<XsEvent>();
        // Pre-order over the tree; each node is visited once (deleted subtrees are skipped), so it is bounded.
        var stack = new Stack<string>();
        stack.Push(XsPath.ReleaseDomain);
        stack.Push(XsPath.IntroduceDomain);
        stack.Push("/");
        while (stack.Count > 0)
        {
            string path = stack.Pop();
            XsNode? node = Store.Get(path);
            if (node is null) continue;
            if (node.Owner == domid && path != "/" && !path.StartsWith('@') && !Options.KeepOrphans)
            {
                XsOperations.RemoveTree(Store, path, events);
                continue;
            }
            ImmutableArray<XsPerm> perms = node.Perms;
            if (node.Owner == domid) perms = perms.SetItem(0, perms[0] with { DomId = 0 });
            var kept = perms.Where((p, i) => i == 0 || p.DomId != domid).ToImmutableArray();
            if (kept.Length != node.Perms.Length || node.Owner == domid) Store.Put(path, node with { Perms = kept });
            foreach (string child in node.Children) stack.Push(XsPath.Child(path, child));
        }
        FireLocked(events);
    }

    void FireSpecial(string name)
    {
        XsNode? node = Store.Get(name);
        if (node is not null) FireLocked([new XsEvent(name, XsMatch.NoDepth, node.Perms, null, null)]);
    }

    /// <summary>Queues each event on every connection with a matching watch that may see it.</summary>
    internal void FireLocked(IEnumerable<XsEvent> events)
    {
        foreach (XsEvent e in events)
            foreach (XsConnection c in _connections)
            {
                if (c.IsClosed || c.Watches.Count == 0 || !e.PermittedFor(c)) continue;
                foreach (XsWatch w in c.Watches)
                    if (e.Selects(w)) c.EnqueueEvent(w.EventPath(e.Path), w.Token);
            }
    }

    /// <summary>After any operation: push output into guest rings and note in-process clients with events.</summary>
    internal void AfterOperationLocked()
    {
        foreach (XsConnection c in _connections)
        {
            if (c is RingConnection r) r.FlushAndNotify();
            else if (c is LocalConnection l && l.PendingOutput > 0 && !l.IsClosed)
                lock (_queueGate) if (!_toDeliver.Contains(l.Client)) _toDeliver.Enqueue(l.Client);
        }
    }

    /// <summary>Runs in-process watch callbacks outside the store lock, in event order per client.</summary>
    internal void DeliverLocalEvents()
    {
        lock (_deliverGate)
        {
            // Bounded: each pass drains queued clients; callbacks that cause more events requeue them here.
            for (int guard = 0; guard < 1_000_000; guard++)
            {
                XenStoreClient? client;
                lock (_queueGate) if (!_toDeliver.TryDequeue(out client)) return;
                client.DeliverEvents();
            }
        }
    }

    internal void Remove(XsConnection c)
    {
        lock (Gate) _connections.Remove(c);
    }
}
