using Xenith.Cpu.Arm.Sys;

namespace Xenith.Cpu.Arm;

/// <summary>
/// The address translation operations (ATS1C**, ATS12NSO**: CP15 c7, c8) and the PAR they write, in the
/// 32-bit short format or, with TTBCR.EAE, the 64-bit long format. There is no stage 2 the guest can see,
/// so the ATS12NSO* forms give the stage-1 result too.
/// </summary>
public sealed partial class ArmCpu
{
    /// <summary>PAR.NS: the guest runs in the Non-secure state (as on QEMU's virt board without EL3).</summary>
    private const ulong ParNs = 1ul << 9;
    private const ulong ParLpae = 1ul << 11;

    private void AddressTranslation(SysReg op, uint va)
    {
        bool user = op is SysReg.Ats1Cur or SysReg.Ats1Cuw;
        bool write = op is SysReg.Ats1Cpw or SysReg.Ats1Cuw;
        bool longFormat = LongDescriptors;
        if (!MmuEnabled)
        {
            // Flat mapping with the attributes of memory accesses when the MMU is off: Strongly-ordered (MAIR 0x00).
            Par = longFormat ? ParLpae | (va & ~0xFFFul) | ParNs | (2ul << 7) : (va & ~0xFFFul) | ParNs;
            return;
        }
        Walk(va, out WalkResult w);
        Fault fault = w.Fault;
        if (!fault.IsFault && ((user ? w.Pl0 : w.Pl1) & (write ? PageRights.Write : PageRights.Read)) == 0)
            fault = new Fault(FaultStatus.Permission, w.Level, w.Domain);
        if (fault.Status == FaultStatus.WalkExternalAbort)
        {
            // An external abort on the walk is taken as a Data Abort, not reported in PAR (as QEMU);
            // WnR reads 1 for faults on the VA to PA operations.
            RaiseDataAbort(va, write: true, fault);
            return;
        }
        Par = longFormat ? LongPar(in w, fault) : ShortPar(in w, fault);
    }

    private static ulong LongPar(in WalkResult w, Fault fault)
    {
        if (fault.IsFault)
            return ParLpae | (LongFaultStatus(fault) << 1) | 1;
        // SH reads 0b10 (outer shareable) for Device and Normal non-cacheable memory (PAREncodeShareability).
        byte attr = w.MairAttr;
        ulong sh = (attr & 0xF0) == 0 || attr is 0x44 or 0x40 ? 2u : w.Shareability;
        return ParLpae | (w.Pa & 0xFF_FFFF_F000ul) | ParNs | (sh << 7) | ((ulong)attr << 56);
    }

    private static ulong ShortPar(in WalkResult w, Fault fault)
    {
        if (fault.IsFault)
        {
            // FS[5:0] in bits 6:1 are the DFSR's bits 12 (ExT), 10 (FS[4]) and 3:0.
            uint fsr = ShortFaultStatus(fault);
            return (((fsr >> 12) & 1) << 6) | (((fsr >> 10) & 1) << 5) | ((fsr & 0xF) << 1) | 1;
        }
        // No memory attributes are reported (as QEMU). A supersection gives PA[31:24], PA[39:32] in 23:16, and SS.
        if (w.Supersection)
            return (w.Pa & 0xFF000000ul) | (((w.Pa >> 32) & 0xFF) << 16) | (1ul << 1) | ParNs;
        return (w.Pa & 0xFFFFF000ul) | ParNs;
    }
}
