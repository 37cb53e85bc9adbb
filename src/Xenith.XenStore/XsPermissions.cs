using System.Collections.Immutable;
using System.Globalization;

namespace Xenith.XenStore;

/// <summary>Access a permission entry grants (the letters n, r, w, b).</summary>
[Flags]
public enum XsAccess
{
    /// <summary>n: none.</summary>
    None = 0,
    /// <summary>r: read.</summary>
    Read = 1,
    /// <summary>w: write.</summary>
    Write = 2,
    /// <summary>b: both.</summary>
    Both = Read | Write,
}

/// <summary>One node permission entry, <c>&lt;letter&gt;&lt;domid&gt;</c> on the wire (e.g. "r5").</summary>
public readonly record struct XsPerm(int DomId, XsAccess Access)
{
    /// <summary>Parses "n0", "r5", "w7", "b3" as xenstore_strings_to_perms (the id as strtol base 0).</summary>
    public static XsPerm Parse(string s)
    {
        ArgumentNullException.ThrowIfNull(s);
        if (s.Length < 2) throw new XenStoreException(XsError.EINVAL);
        XsAccess access = s[0] switch
        {
            'n' => XsAccess.None,
            'r' => XsAccess.Read,
            'w' => XsAccess.Write,
            'b' => XsAccess.Both,
            _ => throw new XenStoreException(XsError.EINVAL),
        };
        string id = s[1..];
        int radix = 10;
        if (id.Length > 2 && id[0] == '0' && (id[1] == 'x' || id[1] == 'X')) { radix = 16; id = id[2..]; }
        else if (id.Length > 1 && id[0] == '0') { radix = 8; id = id[1..]; }
        long v = 0;
        foreach (char c in id)
        {
            int d = char.IsAsciiDigit(c) ? c - '0' : char.IsAsciiHexDigit(c) ? (c | 0x20) - 'a' + 10 : 99;
            if (d >= radix) throw new XenStoreException(XsError.EINVAL);
            v = v * radix + d;
            // domid_t is 16 bits; a larger id can name no domain.
            if (v > 0xFFFF) throw new XenStoreException(XsError.EINVAL);
        }
        return new XsPerm((int)v, access);
    }

    /// <inheritdoc/>
    public override string ToString()
    {
        char letter = Access switch { XsAccess.Read => 'r', XsAccess.Write => 'w', XsAccess.Both => 'b', _ => 'n' };
        return letter + DomId.ToString(CultureInfo.InvariantCulture);
    }
}

/// <summary>xenstored's perm_for_conn(): what a connection may do to a node.</summary>
internal static class XsPermCheck
{
    /// <summary>Owner rights (XS_PERM_OWNER): only the owner and privileged connections may SET_PERMS.</summary>
    public const int Owner = 4;
    public const int Read = (int)XsAccess.Read;
    public const int Write = (int)XsAccess.Write;

    static bool Matches(XsConnection conn, int id) =>
        id == conn.DomId || (conn.Target is int t && id == t) || id == Abi.DomId.Any;

    public static int For(XsConnection conn, ImmutableArray<XsPerm> perms)
    {
        if (conn.IsPrivileged || Matches(conn, perms[0].DomId)) return Read | Write | Owner;
        for (int i = 1; i < perms.Length; i++)
            if (Matches(conn, perms[i].DomId)) return (int)perms[i].Access;
        return (int)perms[0].Access;
    }
}
