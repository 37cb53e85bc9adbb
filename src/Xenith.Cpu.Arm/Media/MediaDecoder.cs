namespace Xenith.Cpu.Arm.Media;

/// <summary>Decoders of the Media group. Each returns false for an UNDEFINED encoding.</summary>
public static class MediaDecoder
{
    public static bool A32Multiply(uint w, ref Insn d) => false;

    public static bool A32HalfwordMultiply(uint w, ref Insn d) => false;

    public static bool A32SaturatingAddSub(uint w, ref Insn d) => false;

    public static bool A32Clz(uint w, ref Insn d) => false;

    public static bool A32Media(uint w, ref Insn d) => false;

    public static bool T16Multiply(uint w, ref Insn d) => false;

    public static bool T16Extend(uint w, ref Insn d) => false;

    public static bool T16Reverse(uint w, ref Insn d) => false;

    public static bool T32SaturateBitfield(uint w, ref Insn d) => false;

    public static bool T32DataProcessingReg(uint w, ref Insn d) => false;

    public static bool T32Multiply(uint w, ref Insn d) => false;

    public static bool T32LongMultiplyDivide(uint w, ref Insn d) => false;
}
