namespace Xenith.Cpu.Arm.LoadStore;

/// <summary>Decoders of the LoadStore group. Each returns false for an UNDEFINED encoding
/// (UNPREDICTABLE encodings are UNDEFINED here unless noted).</summary>
/// <remarks>This part: helpers shared by the A32 and T32 decoders.</remarks>
public static partial class LoadStoreDecoder
{
    private const LoadStoreFlags P = LoadStoreFlags.PreIndex, U = LoadStoreFlags.Add, W = LoadStoreFlags.WriteBack;

    /// <summary>True for SP and PC, which most T32 encodings forbid (BadReg).</summary>
    private static bool BadReg(int r) => r is 13 or 15;

    private static ushort Op(LoadStoreOp op) => (ushort)op;

    /// <summary>Offset addressing without write-back: one of the hot ops with the signed offset resolved.</summary>
    private static bool Offset(ref Insn d, LoadStoreOp op, int t, int n, uint imm, bool add, bool thumb)
    {
        d.Op = Op(op);
        d.Rd = (byte)t;
        d.Rn = (byte)n;
        d.Imm = add ? imm : 0u - imm;
        d.Flags = (byte)(P | (add ? U : 0) | (thumb ? LoadStoreFlags.Thumb : 0));
        d.Extra = (ushort)(imm | (add ? 0x8000u : 0));
        return true;
    }

    /// <summary>PC-relative literal: the target is fixed at decode; Imm is its distance from R[15]'s read value.</summary>
    private static bool Literal(ref Insn d, LoadStoreOp op, int t, uint imm, bool add, bool thumb)
    {
        uint pcRead = d.Address + (thumb ? 4u : 8u);
        uint basePc = pcRead & ~3u; // Align(PC, 4): a no-op in A32
        uint target = add ? basePc + imm : basePc - imm;
        d.Op = Op(op);
        d.Rd = (byte)t;
        d.Rn = 15;
        d.Imm = target - pcRead;
        d.Flags = (byte)(P | U | LoadStoreFlags.Literal | (thumb ? LoadStoreFlags.Thumb : 0));
        d.Extra = (ushort)(imm | (add ? 0x8000u : 0));
        return true;
    }

    /// <summary>General addressing with an immediate offset magnitude.</summary>
    private static bool IndexedImm(ref Insn d, LoadStoreOp op, int t, int n, uint imm, bool p, bool add, bool wback, bool unpriv, bool thumb)
    {
        d.Op = Op(op);
        d.Rd = (byte)t;
        d.Rn = (byte)n;
        d.Imm = imm;
        d.Flags = (byte)((p ? P : 0) | (add ? U : 0) | (wback ? W : 0) | (unpriv ? LoadStoreFlags.Unprivileged : 0) | (thumb ? LoadStoreFlags.Thumb : 0));
        d.Extra = (ushort)(imm | (add ? 0x8000u : 0));
        return true;
    }

    /// <summary>General addressing with a (shifted) register offset.</summary>
    private static bool IndexedReg(ref Insn d, LoadStoreOp op, int t, int n, int m, ShiftType type, int amount, bool p, bool add, bool wback, bool unpriv, bool thumb)
    {
        d.Op = Op(op);
        d.Rd = (byte)t;
        d.Rn = (byte)n;
        d.Rm = (byte)m;
        d.ShiftType = (byte)type;
        d.ShiftAmount = (byte)amount;
        d.Flags = (byte)(LoadStoreFlags.RegisterOffset | (p ? P : 0) | (add ? U : 0) | (wback ? W : 0)
            | (unpriv ? LoadStoreFlags.Unprivileged : 0) | (thumb ? LoadStoreFlags.Thumb : 0));
        return true;
    }

    /// <summary>DecodeImmShift (A8.4.3): LSR/ASR #0 mean #32, ROR #0 is RRX.</summary>
    private static ShiftType DecodeImmShift(uint type, uint imm5, out int amount)
    {
        switch (type)
        {
            case 0: amount = (int)imm5; return ShiftType.Lsl;
            case 1: amount = imm5 == 0 ? 32 : (int)imm5; return ShiftType.Lsr;
            case 2: amount = imm5 == 0 ? 32 : (int)imm5; return ShiftType.Asr;
            default:
                if (imm5 == 0)
                {
                    amount = 1;
                    return ShiftType.Rrx;
                }
                amount = (int)imm5;
                return ShiftType.Ror;
        }
    }

    /// <summary>Load/store multiple: the list, the first address's offset and the write-back direction.</summary>
    private static bool Multiple(ref Insn d, LoadStoreOp op, int n, uint list, bool increment, bool before, bool wback, bool thumb)
    {
        int count = global::System.Numerics.BitOperations.PopCount(list);
        int start = increment ? (before ? 4 : 0) : (before ? -4 * count : -4 * count + 4);
        d.Op = Op(op);
        d.Rn = (byte)n;
        d.Extra = (ushort)list;
        d.Imm = (uint)start;
        d.ShiftAmount = (byte)count;
        d.Flags = (byte)((before ? P : 0) | (increment ? U : 0) | (wback ? W : 0) | (thumb ? LoadStoreFlags.Thumb : 0));
        if (op == LoadStoreOp.LdmExceptionReturn || (op == LoadStoreOp.Ldm && (list & 0x8000) != 0))
            d.Attr |= (byte)InsnAttr.EndsBlock;
        return true;
    }

    private static bool Exclusive(ref Insn d, LoadStoreOp op, int t, int t2, int status, int n, uint imm, bool thumb)
    {
        d.Op = Op(op);
        d.Rd = (byte)t;
        d.Ra = (byte)t2;
        d.Rm = (byte)status;
        d.Rn = (byte)n;
        d.Imm = imm;
        d.Flags = thumb ? (byte)LoadStoreFlags.Thumb : (byte)0;
        return true;
    }

    /// <summary>A load into the PC ends the block (the next PC is only known at run time).</summary>
    private static bool EndsIfPc(ref Insn d, int t)
    {
        if (t == 15)
            d.Attr |= (byte)InsnAttr.EndsBlock;
        return true;
    }

    /// <summary>T32: a write to the PC inside an IT block must be its last instruction.</summary>
    private static bool PcWriteAllowedInIt(in Insn d) =>
        (d.Attr & (byte)InsnAttr.InItBlock) == 0 || (d.Attr & (byte)InsnAttr.LastInItBlock) != 0;

    private static bool Preload(ref Insn d, PreloadKind kind, bool thumb)
    {
        d.Op = Op(LoadStoreOp.Preload);
        d.Extra = (ushort)((d.Extra & 0x8FFFu) | ((uint)kind << 12));
        d.Flags |= thumb ? (byte)LoadStoreFlags.Thumb : (byte)0;
        d.Rd = 15;
        return true;
    }
}
