using Xenith.Abi;
using Xenith.Hypervisor.Domains;
using Xenith.Hypervisor.Memory;

namespace Xenith.Hypervisor.Hypercalls;

/// <summary>sched_op (29): yield, block, shutdown and shutdown_code (spec 6.1). Poll, watchdog and remote_shutdown come with event channels and the toolstack.</summary>
internal static class SchedOpHypercall
{
    public static long Handle(HypercallContext c, XenMachine machine)
    {
        switch ((SchedOp)c.Arg(0))
        {
            case SchedOp.Yield:
                machine.Scheduler.Yield(c.Vcpu);
                c.Vcpu.Cpu.RequestExit();
                return 0;
            case SchedOp.Block: // re-enable event delivery, then wait for an interrupt
                c.Vcpu.Cpu.I = false;
                machine.Block(c.Vcpu);
                return 0;
            case SchedOp.Shutdown:
            case SchedOp.ShutdownCode:
                {
                    if (!GuestMemory.Read(c.Vcpu, c.Arg(1), out uint reason))
                        return XenErrno.EFAULT.Neg();
                    if (reason > (uint)ShutdownReason.SoftReset)
                        return XenErrno.EINVAL.Neg();
                    if ((SchedOp)c.Arg(0) == SchedOp.ShutdownCode)
                    {
                        c.Domain.LatchedReason ??= (ShutdownReason)reason;
                        return 0;
                    }
                    c.Domain.Shutdown((ShutdownReason)reason);
                    return 0;
                }
            case SchedOp.Poll:
                return Events.EventPoll.Handle(c, machine);
            case SchedOp.RemoteShutdown:
                return MiscSchedOps.RemoteShutdown(c, machine);
            case SchedOp.Watchdog:
                return MiscSchedOps.Watchdog(c);
            case SchedOp.PinOverride: // hardware domain only
                return XenErrno.EPERM.Neg();
            default:
                return XenErrno.ENOSYS.Neg();
        }
    }
}
