namespace Xenith.Cpu.Arm.Vfp;

/// <summary>
/// Decoders of the Vfp group (ARM ARM A7.5–A7.9). A32 and 32-bit T32 encodings share bits 27:0, so one
/// decoder serves both; the router has already set the condition. Each returns false for an UNDEFINED
/// encoding; the UNPREDICTABLE ones QEMU does not implement cheaply are UNDEFINED here too.
/// Access control (CPACR, FPEXC.EN, FPSCR.LEN) depends on state and is checked at execution.
/// </summary>
public static class VfpDecoder
{
    /// <summary>Coprocessor space with coproc = 101x: cp10 (single) and cp11 (double).</summary>
    public static bool Decode(uint w, ref Insn d)
    {
        switch ((w >> 24) & 0xF)
        {
            case 0xC:
            case 0xD:
                return LoadStore(w, ref d);
            case 0xE:
                return (w & 0x10) == 0 ? DataProcessing(w, ref d) : Transfer(w, ref d);
            default:
                return false;
        }
    }

    /// <summary>Advanced SIMD (NEON) is not implemented yet: all of it is UNDEFINED.</summary>
    public static bool AdvancedSimd(uint w, ref Insn d) => false;

    // Register numbers: single precision Vx:X, double precision X:Vx.
    private static byte RegD(uint w, bool dp) => dp
        ? (byte)(((w >> 12) & 0xF) | ((w >> 18) & 0x10))
        : (byte)((((w >> 12) & 0xF) << 1) | ((w >> 22) & 1));

    private static byte RegN(uint w, bool dp) => dp
        ? (byte)(((w >> 16) & 0xF) | ((w >> 3) & 0x10))
        : (byte)((((w >> 16) & 0xF) << 1) | ((w >> 7) & 1));

    private static byte RegM(uint w, bool dp) => dp
        ? (byte)((w & 0xF) | ((w >> 1) & 0x10))
        : (byte)(((w & 0xF) << 1) | ((w >> 5) & 1));

    private static bool Set(ref Insn d, VfpOp op, byte rd, byte rn, byte rm, byte flags = 0)
    {
        d.Op = (ushort)op;
        d.Rd = rd;
        d.Rn = rn;
        d.Rm = rm;
        d.Flags = flags;
        return true;
    }

    /// <summary>Floating-point data processing (A7.5).</summary>
    private static bool DataProcessing(uint w, ref Insn d)
    {
        bool dp = (w & 0x100) != 0;
        bool op6 = (w & 0x40) != 0;
        uint opc1 = ((w >> 20) & 3) | ((w >> 21) & 4);
        ushort p = dp ? (ushort)1 : (ushort)0;
        byte rd = RegD(w, dp), rn = RegN(w, dp), rm = RegM(w, dp);
        switch (opc1)
        {
            case 0: return Set(ref d, (op6 ? VfpOp.VmlsF32 : VfpOp.VmlaF32) + p, rd, rn, rm);
            case 1: return Set(ref d, (op6 ? VfpOp.VnmlaF32 : VfpOp.VnmlsF32) + p, rd, rn, rm);
            case 2: return Set(ref d, (op6 ? VfpOp.VnmulF32 : VfpOp.VmulF32) + p, rd, rn, rm);
            case 3: return Set(ref d, (op6 ? VfpOp.VsubF32 : VfpOp.VaddF32) + p, rd, rn, rm);
            case 4: return !op6 && Set(ref d, VfpOp.VdivF32 + p, rd, rn, rm);
            case 5: return Set(ref d, (op6 ? VfpOp.VfnmaF32 : VfpOp.VfnmsF32) + p, rd, rn, rm);
            case 6: return Set(ref d, (op6 ? VfpOp.VfmsF32 : VfpOp.VfmaF32) + p, rd, rn, rm);
        }
        if (!op6)
        {
            // VMOV immediate: bits 7 and 5 are (0); QEMU undefines them when set.
            if ((w & 0xA0) != 0)
                return false;
            uint imm8 = ((w >> 12) & 0xF0) | (w & 0xF);
            d.Extra = (ushort)imm8;
            d.Imm = ExpandImm(imm8, dp);
            return Set(ref d, VfpOp.VmovImmF32 + p, rd, 0, 0);
        }
        bool b7 = (w & 0x80) != 0;
        uint opc2 = (w >> 16) & 0xF;
        switch (opc2)
        {
            case 0: return Set(ref d, (b7 ? VfpOp.VabsF32 : VfpOp.VmovRegF32) + p, rd, 0, rm);
            case 1: return Set(ref d, (b7 ? VfpOp.VsqrtF32 : VfpOp.VnegF32) + p, rd, 0, rm);
            case 2:
            case 3:
                // Half-precision conversions with a double operand are ARMv8.
                if (dp)
                    return false;
                return Set(ref d, (opc2 & 1) != 0 ? VfpOp.VcvtF16F32 : VfpOp.VcvtF32F16, rd, 0, rm,
                    b7 ? (byte)VfpFlags.Top : (byte)0);
            case 4:
            case 5:
            {
                byte flags = b7 ? (byte)VfpFlags.Signal : (byte)0;
                if ((opc2 & 1) != 0)
                {
                    // Compare with #0.0: Vm and M must be zero (QEMU undefines the rest).
                    if ((w & 0x2F) != 0)
                        return false;
                    flags |= (byte)VfpFlags.WithZero;
                    rm = 0;
                }
                return Set(ref d, VfpOp.VcmpF32 + p, rd, 0, rm, flags);
            }
            case 7:
                // b7 clear is VRINTX (ARMv8).
                if (!b7)
                    return false;
                return dp
                    ? Set(ref d, VfpOp.VcvtF32F64, RegD(w, false), 0, RegM(w, true))
                    : Set(ref d, VfpOp.VcvtF64F32, RegD(w, true), 0, RegM(w, false));
            case 8:
                return Set(ref d, VfpOp.VcvtFromIntF32 + p, rd, 0, RegM(w, false),
                    b7 ? (byte)0 : (byte)VfpFlags.Unsigned);
            case 0xC:
            case 0xD:
            {
                byte flags = (byte)(((opc2 & 1) == 0 ? VfpFlags.Unsigned : 0) | (b7 ? VfpFlags.RoundZero : 0));
                return Set(ref d, VfpOp.VcvtToIntF32 + p, RegD(w, false), 0, rm, flags);
            }
            case 0xA:
            case 0xB:
            case 0xE:
            case 0xF:
            {
                int size = b7 ? 32 : 16;
                int imm5 = (int)(((w & 0xF) << 1) | ((w >> 5) & 1));
                int fracBits = size - imm5;
                if (fracBits < 0)
                    return false; // UNPREDICTABLE
                d.Imm = (uint)fracBits;
                d.Extra = (ushort)size;
                VfpOp op = (opc2 & 4) != 0 ? VfpOp.VcvtToFixedF32 : VfpOp.VcvtFromFixedF32;
                return Set(ref d, op + p, rd, 0, rd, (opc2 & 1) != 0 ? (byte)VfpFlags.Unsigned : (byte)0);
            }
            default:
                return false; // 0110 VRINTZ/VRINTR, 1001 VJCVT: ARMv8
        }
    }

    /// <summary>VFPExpandImm: the single-precision value, or the high word of the double.</summary>
    public static uint ExpandImm(uint imm8, bool dp)
    {
        uint sign = (imm8 & 0x80) << 24;
        bool b6 = (imm8 & 0x40) != 0;
        if (dp)
            return sign | (b6 ? 0x3FC00000u : 0x40000000u) | ((imm8 & 0x3F) << 16);
        return sign | (b6 ? 0x3E000000u : 0x40000000u) | ((imm8 & 0x3F) << 19);
    }

    /// <summary>Extension register load/store (A7.6) and, at opcode 0010x, 64-bit transfers (A7.9).</summary>
    private static bool LoadStore(uint w, ref Insn d)
    {
        uint opcode = (w >> 20) & 0x1F;
        bool dp = (w & 0x100) != 0;
        if ((opcode & 0x1E) == 0x04)
            return Transfer64(w, ref d);
        bool p = (w & (1u << 24)) != 0, u = (w & (1u << 23)) != 0, wb = (w & (1u << 21)) != 0;
        bool load = (w & (1u << 20)) != 0;
        byte rn = (byte)((w >> 16) & 0xF);
        byte rd = RegD(w, dp);
        uint imm8 = w & 0xFF;
        if (p && !wb)
        {
            // VLDR/VSTR. PC as base (T32 too) is the literal form: Align(PC, 4).
            int offset = (int)(imm8 << 2);
            d.Imm = (uint)(u ? offset : -offset);
            VfpOp op = load ? (dp ? VfpOp.VldrD : VfpOp.VldrS) : (dp ? VfpOp.VstrD : VfpOp.VstrS);
            return Set(ref d, op, rd, rn, 0, u ? (byte)(InsnFlags.Add | InsnFlags.PreIndex) : (byte)InsnFlags.PreIndex);
        }
        if (p == u)
            return false; // 000xx unallocated (0010x handled above), 11x1x UNDEFINED
        int regs = dp ? (int)(imm8 >> 1) : (int)imm8;
        // UNPREDICTABLE lists and write-back to PC: UNDEFINED, as QEMU chooses.
        if (regs == 0 || rd + regs > 32 || (dp && regs > 16))
            return false;
        if (rn == 15 && wb)
            return false;
        d.Extra = (ushort)regs;
        d.Imm = imm8 << 2;
        byte flags = (byte)((u ? InsnFlags.Add : 0) | (p ? InsnFlags.PreIndex : 0) | (wb ? InsnFlags.WriteBack : 0));
        VfpOp mop = load ? (dp ? VfpOp.VldmD : VfpOp.VldmS) : (dp ? VfpOp.VstmD : VfpOp.VstmS);
        return Set(ref d, mop, rd, rn, 0, flags);
    }

    /// <summary>VMOV between two core registers and a D register or two S registers (A7.9).</summary>
    private static bool Transfer64(uint w, ref Insn d)
    {
        // Bits 7:6 are 00 and bit 4 is 1 in both forms; anything else is unallocated.
        if ((w & 0xD0) != 0x10)
            return false;
        bool dp = (w & 0x100) != 0;
        bool toCore = (w & (1u << 20)) != 0;
        byte rt = (byte)((w >> 12) & 0xF), rt2 = (byte)((w >> 16) & 0xF);
        byte m = RegM(w, dp);
        // UNPREDICTABLE: PC as either core register, or S31 as the first of a pair.
        if (rt == 15 || rt2 == 15 || (!dp && m == 31))
            return false;
        d.Ra = rt2;
        VfpOp op = dp ? (toCore ? VfpOp.VmovFromD : VfpOp.VmovToD) : (toCore ? VfpOp.VmovFrom2S : VfpOp.VmovTo2S);
        return Set(ref d, op, rt, m, 0);
    }

    /// <summary>8, 16 and 32-bit transfers between core and extension registers (A7.8).</summary>
    private static bool Transfer(uint w, ref Insn d)
    {
        bool toCore = (w & (1u << 20)) != 0;
        bool c = (w & 0x100) != 0;
        uint a = (w >> 21) & 7;
        byte rt = (byte)((w >> 12) & 0xF);
        if (!c)
        {
            if (a == 0)
            {
                // VMOV Sn <-> Rt: bits 6:5 and 3:0 are (0); QEMU undefines them when set.
                if ((w & 0x6F) != 0)
                    return false;
                return Set(ref d, toCore ? VfpOp.VmovFromS : VfpOp.VmovToS, rt, RegN(w, false), 0);
            }
            if (a == 7)
            {
                if ((w & 0xEF) != 0)
                    return false;
                int reg = (int)((w >> 16) & 0xF);
                if (toCore)
                {
                    if (reg is not (VfpSysReg.Fpsid or VfpSysReg.Fpscr or VfpSysReg.Mvfr1 or VfpSysReg.Mvfr0 or VfpSysReg.Fpexc))
                        return false;
                    return Set(ref d, VfpOp.Vmrs, rt, (byte)reg, 0);
                }
                // Writes to FPSID and MVFRx are ignored, as QEMU does. VMSR from PC is UNPREDICTABLE.
                // FPEXC.EN and FPSCR.LEN are checked at execution, so nothing decoded after it goes stale.
                if (reg is not (VfpSysReg.Fpsid or VfpSysReg.Fpscr or VfpSysReg.Mvfr1 or VfpSysReg.Mvfr0 or VfpSysReg.Fpexc))
                    return false;
                if (rt == 15)
                    return false;
                return Set(ref d, VfpOp.Vmsr, rt, (byte)reg, 0);
            }
            return false;
        }
        // Scalar transfers: only the 32-bit size is VFP; 8/16-bit sizes and VDUP are Advanced SIMD.
        if ((w & 0xF) != 0 || (w & 0x60) != 0 || (w & (1u << 22)) != 0)
            return false;
        if (rt == 15)
            return false; // UNPREDICTABLE
        byte dreg = (byte)(((w >> 3) & 0x10) | ((w >> 16) & 0xF));
        d.Imm = (w >> 21) & 1;
        if (toCore)
        {
            if ((w & (1u << 23)) != 0)
                return false; // U = 1 with 32-bit size
            return Set(ref d, VfpOp.VmovFromScalar, rt, dreg, 0);
        }
        if ((w & (1u << 23)) != 0)
            return false; // VDUP
        return Set(ref d, VfpOp.VmovToScalar, rt, dreg, 0);
    }
}
