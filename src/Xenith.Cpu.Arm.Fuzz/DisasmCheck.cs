using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Xenith.Cpu.Arm.Decode;

namespace Xenith.Cpu.Arm.Fuzz;

/// <summary>
/// Checks <see cref="Disassembler.Format"/> against <c>arm-none-eabi-objdump</c>: random encodings of
/// every pattern go into one binary, objdump disassembles it, and the texts are compared after
/// normalising whitespace and dropping objdump's comments and symbol annotations. Encodings Xenith
/// decodes as UNDEFINED are skipped.
/// </summary>
public static partial class DisasmCheck
{
    public sealed class Entry
    {
        public string Pattern = "";
        public uint Offset;
        public string Encoding = "";
        public string Xenith = "";
        public string? Objdump;
    }

    public sealed class Result
    {
        public readonly List<Entry> Entries = [];
        public readonly Dictionary<string, (int Checked, int Mismatches)> ByPattern = [];
        public int Checked, Mismatches, SkippedUndefined;
    }

    public static string Objdump = "arm-none-eabi-objdump";

    public static int Run(FuzzIsa isa, int perPattern, string? only, int show, ulong seed, TextWriter w)
    {
        var r = Check(isa, perPattern, only, seed);
        int shown = 0;
        foreach (var e in r.Entries)
        {
            if (e.Objdump == null || Normalize(e.Objdump) == Normalize(e.Xenith))
                continue;
            if (shown++ < show)
                w.WriteLine($"{e.Pattern,-24} {e.Encoding}  xenith: {e.Xenith.Replace('\t', ' ')}  objdump: {e.Objdump.Replace('\t', ' ')}");
        }
        if (r.Mismatches > 0)
        {
            w.WriteLine("disassembly mismatches by pattern (checked, mismatches):");
            foreach (var (name, st) in r.ByPattern.Where(kv => kv.Value.Mismatches > 0).OrderByDescending(kv => kv.Value.Mismatches).Take(20))
                w.WriteLine($"  {name,-28} {st.Checked,6} {st.Mismatches,6}");
        }
        w.WriteLine($"skipped {r.SkippedUndefined} encodings Xenith decodes as UNDEFINED");
        w.WriteLine($"compared {r.Checked}, mismatches {r.Mismatches}");
        return r.Mismatches == 0 ? 0 : 1;
    }

    public static Result Check(FuzzIsa isa, int perPattern, string? only, ulong seed)
    {
        var set = PatternSet.Load(isa);
        var result = new Result();
        var bytes = new List<byte>();
        var rng = new Rng(seed);
        bool thumb = isa == FuzzIsa.T32;
        foreach (var p in set.Patterns)
        {
            if (only != null && !p.Name.Contains(only, StringComparison.OrdinalIgnoreCase))
                continue;
            for (int k = 0; k < perPattern; k++)
            {
                if (!p.TryGenerate(ref rng, out uint w))
                    break;
                uint offset = (uint)bytes.Count;
                var d = new Insn { Address = offset };
                byte itAfter = 0;
                if (!thumb)
                {
                    A32Decoder.Decode(w, ref d);
                }
                else if (p.Width == 32)
                {
                    itAfter = T32Decoder.Decode(w >> 16, w & 0xFFFF, 0, ref d);
                }
                else
                {
                    itAfter = T32Decoder.Decode(w, 0, 0, ref d);
                }
                if (d.Op == (ushort)CoreOp.Undefined)
                {
                    result.SkippedUndefined++;
                    continue;
                }
                var e = new Entry { Pattern = p.Name, Offset = offset, Xenith = Disassembler.Format(in d) };
                if (!thumb)
                {
                    e.Encoding = w.ToString("x8");
                    AddLe32(bytes, w);
                }
                else if (p.Width == 32)
                {
                    e.Encoding = $"{w >> 16:x4} {w & 0xFFFF:x4}";
                    AddLe16(bytes, w >> 16);
                    AddLe16(bytes, w & 0xFFFF);
                }
                else
                {
                    e.Encoding = w.ToString("x4");
                    AddLe16(bytes, w);
                }
                result.Entries.Add(e);
                // After an IT, pad with NOPs until the block is over so the next instruction starts outside it.
                for (byte it = itAfter; it != 0; it = T32Decoder.Advance(it))
                    AddLe16(bytes, 0xBF00);
            }
        }
        if (result.Entries.Count == 0)
            return result;
        var objdump = RunObjdump(bytes.ToArray(), thumb);
        foreach (var e in result.Entries)
        {
            objdump.TryGetValue(e.Offset, out e.Objdump);
            if (e.Objdump == null)
                continue;
            result.Checked++;
            var st = result.ByPattern.GetValueOrDefault(e.Pattern);
            st.Checked++;
            if (Normalize(e.Objdump) != Normalize(e.Xenith))
            {
                st.Mismatches++;
                result.Mismatches++;
            }
            result.ByPattern[e.Pattern] = st;
        }
        return result;
    }

    private static void AddLe32(List<byte> b, uint w)
    {
        AddLe16(b, w & 0xFFFF);
        AddLe16(b, w >> 16);
    }

    private static void AddLe16(List<byte> b, uint hw)
    {
        b.Add((byte)hw);
        b.Add((byte)(hw >> 8));
    }

    /// <summary>objdump's text per instruction offset.</summary>
    public static Dictionary<uint, string> RunObjdump(byte[] code, bool thumb)
    {
        string file = Path.Combine(Path.GetTempPath(), $"xenith-disasm-{Environment.ProcessId}-{Guid.NewGuid():N}.bin");
        File.WriteAllBytes(file, code);
        try
        {
            var psi = new ProcessStartInfo(Objdump)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (string a in (string[])["-D", "-b", "binary", "-marm"])
                psi.ArgumentList.Add(a);
            if (thumb)
                psi.ArgumentList.Add("-Mforce-thumb");
            psi.ArgumentList.Add(file);
            using var proc = Process.Start(psi) ?? throw new InvalidOperationException("cannot start " + Objdump);
            var errTask = proc.StandardError.ReadToEndAsync();
            var map = new Dictionary<uint, string>();
            string? line;
            while ((line = proc.StandardOutput.ReadLine()) != null)
            {
                // "   8:\teeb00a00 \tvmov.f32\ts0, #0\t@ 0x40000000  2.0"
                int colon = line.IndexOf(":\t", StringComparison.Ordinal);
                if (colon <= 0)
                    continue;
                if (!uint.TryParse(line.AsSpan(0, colon).Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out uint addr))
                    continue;
                var parts = line[(colon + 2)..].Split('\t', 2);
                if (parts.Length < 2)
                    continue;
                map[addr] = parts[1];
            }
            proc.WaitForExit();
            _ = errTask.Result;
            return map;
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>Comparable text: comments ("@ …", "; …") and "&lt;symbol&gt;" dropped, whitespace collapsed,
    /// and a branch target's "0x" dropped (objdump on a raw binary prints "b 0x1008", on an ELF "b 1008").</summary>
    public static string Normalize(string s)
    {
        int at = s.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
            s = s[..at];
        at = s.IndexOf(';', StringComparison.Ordinal);
        if (at >= 0)
            s = s[..at];
        s = SymbolRe().Replace(s, "");
        s = SpaceRe().Replace(s.Trim(), " ");
        var m = BranchRe().Match(s);
        if (m.Success)
            s = m.Groups[1].Value + m.Groups[2].Value;
        return s;
    }

    [GeneratedRegex(@"<[^>]*>")]
    private static partial Regex SymbolRe();

    [GeneratedRegex(@"\s+")]
    private static partial Regex SpaceRe();

    [GeneratedRegex(@"^((?:b|bl|blx|cbz|cbnz)(?:eq|ne|cs|cc|mi|pl|vs|vc|hi|ls|ge|lt|gt|le|hs|lo)?(?:\.[nw])? (?:[a-z0-9]+, )?)(?:0x)?([0-9a-f]+)$")]
    private static partial Regex BranchRe();
}
