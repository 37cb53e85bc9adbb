namespace Xenith.Cpu.Arm;

/// <summary>A straight run of predecoded instructions, cached by where and how it was decoded.</summary>
internal sealed class Block
{
    public required BlockKey Key { get; init; }
    public required Insn[] Insns { get; init; }
    /// <summary>Physical page numbers (PA &gt;&gt; 12) the encodings came from; a T32 instruction may straddle two.</summary>
    public required ulong FirstPage { get; init; }
    public required ulong LastPage { get; init; }
    /// <summary>Physical byte range of the encodings, for invalidation on writes.</summary>
    public required ulong PaStart { get; init; }
    public required ulong PaEnd { get; init; }
    /// <summary>Cleared when a write to its code (or a flush) invalidates it.</summary>
    public bool Valid = true;
}

/// <summary>
/// What a block's decoding depends on: its virtual address (PC-relative values are resolved at
/// decode time), its physical address, and the state bits that change how bytes decode. CPSR.E is
/// not among them: instruction fetches are little-endian in ARMv7 (BE-8).
/// </summary>
internal readonly record struct BlockKey(uint Va, ulong Pa, byte It, bool Thumb);
