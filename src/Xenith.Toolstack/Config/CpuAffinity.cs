using System.Numerics;
using System.Text;

namespace Xenith.Toolstack.Config;

/// <summary>
/// A set of physical CPUs a vCPU may run on (hard affinity, <c>cpus=</c>) or prefers (soft, <c>cpus_soft=</c>),
/// as a bitmap over pCPUs 0..<see cref="MaxPcpus"/>-1. Like libxl's cpumap, bits past its size are dropped.
/// </summary>
public readonly record struct CpuAffinity(ulong Mask)
{
    public const int MaxPcpus = 64;

    public static CpuAffinity All => new(ulong.MaxValue);

    public bool IsAll => Mask == ulong.MaxValue;

    public bool Contains(int pcpu) => pcpu is >= 0 and < MaxPcpus && (Mask >> pcpu & 1) != 0;

    /// <summary>
    /// xl's cpu range syntax: comma-separated items, each <c>all</c>, <c>N</c> or <c>N-M</c>, optionally
    /// <c>node:</c>/<c>nodes:</c> (NUMA nodes; the board has one, node 0, holding every pCPU) and optionally
    /// led by <c>^</c> to remove instead of add. Items apply left to right: <c>"all,^1"</c> is every pCPU but 1.
    /// Returns null with xl's message on a bad item.
    /// </summary>
    public static CpuAffinity? Parse(string spec, out string? error)
    {
        error = null;
        ulong mask = 0;
        foreach (string raw in spec.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            string item = raw;
            bool remove = item.StartsWith('^');
            if (remove)
                item = item[1..];
            bool nodes = false;
            foreach (string prefix in (ReadOnlySpan<string>)["node:", "nodes:"])
            {
                if (item.StartsWith(prefix, StringComparison.Ordinal))
                {
                    item = item[prefix.Length..];
                    nodes = true;
                    break;
                }
            }
            if (item == "all")
            {
                if (remove)
                {
                    error = "Can't combine \"^\" and \"all\".";
                    return null;
                }
                mask = ulong.MaxValue;
                continue;
            }
            if (!ParseRange(item, out ulong first, out ulong last))
            {
                error = $"Invalid pcpu range: {item}.";
                return null;
            }
            ulong bits;
            if (nodes)
            {
                if (first != 0)
                {
                    error = $"Invalid NUMA node: {first} (this host has node 0 only).";
                    return null;
                }
                bits = ulong.MaxValue;
            }
            else
            {
                bits = RangeBits(first, last);
            }
            mask = remove ? mask & ~bits : mask | bits;
        }
        return new CpuAffinity(mask);
    }

    /// <summary>xl's parse_range: decimal <c>N</c> or <c>N-M</c> with N ≤ M, nothing after.</summary>
    private static bool ParseRange(string s, out ulong first, out ulong last)
    {
        first = last = 0;
        int i = Digits(s, 0, out first);
        if (i < 0)
            return false;
        last = first;
        if (i < s.Length && s[i] == '-')
        {
            i = Digits(s, i + 1, out last);
            if (i < 0 || last < first)
                return false;
        }
        return i == s.Length;
    }

    private static int Digits(string s, int at, out ulong value)
    {
        value = 0;
        int i = at;
        for (; i < s.Length && s[i] is >= '0' and <= '9'; i++)
        {
            ulong d = (ulong)(s[i] - '0');
            if (value > (ulong.MaxValue - d) / 10)
                return -1;
            value = value * 10 + d;
        }
        // strtoul's ULONG_MAX means overflow to xl, so it is refused even when written out.
        return i == at || value == ulong.MaxValue ? -1 : i;
    }

    private static ulong RangeBits(ulong first, ulong last)
    {
        if (first >= MaxPcpus)
            return 0;
        ulong top = Math.Min(last, MaxPcpus - 1);
        ulong upper = top == MaxPcpus - 1 ? ulong.MaxValue : (1UL << (int)(top + 1)) - 1;
        return upper & ~((1UL << (int)first) - 1);
    }

    /// <summary>"all", "none", or ranges such as "0-3,5".</summary>
    public override string ToString()
    {
        if (IsAll)
            return "all";
        if (Mask == 0)
            return "none";
        var sb = new StringBuilder();
        ulong m = Mask;
        while (m != 0)
        {
            int start = BitOperations.TrailingZeroCount(m);
            int run = BitOperations.TrailingZeroCount(~(m >> start));
            if (sb.Length > 0)
                sb.Append(',');
            sb.Append(start);
            if (run > 1)
                sb.Append('-').Append(start + run - 1);
            m = run + start >= 64 ? 0 : m & ~(((1UL << run) - 1) << start);
        }
        return sb.ToString();
    }
}
