using Xenith.Abi;
using Xenith.Hypervisor.Memory;

namespace Xenith.Hypervisor.Hypercalls;

/// <summary>The sched_op sub-ops that act on domains rather than on the calling vCPU (spec 6.1).</summary>
internal static class MiscSchedOps
{
    /// <summary>
    /// SCHEDOP_remote_shutdown: the domain is looked up by its real ID (rcu_lock_domain_by_id: DOMID_SELF names
    /// no domain, -ESRCH), then refused: only the control domain or the target's device model may do this.
    /// </summary>
    public static long RemoteShutdown(HypercallContext c, XenMachine machine)
    {
        if (!GuestMemory.Read(c.Vcpu, c.Arg(1), out SchedRemoteShutdown r))
            return XenErrno.EFAULT.Neg();
        foreach (var d in machine.Domains)
        {
            if (d.Id == r.DomainId)
                return XenErrno.EPERM.Neg();
        }
        return XenErrno.ESRCH.Neg();
    }

    /// <summary>SCHEDOP_watchdog on the caller's domain.</summary>
    public static long Watchdog(HypercallContext c)
    {
        if (!GuestMemory.Read(c.Vcpu, c.Arg(1), out SchedWatchdog w))
            return XenErrno.EFAULT.Neg();
        return c.Domain.Watchdogs.Op(w.Id, w.Timeout);
    }
}
