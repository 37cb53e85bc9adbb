using System.Runtime.InteropServices;

namespace Xenith.Abi;

/// <summary>struct xen_add_to_physmap (XENMEM_add_to_physmap argument, spec 3.6).</summary>
[StructLayout(LayoutKind.Explicit, Size = Size)]
public struct XenAddToPhysmap
{
    /// <summary>sizeof on arm32.</summary>
    public const int Size = 24;
    /// <summary>domid: DOMID_SELF for a guest.</summary>
    [FieldOffset(0)] public ushort Domid;
    /// <summary>size: pages for XENMAPSPACE_gmfn_range only.</summary>
    [FieldOffset(2)] public ushort PageCount;
    /// <summary>space: XENMAPSPACE_*.</summary>
    [FieldOffset(4)] public uint Space;
    /// <summary>idx (xen_ulong_t).</summary>
    [FieldOffset(8)] public ulong Idx;
    /// <summary>gpfn (xen_pfn_t): where the page must appear.</summary>
    [FieldOffset(16)] public ulong Gpfn;
}

/// <summary>struct xen_remove_from_physmap (XENMEM_remove_from_physmap argument).</summary>
[StructLayout(LayoutKind.Explicit, Size = Size)]
public struct XenRemoveFromPhysmap
{
    /// <summary>sizeof on arm32.</summary>
    public const int Size = 16;
    /// <summary>domid.</summary>
    [FieldOffset(0)] public ushort Domid;
    /// <summary>gpfn (xen_pfn_t).</summary>
    [FieldOffset(8)] public ulong Gpfn;
}

/// <summary>struct xen_memory_reservation (increase/decrease_reservation, populate_physmap; spec 6.4).</summary>
[StructLayout(LayoutKind.Explicit, Size = Size)]
public struct XenMemoryReservation
{
    /// <summary>sizeof on arm32.</summary>
    public const int Size = 32;
    /// <summary>extent_start: guest handle (VA in the low 32 bits) of a xen_pfn_t array.</summary>
    [FieldOffset(0)] public ulong ExtentStart;
    /// <summary>nr_extents (xen_ulong_t).</summary>
    [FieldOffset(8)] public ulong NrExtents;
    /// <summary>extent_order: log2 pages per extent.</summary>
    [FieldOffset(16)] public uint ExtentOrder;
    /// <summary>mem_flags: XENMEMF_*.</summary>
    [FieldOffset(20)] public uint MemFlags;
    /// <summary>domid.</summary>
    [FieldOffset(24)] public ushort Domid;
}
