using System.Globalization;

namespace Xenith.XenStore;

/// <summary>Path rules of xenstored's canonicalize(): characters, relative paths, length quota.</summary>
internal static class XsPath
{
    public const string IntroduceDomain = "@introduceDomain";
    public const string ReleaseDomain = "@releaseDomain";
    const string LocalDomain = "/local/domain/";

    public static string DomainPath(int domid) => LocalDomain + domid.ToString(CultureInfo.InvariantCulture);

    static bool ValidChar(char c) =>
        c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '-' or '/' or '_' or '@';

    /// <summary>
    /// Resolves <paramref name="path"/> as sent by <paramref name="conn"/>; throws EINVAL when it is malformed.
    /// A path not starting with '/' or '@' is relative to the connection's /local/domain/&lt;id&gt;.
    /// </summary>
    public static string Canonicalize(XsConnection conn, string path, bool allowSpecial, int pathQuota)
    {
        foreach (char c in path)
            if (!ValidChar(c)) throw new XenStoreException(XsError.EINVAL);
        if (path.StartsWith('@') && !allowSpecial) throw new XenStoreException(XsError.EINVAL);
        string name = path.StartsWith('/') || path.StartsWith('@') ? path : DomainPath(conn.DomId) + "/" + path;
        if ((name.EndsWith('/') && name != "/") || name.Contains("//", StringComparison.Ordinal))
            throw new XenStoreException(XsError.EINVAL);
        // The length quota counts only what follows /local/domain/<id>/, so every domain gets the same room.
        if (!conn.IsPrivileged && pathQuota > 0 && name.Length - LocalOffset(name) >= pathQuota)
            throw new XenStoreException(XsError.EINVAL);
        return name;
    }

    static int LocalOffset(string name)
    {
        if (!name.StartsWith(LocalDomain, StringComparison.Ordinal)) return 0;
        int i = LocalDomain.Length, digits = 0;
        while (i < name.Length && digits < 5 && char.IsAsciiDigit(name[i])) { i++; digits++; }
        return digits > 0 && i < name.Length && name[i] == '/' ? i + 1 : 0;
    }

    /// <summary>The parent as xenstored's get_parent(): "/" for "/a" and for "@special".</summary>
    public static string Parent(string name)
    {
        int slash = name.LastIndexOf('/');
        return slash <= 0 ? "/" : name[..slash];
    }

    public static string Basename(string name) => name[(name.LastIndexOf('/') + 1)..];

    public static string Child(string parent, string child) => parent == "/" ? "/" + child : parent + "/" + child;

    /// <summary>Is <paramref name="child"/> <paramref name="parent"/> or below it (is_child with no depth).</summary>
    public static bool IsSelfOrBelow(string child, string parent)
    {
        if (!child.StartsWith(parent, StringComparison.Ordinal)) return false;
        return parent.Length == 1 || child.Length == parent.Length || child[parent.Length] == '/';
    }

    /// <summary>xenstored's parse_domid(): decimal, whole string, ≤ 65535 (an empty string is 0, as strtoul).</summary>
    public static int ParseDomid(string s)
    {
        long v = 0;
        foreach (char c in s)
        {
            if (!char.IsAsciiDigit(c)) throw new XenStoreException(XsError.EINVAL);
            v = v * 10 + (c - '0');
            if (v > 65535) throw new XenStoreException(XsError.EINVAL);
        }
        return (int)v;
    }
}
