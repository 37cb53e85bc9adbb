using System.Runtime.InteropServices;

namespace Xenith.Abi;

/// <summary>struct xen_feature_info (XENVER_get_features).</summary>
[StructLayout(LayoutKind.Explicit, Size = Size)]
public struct XenFeatureInfo
{
    /// <summary>sizeof on arm32.</summary>
    public const int Size = 8;
    /// <summary>submap_idx (IN).</summary>
    [FieldOffset(0)] public uint SubmapIdx;
    /// <summary>submap (OUT): 32 feature flags.</summary>
    [FieldOffset(4)] public uint Submap;
}

/// <summary>xen_extraversion_t (XENVER_extraversion): NUL-padded char[16].</summary>
[StructLayout(LayoutKind.Explicit, Size = Size)]
public unsafe struct XenExtraversion
{
    /// <summary>sizeof.</summary>
    public const int Size = 16;
    /// <summary>The characters.</summary>
    [FieldOffset(0)] public fixed byte Text[Size];
}

/// <summary>struct xen_compile_info (XENVER_compile_info).</summary>
[StructLayout(LayoutKind.Explicit, Size = Size)]
public unsafe struct XenCompileInfo
{
    /// <summary>sizeof.</summary>
    public const int Size = 144;
    /// <summary>compiler[64].</summary>
    [FieldOffset(0)] public fixed byte Compiler[64];
    /// <summary>compile_by[16].</summary>
    [FieldOffset(64)] public fixed byte CompileBy[16];
    /// <summary>compile_domain[32].</summary>
    [FieldOffset(80)] public fixed byte CompileDomain[32];
    /// <summary>compile_date[32].</summary>
    [FieldOffset(112)] public fixed byte CompileDate[32];
}

/// <summary>xen_capabilities_info_t (XENVER_capabilities): char[1024].</summary>
[StructLayout(LayoutKind.Explicit, Size = Size)]
public unsafe struct XenCapabilitiesInfo
{
    /// <summary>sizeof.</summary>
    public const int Size = 1024;
    /// <summary>Space-separated list with a trailing space, e.g. "xen-3.0-armv7l ".</summary>
    [FieldOffset(0)] public fixed byte Text[Size];
}

/// <summary>xen_changeset_info_t (XENVER_changeset): char[64].</summary>
[StructLayout(LayoutKind.Explicit, Size = Size)]
public unsafe struct XenChangesetInfo
{
    /// <summary>sizeof.</summary>
    public const int Size = 64;
    /// <summary>The characters.</summary>
    [FieldOffset(0)] public fixed byte Text[Size];
}

/// <summary>xen_commandline_t (XENVER_commandline): char[1024].</summary>
[StructLayout(LayoutKind.Explicit, Size = Size)]
public unsafe struct XenCommandline
{
    /// <summary>sizeof.</summary>
    public const int Size = 1024;
    /// <summary>The characters ("&lt;denied&gt;" for a domU).</summary>
    [FieldOffset(0)] public fixed byte Text[Size];
}

/// <summary>struct xen_platform_parameters (XENVER_platform_parameters).</summary>
[StructLayout(LayoutKind.Explicit, Size = Size)]
public struct XenPlatformParameters
{
    /// <summary>sizeof on arm32.</summary>
    public const int Size = 8;
    /// <summary>virt_start (xen_ulong_t): 0 on ARM.</summary>
    [FieldOffset(0)] public ulong VirtStart;
}

/// <summary>xen_domain_handle_t (XENVER_guest_handle): the 16-byte domain UUID.</summary>
[StructLayout(LayoutKind.Explicit, Size = Size)]
public unsafe struct XenDomainHandle
{
    /// <summary>sizeof.</summary>
    public const int Size = 16;
    /// <summary>The UUID bytes.</summary>
    [FieldOffset(0)] public fixed byte Bytes[Size];
}

/// <summary>struct xen_varbuf header (XENVER_build_id and the *2 commands): len, then buf[len].</summary>
[StructLayout(LayoutKind.Explicit, Size = Size)]
public struct XenVarbuf
{
    /// <summary>sizeof of the header (buf is a flexible array at offset 4).</summary>
    public const int Size = 4;
    /// <summary>offsetof(buf).</summary>
    public const int BufOffset = 4;
    /// <summary>len: IN buffer size / OUT bytes written.</summary>
    [FieldOffset(0)] public uint Len;
}
