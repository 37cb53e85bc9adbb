namespace Xenith.Cpu.Arm;

/// <summary>
/// The short-descriptor translation table walk (ARM ARM B3.5): TTBCR.N splits the VA space between
/// TTBR0 and TTBR1; first-level entries are faults, page tables, sections (1 MiB) or supersections
/// (16 MiB, PA up to 40 bits); second-level entries are large (64 KiB) or small (4 KiB) pages. Domains
/// (DACR) come before access permissions, as QEMU orders them.
/// </summary>
public sealed partial class ArmCpu
{
    private void WalkShort(uint va, out WalkResult w)
    {
        w = default;
        uint ttbcr = Ttbcr;
        int n = (int)(ttbcr & 7);
        bool useTtbr1 = n != 0 && (va >> (32 - n)) != 0;
        // PD0/PD1: a TLB miss in that half is a section translation fault, without a walk.
        if ((ttbcr & (useTtbr1 ? 0x20u : 0x10u)) != 0)
        {
            WalkFault(ref w, FaultStatus.Translation, 1);
            return;
        }
        // TTBR0 covers VA[31-N:20] from a table aligned to 2^(14-N); TTBR1 always a full 16 KiB table.
        uint l1Address = useTtbr1
            ? ((uint)Ttbr1 & 0xFFFFC000u) | ((va >> 20) << 2)
            : ((uint)Ttbr0 & (0xFFFFFFFFu << (14 - n))) | (((va << n) >> (20 + n)) << 2);
        if (!ReadDescriptor32(l1Address, out uint l1))
        {
            WalkFault(ref w, FaultStatus.WalkExternalAbort, 1);
            return;
        }
        // PXN arrived with LPAE (ID_MMFR0.VMSA 5); before it the 0b11 first-level encoding is a fault.
        bool hasPxn = Profile.HasLpae;
        uint type = l1 & 3;
        if (type == 0 || (type == 3 && !hasPxn))
        {
            WalkFault(ref w, FaultStatus.Translation, 1);
            return;
        }

        uint ap, domain;
        bool xn, pxn;
        if (type == 1)
        {
            domain = (l1 >> 5) & 0xF;
            pxn = hasPxn && (l1 & 4) != 0;
            if (!ReadDescriptor32((l1 & 0xFFFFFC00u) | (((va >> 12) & 0xFF) << 2), out uint l2))
            {
                WalkFault(ref w, FaultStatus.WalkExternalAbort, 2, domain);
                return;
            }
            if ((l2 & 3) == 0)
            {
                WalkFault(ref w, FaultStatus.Translation, 2, domain);
                return;
            }
            if ((l2 & 3) == 1)
            {
                w.Pa = (l2 & 0xFFFF0000u) | (va & 0xFFFFu);
                w.SpanMask = 0xFFFF0000u;
                xn = (l2 & (1u << 15)) != 0;
            }
            else
            {
                w.Pa = (l2 & 0xFFFFF000u) | (va & 0xFFFu);
                xn = (l2 & 1) != 0;
            }
            ap = (((l2 >> 9) & 1) << 2) | ((l2 >> 4) & 3);
            w.NotGlobal = (l2 & (1u << 11)) != 0;
            w.Level = 2;
        }
        else
        {
            pxn = (l1 & 1) != 0;
            xn = (l1 & (1u << 4)) != 0;
            ap = (((l1 >> 15) & 1) << 2) | ((l1 >> 10) & 3);
            w.NotGlobal = (l1 & (1u << 17)) != 0;
            w.Level = 1;
            if ((l1 & (1u << 18)) != 0)
            {
                // Supersection: PA[31:24] from bits 31:24, PA[35:32] from 23:20, PA[39:36] from 8:5; always domain 0.
                domain = 0;
                w.Pa = (l1 & 0xFF000000u) | ((ulong)((l1 >> 20) & 0xF) << 32) | ((ulong)((l1 >> 5) & 0xF) << 36) | (va & 0x00FFFFFFu);
                w.SpanMask = 0xFF000000u;
                w.Supersection = true;
            }
            else
            {
                domain = (l1 >> 5) & 0xF;
                w.Pa = (l1 & 0xFFF00000u) | (va & 0x000FFFFFu);
                w.SpanMask = 0xFFF00000u;
            }
        }
        w.Domain = (byte)domain;

        switch ((Dacr >> (int)(2 * domain)) & 3)
        {
            case 0:
            case 2: // reserved: behaves as No access
                WalkFault(ref w, FaultStatus.Domain, w.Level, domain);
                return;
            case 3: // Manager: no permission checks at all, XN included
                w.Pl1 = w.Pl0 = PageRights.All;
                return;
        }

        if ((Sctlr & SctlrAfe) != 0)
        {
            // The simplified model: AP[0] is the access flag (no hardware update).
            if ((ap & 1) == 0)
            {
                WalkFault(ref w, FaultStatus.AccessFlag, w.Level, domain);
                return;
            }
            GrantSimplified(ref w, readOnly: (ap & 4) != 0, pl0Access: (ap & 2) != 0, xn, pxn);
            return;
        }
        // AP[2:0] (VMSAv7): 000 none, 001 PL1 RW, 010 PL1 RW / PL0 RO, 011 RW, 100 reserved, 101 PL1 RO, 11x RO.
        switch (ap)
        {
            case 1: GrantRights(ref w, true, true, false, false, xn, pxn); break;
            case 2: GrantRights(ref w, true, true, true, false, xn, pxn); break;
            case 3: GrantRights(ref w, true, true, true, true, xn, pxn); break;
            case 5: GrantRights(ref w, true, false, false, false, xn, pxn); break;
            case 6:
            case 7: GrantRights(ref w, true, false, true, false, xn, pxn); break;
            default: w.Pl1 = w.Pl0 = PageRights.None; break;
        }
    }
}
