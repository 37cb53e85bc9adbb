using Xenith.Cpu.Arm.Integer;
using Xenith.Cpu.Arm.LoadStore;
using Xenith.Cpu.Arm.Media;
using Xenith.Cpu.Arm.Sys;
using Xenith.Cpu.Arm.Vfp;

namespace Xenith.Cpu.Arm.Decode;

/// <summary>
/// The T32 top-level decode (ARM ARM A6.1–A6.3): tracks ITSTATE through a block, gives each
/// instruction its IT condition, and routes encoding classes to the group decoders.
/// </summary>
public static class T32Decoder
{
    /// <summary>True if <paramref name="hw1"/> is the first halfword of a 32-bit encoding.</summary>
    public static bool IsWide(uint hw1) => (hw1 >> 11) >= 0x1D;

    /// <summary>
    /// Decodes one T32 instruction executed with ITSTATE <paramref name="it"/> and returns the ITSTATE
    /// after it. <paramref name="d"/> arrives zeroed with only Address set.
    /// </summary>
    public static byte Decode(uint hw1, uint hw2, byte it, ref Insn d)
    {
        bool wide = IsWide(hw1);
        d.Size = wide ? (byte)4 : (byte)2;
        d.Raw = wide ? (hw1 << 16) | hw2 : hw1;
        bool inIt = (it & 0xF) != 0;
        d.Cond = inIt ? (byte)(it >> 4) : (byte)14;
        if (inIt)
        {
            d.Attr |= (byte)InsnAttr.InItBlock;
            if ((it & 0x7) == 0)
                d.Attr |= (byte)InsnAttr.LastInItBlock;
        }
        byte next = Advance(it);
        d.ItAfter = next;

        if (!wide && (hw1 & 0xFF00) == 0xBF00 && (hw1 & 0xF) != 0)
            return DecodeIt(hw1, inIt, ref d);

        bool ok = wide ? Wide(hw1, hw2, ref d) : Narrow(hw1, ref d);
        if (!ok)
            A32Decoder.MakeUndefined(ref d);
        // A branch inside an IT block must be its last instruction; the block ends with it anyway.
        return d.ItAfter;
    }

    /// <summary>ITAdvance (A2.5.2).</summary>
    public static byte Advance(byte it) => (it & 7) == 0 ? (byte)0 : (byte)((it & 0xE0) | ((it << 1) & 0x1F));

    /// <summary>IT: its effect is the ITSTATE it leaves; an IT inside an IT block, or with
    /// firstcond 1111 or AL with a non-trivial mask, is UNPREDICTABLE and treated as UNDEFINED.</summary>
    private static byte DecodeIt(uint hw1, bool inIt, ref Insn d)
    {
        uint firstcond = (hw1 >> 4) & 0xF, mask = hw1 & 0xF;
        bool alWithElse = firstcond == 14 && BitCount(mask) != 1;
        if (inIt || firstcond == 15 || alWithElse)
        {
            A32Decoder.MakeUndefined(ref d);
            return d.ItAfter;
        }
        d.Op = (ushort)CoreOp.Nop;
        d.Imm = hw1 & 0xFF;
        d.Flags = 1; // marks IT for the disassembler
        d.ItAfter = (byte)(hw1 & 0xFF);
        return d.ItAfter;
    }

    private static int BitCount(uint v) => global::System.Numerics.BitOperations.PopCount(v);

    /// <summary>16-bit encodings (A6.2).</summary>
    private static bool Narrow(uint hw, ref Insn d)
    {
        uint op = hw >> 10;
        if ((op >> 4) == 0)
            return IntegerDecoder.T16ShiftAddSubMovCmp(hw, ref d); // 00xxxx
        if (op == 0x10) // 010000: data processing; opcode 1101 is MULS
            return ((hw >> 6) & 0xF) == 0xD ? MediaDecoder.T16Multiply(hw, ref d) : IntegerDecoder.T16DataProcessing(hw, ref d);
        if (op == 0x11) return IntegerDecoder.T16SpecialDataBranch(hw, ref d); // 010001
        if ((op & 0x3E) == 0x12) return LoadStoreDecoder.T16LoadLiteral(hw, ref d); // 01001x
        if ((op & 0x3C) == 0x14 || (op & 0x38) == 0x18 || (op & 0x38) == 0x20)
            return LoadStoreDecoder.T16LoadStoreSingle(hw, ref d); // 0101xx, 011xxx, 100xxx
        if ((op & 0x3E) == 0x28) return IntegerDecoder.T16Adr(hw, ref d); // 10100x
        if ((op & 0x3E) == 0x2A) return IntegerDecoder.T16AddSpImm(hw, ref d); // 10101x
        if ((op & 0x3C) == 0x2C) return Misc16(hw, ref d); // 1011xx
        if ((op & 0x3C) == 0x30) return LoadStoreDecoder.T16LoadStoreMultiple(hw, ref d); // 1100xx
        if ((op & 0x3C) == 0x34)
        {
            // 1101xx: B<cond>, UDF (cond 1110), SVC (cond 1111)
            uint cond = (hw >> 8) & 0xF;
            return cond switch
            {
                14 => SystemDecoder.T16Udf(hw, ref d),
                15 => SystemDecoder.T16Svc(hw, ref d),
                _ => IntegerDecoder.T16ConditionalBranch(hw, ref d),
            };
        }
        if ((op & 0x3E) == 0x38) return IntegerDecoder.T16Branch(hw, ref d); // 11100x
        return false;
    }

    /// <summary>Miscellaneous 16-bit instructions (A6.2.5).</summary>
    private static bool Misc16(uint hw, ref Insn d)
    {
        uint op = (hw >> 5) & 0x7F;
        if ((op & 0x70) == 0x20 || (op & 0x70) == 0x60) // 010xxxx PUSH, 110xxxx POP
            return LoadStoreDecoder.T16PushPop(hw, ref d);
        if (op == 0x33) return SystemDecoder.T16Cps(hw, ref d); // 0110011
        if (op == 0x32) return SystemDecoder.T16Setend(hw, ref d); // 0110010
        if ((op & 0x78) == 0x70) return SystemDecoder.T16Bkpt(hw, ref d); // 1110xxx
        if ((op & 0x78) == 0x78) return SystemDecoder.T16Hint(hw, ref d); // 1111xxx with mask 0000: hints
        if ((op & 0x78) == 0x10) return MediaDecoder.T16Extend(hw, ref d); // 0010xxx SXTH, SXTB, UXTH, UXTB
        if ((op & 0x78) == 0x50) return MediaDecoder.T16Reverse(hw, ref d); // 1010xxx REV, REV16, REVSH
        return IntegerDecoder.T16Misc(hw, ref d); // ADD/SUB SP, CBZ/CBNZ
    }

    /// <summary>32-bit encodings (A6.3).</summary>
    private static bool Wide(uint hw1, uint hw2, ref Insn d)
    {
        uint w = (hw1 << 16) | hw2;
        uint op1 = (hw1 >> 11) & 3, op2 = (hw1 >> 4) & 0x7F;
        bool op = (hw2 & 0x8000) != 0;
        switch (op1)
        {
            case 1:
                if ((op2 & 0x64) == 0x00)
                {
                    // Load/store multiple (A6.3.5); op = 00 or 11 in bits 8:7 are SRS and RFE.
                    uint lsmOp = (hw1 >> 7) & 3;
                    return lsmOp is 0 or 3 ? SystemDecoder.T32SrsRfe(w, ref d) : LoadStoreDecoder.T32LoadStoreMultiple(w, ref d);
                }
                if ((op2 & 0x64) == 0x04) return LoadStoreDecoder.T32LoadStoreDualExclusiveTable(w, ref d);
                if ((op2 & 0x60) == 0x20) return IntegerDecoder.T32DataProcessingShiftedReg(w, ref d);
                return CoprocessorT32(w, ref d);
            case 2:
                if (!op)
                {
                    if ((op2 & 0x20) == 0)
                        return IntegerDecoder.T32DataProcessingModifiedImm(w, ref d);
                    // Plain binary immediate (A6.3.3): op bit 4 set is saturation and bit fields.
                    return (op2 & 0x10) == 0 ? IntegerDecoder.T32PlainBinaryImm(w, ref d) : MediaDecoder.T32SaturateBitfield(w, ref d);
                }
                return BranchesAndMiscControl(w, ref d);
            default: // 3
                if ((op2 & 0x71) == 0x00) return LoadStoreDecoder.T32StoreSingle(w, ref d); // 000xxx0
                if ((op2 & 0x67) == 0x01) return LoadStoreDecoder.T32LoadByteHints(w, ref d); // 00xx001
                if ((op2 & 0x67) == 0x03) return LoadStoreDecoder.T32LoadHalfwordHints(w, ref d); // 00xx011
                if ((op2 & 0x67) == 0x05) return LoadStoreDecoder.T32LoadWord(w, ref d); // 00xx101
                if ((op2 & 0x71) == 0x10) return VfpDecoder.AdvancedSimd(w, ref d); // 001xxx0: element/structure load/store
                if ((op2 & 0x70) == 0x20)
                {
                    // Data processing (register) (A6.3.12): op1 0xxx with op2 0000 are the register-shifted moves.
                    return (hw1 & 0x80) == 0 && (hw2 & 0xF0) == 0 ? IntegerDecoder.T32ShiftRegister(w, ref d) : MediaDecoder.T32DataProcessingReg(w, ref d);
                }
                if ((op2 & 0x78) == 0x30) return MediaDecoder.T32Multiply(w, ref d); // 0110xxx
                if ((op2 & 0x78) == 0x38) return MediaDecoder.T32LongMultiplyDivide(w, ref d); // 0111xxx
                if ((op2 & 0x40) == 0x40) return CoprocessorT32(w, ref d); // 1xxxxxx
                return false;
        }
    }

    /// <summary>Coprocessor and Advanced SIMD space: 111x11xx. With bit 28 clear it is the A32
    /// coprocessor encoding with cond = AL; with it set, the *2 forms or Advanced SIMD data processing.</summary>
    private static bool CoprocessorT32(uint w, ref Insn d)
    {
        if ((w & 0x03000000) == 0x03000000)
            return VfpDecoder.AdvancedSimd(w, ref d); // 111U 1111: Advanced SIMD data processing
        if ((w & 0x10000000) != 0)
            return SystemDecoder.Coprocessor(w, ref d); // LDC2/STC2/MCR2/MRC2/CDP2 and the like
        return A32Decoder.Coprocessor(w, ref d);
    }

    /// <summary>Branches and miscellaneous control (A6.3.4).</summary>
    private static bool BranchesAndMiscControl(uint w, ref Insn d)
    {
        uint op = (w >> 20) & 0x7F, op1 = (w >> 12) & 7;
        if ((op1 & 5) == 0)
        {
            if ((op & 0x38) != 0x38)
                return IntegerDecoder.T32Branch(w, ref d); // B<cond>.W
            if (op == 0x3C)
                return IntegerDecoder.T32Bxj(w, ref d);
            if (op == 0x7E && op1 == 0 || op == 0x7F && op1 == 0 || op == 0x7F && op1 == 2)
                return SystemDecoder.T32HvcSmcUdf(w, ref d);
            // MSR, CPS and hints, CLREX/DSB/DMB/ISB, SUBS PC, LR and ERET, MRS (incl. banked forms)
            return SystemDecoder.T32MiscControl(w, ref d);
        }
        return IntegerDecoder.T32Branch(w, ref d); // B.W, BL, BLX (immediate)
    }
}
