using Xenith.Memory;

namespace Xenith.Hypervisor.Memory;

/// <summary>What backs a guest frame.</summary>
public enum P2mType : byte
{
    /// <summary>The domain's own RAM (populated from the machine pool).</summary>
    Ram,
    /// <summary>A frame the hypervisor owns and lets the guest see (shared_info, grant-table frames).</summary>
    Hypervisor,
    /// <summary>Another domain's frame mapped through a grant, writable.</summary>
    GrantRw,
    /// <summary>Another domain's frame mapped through a grant, read-only: stores fault.</summary>
    GrantRo,
}

public readonly record struct P2mEntry(uint Mfn, P2mType Type);

/// <summary>
/// A domain's stage 2: guest frame number → machine frame, plus the emulated device windows (the vGIC).
/// The guest's vCPUs see guest physical memory through it (it is their <see cref="IPhysicalBus"/>); an
/// address that is neither mapped nor a device answers nothing, which the vCPU turns into a data abort,
/// as Xen does for unmapped IPAs. Every mapping holds one reference on its machine frame.
/// </summary>
public sealed unsafe class P2m(MachineMemory machine) : IPhysicalBus
{
    private readonly Dictionary<ulong, P2mEntry> _entries = [];
    private readonly List<(ulong Base, ulong Size, IMmioDevice Device)> _devices = [];

    /// <summary>Raised after any mapping changes: vCPUs must drop cached translations and decoded code.</summary>
    public event Action? Changed;

    public int Count => _entries.Count;

    /// <summary>Every mapping (gfn → entry), for accounting such as XENMEM_current_reservation.</summary>
    public IReadOnlyDictionary<ulong, P2mEntry> Entries => _entries;

    public void AddDevice(ulong baseAddress, ulong size, IMmioDevice device) => _devices.Add((baseAddress, size, device));

    public bool TryGet(ulong gfn, out P2mEntry entry) => _entries.TryGetValue(gfn, out entry);

    /// <summary>Backs <paramref name="gfn"/> with a fresh zeroed frame; false when the machine is out of memory or the gfn is taken.</summary>
    public bool Populate(ulong gfn)
    {
        if (_entries.ContainsKey(gfn) || !machine.TryAllocate(out uint mfn))
            return false;
        _entries[gfn] = new P2mEntry(mfn, P2mType.Ram);
        Changed?.Invoke();
        return true;
    }

    /// <summary>Maps an existing machine frame (taking a reference), replacing what was at <paramref name="gfn"/>.</summary>
    public void Map(ulong gfn, uint mfn, P2mType type)
    {
        machine.AddRef(mfn);
        if (_entries.TryGetValue(gfn, out var old))
            machine.Release(old.Mfn);
        _entries[gfn] = new P2mEntry(mfn, type);
        Changed?.Invoke();
    }

    /// <summary>Removes a mapping and its reference; false if nothing was mapped.</summary>
    public bool Unmap(ulong gfn)
    {
        if (!_entries.Remove(gfn, out var old))
            return false;
        machine.Release(old.Mfn);
        Changed?.Invoke();
        return true;
    }

    /// <summary>Drops every mapping (the domain is being destroyed).</summary>
    public void Clear()
    {
        foreach (var e in _entries.Values)
            machine.Release(e.Mfn);
        _entries.Clear();
        Changed?.Invoke();
    }

    public byte* RamPage(ulong pa)
    {
        // Read-only grant mappings are handed out only as read-only pages (below): stores to them fail in TryWrite
        // and fault in the guest.
        if (_entries.TryGetValue(pa >> 12, out var e) && e.Type != P2mType.GrantRo)
            return machine.Frame(e.Mfn);
        return null;
    }

    public byte* ReadOnlyRamPage(ulong pa) =>
        _entries.TryGetValue(pa >> 12, out var e) && e.Type == P2mType.GrantRo ? machine.Frame(e.Mfn) : null;

    /// <summary>Host pointer to the byte at <paramref name="pa"/> for the hypervisor's own accesses (any mapping type).</summary>
    public byte* HostAddress(ulong pa) =>
        _entries.TryGetValue(pa >> 12, out var e) ? machine.Frame(e.Mfn) + (pa & 0xFFF) : null;

    public bool TryRead(ulong pa, int size, out ulong value)
    {
        value = 0;
        if (_entries.TryGetValue(pa >> 12, out var e))
        {
            if ((pa & 0xFFF) + (ulong)size > 0x1000)
                return false;
            byte* p = machine.Frame(e.Mfn) + (pa & 0xFFF);
            for (int i = 0; i < size; i++)
                value |= (ulong)p[i] << (8 * i);
            return true;
        }
        foreach (var (b, s, dev) in _devices)
        {
            if (pa - b < s)
            {
                value = dev.Read(pa - b, size);
                return true;
            }
        }
        return false;
    }

    public bool TryWrite(ulong pa, int size, ulong value)
    {
        if (_entries.ContainsKey(pa >> 12))
            return false; // only read-only grant mappings get here: the store faults
        foreach (var (b, s, dev) in _devices)
        {
            if (pa - b < s)
            {
                dev.Write(pa - b, size, value);
                return true;
            }
        }
        return false;
    }
}
