namespace Xenith.Cpu.Arm.Vfp;

/// <summary>Decoders of the Vfp group. Each returns false for an UNDEFINED encoding.</summary>
public static class VfpDecoder
{
    public static bool Decode(uint w, ref Insn d) => false;

    public static bool AdvancedSimd(uint w, ref Insn d) => false;
}
