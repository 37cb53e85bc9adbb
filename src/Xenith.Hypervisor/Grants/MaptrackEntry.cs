using Xenith.Hypervisor.Domains;

namespace Xenith.Hypervisor.Grants;

/// <summary>One mapping a domain holds of another's grant (Xen's grant_mapping): its handle is the index.</summary>
internal sealed class MaptrackEntry(Domain granter, uint gref, uint flags)
{
    public Domain Granter { get; } = granter;
    public uint Ref { get; } = gref;
    /// <summary>GNTMAP_* still in force; the entry is free once neither host_map nor device_map is left.</summary>
    public uint Flags = flags;
}
