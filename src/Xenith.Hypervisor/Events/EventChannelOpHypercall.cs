using Xenith.Abi;
using Xenith.Hypervisor.Domains;
using Xenith.Hypervisor.Hypercalls;
using Xenith.Hypervisor.Memory;

namespace Xenith.Hypervisor.Events;

/// <summary>
/// event_channel_op (32): cmd in r0, the VA of the command's structure in r1 (spec 4.2-4.4). The structure
/// is copied in once, the operation runs, and OUT fields are copied back (-EFAULT if that fails). FIFO is
/// not offered: init_control answers -ENOSYS, so guests use the 2-level ABI.
/// </summary>
internal static class EventChannelOpHypercall
{
    public static long Handle(HypercallContext c, XenMachine machine)
    {
        Vcpu v = c.Vcpu;
        Domain d = c.Domain;
        uint arg = c.Arg(1);
        switch ((EvtchnOp)c.Arg(0))
        {
            case EvtchnOp.AllocUnbound:
                {
                    if (!GuestMemory.Read(v, arg, out EvtchnAllocUnbound op))
                        return XenErrno.EFAULT.Neg();
                    long rc = DomainIds.Target(machine, d, op.Dom, out var target);
                    if (rc != 0)
                        return rc;
                    uint remote = op.RemoteDom == DomId.Self ? d.Id : op.RemoteDom;
                    rc = target.Events.AllocUnbound(remote, out op.Port);
                    return CopyBack(v, arg, rc, op);
                }
            case EvtchnOp.BindInterdomain:
                {
                    if (!GuestMemory.Read(v, arg, out EvtchnBindInterdomain op))
                        return XenErrno.EFAULT.Neg();
                    var remote = DomainIds.Find(machine, d, op.RemoteDom);
                    if (remote is null)
                        return XenErrno.ESRCH.Neg();
                    long rc = d.Events.BindInterdomain(remote, op.RemotePort, out op.LocalPort);
                    return CopyBack(v, arg, rc, op);
                }
            case EvtchnOp.BindVirq:
                {
                    if (!GuestMemory.Read(v, arg, out EvtchnBindVirq op))
                        return XenErrno.EFAULT.Neg();
                    long rc = d.Events.BindVirq(op.Virq, op.Vcpu, out op.Port);
                    return CopyBack(v, arg, rc, op);
                }
            case EvtchnOp.BindIpi:
                {
                    if (!GuestMemory.Read(v, arg, out EvtchnBindIpi op))
                        return XenErrno.EFAULT.Neg();
                    long rc = d.Events.BindIpi(op.Vcpu, out op.Port);
                    return CopyBack(v, arg, rc, op);
                }
            case EvtchnOp.BindPirq: // no physical IRQs for a domU
                return GuestMemory.Read(v, arg, out EvtchnBindPirq _) ? XenErrno.EPERM.Neg() : XenErrno.EFAULT.Neg();
            case EvtchnOp.BindVcpu:
                return GuestMemory.Read(v, arg, out EvtchnBindVcpu bv) ? d.Events.BindVcpu(bv.Port, bv.Vcpu) : XenErrno.EFAULT.Neg();
            case EvtchnOp.Close:
                return GuestMemory.Read(v, arg, out EvtchnClose cl) ? d.Events.Close(cl.Port) : XenErrno.EFAULT.Neg();
            case EvtchnOp.Send:
                return GuestMemory.Read(v, arg, out EvtchnSend s) ? d.Events.Send(s.Port) : XenErrno.EFAULT.Neg();
            case EvtchnOp.Unmask:
                return GuestMemory.Read(v, arg, out EvtchnUnmask u) ? d.Events.Unmask(u.Port) : XenErrno.EFAULT.Neg();
            case EvtchnOp.Status:
                {
                    if (!GuestMemory.Read(v, arg, out EvtchnStatus op))
                        return XenErrno.EFAULT.Neg();
                    long rc = DomainIds.Target(machine, d, op.Dom, out var target);
                    if (rc != 0)
                        return rc;
                    ushort dom = op.Dom;
                    rc = target.Events.Status(op.Port, out op);
                    op.Dom = dom;
                    return CopyBack(v, arg, rc, op);
                }
            case EvtchnOp.Reset:
                {
                    if (!GuestMemory.Read(v, arg, out EvtchnReset op))
                        return XenErrno.EFAULT.Neg();
                    long rc = DomainIds.Target(machine, d, op.Dom, out var target);
                    return rc != 0 ? rc : target.Events.Reset();
                }
            case EvtchnOp.InitControl:
            case EvtchnOp.ExpandArray:
            case EvtchnOp.SetPriority:
            default:
                return XenErrno.ENOSYS.Neg();
        }
    }

    private static long CopyBack<T>(Vcpu v, uint va, long rc, in T op) where T : unmanaged
    {
        if (rc != 0)
            return rc;
        return GuestMemory.Write(v, va, op) ? 0 : XenErrno.EFAULT.Neg();
    }
}
