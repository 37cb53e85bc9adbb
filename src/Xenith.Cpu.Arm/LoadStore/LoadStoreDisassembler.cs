namespace Xenith.Cpu.Arm.LoadStore;

/// <summary>Disassembly of <see cref="OpGroup.LoadStore"/> instructions.</summary>
public static class LoadStoreDisassembler
{
    /// <summary>GNU objdump-style text ("mnemonic\toperands"), or null if the operation is unknown.</summary>
    public static string? Format(in Insn d) => null;
}
