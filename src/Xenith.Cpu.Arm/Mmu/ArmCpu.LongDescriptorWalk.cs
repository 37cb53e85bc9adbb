namespace Xenith.Cpu.Arm;

/// <summary>
/// The long-descriptor (LPAE) translation table walk (ARM ARM B3.6): T0SZ/T1SZ split the VA space,
/// the walk starts at level 1 (T*SZ 0 or 1) or level 2, and ends at a 1 GiB or 2 MiB block or a 4 KiB
/// page with a 40-bit output address. Table descriptors may only take rights away (APTable, XNTable,
/// PXNTable). The access flag is never set by hardware: AF = 0 faults.
/// </summary>
public sealed partial class ArmCpu
{
    private void WalkLong(uint va, out WalkResult w)
    {
        w = default;
        uint ttbcr = Ttbcr;
        int t0sz = (int)(ttbcr & 7), t1sz = (int)((ttbcr >> 16) & 7);
        bool useTtbr1;
        if (t0sz != 0 && (va >> (32 - t0sz)) == 0)
            useTtbr1 = false;
        else if (t1sz != 0 && (~va >> (32 - t1sz)) == 0)
            useTtbr1 = true;
        else if (t0sz == 0)
            useTtbr1 = false; // TTBR0 has everything outside the TTBR1 region
        else if (t1sz == 0)
            useTtbr1 = true; // and the other way round
        else
        {
            WalkFault(ref w, FaultStatus.Translation, 1); // in the hole between the two regions
            return;
        }
        // EPD0/EPD1: a TLB miss in that region faults without a walk.
        if ((ttbcr & (useTtbr1 ? 1u << 23 : 1u << 7)) != 0)
        {
            WalkFault(ref w, FaultStatus.Translation, 1);
            return;
        }

        int tsz = useTtbr1 ? t1sz : t0sz;
        int inputBits = 32 - tsz;
        int level = tsz <= 1 ? 1 : 2;
        // The first table holds 2^(inputBits - 30) or 2^(inputBits - 21) entries of 8 bytes and is aligned to its size.
        int indexBits = inputBits - (level == 1 ? 30 : 21);
        ulong table = (useTtbr1 ? Ttbr1 : Ttbr0) & 0xFF_FFFF_FFFFul & ~((1ul << (indexBits + 3)) - 1);
        uint index = (va >> (level == 1 ? 30 : 21)) & ((1u << indexBits) - 1);
        bool noPl0 = false, readOnly = false, xnTable = false, pxnTable = false;
        while (true)
        {
            if (!ReadDescriptor64(table + index * 8ul, out ulong d))
            {
                WalkFault(ref w, FaultStatus.WalkExternalAbort, level);
                return;
            }
            if ((d & 1) == 0)
            {
                WalkFault(ref w, FaultStatus.Translation, level);
                return;
            }
            if ((d & 2) != 0 && level < 3)
            {
                pxnTable |= (d & (1ul << 59)) != 0;
                xnTable |= (d & (1ul << 60)) != 0;
                noPl0 |= (d & (1ul << 61)) != 0; // APTable[0]
                readOnly |= (d & (1ul << 62)) != 0; // APTable[1]
                table = d & OutputAddressMask;
                level++;
                index = (va >> (level == 2 ? 21 : 12)) & 0x1FF;
                continue;
            }
            if ((d & 2) == 0 && level == 3)
            {
                WalkFault(ref w, FaultStatus.Translation, 3); // 0b01 is reserved at level 3
                return;
            }

            ulong offsetMask = level switch { 1 => 0x3FFF_FFFFul, 2 => 0x1F_FFFFul, _ => 0xFFFul };
            w.Pa = (d & OutputAddressMask & ~offsetMask) | (va & offsetMask);
            w.SpanMask = level == 3 ? 0 : ~(uint)offsetMask;
            w.Level = (byte)level;
            if ((d & (1ul << 10)) == 0)
            {
                WalkFault(ref w, FaultStatus.AccessFlag, level);
                return;
            }
            w.NotGlobal = (d & (1ul << 11)) != 0;
            w.Shareability = (byte)((d >> 8) & 3);
            int attrIndex = (int)((d >> 2) & 7);
            w.MairAttr = (byte)((attrIndex < 4 ? Mair0 : Mair1) >> (8 * (attrIndex & 3)));
            GrantSimplified(ref w,
                readOnly: readOnly || (d & (1ul << 7)) != 0,
                pl0Access: !noPl0 && (d & (1ul << 6)) != 0,
                xn: xnTable || (d & (1ul << 54)) != 0,
                pxn: pxnTable || (d & (1ul << 53)) != 0);
            return;
        }
    }
}
