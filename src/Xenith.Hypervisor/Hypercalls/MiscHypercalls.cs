using Xenith.Abi;
using Xenith.Hypervisor.Memory;

namespace Xenith.Hypervisor.Hypercalls;

/// <summary>The small hypercalls (spec 3.8, 6.5, 6.7): vm_assist, physdev_op, and the privileged ones a domU is refused.</summary>
internal static class MiscHypercalls
{
    public static void RegisterAll(HypercallDispatcher dispatcher)
    {
        dispatcher.Register(Hypercall.VmAssist, VmAssist);
        dispatcher.Register(Hypercall.PhysdevOp, _ => XenErrno.ENOSYS.Neg());
        dispatcher.Register(Hypercall.Domctl, Privileged);
        dispatcher.Register(Hypercall.Sysctl, Privileged);
        dispatcher.Register(Hypercall.PlatformOp, Privileged);
    }

    /// <summary>vm_assist(cmd, type): ARM knows only VMASST_TYPE_runstate_update_flag, which the runstate area always honours.</summary>
    public static long VmAssist(HypercallContext c)
    {
        if (c.Arg(1) != (uint)VmAssistType.RunstateUpdateFlag)
            return XenErrno.EINVAL.Neg();
        return (VmAssistCmd)c.Arg(0) is VmAssistCmd.Enable or VmAssistCmd.Disable ? 0 : XenErrno.ENOSYS.Neg();
    }

    /// <summary>domctl, sysctl, platform_op: the argument is copied in (-EFAULT), then a domU is refused (-EPERM).</summary>
    public static long Privileged(HypercallContext c) =>
        GuestMemory.Read(c.Vcpu, c.Arg(0), out ulong _) ? XenErrno.EPERM.Neg() : XenErrno.EFAULT.Neg();
}
