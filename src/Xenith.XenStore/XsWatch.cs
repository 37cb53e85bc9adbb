using System.Collections.Immutable;

namespace Xenith.XenStore;

/// <summary>A registered watch: canonical path, token, and how much of an event path to strip for relative watches.</summary>
internal sealed record XsWatch(string Node, string Token, int PrefixLength)
{
    public string EventPath(string path) => PrefixLength > 0 && path.Length > PrefixLength ? path[PrefixLength..] : path;
}

/// <summary>How an event path selects watches (xenstored's enum watch_match).</summary>
internal enum XsMatch
{
    /// <summary>Watches on the path or any ancestor of it.</summary>
    Subtree,
    /// <summary>Only watches on exactly this path (descendants removed with an ancestor).</summary>
    Exact,
    /// <summary>Special nodes (@introduceDomain, @releaseDomain): exact, and only watches without a depth.</summary>
    NoDepth,
}

/// <summary>
/// A change to fire. The permissions are captured when the change happens so a watcher is told only about
/// nodes it could read (itself or its parent, or before a permission change), as xenstored's watch_permitted().
/// </summary>
internal sealed record XsEvent(string Path, XsMatch Match, ImmutableArray<XsPerm> Perms, ImmutableArray<XsPerm>? ParentPerms, ImmutableArray<XsPerm>? OldPerms)
{
    public bool PermittedFor(XsConnection conn)
    {
        if (conn.IsPrivileged) return true;
        if (OldPerms is { } old && (XsPermCheck.For(conn, old) & XsPermCheck.Read) != 0) return true;
        if ((XsPermCheck.For(conn, Perms) & XsPermCheck.Read) != 0) return true;
        return ParentPerms is { } parent && (XsPermCheck.For(conn, parent) & XsPermCheck.Read) != 0;
    }

    public bool Selects(XsWatch watch) => Match switch
    {
        XsMatch.Subtree => XsPath.IsSelfOrBelow(Path, watch.Node),
        _ => Path == watch.Node,
    };
}
