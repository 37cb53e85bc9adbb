using System.Globalization;
using System.Text;

namespace Xenith.Cpu.Arm.Fuzz;

/// <summary>
/// Regression cases, one a line:
/// <code>a32 e0810002 count=1 r=0,5,7,...(15 hex) cpsr=600001d3 fpscr=0 d=3:3ff0000000000000 mem=0  # pattern</code>
/// T32 code is space-free halfwords joined with '.', e.g. <c>bf08.4408</c>. Registers not listed in <c>d=</c> are zero;
/// <c>mem</c> is the seed the data region is filled from (0: zeros).
/// </summary>
public static class Regressions
{
    public static string Format(FuzzCase c)
    {
        var sb = new StringBuilder();
        sb.Append(c.Isa == Isa.A32 ? "a32 " : "t32 ");
        for (int i = 0; i < c.Code.Count; i++)
        {
            if (i > 0)
                sb.Append('.');
            sb.Append(c.Isa == Isa.A32 ? c.Code[i].ToString("x8") : c.Code[i].ToString("x4"));
        }
        var s = c.Initial;
        sb.Append(" count=").Append(c.Count).Append(" r=");
        for (int i = 0; i < 15; i++)
        {
            if (i > 0)
                sb.Append(',');
            sb.Append(s.R[i].ToString("x"));
        }
        sb.Append(" cpsr=").Append(s.Cpsr.ToString("x")).Append(" spsr=").Append(s.Spsr.ToString("x")).Append(" fpscr=").Append(s.Fpscr.ToString("x")).Append(" d=");
        bool any = false;
        for (int i = 0; i < 32; i++)
        {
            if (s.D[i] == 0)
                continue;
            if (any)
                sb.Append(',');
            sb.Append(i).Append(':').Append(s.D[i].ToString("x"));
            any = true;
        }
        if (!any)
            sb.Append('-');
        sb.Append(" mem=").Append(s.MemSeed.ToString("x"));
        if (c.PatternName.Length > 0)
            sb.Append("  # ").Append(c.PatternName);
        return sb.ToString();
    }

    public static FuzzCase Parse(string line)
    {
        string body = line;
        string name = "";
        int hash = line.IndexOf('#', StringComparison.Ordinal);
        if (hash >= 0)
        {
            name = line[(hash + 1)..].Trim();
            body = line[..hash];
        }
        var tok = body.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (tok.Length < 2)
            throw new FormatException($"regression line: '{line}'");
        var c = new FuzzCase
        {
            Isa = tok[0] switch
            {
                "a32" => Isa.A32,
                "t32" => Isa.T32,
                _ => throw new FormatException($"regression line: isa '{tok[0]}'"),
            },
            PatternName = name,
        };
        foreach (string w in tok[1].Split('.'))
            c.Code.Add(Hex(w));
        var s = c.Initial;
        s.Cpsr = Layout.BaseCpsr;
        c.Count = c.Code.Count;
        for (int t = 2; t < tok.Length; t++)
        {
            var kv = tok[t].Split('=', 2);
            switch (kv[0])
            {
                case "count":
                    c.Count = int.Parse(kv[1], CultureInfo.InvariantCulture);
                    break;
                case "r":
                    var rs = kv[1].Split(',');
                    for (int i = 0; i < rs.Length && i < 15; i++)
                        s.R[i] = Hex(rs[i]);
                    break;
                case "cpsr":
                    s.Cpsr = Hex(kv[1]);
                    break;
                case "spsr":
                    s.Spsr = Hex(kv[1]);
                    break;
                case "fpscr":
                    s.Fpscr = Hex(kv[1]);
                    break;
                case "d":
                    if (kv[1] == "-")
                        break;
                    foreach (string dv in kv[1].Split(','))
                    {
                        var p = dv.Split(':');
                        s.D[int.Parse(p[0], CultureInfo.InvariantCulture)] = ulong.Parse(p[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                    }
                    break;
                case "mem":
                    s.MemSeed = ulong.Parse(kv[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                    break;
                default:
                    throw new FormatException($"regression line: unknown field '{kv[0]}'");
            }
        }
        s.R[15] = Layout.CodeAddress;
        Generator.FillData(s);
        return c;
    }

    private static uint Hex(string s) => uint.Parse(s, NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    /// <summary>The cases of a regression file (blank lines and lines starting with '#' or ';' skipped).</summary>
    public static List<FuzzCase> Load(string path)
    {
        var list = new List<FuzzCase>();
        if (!File.Exists(path))
            return list;
        foreach (string raw in File.ReadAllLines(path))
        {
            string line = raw.Trim();
            if (line.Length == 0 || line[0] is '#' or ';')
                continue;
            list.Add(Parse(line));
        }
        return list;
    }
}
