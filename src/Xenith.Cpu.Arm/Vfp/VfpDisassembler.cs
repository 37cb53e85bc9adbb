namespace Xenith.Cpu.Arm.Vfp;

/// <summary>Disassembly of <see cref="OpGroup.Vfp"/> instructions.</summary>
public static class VfpDisassembler
{
    /// <summary>GNU objdump-style text ("mnemonic\toperands"), or null if the operation is unknown.</summary>
    public static string? Format(in Insn d) => null;
}
