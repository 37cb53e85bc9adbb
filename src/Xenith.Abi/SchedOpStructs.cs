using System.Runtime.InteropServices;

namespace Xenith.Abi;

/// <summary>struct sched_shutdown (SCHEDOP_shutdown / SCHEDOP_shutdown_code).</summary>
[StructLayout(LayoutKind.Explicit, Size = Size)]
public struct SchedShutdown
{
    /// <summary>sizeof on arm32.</summary>
    public const int Size = 4;
    /// <summary>reason: SHUTDOWN_*.</summary>
    [FieldOffset(0)] public uint Reason;
}

/// <summary>struct sched_poll (SCHEDOP_poll).</summary>
[StructLayout(LayoutKind.Explicit, Size = Size)]
public struct SchedPoll
{
    /// <summary>sizeof on arm32.</summary>
    public const int Size = 24;
    /// <summary>ports: guest handle (VA in the low 32 bits) of an evtchn_port_t array.</summary>
    [FieldOffset(0)] public ulong Ports;
    /// <summary>nr_ports.</summary>
    [FieldOffset(8)] public uint NrPorts;
    /// <summary>timeout: absolute Xen system time in ns, 0 = none.</summary>
    [FieldOffset(16)] public ulong Timeout;
}

/// <summary>struct sched_remote_shutdown (SCHEDOP_remote_shutdown).</summary>
[StructLayout(LayoutKind.Explicit, Size = Size)]
public struct SchedRemoteShutdown
{
    /// <summary>sizeof on arm32.</summary>
    public const int Size = 8;
    /// <summary>domain_id.</summary>
    [FieldOffset(0)] public ushort DomainId;
    /// <summary>reason: SHUTDOWN_*.</summary>
    [FieldOffset(4)] public uint Reason;
}

/// <summary>struct sched_watchdog (SCHEDOP_watchdog).</summary>
[StructLayout(LayoutKind.Explicit, Size = Size)]
public struct SchedWatchdog
{
    /// <summary>sizeof on arm32.</summary>
    public const int Size = 8;
    /// <summary>id: 0 creates, else names an existing watchdog.</summary>
    [FieldOffset(0)] public uint Id;
    /// <summary>timeout in seconds; 0 with a non-zero id destroys it.</summary>
    [FieldOffset(4)] public uint Timeout;
}

/// <summary>struct sched_pin_override (SCHEDOP_pin_override).</summary>
[StructLayout(LayoutKind.Explicit, Size = Size)]
public struct SchedPinOverride
{
    /// <summary>sizeof on arm32.</summary>
    public const int Size = 4;
    /// <summary>pcpu (int32).</summary>
    [FieldOffset(0)] public int Pcpu;
}
