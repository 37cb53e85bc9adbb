namespace Xenith.Cpu.Arm.Integer;

/// <summary>Disassembly of <see cref="OpGroup.Integer"/> instructions.</summary>
public static class IntegerDisassembler
{
    /// <summary>GNU objdump-style text ("mnemonic\toperands"), or null if the operation is unknown.</summary>
    public static string? Format(in Insn d) => null;
}
