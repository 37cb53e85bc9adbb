namespace Xenith.Cpu.Arm.Media;

/// <summary>Disassembly of <see cref="OpGroup.Media"/> instructions.</summary>
public static class MediaDisassembler
{
    /// <summary>GNU objdump-style text ("mnemonic\toperands"), or null if the operation is unknown.</summary>
    public static string? Format(in Insn d) => null;
}
