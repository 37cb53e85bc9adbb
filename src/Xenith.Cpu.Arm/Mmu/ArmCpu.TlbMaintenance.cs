using Xenith.Cpu.Arm.Sys;

namespace Xenith.Cpu.Arm;

/// <summary>
/// TLB maintenance (CP15 c8) on the software TLB. Every ASID or translation-register change already
/// flushes everything, so the TLB only ever holds translations of the current ASID and global ones:
/// TLBIASID of another ASID has nothing to drop, and TLBIMVA need not look at ASIDs.
/// </summary>
public sealed partial class ArmCpu
{
    private IReadOnlyList<ArmCpu>? _cluster;
    /// <summary>Fills from sections or blocks since the last full flush: TLBIMVA must then scan the tables.</summary>
    private int _largeFills;

    /// <summary>
    /// The CPUs that inner-shareable maintenance (TLBI*IS) reaches, this one included; the board sets it for
    /// SMP. Like the shared decoded-code map, it assumes the CPUs of a cluster do not run concurrently.
    /// </summary>
    public IReadOnlyList<ArmCpu> Cluster
    {
        get => _cluster ??= [this];
        set => _cluster = value;
    }

    /// <summary>Drops the cached translations of the page holding <paramref name="va"/> and, when sections or
    /// blocks were cached, those of every page of a section or block that contains it (TLBIMVA, TLBIMVAA).</summary>
    public void FlushTlbVa(uint va)
    {
        NewTranslationGeneration();
        // Inactive DACR sets may hold the page too: drop them rather than search each.
        DropInactiveTlbSets();
        uint page = va & ~0xFFFu;
        int index = (int)((va >> 12) & (TlbSize - 1));
        foreach (var t in (ReadOnlySpan<TlbEntry[]>)[_tlbPl1, _tlbPl0])
        {
            ref TlbEntry e = ref t[index];
            if (EntryTag(in e) == page)
                e.ReadTag = e.WriteTag = e.ExecTag = InvalidTag;
            if (_largeFills == 0)
                continue;
            for (int i = 0; i < t.Length; i++)
            {
                ref TlbEntry b = ref t[i];
                if (b.SpanMask != 0 && EntryTag(in b) is uint tag && tag != InvalidTag && ((tag ^ va) & b.SpanMask) == 0)
                    b.ReadTag = b.WriteTag = b.ExecTag = InvalidTag;
            }
        }
    }

    /// <summary>The VA page an entry caches, or <see cref="InvalidTag"/> when it holds nothing.</summary>
    private static uint EntryTag(in TlbEntry e) =>
        e.ReadTag != InvalidTag ? e.ReadTag : e.WriteTag != InvalidTag ? e.WriteTag : e.ExecTag;

    /// <summary>An MCR to c8. The inner-shareable forms act on every CPU of <see cref="Cluster"/>; they and
    /// TLBIMVAA belong to the Multiprocessing Extensions and are UNDEFINED without them.</summary>
    private bool TlbMaintenance(SysReg op, uint value)
    {
        bool shareable = op is >= SysReg.TlbiAllIs and <= SysReg.TlbiMvaaIs;
        if ((shareable || op == SysReg.TlbiMvaa) && !SystemIds.MpExtensions)
            return false;
        ApplyTlbMaintenance(op, value);
        if (shareable)
        {
            foreach (var cpu in Cluster)
            {
                if (cpu != this)
                    cpu.ApplyTlbMaintenance(op, value);
            }
        }
        // The rest of this block was decoded under the old translation.
        EndBlockAfterThis();
        return true;
    }

    private void ApplyTlbMaintenance(SysReg op, uint value)
    {
        switch (op)
        {
            case SysReg.TlbiAll:
            case SysReg.TlbiAllIs:
                FlushTlb();
                break;
            case SysReg.TlbiAsid:
            case SysReg.TlbiAsidIs:
                if ((value & 0xFF) == Asid)
                    FlushTlb();
                break;
            default: // TLBIMVA and TLBIMVAA: VA in bits 31:12 (the ASID in 7:0 need not be compared, see above)
                FlushTlbVa(value);
                break;
        }
    }
}
