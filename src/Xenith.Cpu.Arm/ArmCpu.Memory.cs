using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Xenith.Cpu.Arm;

/// <summary>How a data access must behave beyond its size.</summary>
[Flags]
public enum AccessFlags
{
    None = 0,
    /// <summary>Checked as a PL0 access whatever the mode (LDRT/STRT).</summary>
    Unprivileged = 1,
    /// <summary>Must be aligned to its own size (LDREX*, STREX*, and the like).</summary>
    Aligned = 2,
    /// <summary>Must be word aligned (LDRD/STRD, LDM/STM, VLDR/VSTR, VLDM/VSTM, SRS/RFE).</summary>
    WordAligned = 4,
}

/// <summary>
/// Memory access for instruction executors, through a software TLB: one direct-mapped table per
/// translation regime (PL1 and PL0), each entry holding read/write/execute tags and a host addend.
/// A miss walks the translation tables (Mmu/) and fills the entry with every right the mapping grants
/// at that privilege. A tag with a low bit set never matches, so a missing right or a page that needs
/// attention (device memory, decoded code, big-endian data) falls to the slow path.
/// </summary>
public sealed unsafe partial class ArmCpu
{
    private const int TlbBits = 10;
    private const int TlbSize = 1 << TlbBits;
    private const uint InvalidTag = 1;

    private struct TlbEntry
    {
        public uint ReadTag, WriteTag, ExecTag;
        /// <summary>~(size - 1) of the section or block this page came from, 0 for a 4 KiB page (TLBIMVA).
        /// It sits in what would be padding: the entry stays 32 bytes.</summary>
        public uint SpanMask;
        public nint Addend;
        public ulong PaPage;
    }

    /// <summary>The tables of the active set, by regime (the hot path reads these fields, not the set).</summary>
    private TlbEntry[] _tlbPl1 = null!;
    private TlbEntry[] _tlbPl0 = null!;
    /// <summary>The table of the current privilege level.</summary>
    private TlbEntry[] _tlb = null!;

    public uint Dfsr, Dfar, Ifsr, Ifar;

    /// <summary>The entry for <paramref name="va"/> in a table (every table has <see cref="TlbSize"/> entries,
    /// so the index needs no bounds check on the hot path).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref TlbEntry TlbSlot(TlbEntry[] table, uint va) =>
        ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(table), (int)((va >> 12) & (TlbSize - 1)));

    private void InitTlb()
    {
        var first = new TlbSet();
        _tlbSets[0] = first;
        _activeTlbSet = 0;
        LoadTlbSet(first);
        FlushTlb();
    }

    /// <summary>Invalidates every cached translation (TLB maintenance, MMU register writes, E changes).</summary>
    public void FlushTlb()
    {
        NewTranslationGeneration();
        _largeFills = 0;
        ClearTables(_tlbPl1, _tlbPl0);
        TlbSet active = _tlbSets[_activeTlbSet]!;
        active.Dacr = Dacr;
        DropInactiveTlbSets();
    }

    private static void ClearTables(TlbEntry[] pl1, TlbEntry[] pl0)
    {
        foreach (var t in (ReadOnlySpan<TlbEntry[]>)[pl1, pl0])
        {
            for (int i = 0; i < t.Length; i++)
                t[i] = new TlbEntry { ReadTag = InvalidTag, WriteTag = InvalidTag, ExecTag = InvalidTag };
        }
    }

    /// <summary>A value no link between blocks was made under: links of earlier translations are not followed.
    /// Values only ever grow, so a TLB set can keep its own and have it back (<see cref="SetDacr"/>).</summary>
    private void NewTranslationGeneration() => _translationGeneration = ++_lastTranslationGeneration;

    private void OnPrivilegeChanged()
    {
        if (_tlbPl1 == null)
            return;
        NewTranslationGeneration();
        _tlb = Mode == Mode.User ? _tlbPl0 : _tlbPl1;
    }

    /// <summary>A page now holds decoded code: later writes to it must take the slow path to invalidate blocks,
    /// in every TLB set (an inactive one comes back with its write tags on a DACR write).</summary>
    private void ProtectCodePage(ulong pageNumber)
    {
        foreach (var set in _tlbSets)
        {
            if (set is not { Valid: true })
                continue;
            foreach (var t in (ReadOnlySpan<TlbEntry[]>)[set.Pl1, set.Pl0])
            {
                for (int i = 0; i < t.Length; i++)
                {
                    if (t[i].PaPage == pageNumber && t[i].WriteTag != InvalidTag)
                        t[i].WriteTag = InvalidTag;
                }
            }
        }
    }

    // ---- Translation (Mmu/ArmCpu.Translation.cs) and TLB fills ----

    /// <summary>Translates an instruction fetch address; on a fault raises the prefetch abort when <paramref name="raise"/>.</summary>
    private bool TranslateFetch(uint va, out ulong pa, bool raise = true)
    {
        ref TlbEntry e = ref TlbSlot(_tlb, va);
        if (e.ExecTag == (va & ~0xFFFu))
        {
            pa = (e.PaPage << 12) | (va & 0xFFF);
            return true;
        }
        if (!Translate(va, AccessKind.Fetch, Mode == Mode.User, out WalkResult w, out PageRights rights))
        {
            pa = 0;
            if (raise)
                RaisePrefetchAbort(va, w.Fault);
            return false;
        }
        pa = w.Pa;
        byte* page = Bus.RamPage(pa);
        if (page != null)
            Fill(ref e, va, pa, page, rights, w.SpanMask);
        return true;
    }

    /// <summary>Caches a RAM page with every right the translation grants at that privilege, so that later
    /// accesses of any kind hit.</summary>
    private void Fill(ref TlbEntry e, uint va, ulong pa, byte* page, PageRights rights, uint spanMask)
    {
        uint tag = va & ~0xFFFu;
        ulong pageNumber = pa >> 12;
        e.PaPage = pageNumber;
        e.Addend = (nint)(page - tag);
        e.SpanMask = spanMask;
        if (spanMask != 0)
            _largeFills++;
        e.ExecTag = (rights & PageRights.Execute) != 0 ? tag : InvalidTag;
        // Big-endian data, strict alignment (SCTLR.A) and code pages keep their data tags invalid
        // so that those accesses take the slow path; the fast path then needs no checks for them.
        bool slowData = E || (Sctlr & 2) != 0;
        e.ReadTag = (rights & PageRights.Read) != 0 && !slowData ? tag : InvalidTag;
        e.WriteTag = (rights & PageRights.Write) != 0 && !slowData && !IsCodePage(pageNumber) ? tag : InvalidTag;
    }

    // ---- Loads ----

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Read8(uint va, out uint value, AccessFlags flags = AccessFlags.None)
    {
        ref TlbEntry e = ref TlbSlot((flags & AccessFlags.Unprivileged) != 0 ? _tlbPl0 : _tlb, va);
        if (e.ReadTag == (va & ~0xFFFu))
        {
            value = *(byte*)(e.Addend + (nint)va);
            return true;
        }
        bool ok = ReadSlow(va, 1, flags, out ulong v);
        value = (uint)v;
        return ok;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Read16(uint va, out uint value, AccessFlags flags = AccessFlags.None)
    {
        ref TlbEntry e = ref TlbSlot((flags & AccessFlags.Unprivileged) != 0 ? _tlbPl0 : _tlb, va);
        if (e.ReadTag == (va & ~0xFFFu) && (va & 0xFFF) <= 0xFFE && (flags == AccessFlags.None || (va & 1) == 0))
        {
            value = Unsafe.ReadUnaligned<ushort>((byte*)(e.Addend + (nint)va));
            return true;
        }
        bool ok = ReadSlow(va, 2, flags, out ulong v);
        value = (uint)v;
        return ok;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Read32(uint va, out uint value, AccessFlags flags = AccessFlags.None)
    {
        ref TlbEntry e = ref TlbSlot((flags & AccessFlags.Unprivileged) != 0 ? _tlbPl0 : _tlb, va);
        if (e.ReadTag == (va & ~0xFFFu) && (va & 0xFFF) <= 0xFFC && (flags == AccessFlags.None || (va & 3) == 0))
        {
            value = Unsafe.ReadUnaligned<uint>((byte*)(e.Addend + (nint)va));
            return true;
        }
        bool ok = ReadSlow(va, 4, flags, out ulong v);
        value = (uint)v;
        return ok;
    }

    /// <summary>A doubleword read: single-copy atomic when aligned to 8 (LDREXD, LPAE descriptors).</summary>
    public bool Read64(uint va, out ulong value, AccessFlags flags = AccessFlags.None)
    {
        ref TlbEntry e = ref TlbSlot((flags & AccessFlags.Unprivileged) != 0 ? _tlbPl0 : _tlb, va);
        if (e.ReadTag == (va & ~0xFFFu) && (va & 0xFFF) <= 0xFF8 && (flags == AccessFlags.None || (va & 7) == 0 || (flags & AccessFlags.Aligned) == 0 && (va & 3) == 0))
        {
            value = Unsafe.ReadUnaligned<ulong>((byte*)(e.Addend + (nint)va));
            return true;
        }
        return ReadSlow(va, 8, flags, out value);
    }

    // ---- Stores ----

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Write8(uint va, uint value, AccessFlags flags = AccessFlags.None)
    {
        ref TlbEntry e = ref TlbSlot((flags & AccessFlags.Unprivileged) != 0 ? _tlbPl0 : _tlb, va);
        if (e.WriteTag == (va & ~0xFFFu))
        {
            *(byte*)(e.Addend + (nint)va) = (byte)value;
            return true;
        }
        return WriteSlow(va, 1, value, flags);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Write16(uint va, uint value, AccessFlags flags = AccessFlags.None)
    {
        ref TlbEntry e = ref TlbSlot((flags & AccessFlags.Unprivileged) != 0 ? _tlbPl0 : _tlb, va);
        if (e.WriteTag == (va & ~0xFFFu) && (va & 0xFFF) <= 0xFFE && (flags == AccessFlags.None || (va & 1) == 0))
        {
            Unsafe.WriteUnaligned((byte*)(e.Addend + (nint)va), (ushort)value);
            return true;
        }
        return WriteSlow(va, 2, value, flags);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Write32(uint va, uint value, AccessFlags flags = AccessFlags.None)
    {
        ref TlbEntry e = ref TlbSlot((flags & AccessFlags.Unprivileged) != 0 ? _tlbPl0 : _tlb, va);
        if (e.WriteTag == (va & ~0xFFFu) && (va & 0xFFF) <= 0xFFC && (flags == AccessFlags.None || (va & 3) == 0))
        {
            Unsafe.WriteUnaligned((byte*)(e.Addend + (nint)va), value);
            return true;
        }
        return WriteSlow(va, 4, value, flags);
    }

    public bool Write64(uint va, ulong value, AccessFlags flags = AccessFlags.None)
    {
        ref TlbEntry e = ref TlbSlot((flags & AccessFlags.Unprivileged) != 0 ? _tlbPl0 : _tlb, va);
        if (e.WriteTag == (va & ~0xFFFu) && (va & 0xFFF) <= 0xFF8 && (flags == AccessFlags.None || (va & 7) == 0 || (flags & AccessFlags.Aligned) == 0 && (va & 3) == 0))
        {
            Unsafe.WriteUnaligned((byte*)(e.Addend + (nint)va), value);
            return true;
        }
        return WriteSlow(va, 8, value, flags);
    }

    // ---- Slow paths: alignment, page crossing, translation, devices, code pages, big-endian ----

    private bool CheckAlignment(uint va, int size, AccessFlags flags, bool write)
    {
        uint mask = (flags & AccessFlags.Aligned) != 0 ? (uint)size - 1
            : (flags & AccessFlags.WordAligned) != 0 ? 3u
            : (Sctlr & 2) != 0 ? (uint)Math.Min(size, 4) - 1 // SCTLR.A: strict alignment checking
            : 0u;
        if ((va & mask) == 0)
            return true;
        RaiseDataAbort(va, write, new Fault(FaultStatus.Alignment));
        return false;
    }

    private bool ReadSlow(uint va, int size, AccessFlags flags, out ulong value)
    {
        value = 0;
        if (!CheckAlignment(va, size, flags, write: false))
            return false;
        if ((va & 0xFFF) + (uint)size > 0x1000)
        {
            // Each page of a crossing access is translated (and may fault) on its own.
            int first = (int)(0x1000 - (va & 0xFFF));
            if (!ReadBytes(va, first, flags, out ulong lo) || !ReadBytes(va + (uint)first, size - first, flags, out ulong hi))
                return false;
            value = lo | (hi << (first * 8));
            if (E)
                value = Swap(value, size);
            return true;
        }
        if (!ReadBytes(va, size, flags, out value))
            return false;
        if (E)
            value = Swap(value, size);
        return true;
    }

    /// <summary>Reads bytes inside one page in little-endian order (the caller swaps for big-endian).</summary>
    private bool ReadBytes(uint va, int size, AccessFlags flags, out ulong value)
    {
        value = 0;
        bool user = (flags & AccessFlags.Unprivileged) != 0 || Mode == Mode.User;
        if (!Translate(va, AccessKind.Read, user, out WalkResult w, out PageRights rights))
        {
            RaiseDataAbort(va, false, w.Fault);
            return false;
        }
        ulong pa = w.Pa;
        byte* page = Bus.RamPage(pa);
        if (page == null && (page = Bus.ReadOnlyRamPage(pa)) != null)
            rights &= ~PageRights.Write; // stage 2 allows no stores: the write tag stays invalid
        if (page != null)
        {
            ref TlbEntry e = ref (user ? _tlbPl0 : _tlbPl1)[(va >> 12) & (TlbSize - 1)];
            Fill(ref e, va, pa, page, rights, w.SpanMask);
            byte* p = page + (pa & 0xFFF);
            for (int i = 0; i < size; i++)
                value |= (ulong)p[i] << (8 * i);
            return true;
        }
        if (Bus.TryRead(pa, size, out value))
            return true;
        RaiseDataAbort(va, false, new Fault(FaultStatus.ExternalAbort));
        return false;
    }

    private bool WriteSlow(uint va, int size, ulong value, AccessFlags flags)
    {
        if (!CheckAlignment(va, size, flags, write: true))
            return false;
        if (E)
            value = Swap(value, size);
        if ((va & 0xFFF) + (uint)size > 0x1000)
        {
            int first = (int)(0x1000 - (va & 0xFFF));
            // Translate both pages before writing either, so a fault on the second leaves memory unchanged.
            bool user = (flags & AccessFlags.Unprivileged) != 0 || Mode == Mode.User;
            if (!Translate(va + (uint)first, AccessKind.Write, user, out WalkResult w, out _))
            {
                RaiseDataAbort(va + (uint)first, true, w.Fault);
                return false;
            }
            return WriteBytes(va, first, value, flags) && WriteBytes(va + (uint)first, size - first, value >> (first * 8), flags);
        }
        return WriteBytes(va, size, value, flags);
    }

    private bool WriteBytes(uint va, int size, ulong value, AccessFlags flags)
    {
        bool user = (flags & AccessFlags.Unprivileged) != 0 || Mode == Mode.User;
        if (!Translate(va, AccessKind.Write, user, out WalkResult w, out PageRights rights))
        {
            RaiseDataAbort(va, true, w.Fault);
            return false;
        }
        ulong pa = w.Pa;
        byte* page = Bus.RamPage(pa);
        if (page != null)
        {
            if (IsCodePage(pa >> 12))
                OnCodeWrite(pa, size);
            ref TlbEntry e = ref (user ? _tlbPl0 : _tlbPl1)[(va >> 12) & (TlbSize - 1)];
            Fill(ref e, va, pa, page, rights, w.SpanMask);
            byte* p = page + (pa & 0xFFF);
            for (int i = 0; i < size; i++)
                p[i] = (byte)(value >> (8 * i));
            return true;
        }
        if (Bus.TryWrite(pa, size, value))
            return true;
        RaiseDataAbort(va, true, new Fault(FaultStatus.ExternalAbort));
        return false;
    }

    private static ulong Swap(ulong v, int size) => size switch
    {
        2 => BinaryPrimitives.ReverseEndianness((ushort)v),
        4 => BinaryPrimitives.ReverseEndianness((uint)v),
        8 => BinaryPrimitives.ReverseEndianness(v),
        _ => v,
    };
}
