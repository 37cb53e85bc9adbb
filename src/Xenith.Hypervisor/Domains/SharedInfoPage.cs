using System.Runtime.CompilerServices;
using Xenith.Abi;
using Xenith.Hypervisor.Memory;
using Xenith.Platform;

namespace Xenith.Hypervisor.Domains;

/// <summary>
/// A domain's struct shared_info and the vcpu_info of each vCPU, and the 2-level delivery primitives that
/// act on them (spec 3.1-3.5). shared_info lives in a hypervisor-owned machine frame for the whole life of
/// the domain, so its content (pending and mask bits, wallclock) survives XENMAPSPACE_shared_info remaps;
/// the guest sees it at whichever gfn it last asked for. A vCPU's vcpu_info is the legacy slot in
/// shared_info (vCPU 0), a hidden dummy (other vCPUs) or, after VCPUOP_register_vcpu_info, a guest RAM page.
/// </summary>
/// <remarks>
/// The hypervisor's writes to these words are interlocked, and every vCPU of the domain loses its
/// exclusive reservation afterwards, so a guest LDREX/STREX loop around them retries instead of storing
/// a stale value.
/// </remarks>
public sealed unsafe class SharedInfoPage
{
    private const int PendingOffset = 48, MaskOffset = 560;
    private const int UpcallPendingOffset = 0, PendingSelOffset = 8;

    private readonly Domain _domain;
    private readonly MachineMemory _machine;
    private readonly byte* _page;
    private readonly (ulong Gfn, uint Offset)?[] _registered;
    // vcpu_info of vCPUs above XEN_LEGACY_MAX_VCPUS before they register one: seen by nobody.
    private readonly byte[] _dummyStore;
    private readonly byte* _dummies;

    internal SharedInfoPage(Domain domain, int vcpus, MachineMemory machine, MachineClock clock)
    {
        _domain = domain;
        _machine = machine;
        if (!machine.TryAllocate(out uint mfn))
            throw new InvalidOperationException($"domain {domain.Name}: no machine frame left for shared_info");
        Mfn = mfn;
        _page = machine.Frame(mfn);
        _registered = new (ulong, uint)?[vcpus];
        _dummyStore = GC.AllocateArray<byte>(vcpus * VcpuInfo.Size, pinned: true);
        _dummies = (byte*)Unsafe.AsPointer(ref _dummyStore[0]);
        // Runs must repeat in deterministic mode, so the wallclock is a fixed date there (2026-01-01).
        var now = clock.IsDeterministic ? DateTimeOffset.FromUnixTimeSeconds(1_767_225_600) : DateTimeOffset.UtcNow;
        SetWallclock(now);
    }

    /// <summary>The machine frame holding shared_info (the hypervisor keeps one reference for the domain's life).</summary>
    public uint Mfn { get; }

    /// <summary>The gfn the guest last mapped shared_info at, if any.</summary>
    public ulong? Gfn { get; private set; }

    /// <summary>The page as the hypervisor sees it (shared_info is its first 1088 bytes).</summary>
    public Span<byte> Bytes => new(_page, MachineMemory.FrameSize);

    /// <summary>
    /// XENMAPSPACE_shared_info: makes guest frame <paramref name="gfn"/> show shared_info, replacing (and
    /// releasing) what was mapped there. The page has one guest address at a time, like the grant-table
    /// frames: mapping it again moves it, and the gfn it left becomes a hole.
    /// </summary>
    internal void MapAt(ulong gfn)
    {
        if (Gfn is ulong old && old != gfn && _domain.P2m.TryGet(old, out var e) && e.Mfn == Mfn)
            _domain.P2m.Unmap(old);
        _domain.P2m.Map(gfn, Mfn, P2mType.Hypervisor);
        Gfn = gfn;
    }

    /// <summary>Writes wc_sec/wc_nsec under the wc_version seqlock (odd while updating).</summary>
    public void SetWallclock(DateTimeOffset utc)
    {
        ref uint version = ref *(uint*)(_page + 1072);
        Interlocked.Increment(ref version);
        long ticks = utc.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        ulong sec = (ulong)(ticks / TimeSpan.TicksPerSecond);
        *(uint*)(_page + 1076) = (uint)sec;
        *(uint*)(_page + 1080) = (uint)(ticks % TimeSpan.TicksPerSecond * 100);
        *(uint*)(_page + 1084) = (uint)(sec >> 32);
        Interlocked.Increment(ref version);
    }

    public bool IsPending(uint port) => (Volatile.Read(ref Word(PendingOffset, port)) & Bit(port)) != 0;

    public bool IsMasked(uint port) => (Volatile.Read(ref Word(MaskOffset, port)) & Bit(port)) != 0;

    /// <summary>
    /// set_pending (spec 3.3): sets the port's pending bit; if it was clear and the port is not masked, selects
    /// its word on <paramref name="vcpu"/> and raises the upcall. Returns whether the bit was newly set.
    /// </summary>
    public bool SetPending(uint port, int vcpu)
    {
        ulong bit = Bit(port);
        if ((Interlocked.Or(ref Word(PendingOffset, port), bit) & bit) != 0)
            return false;
        if ((Volatile.Read(ref Word(MaskOffset, port)) & bit) == 0 && SelectWord(vcpu, port / 64))
            MarkEventsPending(vcpu);
        ClearReservations();
        return true;
    }

    /// <summary>Clears the port's pending bit (close, so a re-bound port starts quiet).</summary>
    public void ClearPending(uint port)
    {
        Interlocked.And(ref Word(PendingOffset, port), ~Bit(port));
        ClearReservations();
    }

    /// <summary>EVTCHNOP_unmask (2-level): clears the mask bit; an event that arrived while masked is delivered now.</summary>
    public void Unmask(uint port, int vcpu)
    {
        ulong bit = Bit(port);
        if ((Interlocked.And(ref Word(MaskOffset, port), ~bit) & bit) != 0 &&
            (Volatile.Read(ref Word(PendingOffset, port)) & bit) != 0 &&
            SelectWord(vcpu, port / 64))
        {
            MarkEventsPending(vcpu);
        }
        ClearReservations();
    }

    /// <summary>Sets evtchn_upcall_pending of <paramref name="vcpu"/> and drives its upcall PPI (spec 3.3 "mark events pending").</summary>
    public void MarkEventsPending(int vcpu)
    {
        byte* vi = VcpuInfoAddress(vcpu);
        if (vi != null)
            Volatile.Write(ref vi[UpcallPendingOffset], (byte)1);
        ClearReservations();
        ResampleUpcall(vcpu);
    }

    /// <summary>
    /// The upcall PPI is a level that follows evtchn_upcall_pending (spec 3.4): sampled whenever the hypervisor
    /// sets it and when the guest EOIs PPI 31, so an upcall the guest has consumed is not taken again.
    /// </summary>
    public void ResampleUpcall(int vcpu)
    {
        byte* vi = VcpuInfoAddress(vcpu);
        bool level = vi != null && Volatile.Read(ref vi[UpcallPendingOffset]) != 0;
        _domain.Gic.SetPpi(vcpu, DomainLayout.EventChannelPpi, level);
    }

    public bool IsVcpuInfoRegistered(int vcpu) => _registered[vcpu] is not null;

    /// <summary>
    /// VCPUOP_register_vcpu_info after its checks: copies the current vcpu_info to guest frame <paramref name="gfn"/>
    /// at <paramref name="offset"/>, uses it from now on, then selects every word and raises an upcall so that
    /// nothing pending is lost (spec 3.5).
    /// </summary>
    internal void RegisterVcpuInfo(int vcpu, ulong gfn, uint offset)
    {
        byte* old = VcpuInfoAddress(vcpu);
        byte* now = _domain.P2m.HostAddress((gfn << 12) + offset);
        if (old != null && now != null)
            Buffer.MemoryCopy(old, now, VcpuInfo.Size, VcpuInfo.Size);
        _registered[vcpu] = (gfn, offset);
        if (now != null)
            Interlocked.Exchange(ref *(ulong*)(now + PendingSelOffset), ulong.MaxValue);
        MarkEventsPending(vcpu);
    }

    /// <summary>The vcpu_info of <paramref name="vcpu"/> as the hypervisor reads it (48 bytes); empty if its page is gone.</summary>
    public Span<byte> VcpuInfoBytes(int vcpu)
    {
        byte* p = VcpuInfoAddress(vcpu);
        return p == null ? default : new Span<byte>(p, VcpuInfo.Size);
    }

    private byte* VcpuInfoAddress(int vcpu)
    {
        if (_registered[vcpu] is var (gfn, offset))
        {
            // The guest may have given the page back since: then the vcpu_info is gone and events only set bits.
            return _domain.P2m.TryGet(gfn, out var e) && e.Type == P2mType.Ram ? _machine.Frame(e.Mfn) + offset : null;
        }
        return vcpu == 0 ? _page : _dummies + vcpu * VcpuInfo.Size;
    }

    /// <summary>Test-and-set of word <paramref name="word"/> in the vCPU's evtchn_pending_sel: true when it was clear.</summary>
    private bool SelectWord(int vcpu, uint word)
    {
        byte* vi = VcpuInfoAddress(vcpu);
        if (vi == null)
            return false;
        ulong bit = 1ul << (int)word;
        return (Interlocked.Or(ref *(ulong*)(vi + PendingSelOffset), bit) & bit) == 0;
    }

    private ref ulong Word(int arrayOffset, uint port)
    {
        if (port >= Evtchn.TwoLevelNrChannels)
            throw new ArgumentOutOfRangeException(nameof(port), port, "beyond the 2-level bitmaps");
        return ref *(ulong*)(_page + arrayOffset + port / 64 * 8);
    }

    private static ulong Bit(uint port) => 1ul << (int)(port % 64);

    private void ClearReservations()
    {
        foreach (var v in _domain.Vcpus)
        {
            if (v is not null)
                v.Cpu.ExclusiveArmed = false;
        }
    }
}
