using Xenith.Cpu.Arm.Integer;
using Xenith.Cpu.Arm.LoadStore;
using Xenith.Cpu.Arm.Media;
using Xenith.Cpu.Arm.Sys;
using Xenith.Cpu.Arm.Vfp;

namespace Xenith.Cpu.Arm.Decode;

/// <summary>
/// The A32 top-level decode (ARM ARM A5.1–A5.7): routes each encoding class to the decoder of the
/// group that owns it. Group decoders fill in <see cref="Insn"/> and return false for encodings
/// that are UNDEFINED (or not implemented, which must also be UNDEFINED).
/// </summary>
public static class A32Decoder
{
    /// <summary>Decodes one A32 instruction. <paramref name="d"/> arrives zeroed with only Address set.</summary>
    public static void Decode(uint w, ref Insn d)
    {
        d.Raw = w;
        d.Size = 4;
        uint cond = w >> 28;
        d.Cond = cond == 15 ? (byte)14 : (byte)cond;
        bool ok = cond == 15 ? Unconditional(w, ref d) : Conditional(w, ref d);
        if (!ok)
            MakeUndefined(ref d);
    }

    internal static void MakeUndefined(ref Insn d)
    {
        byte cond = d.Cond;
        uint addr = d.Address, raw = d.Raw;
        byte size = d.Size, itAfter = d.ItAfter;
        d = default;
        d.Op = (ushort)CoreOp.Undefined;
        d.Cond = cond;
        d.Address = addr;
        d.Raw = raw;
        d.Size = size;
        d.ItAfter = itAfter;
        d.Attr = (byte)InsnAttr.EndsBlock;
    }

    private static bool Conditional(uint w, ref Insn d)
    {
        switch ((w >> 25) & 7)
        {
            case 0:
                if ((w & 0x90) == 0x90)
                {
                    // Multiplies, synchronisation primitives and the extra load/store instructions (A5.2).
                    if ((w & 0x60) == 0)
                        return (w & 0x01000000) == 0 ? MediaDecoder.A32Multiply(w, ref d) : LoadStoreDecoder.A32SyncPrimitive(w, ref d);
                    return LoadStoreDecoder.A32ExtraLoadStore(w, ref d);
                }
                if ((w & 0x01900000) == 0x01000000)
                    return Miscellaneous(w, ref d);
                return IntegerDecoder.A32DataProcessingReg(w, ref d);
            case 1:
                switch ((w >> 20) & 0x1B)
                {
                    case 0x10: return IntegerDecoder.A32MoveWide(w, ref d); // MOVW (op1 10000) and MOVT (10100)
                    case 0x12: return SystemDecoder.A32MsrImmAndHints(w, ref d);
                    default: return IntegerDecoder.A32DataProcessingImm(w, ref d);
                }
            case 2:
                return LoadStoreDecoder.A32LoadStoreWordByte(w, ref d);
            case 3:
                return (w & 0x10) == 0 ? LoadStoreDecoder.A32LoadStoreWordByte(w, ref d) : MediaDecoder.A32Media(w, ref d);
            case 4:
                return LoadStoreDecoder.A32LoadStoreMultiple(w, ref d);
            case 5:
                return IntegerDecoder.A32Branch(w, ref d);
            default:
                if ((w & 0x0F000000) == 0x0F000000)
                    return SystemDecoder.A32Svc(w, ref d);
                return Coprocessor(w, ref d);
        }
    }

    /// <summary>Coprocessor space: cp10/cp11 are VFP, the rest (cp14, cp15) system registers.</summary>
    internal static bool Coprocessor(uint w, ref Insn d)
    {
        uint coproc = (w >> 8) & 0xF;
        // MCRR/MRRC (op1 = 00010x) and the rest are routed by coprocessor number alike.
        if ((coproc & 0xE) == 0xA)
            return VfpDecoder.Decode(w, ref d);
        return SystemDecoder.Coprocessor(w, ref d);
    }

    /// <summary>Miscellaneous instructions (A5.2.12) and halfword multiplies (A5.2.7).</summary>
    private static bool Miscellaneous(uint w, ref Insn d)
    {
        if ((w & 0x80) != 0)
            return MediaDecoder.A32HalfwordMultiply(w, ref d);
        switch ((w >> 4) & 7)
        {
            case 0: return SystemDecoder.A32StatusRegister(w, ref d); // MRS, MSR (register), banked forms
            case 1:
                return ((w >> 21) & 3) == 3 ? MediaDecoder.A32Clz(w, ref d) : IntegerDecoder.A32MiscInteger(w, ref d); // CLZ; BX
            case 2:
            case 3: return IntegerDecoder.A32MiscInteger(w, ref d); // BXJ, BLX (register)
            case 5: return MediaDecoder.A32SaturatingAddSub(w, ref d);
            case 6:
            case 7: return SystemDecoder.A32ExceptionGenerating(w, ref d); // ERET, BKPT, HVC, SMC
            default: return false;
        }
    }

    /// <summary>Unconditional instructions (A5.7) and Advanced SIMD (A7).</summary>
    private static bool Unconditional(uint w, ref Insn d)
    {
        if ((w & 0x0E000000) == 0x0A000000)
            return IntegerDecoder.A32BlxImm(w, ref d);
        if ((w & 0x0E000000) == 0x02000000 || (w & 0x0F100000) == 0x04000000)
            return VfpDecoder.AdvancedSimd(w, ref d);
        if ((w & 0x0C000000) == 0x04000000 && (w & 0x00100000) != 0 && (w & 0x0F700000) != 0x05700000)
            return LoadStoreDecoder.A32MemoryHint(w, ref d); // PLD, PLDW, PLI
        return SystemDecoder.A32Unconditional(w, ref d); // CPS, SETEND, SRS, RFE, CLREX, DSB, DMB, ISB, *2 coprocessor forms
    }
}
