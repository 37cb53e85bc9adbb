namespace Xenith.Cpu.Arm.Fuzz;

/// <summary>
/// Makes test cases: patterns are taken round-robin so each is hit evenly; free bits and the initial
/// state are random. Every case is derived from (seed, index) alone, so any case can be replayed.
/// </summary>
public sealed class Generator
{
    private readonly FuzzIsa _kind;
    private readonly List<Pattern> _patterns;
    private readonly Exclusions _exclusions;
    private readonly ulong _seed;

    /// <summary>Patterns in the round-robin (the fuzzable, non-excluded ones matching the filter).</summary>
    public IReadOnlyList<Pattern> Patterns => _patterns;

    public Generator(PatternSet set, Exclusions exclusions, ulong seed, string? only = null)
    {
        _kind = set.Kind;
        _exclusions = exclusions;
        _seed = seed;
        _patterns = [];
        foreach (var p in set.Patterns)
        {
            if (p.NoFuzz || exclusions.ForPattern(set.Kind, p.Name) != null)
                continue;
            if (only != null && !p.Name.Contains(only, StringComparison.OrdinalIgnoreCase))
                continue;
            _patterns.Add(p);
        }
    }

    /// <summary>Fills <paramref name="c"/> with case number <paramref name="index"/>.</summary>
    public void Make(long index, FuzzCase c)
    {
        var rng = new Rng(_seed * 0x9E3779B97F4A7C15UL ^ (ulong)index);
        var p = _patterns[(int)(index % _patterns.Count)];
        c.PatternName = p.Name;
        c.Code.Clear();
        RandomState(ref rng, c.Initial, _kind == FuzzIsa.Vfp);
        bool thumb = _kind == FuzzIsa.T32 || (_kind == FuzzIsa.Vfp && rng.OneIn(4));
        c.Isa = thumb ? Isa.T32 : Isa.A32;
        if (!thumb)
        {
            int n = p.Single || rng.Below(10) < 7 ? 1 : 2 + rng.Below(2);
            for (int i = 0; i < n; i++)
                c.Code.Add(Encode(ref rng, p, c));
            c.Count = n;
            return;
        }
        // Branches stay out of IT blocks: Unicorn's instruction count is unreliable there, so it would run on at the target.
        bool it = !p.NoIt && !p.ItLast && !p.Single && _kind == FuzzIsa.T32 && rng.OneIn(4);
        if (it)
        {
            int k = p.ItLast || p.Single ? 1 : 1 + rng.Below(4);
            uint firstcond = (uint)rng.Below(14);
            // mask[3:0]: k-1 then/else bits (relative to firstcond[0]), then the 1 that ends the block.
            uint x = rng.Next() & ((1u << (k - 1)) - 1);
            uint mask = (x << (5 - k)) | (1u << (4 - k));
            c.Code.Add(0xBF00 | (firstcond << 4) | mask);
            for (int i = 0; i < k; i++)
                AddThumb(c, Encode(ref rng, p, c), p.Width == 32 || _kind == FuzzIsa.Vfp);
            c.Count = k + 1;
            return;
        }
        int count = p.Single || rng.Below(10) < 7 ? 1 : 2 + rng.Below(2);
        for (int i = 0; i < count; i++)
        {
            uint w = Encode(ref rng, p, c);
            if (_kind == FuzzIsa.Vfp)
                w = (w & 0x0FFFFFFF) | 0xE0000000; // T32 coprocessor space: the A32 encoding with cond = 1110
            AddThumb(c, w, p.Width == 32);
        }
        c.Count = count;
    }

    private static void AddThumb(FuzzCase c, uint w, bool wide)
    {
        if (wide)
        {
            c.Code.Add(w >> 16);
            c.Code.Add(w & 0xFFFF);
        }
        else
        {
            c.Code.Add(w & 0xFFFF);
        }
    }

    private uint Encode(ref Rng rng, Pattern p, FuzzCase c)
    {
        uint w = 0;
        for (int attempt = 0; attempt < 50; attempt++)
        {
            if (!p.TryGenerate(ref rng, out w))
                throw new InvalidOperationException($"pattern {p.Name} (line {p.Line}): constraints cannot be met");
            if (_exclusions.ForEncoding(_kind, w) == null)
                break;
        }
        if (p.Mem)
        {
            int n = p.Get(w, 'n');
            // Multi-word transfers need word alignment (Xenith faults, QEMU does not check): keep their base aligned.
            bool aligned = p.LoadMultiple || p.StoreMultiple || p.Dual || _kind == FuzzIsa.Vfp;
            // Exclusives have no offset: an aligned base makes them run (a few stay unaligned for the fault path).
            uint exclusive = CaseRunner.RequiredAlignment(p.Name);
            if (n is >= 0 and < 13)
            {
                uint ptr = DataPointer(ref rng);
                if (aligned)
                    ptr &= ~3u;
                else if (exclusive > 1 && !rng.OneIn(8))
                    ptr &= ~(exclusive - 1);
                c.Initial.R[n] = ptr;
            }
            int m = p.Get(w, 'm');
            if (m is >= 0 and < 13 && m != n)
                c.Initial.R[m] = rng.OneIn(2) ? (uint)rng.Below(64) : (uint)rng.Below(16) * 4;
        }
        return w;
    }

    /// <summary>An address near the middle of the data region, usually word aligned.</summary>
    private static uint DataPointer(ref Rng rng)
    {
        int off = rng.Below(1024) - 512;
        if (!rng.OneIn(4))
            off &= ~3;
        return (uint)((int)Layout.DataMiddle + off);
    }

    private static readonly ulong[] SpecialDoubles =
    [
        0x0000000000000000, 0x8000000000000000, 0x3FF0000000000000, 0xBFF0000000000000,
        0x7FF0000000000000, 0xFFF0000000000000, 0x7FF8000000000000, 0x7FF0000000000001,
        0x0000000000000001, 0x800FFFFFFFFFFFFF, 0x7FEFFFFFFFFFFFFF, 0x41DFFFFFFFC00000,
        0x41E0000000000000, 0xC1E0000000000000, 0x3FE0000000000000, 0x4330000000000000,
    ];

    private static readonly uint[] SpecialSingles =
    [
        0x00000000, 0x80000000, 0x3F800000, 0xBF800000, 0x7F800000, 0xFF800000, 0x7FC00000, 0x7F800001,
        0x00000001, 0x807FFFFF, 0x7F7FFFFF, 0x4F000000, 0xCF000000, 0x3F000000, 0x4B000000, 0x3FC00000,
    ];

    /// <summary>Fills the data region from <see cref="MachineState.MemSeed"/> (0: all zero).</summary>
    public static void FillData(MachineState s)
    {
        Span<byte> data = s.Data;
        if (s.MemSeed == 0)
        {
            data.Clear();
            return;
        }
        var rng = new Rng(s.MemSeed);
        foreach (ref ulong q in System.Runtime.InteropServices.MemoryMarshal.Cast<byte, ulong>(data))
            q = rng.Next64();
    }

    /// <summary>Random registers, flags, FP state and data memory.</summary>
    public static void RandomState(ref Rng rng, MachineState s, bool fpHeavy)
    {
        for (int i = 0; i < 15; i++)
        {
            s.R[i] = rng.Below(10) switch
            {
                < 4 => rng.Next(),
                < 6 => (uint)rng.Below(256),
                < 7 => 0xFFFFFFFF - (uint)rng.Below(16),
                < 8 => rng.OneIn(2) ? 0x80000000u : 0x7FFFFFFFu,
                _ => DataPointer(ref rng),
            };
        }
        s.R[13] = DataPointer(ref rng) & ~3u;
        s.R[15] = Layout.CodeAddress;
        s.Cpsr = Layout.BaseCpsr | (rng.Next() & 0xF8000000) | ((rng.Next() & 0xF) << 16);
        // An SPSR that exception returns (ERET, SUBS PC, LDM ^, RFE aside) can use: a valid mode, any flags,
        // and only now and then Thumb (a T32 return target must then be halfword aligned, which it is).
        uint spsrMode = rng.Below(3) switch { 0 => 0x10u, 1 => 0x13u, _ => 0x1Fu };
        s.Spsr = (rng.Next() & 0xF80F01C0) | spsrMode | (rng.OneIn(4) ? 0x20u : 0);
        for (int i = 0; i < 32; i++)
        {
            ulong v = rng.Next64();
            int kind = rng.Below(fpHeavy ? 3 : 8);
            if (kind == 0)
                v = SpecialDoubles[rng.Below(SpecialDoubles.Length)];
            else if (kind == 1)
                v = ((ulong)SpecialSingles[rng.Below(SpecialSingles.Length)] << 32) | SpecialSingles[rng.Below(SpecialSingles.Length)];
            s.D[i] = v;
        }
        // NZCV, QC, AHP, DN, FZ, RMode and the cumulative exception flags; LEN/STRIDE 0, no trap enables.
        s.Fpscr = rng.Next() & 0xFFC0009F;
        s.MemSeed = rng.Next64() | 1;
        FillData(s);
        s.Outcome = Outcome.Completed;
        s.Detail = 0;
    }
}
