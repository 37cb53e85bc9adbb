namespace Xenith.Xl.Formats;

/// <summary>
/// pCPU sets as xl prints and parses them. Printing (print_bitmap): <c>all</c> when every one of the
/// <c>nrCpus</c> bits is set, <c>none</c> when none is, else ranges like <c>0-3,5</c>. Parsing
/// (parse_cpurange): comma-separated <c>N</c>, <c>N-M</c>, <c>^N</c> (remove), <c>all</c>.
/// </summary>
internal static class CpuBitmap
{
    public const int MaxCpus = 64;

    public static string Format(ulong map, int nrCpus)
    {
        nrCpus = Math.Clamp(nrCpus, 0, MaxCpus);
        var parts = new List<string>();
        int i = 0;
        while (i < nrCpus)
        {
            if ((map >> i & 1) == 0)
            {
                i++;
                continue;
            }
            int first = i;
            while (i < nrCpus && (map >> i & 1) != 0)
                i++;
            if (first == 0 && i == nrCpus)
                return "all";
            parts.Add(i - 1 > first ? $"{first}-{i - 1}" : $"{first}");
        }
        return parts.Count == 0 ? "none" : string.Join(',', parts);
    }

    /// <summary>The set, or an error line as xl prints it.</summary>
    public static ulong? Parse(string text, out string? error)
    {
        error = null;
        ulong map = 0;
        foreach (string raw in text.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            string s = raw;
            bool remove = s.StartsWith('^');
            if (remove)
                s = s[1..];
            bool nodes = false;
            if (s.StartsWith("node:", StringComparison.Ordinal) || s.StartsWith("nodes:", StringComparison.Ordinal))
            {
                s = s[(s.IndexOf(':', StringComparison.Ordinal) + 1)..];
                nodes = true;
            }
            if (s == "all")
            {
                if (remove)
                {
                    error = "Can't combine \"^\" and \"all\".";
                    return null;
                }
                map = ulong.MaxValue;
                continue;
            }
            if (!TryRange(s, out int a, out int b))
            {
                error = $"Invalid pcpu range: {s}.";
                return null;
            }
            if (nodes)
            {
                // One NUMA node, 0, holding every pCPU.
                if (b > 0)
                {
                    error = "libxl_node_to_cpumap failed.";
                    return null;
                }
                map = remove ? 0 : ulong.MaxValue;
                continue;
            }
            for (int cpu = a; cpu <= b; cpu++)
                map = remove ? map & ~(1UL << cpu) : map | 1UL << cpu;
        }
        return map;
    }

    private static bool TryRange(string s, out int a, out int b)
    {
        a = b = -1;
        string[] ends = s.Split('-');
        if (ends.Length > 2 || !int.TryParse(ends[0], out a) || a < 0)
            return false;
        b = a;
        if (ends.Length == 2 && !int.TryParse(ends[1], out b))
            return false;
        return b >= a && b < MaxCpus;
    }
}
