using Xenith.Abi;
using Xenith.Hypervisor.Domains;
using Xenith.Hypervisor.Memory;

namespace Xenith.Hypervisor.Grants;

/// <summary>
/// GNTTABOP_map_grant_ref and unmap_grant_ref from this domain's side: the granter's page becomes an alias at a
/// guest physical address of this domain (ARM guests are auto-translated: host_addr is an IPA), and the mapping
/// is recorded under a handle. Shared memory is real: both p2ms point at the same machine frame.
/// </summary>
public sealed partial class Gnttab
{
    /// <summary>Maptrack entries per frame (4096 / sizeof(struct grant_mapping)) and Xen's default frame limit.</summary>
    public const int MaptrackPerFrame = 256, MaxMaptrackFrames = 1024;

    private readonly List<MaptrackEntry?> _maptrack = [];
    private readonly Queue<uint> _freeHandles = new();

    /// <summary>Grant mappings this domain holds.</summary>
    public int MappingCount => _maptrack.Count(m => m != null);

    /// <summary>
    /// Maps grant <paramref name="gref"/> of <paramref name="granter"/> (null: no such domain) with GNTMAP_*
    /// <paramref name="flags"/> at guest physical address <paramref name="hostAddr"/>. The checks and their GNTST codes
    /// come in Xen's order; on success <paramref name="handle"/> and <paramref name="devBusAddr"/> are set.
    /// </summary>
    public GrantStatus Map(Domain? granter, uint gref, uint flags, ulong hostAddr, out uint handle, out ulong devBusAddr)
    {
        handle = 0;
        devBusAddr = 0;
        if ((flags & (GntMap.DeviceMap | GntMap.HostMap)) == 0)
            return GrantStatus.BadGntref;
        // A translated guest has no device (DMA) or PV page-table mappings.
        if ((flags & (GntMap.DeviceMap | GntMap.ApplicationMap | GntMap.ContainsPte)) != 0)
            return GrantStatus.GeneralError;
        if (granter is null)
            return GrantStatus.BadDomain;
        if (!TryTakeHandle(out uint h))
            return GrantStatus.NoSpace;
        bool readOnly = (flags & GntMap.Readonly) != 0;
        Gnttab remote = granter.Grants;
        var rc = remote.Acquire(gref, (ushort)Domain.Id, readOnly, forMapping: true, out uint mfn);
        if (rc != GrantStatus.Okay)
        {
            PutHandle(h);
            return rc;
        }
        // create_grant_host_mapping on ARM: host_map (+ readonly) only, no cache attributes, an IPA stage 2 can hold.
        ulong gfn = hostAddr >> 12;
        if (remote.HasCacheAttributes(gref) || (flags & ~GntMap.Readonly) != GntMap.HostMap || gfn >= GfnLimit)
        {
            remote.Release(gref, readOnly);
            PutHandle(h);
            return GrantStatus.GeneralError;
        }
        // Whatever was at the gfn is replaced, as Xen allows (Linux balloons the page out first).
        Domain.P2m.Map(gfn, mfn, readOnly ? P2mType.GrantRo : P2mType.GrantRw);
        _maptrack[(int)h] = new MaptrackEntry(granter, gref, flags);
        handle = h;
        devBusAddr = DevBusAddress(mfn);
        return GrantStatus.Okay;
    }

    /// <summary>
    /// Ends mapping <paramref name="handle"/> (unmap_grant_ref; unmap_and_replace when <paramref name="newAddr"/> is
    /// given, which ARM refuses). With <paramref name="hostAddr"/> 0 the host mapping is left alone, as in Xen; else the
    /// page at that address must be the granted one (or nothing), and it becomes a hole.
    /// </summary>
    public GrantStatus Unmap(uint handle, ulong hostAddr, ulong newAddr = 0)
    {
        if (handle >= _maptrack.Count || _maptrack[(int)handle] is not { } map)
            return GrantStatus.BadHandle;
        Gnttab remote = map.Granter.Grants;
        if (!remote.TryGetActiveMfn(map.Ref, out uint mfn))
            return GrantStatus.BadHandle;
        bool done = false;
        if (hostAddr != 0 && (map.Flags & GntMap.HostMap) != 0)
        {
            if (newAddr != 0)
                return GrantStatus.GeneralError;
            ulong gfn = hostAddr >> 12;
            if (Domain.P2m.TryGet(gfn, out var e))
            {
                if (e.Mfn != mfn)
                    return GrantStatus.GeneralError;
                Domain.P2m.Unmap(gfn);
            }
            map.Flags &= ~GntMap.HostMap;
            done = true;
        }
        if ((map.Flags & (GntMap.HostMap | GntMap.DeviceMap)) == 0)
            PutHandle(handle);
        if (done)
            remote.Release(map.Ref, (map.Flags & GntMap.Readonly) != 0);
        return GrantStatus.Okay;
    }

    /// <summary>
    /// The domain is going away: drop the pins of every mapping it holds (gnttab_release_mappings). The aliases
    /// themselves go with its p2m.
    /// </summary>
    public void ReleaseMappings()
    {
        for (int h = 0; h < _maptrack.Count; h++)
        {
            if (_maptrack[h] is not { } map)
                continue;
            if ((map.Flags & GntMap.HostMap) != 0)
                map.Granter.Grants.Release(map.Ref, (map.Flags & GntMap.Readonly) != 0);
            PutHandle((uint)h);
        }
    }

    // Handles are handed out oldest-free-first, a maptrack frame's worth at a time, as Xen's free list does.
    private bool TryTakeHandle(out uint handle)
    {
        if (_freeHandles.Count == 0 && _maptrack.Count < MaptrackPerFrame * MaxMaptrackFrames)
        {
            for (int i = 0; i < MaptrackPerFrame; i++)
            {
                _freeHandles.Enqueue((uint)_maptrack.Count);
                _maptrack.Add(null);
            }
        }
        return _freeHandles.TryDequeue(out handle);
    }

    private void PutHandle(uint handle)
    {
        _maptrack[(int)handle] = null;
        _freeHandles.Enqueue(handle);
    }
}
