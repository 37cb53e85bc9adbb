namespace Xenith.Cpu.Arm.LoadStore;

/// <summary>Decoders of the LoadStore group. Each returns false for an UNDEFINED encoding.</summary>
public static class LoadStoreDecoder
{
    public static bool A32ExtraLoadStore(uint w, ref Insn d) => false;

    public static bool A32SyncPrimitive(uint w, ref Insn d) => false;

    public static bool A32LoadStoreWordByte(uint w, ref Insn d) => false;

    public static bool A32LoadStoreMultiple(uint w, ref Insn d) => false;

    public static bool A32MemoryHint(uint w, ref Insn d) => false;

    public static bool T16LoadLiteral(uint w, ref Insn d) => false;

    public static bool T16LoadStoreSingle(uint w, ref Insn d) => false;

    public static bool T16PushPop(uint w, ref Insn d) => false;

    public static bool T16LoadStoreMultiple(uint w, ref Insn d) => false;

    public static bool T32LoadStoreMultiple(uint w, ref Insn d) => false;

    public static bool T32LoadStoreDualExclusiveTable(uint w, ref Insn d) => false;

    public static bool T32StoreSingle(uint w, ref Insn d) => false;

    public static bool T32LoadByteHints(uint w, ref Insn d) => false;

    public static bool T32LoadHalfwordHints(uint w, ref Insn d) => false;

    public static bool T32LoadWord(uint w, ref Insn d) => false;
}
