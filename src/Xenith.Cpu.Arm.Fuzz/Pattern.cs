using System.Globalization;

namespace Xenith.Cpu.Arm.Fuzz;

/// <summary>
/// One encoding pattern from a <c>patterns/*.txt</c> file:
/// <code>name  bits  [constraint|option]...</code>
/// <c>bits</c> is 16 or 32 characters (underscores ignored): 0/1 fixed, <c>x</c> a free bit, any other
/// letter a named field (its bits concatenated in order). A 4-bit field <c>c</c> is a condition and is
/// never 1111. Constraints compare a field with a number or another field: <c>n!=15</c>, <c>t!=n</c>,
/// <c>d&lt;13</c>, <c>t%2=0</c> (even), <c>i!=0</c>; an equality (<c>n=m</c>, <c>o=2</c>) is enforced by setting
/// the field before the others are checked. Options: <c>mem</c> (field n is a base register:
/// point it into the data region; field m an index: make it small), <c>noit</c> (never inside an
/// IT block), <c>itlast</c> (only last in an IT block), <c>nofuzz</c> (disassembler check only),
/// <c>single</c>, <c>noidx</c>, <c>wb</c>, <c>pw</c>, <c>dual</c>, <c>ldm</c>, <c>stm</c> (see the fields below).
/// </summary>
public sealed class Pattern
{
    public string Name = "";
    public Isa Isa;
    /// <summary>16 for a 16-bit T32 encoding, else 32.</summary>
    public int Width;
    public uint FixedMask, FixedValue;
    public readonly Dictionary<char, int[]> Fields = [];
    public readonly List<Constraint> Constraints = [];
    public bool Mem, NoIt, ItLast, NoFuzz;
    /// <summary>Base write-back rules (<c>wb</c>): when written back (no p field, or p=0, or w=1), n is not 15 and
    /// not a transferred register (t, T, or t+1 with <c>dual</c>). <c>pw</c>: p=0 with w=1 is another instruction.</summary>
    public bool WriteBack, NoPostW, Dual, LoadMultiple, StoreMultiple;
    /// <summary><c>noidx</c>: the index register m is neither t nor t+1 (LDRD register). <c>single</c>: one
    /// instruction per case (exception returns: a second one would run in the mode the first returned to).</summary>
    public bool NoIndexOverlap, Single;
    /// <summary><c>timm</c>: field i is a T32 modified immediate (i:imm3:imm8) that ThumbExpandImm accepts
    /// (a replicated pattern with imm8 = 0 is UNPREDICTABLE).</summary>
    public bool ThumbImm;
    public int Line;

    /// <summary>Field [+ Plus] Op (OtherField | Value).</summary>
    public readonly record struct Constraint(char Field, string Op, char OtherField, int Value, char Plus);

    public static Pattern Parse(string line, Isa isa, int lineNo)
    {
        var tok = line.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (tok.Length < 2)
            throw new FormatException($"line {lineNo}: expected 'name bits [constraints]'");
        var p = new Pattern { Name = tok[0], Isa = isa, Line = lineNo };
        string bits = tok[1].Replace("_", "", StringComparison.Ordinal);
        if (bits.Length is not (16 or 32))
            throw new FormatException($"line {lineNo}: {p.Name}: {bits.Length} bits");
        p.Width = bits.Length;
        var fields = new Dictionary<char, List<int>>();
        for (int i = 0; i < bits.Length; i++)
        {
            int bit = bits.Length - 1 - i;
            char ch = bits[i];
            if (ch is '0' or '1')
            {
                p.FixedMask |= 1u << bit;
                if (ch == '1')
                    p.FixedValue |= 1u << bit;
            }
            else if (ch != 'x')
            {
                if (!fields.TryGetValue(ch, out var l))
                    fields[ch] = l = [];
                l.Add(bit);
            }
        }
        foreach (var (k, v) in fields)
            p.Fields[k] = [.. v];
        for (int i = 2; i < tok.Length; i++)
            p.ParseOption(tok[i], lineNo);
        return p;
    }

    private void ParseOption(string t, int lineNo)
    {
        switch (t)
        {
            case "mem": Mem = true; return;
            case "noit": NoIt = true; return;
            case "itlast": ItLast = true; return;
            case "nofuzz": NoFuzz = true; return;
            case "wb": WriteBack = true; return;
            case "pw": NoPostW = true; return;
            case "dual": Dual = true; return;
            case "ldm": LoadMultiple = true; return;
            case "stm": StoreMultiple = true; return;
            case "noidx": NoIndexOverlap = true; return;
            case "single": Single = true; return;
            case "timm": ThumbImm = true; return;
        }
        if (t.StartsWith('#'))
            return;
        char plus = '\0';
        if (t.Length > 3 && t[1] == '+')
        {
            plus = t[2];
            t = t[0] + t[3..];
            if (!Fields.ContainsKey(plus))
                throw new FormatException($"line {lineNo}: {Name}: no field '{plus}'");
        }
        foreach (string op in (string[])["!=", "<=", ">=", "%2=", "=", "<", ">"])
        {
            int at = t.IndexOf(op, StringComparison.Ordinal);
            if (at != 1)
                continue;
            char f = t[0];
            string rhs = t[(at + op.Length)..];
            if (!Fields.ContainsKey(f))
                throw new FormatException($"line {lineNo}: {Name}: no field '{f}' in '{t}'");
            if (rhs.Length == 1 && char.IsLetter(rhs[0]))
            {
                if (!Fields.ContainsKey(rhs[0]))
                    throw new FormatException($"line {lineNo}: {Name}: no field '{rhs[0]}' in '{t}'");
                Constraints.Add(new Constraint(f, op, rhs[0], 0, plus));
            }
            else
            {
                int v = rhs.StartsWith("0b", StringComparison.Ordinal) ? Convert.ToInt32(rhs[2..], 2) : int.Parse(rhs, CultureInfo.InvariantCulture);
                Constraints.Add(new Constraint(f, op, '\0', v, plus));
            }
            return;
        }
        throw new FormatException($"line {lineNo}: {Name}: cannot parse '{t}'");
    }

    /// <summary>Value of field <paramref name="f"/> in <paramref name="w"/>, or -1 if the pattern has no such field.</summary>
    public int Get(uint w, char f)
    {
        if (!Fields.TryGetValue(f, out var bits))
            return -1;
        int v = 0;
        foreach (int b in bits)
            v = (v << 1) | (int)((w >> b) & 1);
        return v;
    }

    public uint Set(uint w, char f, int value)
    {
        var bits = Fields[f];
        for (int i = bits.Length - 1; i >= 0; i--, value >>= 1)
            w = (w & ~(1u << bits[i])) | ((uint)(value & 1) << bits[i]);
        return w;
    }

    public bool Matches(uint w) => (w & FixedMask) == FixedValue;

    public bool Satisfies(uint w)
    {
        if (Fields.TryGetValue('c', out var cb) && cb.Length == 4 && Get(w, 'c') == 15)
            return false;
        foreach (var c in Constraints)
        {
            int a = Get(w, c.Field) + (c.Plus != '\0' ? Get(w, c.Plus) : 0);
            int b = c.OtherField != '\0' ? Get(w, c.OtherField) : c.Value;
            bool ok = c.Op switch
            {
                "!=" => a != b,
                "=" => a == b,
                "<" => a < b,
                ">" => a > b,
                "<=" => a <= b,
                ">=" => a >= b,
                "%2=" => a % 2 == b,
                _ => false,
            };
            if (!ok)
                return false;
        }
        return SatisfiesAddressing(w);
    }

    private bool SatisfiesAddressing(uint w)
    {
        int p = Get(w, 'p'), wbit = Get(w, 'w'), n = Get(w, 'n'), t = Get(w, 't');
        if (NoPostW && p == 0 && wbit == 1)
            return false;
        if (Dual && (t % 2 != 0 || t == 14))
            return false;
        if (NoIndexOverlap && Get(w, 'm') is int m && (m == t || m == t + 1))
            return false;
        if (ThumbImm && Get(w, 'i') is int imm && (imm >> 10) == 0 && ((imm >> 8) & 3) != 0 && (imm & 0xFF) == 0)
            return false;
        bool writeBack = p == 0 || wbit == 1 || (p < 0 && wbit < 0);
        if (WriteBack && writeBack)
        {
            if (n == 15 || n == t || n == Get(w, 'T') || (Dual && n == t + 1))
                return false;
        }
        if (LoadMultiple || StoreMultiple)
        {
            int list = Get(w, 'l');
            bool t32Wide = Isa == Isa.T32 && Width == 32;
            if (list <= 0 || n == 15 || (t32Wide && System.Numerics.BitOperations.PopCount((uint)list) < 2))
                return false;
            // T16 STM always writes back; T16 LDM writes back only when the base is not loaded.
            bool listWb = wbit == 1 || (wbit < 0 && StoreMultiple);
            if (listWb && (list & (1 << n)) != 0)
            {
                // LDM with the base in the list, STM with it not lowest (any position in T32) are UNPREDICTABLE.
                if (LoadMultiple || t32Wide || (list & ((1 << n) - 1)) != 0)
                    return false;
            }
        }
        return true;
    }

    /// <summary>A random encoding satisfying the constraints (free bits random); false if none was found.</summary>
    public bool TryGenerate(ref Rng rng, out uint w)
    {
        uint widthMask = Width == 32 ? 0xFFFFFFFF : 0xFFFF;
        for (int attempt = 0; attempt < 200; attempt++)
        {
            w = (FixedValue | (rng.Next() & ~FixedMask)) & widthMask;
            // Equalities (n=m) are met by construction: drawn at random they fail too often for rejection alone.
            foreach (var c in Constraints)
            {
                if (c.Op == "=" && c.Plus == '\0')
                    w = Set(w, c.Field, c.OtherField != '\0' ? Get(w, c.OtherField) : c.Value);
            }
            if (Satisfies(w))
                return true;
        }
        w = 0;
        return false;
    }

    public override string ToString() => Name;
}
