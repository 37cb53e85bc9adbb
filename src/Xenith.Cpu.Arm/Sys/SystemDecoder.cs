namespace Xenith.Cpu.Arm.Sys;

/// <summary>Decoders of the System group. Each returns false for an UNDEFINED encoding.</summary>
public static class SystemDecoder
{
    public static bool A32Unconditional(uint w, ref Insn d) => false;

    public static bool A32StatusRegister(uint w, ref Insn d) => false;

    public static bool A32ExceptionGenerating(uint w, ref Insn d) => false;

    public static bool A32MsrImmAndHints(uint w, ref Insn d) => false;

    public static bool A32Svc(uint w, ref Insn d) => false;

    public static bool Coprocessor(uint w, ref Insn d) => false;

    public static bool T16Udf(uint w, ref Insn d) => false;

    public static bool T16Svc(uint w, ref Insn d) => false;

    public static bool T16Cps(uint w, ref Insn d) => false;

    public static bool T16Setend(uint w, ref Insn d) => false;

    public static bool T16Bkpt(uint w, ref Insn d) => false;

    public static bool T16Hint(uint w, ref Insn d) => false;

    public static bool T32SrsRfe(uint w, ref Insn d) => false;

    public static bool T32HvcSmcUdf(uint w, ref Insn d) => false;

    public static bool T32MiscControl(uint w, ref Insn d) => false;
}
