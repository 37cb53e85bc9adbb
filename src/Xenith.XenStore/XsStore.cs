using System.Collections.Immutable;

namespace Xenith.XenStore;

/// <summary>The live node table. Every change stamps the node with a new generation (used for conflict checks).</summary>
internal sealed class XsStore : IXsView
{
    readonly Dictionary<string, XsNode> _nodes = new(StringComparer.Ordinal);
    readonly XsAccounting _accounting = new();
    ulong _generation;

    public XsStore()
    {
        ImmutableArray<XsPerm> dom0Only = [new XsPerm(0, XsAccess.None)];
        Put("/", Empty(dom0Only, ["tool", "local"]));
        Put("/tool", Empty(dom0Only, ["xenstored"]));
        Put("/tool/xenstored", Empty(dom0Only, []));
        Put("/local", Empty(dom0Only, ["domain"]));
        Put("/local/domain", Empty(dom0Only, []));
        // As xenstored's setup_structure(): any domain may watch @releaseDomain, only dom0 @introduceDomain.
        Put(XsPath.ReleaseDomain, Empty([new XsPerm(0, XsAccess.None), new XsPerm(Abi.DomId.Any, XsAccess.Read)], []));
        Put(XsPath.IntroduceDomain, Empty(dom0Only, []));
    }

    static XsNode Empty(ImmutableArray<XsPerm> perms, ImmutableArray<string> children) => new([], perms, children, 0);

    public int Count => _nodes.Count;
    public IEnumerable<KeyValuePair<int, int>> NodeCounts => _accounting.NodeCounts;

    public XsNode? Get(string path) => _nodes.GetValueOrDefault(path);

    /// <summary>The generation a transaction compares against: 0 for a missing node.</summary>
    public ulong GenerationOf(string path) => _nodes.TryGetValue(path, out XsNode? n) ? n.Generation : 0;

    public void Put(string path, XsNode node)
    {
        XsNode stamped = node with { Generation = ++_generation };
        _accounting.Change(path, _nodes.GetValueOrDefault(path), stamped);
        _nodes[path] = stamped;
    }

    public void Delete(string path)
    {
        if (_nodes.Remove(path, out XsNode? old)) _accounting.Change(path, old, null);
    }

    public int NodesOwnedBy(int domid) => _accounting.Nodes(domid);
    public long MemoryOf(int domid) => _accounting.Memory(domid);
}
