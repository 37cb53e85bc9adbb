using Xenith.Abi;
using Xenith.Hypervisor.Domains;
using Xenith.Hypervisor.Memory;

namespace Xenith.Hypervisor.Hypercalls;

/// <summary>
/// hvm_op (34): get_param and set_param on a struct xen_hvm_param (spec 3.7). A domain reads its own
/// parameters (not the monitor ring) and sets none: they are the toolstack's.
/// </summary>
internal static class HvmOpHypercall
{
    public static long Handle(HypercallContext c, XenMachine machine)
    {
        uint arg = c.Arg(1);
        switch ((HvmOp)c.Arg(0))
        {
            case HvmOp.SetParam:
            case HvmOp.GetParam:
                {
                    if (!GuestMemory.Read(c.Vcpu, arg, out XenHvmParam p))
                        return XenErrno.EFAULT.Neg();
                    if (p.Index >= HvmParams.Count)
                        return XenErrno.EINVAL.Neg();
                    long rc = DomainIds.Target(machine, c.Domain, p.Domid, out Domain d);
                    if (rc != 0)
                        return rc;
                    if (!HvmParams.Exists(p.Index))
                        return XenErrno.EINVAL.Neg();
                    if ((HvmOp)c.Arg(0) == HvmOp.SetParam)
                        return XenErrno.EPERM.Neg();
                    if (!HvmParams.GuestReadable(p.Index))
                        return XenErrno.EPERM.Neg();
                    p.Value = d.HvmParams[(HvmParam)p.Index];
                    return GuestMemory.Write(c.Vcpu, arg, p) ? 0 : XenErrno.EFAULT.Neg();
                }
            case HvmOp.GuestRequestVmEvent: // no monitor listens: nothing to do
                return 0;
            default:
                return XenErrno.ENOSYS.Neg();
        }
    }
}
