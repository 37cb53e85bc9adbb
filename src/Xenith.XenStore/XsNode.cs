using System.Collections.Immutable;

namespace Xenith.XenStore;

/// <summary>One node: value bytes, permissions (entry 0 = owner), child names in creation order.</summary>
/// <remarks>Immutable so a transaction can hold a private copy of any node without copying the tree.</remarks>
internal sealed record XsNode(byte[] Value, ImmutableArray<XsPerm> Perms, ImmutableArray<string> Children, ulong Generation)
{
    public int Owner => Perms[0].DomId;

    /// <summary>xenstored's calc_node_acc_size(): header 16 + 8 per perm + value + NUL-terminated child names.</summary>
    public int AccountedSize
    {
        get
        {
            int size = 16 + 8 * Perms.Length + Value.Length;
            foreach (string c in Children) size += c.Length + 1;
            return size;
        }
    }

    /// <summary>Memory charged to the owner: the node plus its path, as xenstored charges its database entry.</summary>
    public long Memory(string path) => AccountedSize + path.Length;
}

/// <summary>Where operations read and write nodes: the live store, or a transaction's private view of it.</summary>
internal interface IXsView
{
    XsNode? Get(string path);
    void Put(string path, XsNode node);
    void Delete(string path);
    int NodesOwnedBy(int domid);
    long MemoryOf(int domid);
}

/// <summary>Per-domain node and memory counts kept as nodes come and go.</summary>
internal sealed class XsAccounting
{
    readonly Dictionary<int, int> _nodes = [];
    readonly Dictionary<int, long> _memory = [];

    public int Nodes(int domid) => _nodes.GetValueOrDefault(domid);
    public long Memory(int domid) => _memory.GetValueOrDefault(domid);
    public IEnumerable<KeyValuePair<int, int>> NodeCounts => _nodes;

    public void Change(string path, XsNode? before, XsNode? after)
    {
        if (before is not null) { Add(before.Owner, -1, -before.Memory(path)); }
        if (after is not null) { Add(after.Owner, 1, after.Memory(path)); }
    }

    void Add(int domid, int nodes, long memory)
    {
        _nodes[domid] = _nodes.GetValueOrDefault(domid) + nodes;
        _memory[domid] = _memory.GetValueOrDefault(domid) + memory;
    }
}
