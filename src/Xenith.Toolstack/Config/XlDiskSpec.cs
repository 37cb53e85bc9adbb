namespace Xenith.Toolstack.Config;

public enum XlDiskFormat { Raw, Qcow, Qcow2, Vhd, Empty, Qed }

/// <summary>libxl's disk backends; <see cref="Default"/> lets the toolstack choose.</summary>
public enum XlDiskBackendType { Default, Phy, Tap, Qdisk, Standalone }

public enum XlDiskSpecification { Xen, Virtio }

/// <summary>
/// One <c>disk=</c> entry after libxlu's disk parser and its defaults (format raw, read-write; a cdrom is
/// removable and read-only, and without a target its format is empty).
/// </summary>
/// <param name="Target">The target as written and resolved against xl's working directory (kept as written
/// when a block script interprets it); null for a cdrom drive given without one.</param>
/// <param name="Vdev">The guest's name for the disk (<c>xvda</c>, <c>hdc</c>, <c>d0p1</c>, ...).</param>
/// <param name="VirtualDevice">The <c>virtual-device</c> number of the vdev (xvda → 51712).</param>
/// <param name="Backend">Backend domain (name or id); null = Domain-0.</param>
/// <param name="Discard">null = backend's choice.</param>
/// <param name="Trusted">null = default (trusted).</param>
public sealed record XlDiskSpec(
    XlPath? Target,
    XlDiskFormat Format,
    string Vdev,
    int VirtualDevice,
    bool ReadWrite,
    bool IsCdrom,
    bool Removable,
    XlDiskBackendType BackendType,
    string? Backend,
    string? Script,
    bool DirectIoSafe,
    bool? Discard,
    bool? Trusted,
    XlDiskSpecification Specification)
{
    public bool ReadOnly => !ReadWrite;
}

/// <summary>A path from the config: as written, and resolved against the working directory of <c>xl</c>.</summary>
public sealed record XlPath(string Given, string Resolved)
{
    public static XlPath Resolve(string given, string workingDirectory) =>
        new(given, given.Length == 0 ? "" : Path.GetFullPath(given, workingDirectory));
}
