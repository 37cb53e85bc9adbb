namespace Xenith.XenStore;

/// <summary>
/// A transaction: a copy-on-write overlay over the live store plus the generation of every node it looked
/// at. Commit fails with EAGAIN if any of those nodes changed meanwhile, as xenstored's finalize_transaction().
/// </summary>
internal sealed class XsTransaction : IXsView
{
    readonly XsStore _store;
    readonly XsConnection _conn;
    readonly int _nodeQuota;
    readonly Dictionary<string, ulong> _accessed = new(StringComparer.Ordinal);
    readonly Dictionary<string, XsNode?> _overlay = new(StringComparer.Ordinal);
    readonly XsAccounting _delta = new();

    public XsTransaction(uint id, XsStore store, XsConnection conn, int nodeQuota)
    {
        Id = id;
        _store = store;
        _conn = conn;
        _nodeQuota = nodeQuota;
    }

    public uint Id { get; }

    /// <summary>Set when an operation failed half-way; commit then answers ENOMEM, as xenstored.</summary>
    public bool Failed { get; set; }

    /// <summary>Watch events to fire when (and only if) the transaction commits.</summary>
    public List<XsEvent> Events { get; } = [];

    public bool CreatedNodes { get; private set; }

    void Access(string path)
    {
        if (_accessed.ContainsKey(path)) return;
        if (!_conn.IsPrivileged && _nodeQuota > 0 && _accessed.Count + 1 >= _nodeQuota)
        {
            Failed = true;
            throw new XenStoreException(XsError.ENOSPC);
        }
        _accessed[path] = _store.GenerationOf(path);
    }

    public XsNode? Get(string path)
    {
        if (_overlay.TryGetValue(path, out XsNode? mine)) return mine;
        Access(path);
        return _store.Get(path);
    }

    public void Put(string path, XsNode node)
    {
        XsNode? before = Get(path);
        if (before is null) CreatedNodes = true;
        _delta.Change(path, before, node);
        _overlay[path] = node;
    }

    public void Delete(string path)
    {
        XsNode? before = Get(path);
        _delta.Change(path, before, null);
        _overlay[path] = null;
    }

    public int NodesOwnedBy(int domid) => _store.NodesOwnedBy(domid) + _delta.Nodes(domid);
    public long MemoryOf(int domid) => _store.MemoryOf(domid) + _delta.Memory(domid);

    /// <summary>Applies the overlay to the store, or throws EAGAIN on a conflict (the store is then untouched).</summary>
    public void Commit(int nodesQuota)
    {
        if (Failed) throw new XenStoreException(XsError.ENOMEM);
        foreach ((string path, ulong generation) in _accessed)
            if (_store.GenerationOf(path) != generation) throw new XenStoreException(XsError.EAGAIN);
        // Creations are re-checked against the quota as the store stands now (xenstored's acc_fix_domains).
        int delta = _delta.Nodes(_conn.DomId);
        if (CreatedNodes && !_conn.IsPrivileged && nodesQuota > 0 && delta > 0 && NodesOwnedBy(_conn.DomId) >= nodesQuota)
            throw new XenStoreException(XsError.ENOSPC);
        foreach ((string path, XsNode? node) in _overlay)
        {
            if (node is null) _store.Delete(path);
            else _store.Put(path, node);
        }
    }
}
