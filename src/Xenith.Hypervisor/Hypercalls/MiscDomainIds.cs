using Xenith.Abi;
using Xenith.Hypervisor.Domains;

namespace Xenith.Hypervisor.Hypercalls;

/// <summary>How a hypercall names a domain: DOMID_SELF or a domain ID (rcu_lock_domain_by_any_id and XSM_TARGET).</summary>
internal static class DomainIds
{
    /// <summary>The domain <paramref name="domid"/> names for <paramref name="caller"/>, or null (-ESRCH).</summary>
    public static Domain? Find(XenMachine machine, Domain caller, uint domid)
    {
        if (domid == DomId.Self || domid == caller.Id)
            return caller;
        foreach (var d in machine.Domains)
        {
            if (d.Id == domid)
                return d;
        }
        return null;
    }

    /// <summary>
    /// The target of an operation a domain may only do on itself: the domain, or -ESRCH when there is none
    /// and -EPERM when it is another one (a domU has no privilege over others).
    /// </summary>
    public static long Target(XenMachine machine, Domain caller, uint domid, out Domain target)
    {
        target = caller;
        var d = Find(machine, caller, domid);
        if (d is null)
            return XenErrno.ESRCH.Neg();
        if (d != caller)
            return XenErrno.EPERM.Neg();
        return 0;
    }
}
