using Xenith.Abi;
using Xenith.Hypervisor.Domains;
using Xenith.Hypervisor.Memory;

namespace Xenith.Hypervisor.Grants;

/// <summary>
/// A domain's grant table, version 1 (spec 5). The shared entries live in machine frames the hypervisor owns
/// (512 entries of 8 bytes each), which the domain maps into its IPA space with XENMAPSPACE_grant_table and
/// writes directly. Entries in use are shadowed by active entries (Gnttab.Active.cs); the grants of other
/// domains this domain has mapped are in its maptrack (Gnttab.Maptrack.cs).
/// </summary>
public sealed unsafe partial class Gnttab
{
    /// <summary>INITIAL_NR_GRANT_FRAMES on ARM.</summary>
    public const int InitialFrames = 1;
    /// <summary>
    /// INVALID_GFN as Xen on arm32 reports it in a xen_pfn_t: ~0UL of a 32-bit unsigned long, zero-extended.
    /// setup_table answers it for a frame the domain has not mapped anywhere.
    /// </summary>
    public const ulong InvalidGfn = 0xFFFF_FFFF;
    /// <summary>Guest frames an arm32 domain's stage 2 can hold (40-bit IPA).</summary>
    public const ulong GfnLimit = 1ul << 28;
    /// <summary>Where machine frame 0 sits in the "machine" addresses grant maps report as dev_bus_addr.</summary>
    public const ulong MachineAddressBase = 0x4000_0000;

    private readonly MachineMemory _machine;
    private readonly List<uint> _frames = [];
    private readonly List<ulong> _frameGfns = [];

    internal Gnttab(Domain domain, MachineMemory machine)
    {
        Domain = domain;
        _machine = machine;
        if (!Grow(InitialFrames))
            throw new InvalidOperationException($"domain {domain.Id}: no machine frame left for its grant table");
    }

    public Domain Domain { get; }

    /// <summary>gnttab_max_frames (xl max_grant_frames).</summary>
    public int MaxFrames { get; } = GrantTable.DefaultMaxFrames;

    /// <summary>Frames the table has now (query_size nr_frames).</summary>
    public int FrameCount => _frames.Count;

    /// <summary>Grant references that exist now.</summary>
    public uint EntryCount => (uint)_frames.Count * GrantTable.EntriesPerFrameV1;

    /// <summary>The grant table version in force: always 1 (GNTTAB_MAX_VERSION on ARM).</summary>
    public uint Version => GrantTable.MaxVersion;

    /// <summary>Machine frame holding table frame <paramref name="index"/>.</summary>
    public uint FrameMfn(int index) => _frames[index];

    /// <summary>
    /// XENMEM_add_to_physmap with XENMAPSPACE_grant_table: puts grant frame <paramref name="index"/> (a status frame
    /// when <paramref name="status"/>) at guest frame <paramref name="gfn"/>, growing the table up to that frame.
    /// Returns 0 or a negative Xen errno.
    /// </summary>
    public long AddToPhysmap(uint index, ulong gfn, bool status)
    {
        // Status frames exist only with grant table v2, which ARM does not offer.
        if (status || index >= MaxFrames || gfn >= GfnLimit)
            return XenErrno.EINVAL.Neg();
        if (index >= _frames.Count && !Grow((int)index + 1))
            return XenErrno.EINVAL.Neg(); // as Xen: a failed growth leaves the index out of range
        uint mfn = _frames[(int)index];
        // A frame has one place in the IPA space: mapping it elsewhere moves it, leaving a hole behind.
        ulong old = _frameGfns[(int)index];
        if (old != gfn && Domain.P2m.TryGet(old, out var e) && e.Mfn == mfn)
            Domain.P2m.Unmap(old);
        Domain.P2m.Map(gfn, mfn, P2mType.Hypervisor);
        _frameGfns[(int)index] = gfn;
        return 0;
    }

    /// <summary>Where frame <paramref name="index"/> is mapped in the domain, or <see cref="InvalidGfn"/> (setup_table's frame_list).</summary>
    public ulong FrameGfn(int index)
    {
        ulong gfn = _frameGfns[index];
        return Domain.P2m.TryGet(gfn, out var e) && e.Mfn == _frames[index] ? gfn : InvalidGfn;
    }

    /// <summary>Grows the table to <paramref name="frames"/> frames (zeroed); false if beyond the maximum or out of machine memory.</summary>
    public bool Grow(int frames)
    {
        if (frames > MaxFrames)
            return false;
        while (_frames.Count < frames)
        {
            if (!_machine.TryAllocate(out uint mfn))
                return false;
            _frames.Add(mfn);
            _frameGfns.Add(InvalidGfn);
        }
        return true;
    }

    /// <summary>Reads entry <paramref name="gref"/> (which must be below <see cref="EntryCount"/>) as the hypervisor sees it now.</summary>
    public GrantEntryV1 ReadEntry(uint gref)
    {
        uint* p = EntryAddress(gref);
        uint header = Volatile.Read(ref p[0]);
        return new GrantEntryV1 { Flags = (ushort)header, Domid = (ushort)(header >> 16), Frame = Volatile.Read(ref p[1]) };
    }

    /// <summary>Writes entry <paramref name="gref"/> as the granting guest would (flags last), for in-hypervisor granters and tests.</summary>
    public void WriteEntry(uint gref, in GrantEntryV1 entry)
    {
        uint* p = EntryAddress(gref);
        Volatile.Write(ref p[1], entry.Frame);
        Volatile.Write(ref p[0], entry.Flags | (uint)entry.Domid << 16);
    }

    /// <summary>GNTTABOP_swap_grant_ref: exchanges two entries of this table unless either is in use.</summary>
    public GrantStatus Swap(uint a, uint b)
    {
        if (a >= EntryCount || b >= EntryCount)
            return GrantStatus.BadGntref;
        if (a == b)
            return GrantStatus.Okay;
        if (_active.ContainsKey(a) || _active.ContainsKey(b))
            return GrantStatus.Eagain;
        ulong* pa = (ulong*)EntryAddress(a), pb = (ulong*)EntryAddress(b);
        (*pa, *pb) = (*pb, *pa);
        return GrantStatus.Okay;
    }

    /// <summary>The {flags, domid} word of an entry (flags in the low half: the table is little-endian, like the host).</summary>
    private uint* EntryAddress(uint gref) =>
        (uint*)(_machine.Frame(_frames[(int)(gref / GrantTable.EntriesPerFrameV1)]) + gref % GrantTable.EntriesPerFrameV1 * GrantEntryV1.Size);

    /// <summary>"Machine" address of a frame as grant maps report it (dev_bus_addr): stable and unique per page.</summary>
    public static ulong DevBusAddress(uint mfn) => MachineAddressBase + ((ulong)mfn << 12);
}
