namespace Xenith.Hypervisor.Scheduling;

/// <summary>Credit scheduler priorities (Xen's CSCHED_PRI_TS_*): higher runs first.</summary>
public enum CreditPriority
{
    /// <summary>Used more than its share in this period.</summary>
    Over = 0,
    /// <summary>Has credit left.</summary>
    Under = 1,
    /// <summary>Just woken from blocked with credit left: runs ahead of everything else for up to one tick.</summary>
    Boost = 2,
}
