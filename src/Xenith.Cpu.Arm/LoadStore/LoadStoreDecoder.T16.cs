namespace Xenith.Cpu.Arm.LoadStore;

/// <summary>16-bit T32 encodings (ARM ARM A6.2).</summary>
public static partial class LoadStoreDecoder
{
    // Register-offset forms by opB (A6.2.4): STR STRH STRB LDRSB LDR LDRH LDRB LDRSH.
    private static readonly LoadStoreOp[] T16RegisterOps =
    [
        LoadStoreOp.StrX, LoadStoreOp.StrhX, LoadStoreOp.StrbX, LoadStoreOp.LdrsbX,
        LoadStoreOp.LdrX, LoadStoreOp.LdrhX, LoadStoreOp.LdrbX, LoadStoreOp.LdrshX,
    ];

    /// <summary>LDR (literal) T1.</summary>
    public static bool T16LoadLiteral(uint w, ref Insn d) =>
        Literal(ref d, LoadStoreOp.Ldr, (int)(w >> 8) & 7, (w & 0xFF) << 2, true, thumb: true);

    /// <summary>Load/store single data item (A6.2.4).</summary>
    public static bool T16LoadStoreSingle(uint w, ref Insn d)
    {
        uint opA = w >> 12, opB = (w >> 9) & 7;
        int t = (int)w & 7, n = (int)(w >> 3) & 7;
        uint imm5 = (w >> 6) & 31;
        bool load = (w & 0x800) != 0;
        switch (opA)
        {
            case 5:
                return IndexedReg(ref d, T16RegisterOps[opB], t, n, (int)(w >> 6) & 7, ShiftType.Lsl, 0, true, true, false, false, thumb: true);
            case 6:
                return Offset(ref d, load ? LoadStoreOp.Ldr : LoadStoreOp.Str, t, n, imm5 << 2, true, thumb: true);
            case 7:
                return Offset(ref d, load ? LoadStoreOp.Ldrb : LoadStoreOp.Strb, t, n, imm5, true, thumb: true);
            case 8:
                return Offset(ref d, load ? LoadStoreOp.Ldrh : LoadStoreOp.Strh, t, n, imm5 << 1, true, thumb: true);
            case 9:
                return Offset(ref d, load ? LoadStoreOp.Ldr : LoadStoreOp.Str, (int)(w >> 8) & 7, 13, (w & 0xFF) << 2, true, thumb: true);
            default:
                return false;
        }
    }

    /// <summary>PUSH (STMDB SP!) and POP (LDMIA SP!) T1.</summary>
    public static bool T16PushPop(uint w, ref Insn d)
    {
        bool pop = (w & 0x800) != 0;
        uint list = (w & 0xFF) | ((w & 0x100) != 0 ? (pop ? 0x8000u : 0x4000u) : 0);
        if (list == 0 || (pop && (list & 0x8000) != 0 && !PcWriteAllowedInIt(in d)))
            return false;
        return pop
            ? Multiple(ref d, LoadStoreOp.Ldm, 13, list, increment: true, before: false, wback: true, thumb: true)
            : Multiple(ref d, LoadStoreOp.Stm, 13, list, increment: false, before: true, wback: true, thumb: true);
    }

    /// <summary>STM (STMIA) and LDM (LDMIA) T1: LDM writes back only when Rn is not in the list.</summary>
    public static bool T16LoadStoreMultiple(uint w, ref Insn d)
    {
        int n = (int)(w >> 8) & 7;
        uint list = w & 0xFF;
        if (list == 0)
            return false;
        bool load = (w & 0x800) != 0;
        bool wback = !load || (list & (1u << n)) == 0;
        return Multiple(ref d, load ? LoadStoreOp.Ldm : LoadStoreOp.Stm, n, list, increment: true, before: false, wback, thumb: true);
    }
}
