namespace Xenith.Hypervisor.Grants;

/// <summary>
/// The hypervisor's shadow of a grant entry while it is in use (Xen's active_grant_entry): who pinned it,
/// how often, and the machine frame it resolved to when first pinned. The guest may rewrite its entry
/// meanwhile; what is mapped follows this record, not the entry, so revoking cannot pull a page away.
/// </summary>
internal sealed class ActiveGrant(ushort domid, uint mfn, ulong gfn)
{
    // Pin counts packed as Xen packs them: writable host uses in bits 0-7, read-only ones in bits 8-15
    // (bits 16-31 are device mappings, which an ARM guest cannot make).
    public const uint HostWriteInc = 1u << 0, HostWriteMask = 0xFFu << 0;
    public const uint HostReadInc = 1u << 8, HostReadMask = 0xFFu << 8;
    /// <summary>A count reaching 0x80 refuses further pins, so none can overflow.</summary>
    public const uint OverflowMask = 0x8080_8080;

    public uint Pin;
    /// <summary>The domain the entry was pinned for: only it may pin it again until the pins drop to zero.</summary>
    public ushort Domid { get; } = domid;
    /// <summary>The granted page; the active entry holds one reference on it.</summary>
    public uint Mfn { get; } = mfn;
    /// <summary>The granter's gfn at pin time (for logs).</summary>
    public ulong Gfn { get; } = gfn;

    public static uint Increment(bool readOnly) => readOnly ? HostReadInc : HostWriteInc;
}
