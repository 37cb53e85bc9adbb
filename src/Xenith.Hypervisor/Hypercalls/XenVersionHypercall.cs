using System.Text;
using Xenith.Abi;
using Xenith.Hypervisor.Memory;

namespace Xenith.Hypervisor.Hypercalls;

/// <summary>xen_version (17): what a domU learns about the hypervisor, answered as Xen 4.17 on ARM does (spec 6.3).</summary>
internal static class XenVersionHypercall
{
    public const int Major = 4, Minor = 17;

    /// <summary>XENFEAT_* submap 0 for an ARM domU: writable_page_tables, auto_translated_physmap,
    /// memory_op_vnode_supported, ARM_SMCCC_supported, not_direct_mapped.</summary>
    public const uint DomUFeatures = (1u << 0) | (1u << 2) | (1u << 13) | (1u << 14) | (1u << 16);

    public static long Handle(HypercallContext c)
    {
        uint arg = c.Arg(1);
        switch (c.Arg(0))
        {
            case 0: // XENVER_version
                return (Major << 16) | Minor;
            case 1: // XENVER_extraversion: char[16]
                return CopyString(c, arg, ".0", 16);
            case 2: // XENVER_compile_info: compiler[64], compile_by[16], compile_domain[32], compile_date[32]
                {
                    var info = new byte[144];
                    Encoding.ASCII.GetBytes("xenith (C#)").CopyTo(info, 0);
                    Encoding.ASCII.GetBytes("xenith").CopyTo(info, 64);
                    Encoding.ASCII.GetBytes("xenith").CopyTo(info, 80);
                    return GuestMemory.CopyTo(c.Vcpu, arg, info) ? 0 : XenErrno.EFAULT.Neg();
                }
            case 3: // XENVER_capabilities: char[1024]
                return CopyString(c, arg, "xen-3.0-armv7l ", 1024);
            case 4: // XENVER_changeset: char[64]
                return CopyString(c, arg, "xenith", 64);
            case 5: // XENVER_platform_parameters: { xen_ulong_t virt_start } = 0 on ARM
                return GuestMemory.Write(c.Vcpu, arg, 0ul) ? 0 : XenErrno.EFAULT.Neg();
            case 6: // XENVER_get_features: { u32 submap_idx (in), u32 submap (out) }
                {
                    if (!GuestMemory.Read(c.Vcpu, arg, out uint index))
                        return XenErrno.EFAULT.Neg();
                    if (index != 0)
                        return XenErrno.EINVAL.Neg();
                    return GuestMemory.Write(c.Vcpu, arg + 4, DomUFeatures) ? 0 : XenErrno.EFAULT.Neg();
                }
            case 7: // XENVER_pagesize
                return arg == 0 ? 4096 : XenErrno.EINVAL.Neg();
            case 8: // XENVER_guest_handle: the domain's UUID (16 bytes)
                return GuestMemory.CopyTo(c.Vcpu, arg, c.Domain.Handle.ToByteArray(bigEndian: true)) ? 0 : XenErrno.EFAULT.Neg();
            case 9: // XENVER_commandline: privileged; a domU is told it is denied
                return CopyString(c, arg, "<denied>", 1024);
            case 10: // XENVER_build_id: privileged
                return XenErrno.EPERM.Neg();
            default:
                return XenErrno.ENOSYS.Neg();
        }
    }

    /// <summary>Writes <paramref name="text"/> NUL-padded to <paramref name="size"/> bytes.</summary>
    private static long CopyString(HypercallContext c, uint va, string text, int size)
    {
        var buffer = new byte[size];
        Encoding.ASCII.GetBytes(text).CopyTo(buffer, 0);
        return GuestMemory.CopyTo(c.Vcpu, va, buffer) ? 0 : XenErrno.EFAULT.Neg();
    }
}
