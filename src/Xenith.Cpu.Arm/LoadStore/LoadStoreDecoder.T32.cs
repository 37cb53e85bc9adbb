namespace Xenith.Cpu.Arm.LoadStore;

/// <summary>32-bit T32 encodings (ARM ARM A6.3.5–A6.3.10).</summary>
public static partial class LoadStoreDecoder
{
    /// <summary>STM/LDM IA and DB, PUSH.W/POP.W (A6.3.5; SRS/RFE go elsewhere).</summary>
    /// <remarks>A one-register list is UNPREDICTABLE; QEMU executes it and so do we. SP in the list,
    /// PC in an STM list, and P and M together in an LDM list are UNDEFINED here.</remarks>
    public static bool T32LoadStoreMultiple(uint w, ref Insn d)
    {
        bool increment = ((w >> 23) & 3) == 1;
        bool wback = (w & (1u << 21)) != 0, load = (w & (1u << 20)) != 0;
        int n = (int)(w >> 16) & 15;
        uint list = w & 0xFFFF;
        if (n == 15 || list == 0 || (list & 0x2000) != 0 || (wback && (list & (1u << n)) != 0))
            return false;
        if (load)
        {
            if ((list & 0xC000) == 0xC000 || ((list & 0x8000) != 0 && !PcWriteAllowedInIt(in d)))
                return false;
        }
        else if ((list & 0x8000) != 0)
        {
            return false;
        }
        return Multiple(ref d, load ? LoadStoreOp.Ldm : LoadStoreOp.Stm, n, list, increment, before: !increment, wback, thumb: true);
    }

    /// <summary>LDRD/STRD, LDREX/STREX and their B/H/D forms, TBB/TBH (A6.3.6).</summary>
    public static bool T32LoadStoreDualExclusiveTable(uint w, ref Insn d)
    {
        uint op1 = (w >> 23) & 3, op2 = (w >> 20) & 3, op3 = (w >> 4) & 0xF;
        int n = (int)(w >> 16) & 15, t = (int)(w >> 12) & 15, r8 = (int)(w >> 8) & 15, r0 = (int)w & 15;
        if (op1 == 0 && op2 == 0)
        {
            // STREX Rd, Rt, [Rn, #imm8<<2]
            if (BadReg(r8) || BadReg(t) || n == 15 || r8 == n || r8 == t)
                return false;
            return Exclusive(ref d, LoadStoreOp.Strex, t, 0, r8, n, (w & 0xFF) << 2, thumb: true);
        }
        if (op1 == 0 && op2 == 1)
        {
            if (r8 != 15 || BadReg(t) || n == 15)
                return false;
            return Exclusive(ref d, LoadStoreOp.Ldrex, t, 0, 0, n, (w & 0xFF) << 2, thumb: true);
        }
        if (op1 == 1 && op2 == 0)
        {
            // STREXB/H: Rt, (1111), Rd; STREXD: Rt, Rt2, Rd.
            LoadStoreOp op = op3 switch { 4 => LoadStoreOp.Strexb, 5 => LoadStoreOp.Strexh, 7 => LoadStoreOp.Strexd, _ => 0 };
            if (op == 0 || (op != LoadStoreOp.Strexd && r8 != 15))
                return false;
            int t2 = op == LoadStoreOp.Strexd ? r8 : 0;
            if (BadReg(r0) || BadReg(t) || n == 15 || r0 == n || r0 == t
                || (op == LoadStoreOp.Strexd && (BadReg(t2) || r0 == t2)))
                return false;
            return Exclusive(ref d, op, t, t2, r0, n, 0, thumb: true);
        }
        if (op1 == 1 && op2 == 1)
        {
            if (op3 <= 1)
            {
                // TBB/TBH: bits 15:8 are (1)(1)(1)(1)(0)(0)(0)(0).
                if ((w & 0xFF00) != 0xF000 || n == 13 || BadReg(r0) || !PcWriteAllowedInIt(in d))
                    return false;
                d.Op = Op(op3 == 0 ? LoadStoreOp.Tbb : LoadStoreOp.Tbh);
                d.Rn = (byte)n;
                d.Rm = (byte)r0;
                d.Flags = (byte)LoadStoreFlags.Thumb;
                d.Attr |= (byte)InsnAttr.EndsBlock;
                return true;
            }
            LoadStoreOp op = op3 switch { 4 => LoadStoreOp.Ldrexb, 5 => LoadStoreOp.Ldrexh, 7 => LoadStoreOp.Ldrexd, _ => 0 };
            if (op == 0 || r0 != 15 || (op != LoadStoreOp.Ldrexd && r8 != 15) || BadReg(t) || n == 15)
                return false;
            int t2 = op == LoadStoreOp.Ldrexd ? r8 : 0;
            if (op == LoadStoreOp.Ldrexd && (BadReg(t2) || t2 == t))
                return false;
            return Exclusive(ref d, op, t, t2, 0, n, 0, thumb: true);
        }

        // LDRD/STRD (immediate, literal): P U 1 W L, imm8 << 2.
        bool p = (w & (1u << 24)) != 0, u = (w & (1u << 23)) != 0, wb = (w & (1u << 21)) != 0, l = (w & (1u << 20)) != 0;
        int rt2 = r8;
        uint imm = (w & 0xFF) << 2;
        if (BadReg(t) || BadReg(rt2) || (wb && (n == t || n == rt2)))
            return false;
        if (l)
        {
            if (t == rt2)
                return false;
            if (n == 15)
            {
                if (wb)
                    return false;
                Literal(ref d, LoadStoreOp.Ldrd, t, imm, u, thumb: true);
                d.Ra = (byte)rt2;
                return true;
            }
        }
        else if (n == 15)
        {
            return false;
        }
        IndexedImm(ref d, l ? LoadStoreOp.Ldrd : LoadStoreOp.Strd, t, n, imm, p, u, wb, false, thumb: true);
        d.Ra = (byte)rt2;
        return true;
    }

    /// <summary>STR/STRH/STRB: imm12, imm8 with P/U/W, register with LSL #0–3, and STRT/STRHT/STRBT (A6.3.10).</summary>
    public static bool T32StoreSingle(uint w, ref Insn d)
    {
        uint op1 = (w >> 21) & 7;
        int n = (int)(w >> 16) & 15, t = (int)(w >> 12) & 15;
        int size = (int)(op1 & 3); // 0 byte, 1 halfword, 2 word
        if (n == 15 || size == 3)
            return false;
        // STR allows Rt = SP (not PC); STRB/STRH allow neither.
        if (size == 2 ? t == 15 : BadReg(t))
            return false;
        LoadStoreOp offsetOp = size switch { 0 => LoadStoreOp.Strb, 1 => LoadStoreOp.Strh, _ => LoadStoreOp.Str };
        LoadStoreOp indexedOp = size switch { 0 => LoadStoreOp.StrbX, 1 => LoadStoreOp.StrhX, _ => LoadStoreOp.StrX };
        if ((op1 & 4) != 0)
            return Offset(ref d, offsetOp, t, n, w & 0xFFF, true, thumb: true);
        return T32SingleCommon(w, ref d, offsetOp, indexedOp, n, t);
    }

    /// <summary>The imm8 (P/U/W, T form) and register forms shared by the T32 loads and stores;
    /// the caller has checked Rt for the plain forms.</summary>
    private static bool T32SingleCommon(uint w, ref Insn d, LoadStoreOp offsetOp, LoadStoreOp indexedOp, int n, int t)
    {
        if ((w & 0x800) != 0)
        {
            uint puw = (w >> 8) & 7;
            uint imm8 = w & 0xFF;
            if ((puw & 5) == 0)
                return false; // P = 0, W = 0
            if (puw == 6)
            {
                // LDRT/STRT and friends: offset addressing, PL0 access; Rt = SP/PC UNPREDICTABLE.
                if (BadReg(t))
                    return false;
                return IndexedImm(ref d, indexedOp, t, n, imm8, true, true, false, true, thumb: true);
            }
            bool p = (puw & 4) != 0, u = (puw & 2) != 0, wback = (puw & 1) != 0;
            if (wback && n == t)
                return false;
            if (!wback)
                return Offset(ref d, offsetOp, t, n, imm8, u, thumb: true);
            return IndexedImm(ref d, indexedOp, t, n, imm8, p, u, true, false, thumb: true);
        }
        if ((w & 0xFC0) != 0)
            return false;
        int m = (int)w & 15;
        if (BadReg(m))
            return false;
        return IndexedReg(ref d, indexedOp, t, n, m, ShiftType.Lsl, (int)(w >> 4) & 3, true, true, false, false, thumb: true);
    }

    /// <summary>LDR: imm12, imm8 with P/U/W, register, literal, LDRT (A6.3.7).</summary>
    public static bool T32LoadWord(uint w, ref Insn d)
    {
        uint op1 = (w >> 23) & 3;
        int n = (int)(w >> 16) & 15, t = (int)(w >> 12) & 15;
        if (t == 15 && !PcWriteAllowedInIt(in d))
            return false;
        if (n == 15)
        {
            if ((op1 & 2) != 0)
                return false;
            Literal(ref d, LoadStoreOp.Ldr, t, w & 0xFFF, (op1 & 1) != 0, thumb: true);
            return EndsIfPc(ref d, t);
        }
        if (op1 == 1)
        {
            Offset(ref d, LoadStoreOp.Ldr, t, n, w & 0xFFF, true, thumb: true);
            return EndsIfPc(ref d, t);
        }
        if (op1 != 0)
            return false;
        if ((w & 0xF00) == 0xE00 && t == 15)
            return false; // LDRT PC
        return T32SingleCommon(w, ref d, LoadStoreOp.Ldr, LoadStoreOp.LdrX, n, t) && EndsIfPc(ref d, t);
    }

    /// <summary>LDRB/LDRSB in all forms, PLD/PLI (A6.3.9).</summary>
    public static bool T32LoadByteHints(uint w, ref Insn d)
    {
        bool signed = (w & (1u << 24)) != 0;
        return T32LoadNarrow(w, ref d, signed ? LoadStoreOp.Ldrsb : LoadStoreOp.Ldrb, signed ? LoadStoreOp.LdrsbX : LoadStoreOp.LdrbX,
            signed ? PreloadKind.Pli : PreloadKind.Pld, signed ? PreloadKind.Pli : PreloadKind.Pld);
    }

    /// <summary>LDRH/LDRSH in all forms, PLDW and the unallocated hints (A6.3.8).</summary>
    public static bool T32LoadHalfwordHints(uint w, ref Insn d)
    {
        bool signed = (w & (1u << 24)) != 0;
        return T32LoadNarrow(w, ref d, signed ? LoadStoreOp.Ldrsh : LoadStoreOp.Ldrh, signed ? LoadStoreOp.LdrshX : LoadStoreOp.LdrhX,
            signed ? PreloadKind.Nop : PreloadKind.Pldw, PreloadKind.Nop);
    }

    /// <summary>Byte and halfword loads share one layout; Rt = PC selects the hints.</summary>
    /// <param name="hint">The hint for the imm12, negative imm8 and register forms.</param>
    /// <param name="literalHint">The hint for the literal form.</param>
    private static bool T32LoadNarrow(uint w, ref Insn d, LoadStoreOp offsetOp, LoadStoreOp indexedOp, PreloadKind hint, PreloadKind literalHint)
    {
        bool imm12 = (w & (1u << 23)) != 0;
        int n = (int)(w >> 16) & 15, t = (int)(w >> 12) & 15;
        if (n == 15)
        {
            if (t == 15)
            {
                Literal(ref d, LoadStoreOp.Preload, 15, w & 0xFFF, imm12, thumb: true);
                return Preload(ref d, literalHint, thumb: true);
            }
            return t != 13 && Literal(ref d, offsetOp, t, w & 0xFFF, imm12, thumb: true);
        }
        if (imm12)
        {
            if (t == 15)
            {
                Offset(ref d, LoadStoreOp.Preload, 15, n, w & 0xFFF, true, thumb: true);
                return Preload(ref d, hint, thumb: true);
            }
            return t != 13 && Offset(ref d, offsetOp, t, n, w & 0xFFF, true, thumb: true);
        }
        if (t == 15)
        {
            // Only the negative imm8 and the register forms are hints; the rest is UNPREDICTABLE.
            if ((w & 0xF00) == 0xC00)
                Offset(ref d, LoadStoreOp.Preload, 15, n, w & 0xFF, false, thumb: true);
            else if ((w & 0xFC0) == 0 && !BadReg((int)w & 15))
                IndexedReg(ref d, LoadStoreOp.Preload, 15, n, (int)w & 15, ShiftType.Lsl, (int)(w >> 4) & 3, true, true, false, false, thumb: true);
            else
                return false;
            return Preload(ref d, hint, thumb: true);
        }
        if (t == 13)
            return false;
        return T32SingleCommon(w, ref d, offsetOp, indexedOp, n, t);
    }
}
