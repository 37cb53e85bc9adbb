namespace Xenith.Cpu.Arm.LoadStore;

/// <summary>A32 encodings (ARM ARM A5.2.8, A5.2.10, A5.3, A5.5, A5.7.1).</summary>
public static partial class LoadStoreDecoder
{
    private static readonly LoadStoreOp[] WordByteOffset = [LoadStoreOp.Str, LoadStoreOp.Ldr, LoadStoreOp.Strb, LoadStoreOp.Ldrb];
    private static readonly LoadStoreOp[] WordByteIndexed = [LoadStoreOp.StrX, LoadStoreOp.LdrX, LoadStoreOp.StrbX, LoadStoreOp.LdrbX];

    /// <summary>LDR/STR/LDRB/STRB and their T forms (A5.3).</summary>
    public static bool A32LoadStoreWordByte(uint w, ref Insn d)
    {
        bool reg = (w & (1u << 25)) != 0, p = (w & (1u << 24)) != 0, u = (w & (1u << 23)) != 0;
        bool b = (w & (1u << 22)) != 0, wbit = (w & (1u << 21)) != 0, l = (w & (1u << 20)) != 0;
        int n = (int)(w >> 16) & 15, t = (int)(w >> 12) & 15;
        bool unpriv = !p && wbit, wback = !p || wbit;
        int kind = (b ? 2 : 0) | (l ? 1 : 0);
        if (b && t == 15)
            return false;
        if (unpriv ? n == 15 || n == t || (l && t == 15) : wback && (n == 15 || n == t))
            return false;
        if (reg)
        {
            int m = (int)w & 15;
            if (m == 15)
                return false;
            ShiftType type = DecodeImmShift((w >> 5) & 3, (w >> 7) & 31, out int amount);
            IndexedReg(ref d, WordByteIndexed[kind], t, n, m, type, amount, p, u, wback, unpriv, thumb: false);
        }
        else if (p && !wbit)
        {
            Offset(ref d, WordByteOffset[kind], t, n, w & 0xFFF, u, thumb: false);
        }
        else
        {
            IndexedImm(ref d, WordByteIndexed[kind], t, n, w & 0xFFF, p, u, wback, unpriv, thumb: false);
        }
        return l ? EndsIfPc(ref d, t) : true;
    }

    /// <summary>LDRH/STRH/LDRSB/LDRSH/LDRD/STRD and the T forms (A5.2.8).</summary>
    public static bool A32ExtraLoadStore(uint w, ref Insn d)
    {
        uint op2 = (w >> 5) & 3;
        bool p = (w & (1u << 24)) != 0, u = (w & (1u << 23)) != 0, imm = (w & (1u << 22)) != 0;
        bool wbit = (w & (1u << 21)) != 0, l = (w & (1u << 20)) != 0;
        int n = (int)(w >> 16) & 15, t = (int)(w >> 12) & 15, m = (int)w & 15;
        uint imm8 = ((w >> 4) & 0xF0) | (w & 0xF);
        bool unpriv = !p && wbit, wback = !p || wbit;
        if (!imm && (w & 0xF00) != 0)
            return false;
        bool dual = !l && op2 != 1;
        if (dual)
        {
            // LDRD (op2 10) and STRD (op2 11): Rt even, Rt2 = Rt + 1.
            int t2 = t + 1;
            if (unpriv || (t & 1) != 0 || t2 == 15 || (wback && (n == 15 || n == t || n == t2)))
                return false;
            LoadStoreOp op = op2 == 2 ? LoadStoreOp.Ldrd : LoadStoreOp.Strd;
            if (!imm && (m == 15 || (op == LoadStoreOp.Ldrd && (m == t || m == t2))))
                return false;
            if (imm)
                IndexedImm(ref d, op, t, n, imm8, p, u, wback, false, thumb: false);
            else
                IndexedReg(ref d, op, t, n, m, ShiftType.Lsl, 0, p, u, wback, false, thumb: false);
            d.Ra = (byte)t2;
            return true;
        }
        LoadStoreOp offsetOp, indexedOp;
        if (op2 == 1)
        {
            offsetOp = l ? LoadStoreOp.Ldrh : LoadStoreOp.Strh;
            indexedOp = l ? LoadStoreOp.LdrhX : LoadStoreOp.StrhX;
        }
        else
        {
            offsetOp = op2 == 2 ? LoadStoreOp.Ldrsb : LoadStoreOp.Ldrsh;
            indexedOp = op2 == 2 ? LoadStoreOp.LdrsbX : LoadStoreOp.LdrshX;
        }
        if (t == 15 || (wback && (n == 15 || n == t)) || (!imm && m == 15))
            return false;
        if (!imm)
            return IndexedReg(ref d, indexedOp, t, n, m, ShiftType.Lsl, 0, p, u, wback, unpriv, thumb: false);
        if (p && !wbit)
            return Offset(ref d, offsetOp, t, n, imm8, u, thumb: false);
        return IndexedImm(ref d, indexedOp, t, n, imm8, p, u, wback, unpriv, thumb: false);
    }

    /// <summary>SWP/SWPB (UNDEFINED: SCTLR.SW is 0) and LDREX/STREX and their B/H/D forms (A5.2.10).</summary>
    public static bool A32SyncPrimitive(uint w, ref Insn d)
    {
        uint op = (w >> 20) & 0xF;
        if ((op & 8) == 0 || (w & 0xF00) != 0xF00)
            return false;
        int n = (int)(w >> 16) & 15, r12 = (int)(w >> 12) & 15, r0 = (int)w & 15;
        int size = (int)(op >> 1) & 3; // 0 word, 1 doubleword, 2 byte, 3 halfword
        if (n == 15)
            return false;
        if ((op & 1) != 0)
        {
            // Loads: Rt in bits 15:12, bits 3:0 are (1)(1)(1)(1).
            if (r0 != 15 || r12 == 15 || (size == 1 && ((r12 & 1) != 0 || r12 == 14)))
                return false;
            LoadStoreOp lop = size switch { 0 => LoadStoreOp.Ldrex, 1 => LoadStoreOp.Ldrexd, 2 => LoadStoreOp.Ldrexb, _ => LoadStoreOp.Ldrexh };
            return Exclusive(ref d, lop, r12, r12 + 1, 0, n, 0, thumb: false);
        }
        // Stores: status Rd in 15:12, Rt in 3:0.
        int rd = r12, rt = r0;
        if (rd == 15 || rt == 15 || rd == n || rd == rt)
            return false;
        if (size == 1 && ((rt & 1) != 0 || rt == 14 || rd == rt + 1))
            return false;
        LoadStoreOp sop = size switch { 0 => LoadStoreOp.Strex, 1 => LoadStoreOp.Strexd, 2 => LoadStoreOp.Strexb, _ => LoadStoreOp.Strexh };
        return Exclusive(ref d, sop, rt, rt + 1, rd, n, 0, thumb: false);
    }

    /// <summary>LDM/STM in all four addressing modes, PUSH/POP, and the ^ forms (A5.5).</summary>
    public static bool A32LoadStoreMultiple(uint w, ref Insn d)
    {
        bool p = (w & (1u << 24)) != 0, u = (w & (1u << 23)) != 0, s = (w & (1u << 22)) != 0;
        bool wbit = (w & (1u << 21)) != 0, l = (w & (1u << 20)) != 0;
        int n = (int)(w >> 16) & 15;
        uint list = w & 0xFFFF;
        if (n == 15 || list == 0)
            return false;
        LoadStoreOp op;
        if (!s)
            op = l ? LoadStoreOp.Ldm : LoadStoreOp.Stm;
        else if (l && (list & 0x8000) != 0)
            op = LoadStoreOp.LdmExceptionReturn;
        else if (wbit)
            return false; // LDM/STM (User registers) with write-back: UNPREDICTABLE
        else
            op = l ? LoadStoreOp.LdmUser : LoadStoreOp.StmUser;
        return Multiple(ref d, op, n, list, u, p, wbit, thumb: false);
    }

    /// <summary>PLD, PLDW, PLI (immediate, literal, register) and the unallocated hints (A5.7.1).</summary>
    /// <remarks>They are NOPs, so the UNPREDICTABLE register choices (Rm = PC, PLDW with Rn = PC) are
    /// accepted as QEMU does. Bits 15:12 are (1)(1)(1)(1) in the allocated hints: QEMU treats other values
    /// as UNDEFINED and so do we; the unallocated hints ignore them.</remarks>
    public static bool A32MemoryHint(uint w, ref Insn d)
    {
        bool reg = (w & (1u << 25)) != 0, u = (w & (1u << 23)) != 0;
        bool pld = (w & (1u << 24)) != 0;   // bit 24: PLD/PLDW; clear: PLI or unallocated
        bool bit22 = (w & (1u << 22)) != 0; // PLD: R (1 = PLD, 0 = PLDW); PLI: must be 1
        int n = (int)(w >> 16) & 15;
        if ((w & (1u << 21)) != 0 || (reg && (w & 0x10) != 0))
            return false; // UNPREDICTABLE or UNDEFINED space
        PreloadKind kind = pld ? (bit22 ? PreloadKind.Pld : PreloadKind.Pldw) : (bit22 ? PreloadKind.Pli : PreloadKind.Nop);
        if (kind != PreloadKind.Nop && (w & 0xF000) != 0xF000)
            return false;
        if (reg)
        {
            ShiftType type = DecodeImmShift((w >> 5) & 3, (w >> 7) & 31, out int amount);
            IndexedReg(ref d, LoadStoreOp.Preload, 15, n, (int)w & 15, type, amount, true, u, false, false, thumb: false);
        }
        else if (n == 15)
        {
            Literal(ref d, LoadStoreOp.Preload, 15, w & 0xFFF, u, thumb: false);
        }
        else
        {
            IndexedImm(ref d, LoadStoreOp.Preload, 15, n, w & 0xFFF, true, u, false, false, thumb: false);
        }
        return Preload(ref d, kind, thumb: false);
    }
}
