using System.Collections.Immutable;

namespace Xenith.XenStore;

/// <summary>
/// The node operations of xenstored's core.c (read, write, mkdir, rm, directory, perms) on a view, with its
/// permission rules and node quotas. Each either completes or throws before changing anything.
/// </summary>
internal sealed class XsOperations(XenStoreOptions options)
{
    public string Canonical(XsConnection conn, string path, bool allowSpecial) =>
        XsPath.Canonicalize(conn, path, allowSpecial, options.PathLength);

    /// <summary>The node if it exists and allows <paramref name="perm"/>; null if missing and the caller may know.</summary>
    public static XsNode? TryGetChecked(XsConnection conn, IXsView view, string name, int perm)
    {
        XsNode? node = view.Get(name);
        if (node is not null)
        {
            if ((XsPermCheck.For(conn, node.Perms) & perm) != perm) throw new XenStoreException(XsError.EACCES);
            return node;
        }
        // A missing node is ENOENT only to whoever the nearest existing ancestor lets in; everyone else gets
        // EACCES so that hidden subtrees do not reveal what exists in them (errno_from_parents()).
        string p = name;
        XsNode? ancestor = null;
        for (int depth = 0; ancestor is null && p != "/" && depth <= name.Length; depth++)
        {
            p = XsPath.Parent(p);
            ancestor = view.Get(p);
        }
        if (ancestor is null || (XsPermCheck.For(conn, ancestor.Perms) & perm) == 0) throw new XenStoreException(XsError.EACCES);
        return null;
    }

    public static XsNode GetChecked(XsConnection conn, IXsView view, string name, int perm) =>
        TryGetChecked(conn, view, name, perm) ?? throw new XenStoreException(XsError.ENOENT);

    public byte[] Read(XsConnection conn, IXsView view, string path) =>
        GetChecked(conn, view, Canonical(conn, path, false), XsPermCheck.Read).Value;

    public ImmutableArray<string> Directory(XsConnection conn, IXsView view, string path) =>
        GetChecked(conn, view, Canonical(conn, path, false), XsPermCheck.Read).Children;

    public XsNode DirectoryNode(XsConnection conn, IXsView view, string path) =>
        GetChecked(conn, view, Canonical(conn, path, false), XsPermCheck.Read);

    public ImmutableArray<XsPerm> GetPerms(XsConnection conn, IXsView view, string path) =>
        GetChecked(conn, view, Canonical(conn, path, true), XsPermCheck.Read).Perms;

    public void Write(XsConnection conn, IXsView view, string path, byte[] value, List<XsEvent> events)
    {
        string name = Canonical(conn, path, false);
        XsNode? node = TryGetChecked(conn, view, name, XsPermCheck.Write);
        XsNode written = node is null ? Create(conn, view, name, value) : Modify(conn, view, name, node with { Value = value });
        events.Add(Event(view, name, XsMatch.Subtree, written.Perms, null));
    }

    public void Mkdir(XsConnection conn, IXsView view, string path, List<XsEvent> events)
    {
        string name = Canonical(conn, path, false);
        if (TryGetChecked(conn, view, name, XsPermCheck.Write) is not null) return;
        XsNode created = Create(conn, view, name, []);
        events.Add(Event(view, name, XsMatch.Subtree, created.Perms, null));
    }

    public void Rm(XsConnection conn, IXsView view, string path, List<XsEvent> events)
    {
        string name = Canonical(conn, path, false);
        XsNode? node = TryGetChecked(conn, view, name, XsPermCheck.Write);
        if (node is null)
        {
            // Removing a missing node is fine as long as its parent exists.
            if (view.Get(XsPath.Parent(name)) is null) throw new XenStoreException(XsError.ENOENT);
            return;
        }
        if (name == "/") throw new XenStoreException(XsError.EINVAL);
        RemoveTree(view, name, events);
    }

    /// <summary>Deletes a subtree children first, firing each removed node as xenstored's delnode_sub().</summary>
    public static void RemoveTree(IXsView view, string name, List<XsEvent> events)
    {
        string parentName = XsPath.Parent(name);
        XsNode parent = view.Get(parentName) ?? throw new XenStoreException(XsError.EIO);
        // Post-order walk with an explicit stack; it visits each existing node once, so it is bounded by the store.
        var stack = new Stack<(string Path, bool Expanded)>();
        stack.Push((name, false));
        while (stack.Count > 0)
        {
            var (path, expanded) = stack.Pop();
            XsNode? node = view.Get(path);
            if (node is null) continue;
            if (!expanded)
            {
                stack.Push((path, true));
                for (int i = node.Children.Length - 1; i >= 0; i--) stack.Push((XsPath.Child(path, node.Children[i]), false));
                continue;
            }
            events.Add(Event(view, path, path == name ? XsMatch.Subtree : XsMatch.Exact, node.Perms, null));
            view.Delete(path);
        }
        view.Put(parentName, parent with { Children = parent.Children.Remove(XsPath.Basename(name)) });
    }

    public void SetPerms(XsConnection conn, IXsView view, List<string> strings, List<XsEvent> events)
    {
        if (strings.Count < 2) throw new XenStoreException(XsError.EINVAL);
        int count = strings.Count - 1;
        if (!conn.IsPrivileged && options.PermissionsPerNode > 0 && count >= options.PermissionsPerNode)
            throw new XenStoreException(XsError.ENOSPC);
        var perms = ImmutableArray.CreateBuilder<XsPerm>(count);
        for (int i = 1; i < strings.Count; i++) perms.Add(XsPerm.Parse(strings[i]));
        string name = Canonical(conn, strings[0], true);
        XsNode node = GetChecked(conn, view, name, XsPermCheck.Write | XsPermCheck.Owner);
        if (!conn.IsPrivileged && perms[0].DomId != node.Owner) throw new XenStoreException(XsError.EPERM);
        XsNode written = Modify(conn, view, name, node with { Perms = perms.MoveToImmutable() });
        events.Add(Event(view, name, XsMatch.Subtree, written.Perms, node.Perms));
    }

    static XsEvent Event(IXsView view, string name, XsMatch match, ImmutableArray<XsPerm> perms, ImmutableArray<XsPerm>? old) =>
        new(name, match, perms, name == "/" ? null : view.Get(XsPath.Parent(name))?.Perms, old);

    XsNode Modify(XsConnection conn, IXsView view, string name, XsNode node)
    {
        CheckSize(conn, node);
        CheckMemory(conn, view, node.Owner, node.Memory(name) - (view.Get(name)?.Memory(name) ?? 0));
        view.Put(name, node);
        return node;
    }

    void CheckSize(XsConnection conn, XsNode node)
    {
        if (!conn.IsPrivileged && options.NodeSize > 0 && node.AccountedSize >= options.NodeSize)
            throw new XenStoreException(XsError.ENOSPC);
    }

    void CheckMemory(XsConnection conn, IXsView view, int owner, long added)
    {
        if (!conn.IsPrivileged && options.MemoryPerDomain > 0 && added > 0 && view.MemoryOf(owner) + added >= options.MemoryPerDomain)
            throw new XenStoreException(XsError.ENOMEM);
    }

    /// <summary>
    /// Creates <paramref name="name"/> and any missing ancestors (xenstored's construct_node()): each new node
    /// copies its parent's permissions and an unprivileged creator becomes its owner. All checks come first.
    /// </summary>
    XsNode Create(XsConnection conn, IXsView view, string name, byte[] value)
    {
        var missing = new List<string>();
        string p = name;
        XsNode? parent = null;
        while (parent is null)
        {
            missing.Add(p);
            if (p == "/") throw new XenStoreException(XsError.EIO);
            p = XsPath.Parent(p);
            parent = view.Get(p);
        }
        if (!conn.IsPrivileged && options.NodesPerDomain > 0 && view.NodesOwnedBy(conn.DomId) + missing.Count >= options.NodesPerDomain)
            throw new XenStoreException(XsError.ENOSPC);

        var writes = new List<(string Path, XsNode Node)>();
        string parentName = p;
        long memory = 0;
        for (int i = missing.Count - 1; i >= 0; i--)
        {
            string child = missing[i];
            XsNode withChild = parent with { Children = parent.Children.Add(XsPath.Basename(child)) };
            CheckSize(conn, withChild);
            if (i == missing.Count - 1)
            {
                memory += withChild.Memory(parentName) - parent.Memory(parentName);
                writes.Add((parentName, withChild));
            }
            else writes[^1] = (parentName, withChild);
            ImmutableArray<XsPerm> perms = parent.Perms;
            if (!conn.IsPrivileged) perms = perms.SetItem(0, perms[0] with { DomId = conn.DomId });
            XsNode node = new(i == 0 ? value : [], perms, [], 0);
            CheckSize(conn, node);
            memory += node.Memory(child);
            writes.Add((child, node));
            parent = node;
            parentName = child;
        }
        CheckMemory(conn, view, conn.DomId, memory);
        foreach (var (path, node) in writes) view.Put(path, node);
        return writes[^1].Node;
    }
}
