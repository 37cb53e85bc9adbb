using System.Buffers.Binary;

namespace Xenith.Cpu.Arm;

/// <summary>
/// Stage-1 translation (ARM ARM B3): the MMU enable, the choice of walk format, permission checks, and
/// descriptor reads through the physical bus. Whatever the bus is (the board's memory, later a domain's
/// p2m) acts as stage 2: this file never sees beyond it.
/// </summary>
public sealed unsafe partial class ArmCpu
{
    private const uint SctlrM = 1u, SctlrWxn = 1u << 19, SctlrUwxn = 1u << 20, SctlrEe = 1u << 25, SctlrAfe = 1u << 29;
    private const uint TtbcrEae = 1u << 31;
    /// <summary>Output addresses are 40 bits with LPAE (bits 39:12 of a descriptor).</summary>
    private const ulong OutputAddressMask = 0xFF_FFFF_F000ul;

    /// <summary>SCTLR.M: stage-1 translation is on.</summary>
    public bool MmuEnabled => (Sctlr & SctlrM) != 0;

    /// <summary>TTBCR.EAE on a profile with LPAE: long-descriptor walks, and the long DFSR/IFSR/PAR formats.</summary>
    public bool LongDescriptors => (Ttbcr & TtbcrEae) != 0 && Profile.HasLpae;

    /// <summary>The current ASID: TTBR0 or TTBR1 (TTBCR.A1) bits 55:48 with LPAE, else CONTEXTIDR[7:0].</summary>
    public uint Asid => LongDescriptors
        ? (uint)((((Ttbcr & (1u << 22)) != 0 ? Ttbr1 : Ttbr0) >> 48) & 0xFF)
        : ContextIdr & 0xFF;

    /// <summary>
    /// Translates <paramref name="va"/> as an access of that kind at PL0 (<paramref name="user"/>) or PL1 would,
    /// without touching the TLB or raising anything: for debuggers and the host. Returns the fault, if any.
    /// </summary>
    public Fault TranslateVa(uint va, AccessKind access, bool user, out ulong pa)
    {
        bool ok = Translate(va, access, user, out WalkResult w, out _);
        pa = ok ? w.Pa : 0;
        return ok ? Fault.None : w.Fault;
    }

    /// <summary>One access: identity with the MMU off; otherwise a walk, then the permission check.</summary>
    private bool Translate(uint va, AccessKind access, bool user, out WalkResult w, out PageRights rights)
    {
        if ((Sctlr & SctlrM) == 0)
        {
            w = default;
            w.Pa = va;
            rights = PageRights.All;
            return true;
        }
        Walk(va, out w);
        rights = user ? w.Pl0 : w.Pl1;
        if (w.Fault.IsFault)
            return false;
        var need = access switch
        {
            AccessKind.Read => PageRights.Read,
            AccessKind.Write => PageRights.Write,
            _ => PageRights.Execute,
        };
        if ((rights & need) != 0)
            return true;
        w.Fault = new Fault(FaultStatus.Permission, w.Level, w.Domain);
        return false;
    }

    private void Walk(uint va, out WalkResult w)
    {
        if (LongDescriptors)
            WalkLong(va, out w);
        else
            WalkShort(va, out w);
    }

    /// <summary>
    /// Turns the access permissions of a descriptor into rights at PL1 and PL0, adding execute where
    /// XN, PXN, SCTLR.WXN (writable implies XN) and SCTLR.UWXN (PL0-writable implies PL1 XN) allow it.
    /// </summary>
    private void GrantRights(ref WalkResult w, bool pl1Read, bool pl1Write, bool pl0Read, bool pl0Write, bool xn, bool pxn)
    {
        // WXN and UWXN came with the Virtualization Extensions; elsewhere those SCTLR bits are reserved.
        uint sctlr = Profile.HasVirtualization ? Sctlr : 0;
        bool wxn = (sctlr & SctlrWxn) != 0;
        var pl1 = (pl1Read ? PageRights.Read : 0) | (pl1Write ? PageRights.Write : 0);
        var pl0 = (pl0Read ? PageRights.Read : 0) | (pl0Write ? PageRights.Write : 0);
        if (pl0Read && !xn && !(wxn && pl0Write))
            pl0 |= PageRights.Execute;
        if (pl1Read && !xn && !pxn && !(wxn && pl1Write) && !((sctlr & SctlrUwxn) != 0 && pl0Write))
            pl1 |= PageRights.Execute;
        w.Pl1 = pl1;
        w.Pl0 = pl0;
    }

    /// <summary>The simplified access model, AP[2:1] (LPAE, and short descriptors with SCTLR.AFE):
    /// AP[2] makes the region read-only, AP[1] lets PL0 in.</summary>
    private void GrantSimplified(ref WalkResult w, bool readOnly, bool pl0Access, bool xn, bool pxn) =>
        GrantRights(ref w, true, !readOnly, pl0Access, pl0Access && !readOnly, xn, pxn);

    private static void WalkFault(ref WalkResult w, FaultStatus status, int level, uint domain = 0)
    {
        w.Level = (byte)level;
        w.Domain = (byte)domain;
        w.Fault = new Fault(status, (byte)level, (byte)domain);
    }

    /// <summary>Reads a short descriptor at a physical address: RAM, else a device; false when nothing answered.</summary>
    private bool ReadDescriptor32(ulong pa, out uint desc)
    {
        byte* page = Bus.RamPage(pa);
        if (page != null)
        {
            desc = *(uint*)(page + (pa & 0xFFC));
        }
        else if (Bus.TryRead(pa, 4, out ulong v))
        {
            desc = (uint)v;
        }
        else
        {
            desc = 0;
            return false;
        }
        // SCTLR.EE also sets the endianness of translation table walks.
        if ((Sctlr & SctlrEe) != 0)
            desc = BinaryPrimitives.ReverseEndianness(desc);
        return true;
    }

    /// <summary>Reads a long descriptor (one 64-bit access) at a physical address.</summary>
    private bool ReadDescriptor64(ulong pa, out ulong desc)
    {
        byte* page = Bus.RamPage(pa);
        if (page != null)
        {
            desc = *(ulong*)(page + (pa & 0xFF8));
        }
        else if (!Bus.TryRead(pa, 8, out desc))
        {
            return false;
        }
        if ((Sctlr & SctlrEe) != 0)
            desc = BinaryPrimitives.ReverseEndianness(desc);
        return true;
    }
}
