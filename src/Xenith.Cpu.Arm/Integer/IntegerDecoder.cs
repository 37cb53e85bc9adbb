namespace Xenith.Cpu.Arm.Integer;

/// <summary>Decoders of the Integer group. Each returns false for an UNDEFINED encoding.</summary>
public static class IntegerDecoder
{
    public static bool A32DataProcessingReg(uint w, ref Insn d) => false;

    public static bool A32DataProcessingImm(uint w, ref Insn d) => false;

    public static bool A32MoveWide(uint w, ref Insn d) => false;

    public static bool A32MiscInteger(uint w, ref Insn d) => false;

    public static bool A32Branch(uint w, ref Insn d) => false;

    public static bool A32BlxImm(uint w, ref Insn d) => false;

    public static bool T16ShiftAddSubMovCmp(uint w, ref Insn d) => false;

    public static bool T16DataProcessing(uint w, ref Insn d) => false;

    public static bool T16SpecialDataBranch(uint w, ref Insn d) => false;

    public static bool T16Adr(uint w, ref Insn d) => false;

    public static bool T16AddSpImm(uint w, ref Insn d) => false;

    public static bool T16Misc(uint w, ref Insn d) => false;

    public static bool T16ConditionalBranch(uint w, ref Insn d) => false;

    public static bool T16Branch(uint w, ref Insn d) => false;

    public static bool T32DataProcessingShiftedReg(uint w, ref Insn d) => false;

    public static bool T32DataProcessingModifiedImm(uint w, ref Insn d) => false;

    public static bool T32PlainBinaryImm(uint w, ref Insn d) => false;

    public static bool T32Branch(uint w, ref Insn d) => false;

    public static bool T32Bxj(uint w, ref Insn d) => false;

    public static bool T32ShiftRegister(uint w, ref Insn d) => false;
}
