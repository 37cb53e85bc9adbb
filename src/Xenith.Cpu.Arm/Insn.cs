using System.Runtime.InteropServices;

namespace Xenith.Cpu.Arm;

/// <summary>
/// One predecoded instruction. A32 and T32 encodings of the same operation decode to the same
/// <see cref="Op"/> and field meanings, so one executor serves both instruction sets.
/// </summary>
/// <remarks>
/// <see cref="Op"/> is a group-qualified operation number: the high byte is the <see cref="OpGroup"/>,
/// the low byte an operation inside that group (each group declares its own enum). Field meanings
/// other than the common ones are documented by each group's enum.
/// </remarks>
[StructLayout(LayoutKind.Sequential)]
public struct Insn
{
    /// <summary>Group in the high byte (<see cref="OpGroup"/>), operation in the low byte.</summary>
    public ushort Op;
    /// <summary>Condition 0..14 (14 = always). In T32 this is the IT condition, decided at decode time.</summary>
    public byte Cond;
    /// <summary>Group-specific flag bits (<see cref="InsnFlags"/> holds the common ones).</summary>
    public byte Flags;
    public byte Rd, Rn, Rm, Ra;
    /// <summary>Shift type (<see cref="ShiftType"/>) of a shifted register operand.</summary>
    public byte ShiftType;
    /// <summary>Immediate shift amount (0..32 after decoding LSR/ASR #32), or a rotation.</summary>
    public byte ShiftAmount;
    /// <summary>Encoding length in bytes: 4 (A32 or 32-bit T32) or 2 (16-bit T32).</summary>
    public byte Size;
    /// <summary>T32: the ITSTATE value after this instruction (0 outside IT blocks).</summary>
    public byte ItAfter;
    /// <summary>Group-specific 16-bit field (register lists, coprocessor fields, packed sub-operations).</summary>
    public ushort Extra;
    /// <summary><see cref="InsnAttr"/> bits used by the block builder.</summary>
    public byte Attr;
    public byte Reserved;
    public uint Imm;
    /// <summary>Virtual address of the instruction.</summary>
    public uint Address;
    /// <summary>The encoding (32-bit T32: first halfword in bits 31:16).</summary>
    public uint Raw;

    public readonly OpGroup Group => (OpGroup)(Op >> 8);
}

/// <summary>Operation groups: one enum and one executor per group.</summary>
public enum OpGroup : byte
{
    /// <summary>Undefined or unallocated encodings: raise the Undefined Instruction exception.</summary>
    Undefined = 0,
    /// <summary>Integer data processing, moves, branches (<c>Integer/</c>).</summary>
    Integer = 1,
    /// <summary>Loads, stores, load/store multiple, exclusives, table branches (<c>LoadStore/</c>).</summary>
    LoadStore = 2,
    /// <summary>Status registers, exceptions, hints, barriers, coprocessor/system registers, IT (<c>System/</c>).</summary>
    System = 3,
    /// <summary>VFP floating point and VFP register transfers (<c>Vfp/</c>).</summary>
    Vfp = 4,
    /// <summary>Multiplies, divides, saturating arithmetic, parallel add/subtract, packing, extends,
    /// reversal, bit fields, CLZ, SEL, USAD8 (<c>Media/</c>).</summary>
    Media = 5,
}

/// <summary>Flag bits with the same meaning in every group that uses them.</summary>
[Flags]
public enum InsnFlags : byte
{
    None = 0,
    /// <summary>S: the instruction updates the condition flags.</summary>
    SetFlags = 1,
    /// <summary>P: pre-indexed addressing (offset applied before the access).</summary>
    PreIndex = 2,
    /// <summary>U: the offset is added (clear: subtracted).</summary>
    Add = 4,
    /// <summary>W: base register write-back.</summary>
    WriteBack = 8,
}

/// <summary>Decode-time attributes for the block builder.</summary>
[Flags]
public enum InsnAttr : byte
{
    None = 0,
    /// <summary>Stop decoding the block after this instruction (it may change PC, mode, T or E, or must be followed by a context synchronisation).</summary>
    EndsBlock = 1,
    /// <summary>T32: the instruction is inside an IT block (set by the T32 router before the group decoder runs).</summary>
    InItBlock = 2,
    /// <summary>T32: the instruction is the last one of an IT block.</summary>
    LastInItBlock = 4,
}

public enum ShiftType : byte
{
    Lsl = 0,
    Lsr = 1,
    Asr = 2,
    Ror = 3,
    /// <summary>ROR #0 in an immediate shift: rotate right by one through carry.</summary>
    Rrx = 4,
}
