namespace Xenith.Cpu.Arm.Sys;

/// <summary>Disassembly of <see cref="OpGroup.System"/> instructions.</summary>
public static class SystemDisassembler
{
    /// <summary>GNU objdump-style text ("mnemonic\toperands"), or null if the operation is unknown.</summary>
    public static string? Format(in Insn d) => null;
}
