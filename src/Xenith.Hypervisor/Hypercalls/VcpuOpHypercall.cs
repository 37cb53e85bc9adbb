using Xenith.Abi;
using Xenith.Hypervisor.Domains;
using Xenith.Hypervisor.Memory;

namespace Xenith.Hypervisor.Hypercalls;

/// <summary>
/// vcpu_op (24): cmd in r0, vCPU id in r1, arg VA in r2 (spec 3.5, 3.8, 6.6). ARM has two sub-ops; every
/// other one is -EINVAL, after the vCPU id has been checked (-ENOENT).
/// </summary>
internal static class VcpuOpHypercall
{
    public static long Handle(HypercallContext c)
    {
        uint id = c.Arg(1), arg = c.Arg(2);
        if (id >= (uint)c.Domain.Vcpus.Count)
            return XenErrno.ENOENT.Neg();
        Vcpu target = c.Domain.Vcpus[(int)id];
        switch ((VcpuOp)c.Arg(0))
        {
            case VcpuOp.RegisterVcpuInfo:
                {
                    if (!GuestMemory.Read(c.Vcpu, arg, out VcpuRegisterVcpuInfo r))
                        return XenErrno.EFAULT.Neg();
                    return RegisterVcpuInfo(target, r.Mfn, r.Offset);
                }
            case VcpuOp.RegisterRunstateMemoryArea:
                {
                    if (!GuestMemory.Read(c.Vcpu, arg, out VcpuRegisterRunstateMemoryArea r))
                        return XenErrno.EFAULT.Neg();
                    // Only the low half is the VA: Linux leaves the high half of the union uninitialised.
                    target.Runstate.Register(r.AddrV);
                    return 0;
                }
            default:
                return XenErrno.EINVAL.Neg();
        }
    }

    /// <summary>VCPUOP_register_vcpu_info's checks (spec 3.5), then the move.</summary>
    public static long RegisterVcpuInfo(Vcpu v, ulong gfn, uint offset)
    {
        if (offset > MachineMemory.FrameSize - VcpuInfo.Size || offset % 8 != 0)
            return XenErrno.ENXIO.Neg();
        if (!v.Domain.P2m.TryGet(gfn, out var e) || e.Type != P2mType.Ram)
            return XenErrno.EINVAL.Neg();
        if (v.Domain.SharedInfo.IsVcpuInfoRegistered(v.Id))
            return XenErrno.EBUSY.Neg();
        v.Domain.SharedInfo.RegisterVcpuInfo(v.Id, gfn, offset);
        return 0;
    }
}
