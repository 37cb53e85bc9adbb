namespace Xenith.Toolstack;

/// <summary>
/// The host's shape, from <c>xenith boot</c>'s Xen boot options: pCPUs, domain 0's memory and vCPUs, the memory
/// guests are built from, and the time mode.
/// </summary>
/// <param name="CommandLine">The boot options as given, for <c>xl info</c>'s xen_commandline.</param>
/// <param name="ConsoleLogDir">Where each guest's console output is also written (guest-NAME.log), or null.</param>
public sealed record ToolstackOptions(
    int Pcpus,
    ulong Dom0MemoryBytes,
    int Dom0Vcpus,
    bool Dom0VcpusPin,
    ulong GuestMemoryBytes,
    bool Deterministic = false,
    string CommandLine = "",
    string? ConsoleLogDir = null);
