namespace Xenith.Hypervisor.Domains;

/// <summary>A domain's life, as Xen's <c>xl list</c> state letters show it (r/b come from its vCPUs).</summary>
public enum DomainState
{
    Running,
    Paused,
    /// <summary>Shut down by itself or the toolstack, with a SHUTDOWN_* reason.</summary>
    Shutdown,
    /// <summary>Ended by a fault the guest could not handle, or SHUTDOWN_crash.</summary>
    Crashed,
    Dying,
}

/// <summary>What a vCPU is doing, for scheduling and runstate accounting.</summary>
public enum VcpuState
{
    /// <summary>Not brought up (secondary vCPUs until PSCI CPU_ON) or taken down by CPU_OFF.</summary>
    Down,
    Runnable,
    /// <summary>Waiting in WFI or SCHEDOP_block for an interrupt or event.</summary>
    Blocked,
}
