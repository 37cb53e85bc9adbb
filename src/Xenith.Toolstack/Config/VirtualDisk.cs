namespace Xenith.Toolstack.Config;

/// <summary>
/// libxl's mapping from a vdev name to the <c>virtual-device</c> number of xen-vbd-interface:
/// <c>xvdX[N]</c> and <c>dDpP</c> → 202&lt;&lt;8 | disk&lt;&lt;4 | part (disks 0–15, parts 0–15) else
/// 1&lt;&lt;28 | disk&lt;&lt;8 | part; <c>hdX[N]</c> → (3 or 22)&lt;&lt;8 | (disk&amp;1)&lt;&lt;6 | part;
/// <c>sdX[N]</c> → 8&lt;&lt;8 | disk&lt;&lt;4 | part; a plain number is taken as is.
/// </summary>
public static class VirtualDisk
{
    /// <summary>The device number, or -1 for a name libxl would reject.</summary>
    public static int DeviceNumber(string vdev)
    {
        if (ParseDp(vdev, out int disk, out int part) || Matches(vdev, "xvd", (1 << 20) - 1, 255, out disk, out part))
            return disk <= 15 && part <= 15 ? 202 << 8 | disk << 4 | part : 1 << 28 | disk << 8 | part;
        if (CNumber.StrToL(vdev, out long number) == CNumber.Result.Ok && number is >= 0 and <= int.MaxValue && !vdev.StartsWith('-'))
            return (int)number;
        if (Matches(vdev, "hd", 3, 63, out disk, out part))
            return (disk < 2 ? 3 : 22) << 8 | (disk & 1) << 6 | part;
        if (Matches(vdev, "sd", 15, 15, out disk, out part))
            return 8 << 8 | disk << 4 | part;
        return -1;
    }

    /// <summary><c>d&lt;disk&gt;p&lt;part&gt;</c>, decimal, disk &lt; 2^20, part &lt; 256.</summary>
    private static bool ParseDp(string s, out int disk, out int part)
    {
        disk = part = 0;
        int p = s.IndexOf('p', StringComparison.Ordinal);
        return s.Length > 3 && s[0] == 'd' && p > 1
            && int.TryParse(s.AsSpan(1, p - 1), System.Globalization.NumberStyles.None, null, out disk)
            && int.TryParse(s.AsSpan(p + 1), System.Globalization.NumberStyles.None, null, out part)
            && disk < 1 << 20 && part < 256;
    }

    /// <summary>Prefix, then letters as a bijective base-26 disk index (a=0, z=25, aa=26), then an optional partition without leading zero.</summary>
    private static bool Matches(string s, string prefix, int maxDisk, int maxPart, out int disk, out int part)
    {
        disk = -1;
        part = 0;
        if (!s.StartsWith(prefix, StringComparison.Ordinal))
            return false;
        int i = prefix.Length;
        for (; i < s.Length && s[i] is >= 'a' and <= 'z'; i++)
        {
            disk = (disk + 1) * 26 + (s[i] - 'a');
            if (disk > maxDisk)
                return false;
        }
        if (disk < 0)
            return false;
        if (i == s.Length)
            return true;
        if (s[i] == '0' || !int.TryParse(s.AsSpan(i), System.Globalization.NumberStyles.None, null, out part))
            return false;
        return part <= maxPart;
    }
}
