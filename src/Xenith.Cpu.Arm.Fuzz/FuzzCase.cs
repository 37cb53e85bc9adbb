namespace Xenith.Cpu.Arm.Fuzz;

public enum Isa : byte
{
    A32,
    T32,
}

/// <summary>
/// One test: encodings placed at <see cref="Layout.CodeAddress"/> and an initial state. A32 words are
/// instructions; T32 "words" are halfwords (a 32-bit encoding is two entries, first halfword first).
/// </summary>
public sealed class FuzzCase
{
    public Isa Isa;
    public readonly List<uint> Code = [];
    /// <summary>Instructions to execute (the run stops after this many, or at an exception).</summary>
    public int Count;
    public readonly MachineState Initial = new();
    /// <summary>The pattern this case was generated for (for per-pattern statistics), if any.</summary>
    public string PatternName = "";

    /// <summary>Code size in bytes.</summary>
    public int CodeBytes => Isa == Isa.A32 ? Code.Count * 4 : Code.Count * 2;

    public FuzzCase Clone()
    {
        var c = new FuzzCase { Isa = Isa, Count = Count, PatternName = PatternName };
        c.Code.AddRange(Code);
        c.Initial.CopyFrom(Initial);
        return c;
    }

    /// <summary>The encodings as text: "e0810002" (A32) or "4408 f1000001" (T32, one token per instruction).</summary>
    public string CodeText()
    {
        var parts = new List<string>();
        if (Isa == Isa.A32)
        {
            foreach (uint w in Code)
                parts.Add(w.ToString("x8"));
        }
        else
        {
            for (int i = 0; i < Code.Count; i++)
            {
                uint hw = Code[i];
                if (Decode.T32Decoder.IsWide(hw) && i + 1 < Code.Count)
                    parts.Add(((hw << 16) | Code[++i]).ToString("x8"));
                else
                    parts.Add(hw.ToString("x4"));
            }
        }
        return string.Join(' ', parts);
    }
}
