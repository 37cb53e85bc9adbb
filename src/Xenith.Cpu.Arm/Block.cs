namespace Xenith.Cpu.Arm;

/// <summary>A straight run of predecoded instructions, cached by where and how it was decoded.</summary>
internal sealed class Block
{
    /// <summary>The CPU whose cache holds it (another CPU's store may invalidate it).</summary>
    public required ArmCpu Owner { get; init; }
    public required BlockKey Key { get; init; }
    public required Insn[] Insns { get; init; }
    /// <summary>The handler of each instruction (<see cref="ArmCpu.HandlerFor"/>), as the address of a
    /// <c>delegate*&lt;ArmCpu, ref Insn, void&gt;</c>; as long as <see cref="Insns"/>.</summary>
    public required nint[] Handlers { get; init; }
    /// <summary>Physical page numbers (PA &gt;&gt; 12) the encodings came from; a T32 instruction may straddle two.</summary>
    public required ulong FirstPage { get; init; }
    public required ulong LastPage { get; init; }
    /// <summary>Physical byte range of the encodings, for invalidation on writes.</summary>
    public required ulong PaStart { get; init; }
    public required ulong PaEnd { get; init; }
    /// <summary>Cleared when a write to its code (or a flush) invalidates it.</summary>
    public bool Valid = true;
    /// <summary>Its owner is executing it now (a store that drops it must end it after the current instruction).</summary>
    public bool Running;

    // Two remembered successors (a loop's back edge and its exit, or both sides of a branch), so that
    // most block transitions skip the translation and the cache lookup. A link is followed only while
    // the translation generation it was made under is current and the successor is still valid.
    private Block? _next0, _next1;
    private uint _generation0, _generation1;

    public Block? Successor(uint pc, byte it, bool thumb, uint generation)
    {
        Block? b = _next0;
        if (b != null && _generation0 == generation && b.Valid && b.Key.Va == pc && b.Key.It == it && b.Key.Thumb == thumb)
            return b;
        b = _next1;
        if (b != null && _generation1 == generation && b.Valid && b.Key.Va == pc && b.Key.It == it && b.Key.Thumb == thumb)
            return b;
        return null;
    }

    public void Link(Block next, uint generation)
    {
        // Keep the most recent link in slot 0; the older one moves to slot 1.
        _next1 = _next0;
        _generation1 = _generation0;
        _next0 = next;
        _generation0 = generation;
    }
}

/// <summary>
/// What a block's decoding depends on: its virtual address (PC-relative values are resolved at
/// decode time), its physical address, and the state bits that change how bytes decode. CPSR.E is
/// not among them: instruction fetches are little-endian in ARMv7 (BE-8).
/// </summary>
internal readonly record struct BlockKey(uint Va, ulong Pa, byte It, bool Thumb);
