namespace Xenith.Abi;

/// <summary>sched_op commands (SCHEDOP_*, spec 6.1).</summary>
public enum SchedOp : uint
{
    /// <summary>SCHEDOP_yield.</summary>
    Yield = 0,
    /// <summary>SCHEDOP_block: enable events and block until one is pending.</summary>
    Block = 1,
    /// <summary>SCHEDOP_shutdown (struct sched_shutdown).</summary>
    Shutdown = 2,
    /// <summary>SCHEDOP_poll (struct sched_poll).</summary>
    Poll = 3,
    /// <summary>SCHEDOP_remote_shutdown (struct sched_remote_shutdown, privileged).</summary>
    RemoteShutdown = 4,
    /// <summary>SCHEDOP_shutdown_code (struct sched_shutdown): latch a reason for the next shutdown.</summary>
    ShutdownCode = 5,
    /// <summary>SCHEDOP_watchdog (struct sched_watchdog).</summary>
    Watchdog = 6,
    /// <summary>SCHEDOP_pin_override (struct sched_pin_override, hardware domain only).</summary>
    PinOverride = 7,
}

/// <summary>Domain shutdown reasons (SHUTDOWN_*, spec 6.1).</summary>
public enum ShutdownReason : uint
{
    /// <summary>SHUTDOWN_poweroff.</summary>
    Poweroff = 0,
    /// <summary>SHUTDOWN_reboot.</summary>
    Reboot = 1,
    /// <summary>SHUTDOWN_suspend.</summary>
    Suspend = 2,
    /// <summary>SHUTDOWN_crash.</summary>
    Crash = 3,
    /// <summary>SHUTDOWN_watchdog.</summary>
    Watchdog = 4,
    /// <summary>SHUTDOWN_soft_reset (SHUTDOWN_MAX).</summary>
    SoftReset = 5,
}

/// <summary>Limits of sched_op.</summary>
public static class Sched
{
    /// <summary>Largest nr_ports SCHEDOP_poll accepts (more → -EINVAL).</summary>
    public const uint PollMaxPorts = 128;

    /// <summary>Watchdogs per domain (SCHEDOP_watchdog ids 1 and 2).</summary>
    public const uint MaxWatchdogs = 2;
}
