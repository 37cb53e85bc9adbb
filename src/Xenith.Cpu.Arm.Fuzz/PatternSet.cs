using System.Globalization;
using System.Reflection;

namespace Xenith.Cpu.Arm.Fuzz;

/// <summary>Which pattern file: a32.txt, t32.txt or vfp.txt (VFP patterns are A32 encodings, also run as T32).</summary>
public enum FuzzIsa : byte
{
    A32,
    T32,
    Vfp,
}

/// <summary>The patterns of one file, loaded from the assembly's embedded <c>patterns/</c> resources.</summary>
public sealed class PatternSet
{
    public FuzzIsa Kind;
    public readonly List<Pattern> Patterns = [];

    public static string ReadResource(string name)
    {
        var asm = typeof(PatternSet).Assembly;
        using var s = asm.GetManifestResourceStream("patterns/" + name)
            ?? throw new InvalidOperationException($"missing embedded resource patterns/{name}");
        using var r = new StreamReader(s);
        return r.ReadToEnd();
    }

    public static FuzzIsa ParseIsa(string s) => s.ToLowerInvariant() switch
    {
        "a32" or "arm" => FuzzIsa.A32,
        "t32" or "thumb" => FuzzIsa.T32,
        "vfp" => FuzzIsa.Vfp,
        _ => throw new ArgumentException($"unknown ISA '{s}' (a32, t32 or vfp)"),
    };

    public static PatternSet Load(FuzzIsa kind) => Parse(kind, ReadResource(kind.ToString().ToLowerInvariant() + ".txt"));

    public static PatternSet Parse(FuzzIsa kind, string text)
    {
        var set = new PatternSet { Kind = kind };
        var names = new HashSet<string>();
        int lineNo = 0;
        foreach (string raw in text.Split('\n'))
        {
            lineNo++;
            string line = StripComment(raw);
            if (line.Length == 0)
                continue;
            var p = Pattern.Parse(line, kind == FuzzIsa.T32 ? Isa.T32 : Isa.A32, lineNo);
            if (!names.Add(p.Name))
                throw new FormatException($"{kind}: line {lineNo}: duplicate pattern name {p.Name}");
            set.Patterns.Add(p);
        }
        return set;
    }

    /// <summary>Drops a trailing "// comment" and surrounding blanks; whole-line comments start with "//" or ";".</summary>
    internal static string StripComment(string raw)
    {
        int at = raw.IndexOf("//", StringComparison.Ordinal);
        string s = at >= 0 ? raw[..at] : raw;
        s = s.Trim();
        return s.StartsWith(';') ? "" : s;
    }

    /// <summary>The first pattern whose fixed bits match (for attributing regression cases).</summary>
    public Pattern? Find(uint w, int width)
    {
        foreach (var p in Patterns)
        {
            if (p.Width == width && p.Matches(w))
                return p;
        }
        return null;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Kind}: {Patterns.Count} patterns");
}

/// <summary>
/// <c>patterns/exclusions.txt</c>: encodings and outcomes kept out of comparison, each with a reason.
/// <code>
/// isa   pattern NAME         reason...     (a32 | t32 | vfp | *)
/// isa   match MASK/VALUE     reason...     (hex; T32 32-bit encodings have the first halfword on top)
/// *     outcome NAME         reason...     (xenith-alignment: Xenith took an alignment fault, Unicorn did not)
/// </code>
/// </summary>
public sealed class Exclusions
{
    public sealed record Rule(string Isa, string Kind, string Pattern, uint Mask, uint Value, string Reason, int Line);

    public readonly List<Rule> Rules = [];

    public static Exclusions Load() => Parse(PatternSet.ReadResource("exclusions.txt"));

    public static Exclusions Parse(string text)
    {
        var ex = new Exclusions();
        int lineNo = 0;
        foreach (string raw in text.Split('\n'))
        {
            lineNo++;
            string line = PatternSet.StripComment(raw);
            if (line.Length == 0)
                continue;
            var tok = line.Split((char[])[' ', '\t'], 4, StringSplitOptions.RemoveEmptyEntries);
            if (tok.Length < 4 || tok[3].Trim().Length == 0)
                throw new FormatException($"exclusions.txt line {lineNo}: expected 'isa kind what reason'");
            string isa = tok[0].ToLowerInvariant(), kind = tok[1], what = tok[2], reason = tok[3].Trim();
            uint mask = 0, value = 0;
            if (kind == "match")
            {
                var mv = what.Split('/');
                mask = uint.Parse(mv[0].Replace("0x", "", StringComparison.Ordinal), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                value = uint.Parse(mv[1].Replace("0x", "", StringComparison.Ordinal), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            }
            else if (kind is not ("pattern" or "outcome"))
            {
                throw new FormatException($"exclusions.txt line {lineNo}: unknown kind '{kind}'");
            }
            ex.Rules.Add(new Rule(isa, kind, what, mask, value, reason, lineNo));
        }
        return ex;
    }

    private static bool IsaMatches(Rule r, FuzzIsa isa) => r.Isa == "*" || string.Equals(r.Isa, isa.ToString(), StringComparison.OrdinalIgnoreCase);

    /// <summary>The rule that excludes a whole pattern, if any.</summary>
    public Rule? ForPattern(FuzzIsa isa, string name)
    {
        foreach (var r in Rules)
        {
            if (r.Kind == "pattern" && IsaMatches(r, isa) && r.Pattern == name)
                return r;
        }
        return null;
    }

    /// <summary>The rule that excludes one encoding (32-bit value; 16-bit T32 in the low half), if any.</summary>
    public Rule? ForEncoding(FuzzIsa isa, uint w)
    {
        foreach (var r in Rules)
        {
            if (r.Kind == "match" && IsaMatches(r, isa) && (w & r.Mask) == r.Value)
                return r;
        }
        return null;
    }

    public bool HasOutcome(string name)
    {
        foreach (var r in Rules)
        {
            if (r.Kind == "outcome" && r.Pattern == name)
                return true;
        }
        return false;
    }
}
