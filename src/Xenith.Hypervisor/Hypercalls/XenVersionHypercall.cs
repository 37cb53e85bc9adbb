using System.Text;
using Xenith.Abi;
using Xenith.Hypervisor.Memory;

namespace Xenith.Hypervisor.Hypercalls;

/// <summary>xen_version (17): what a domU learns about the hypervisor, answered as Xen 4.17 on ARM does (spec 6.3).</summary>
internal static class XenVersionHypercall
{
    public const int Major = 4, Minor = 17;

    public static long Handle(HypercallContext c)
    {
        uint arg = c.Arg(1);
        switch ((XenVersionCmd)c.Arg(0))
        {
            case XenVersionCmd.Version:
                return (Major << 16) | Minor;
            case XenVersionCmd.Extraversion: // char[16]
                return CopyString(c, arg, ".0", 16);
            case XenVersionCmd.CompileInfo: // compiler[64], compile_by[16], compile_domain[32], compile_date[32]
                {
                    var info = new byte[144];
                    Encoding.ASCII.GetBytes("xenith (C#)").CopyTo(info, 0);
                    Encoding.ASCII.GetBytes("xenith").CopyTo(info, 64);
                    Encoding.ASCII.GetBytes("xenith").CopyTo(info, 80);
                    return GuestMemory.CopyTo(c.Vcpu, arg, info) ? 0 : XenErrno.EFAULT.Neg();
                }
            case XenVersionCmd.Capabilities: // char[1024]
                return CopyString(c, arg, "xen-3.0-armv7l ", 1024);
            case XenVersionCmd.Changeset: // char[64]
                return CopyString(c, arg, "xenith", 64);
            case XenVersionCmd.PlatformParameters: // { xen_ulong_t virt_start } = 0 on ARM
                return GuestMemory.Write(c.Vcpu, arg, 0ul) ? 0 : XenErrno.EFAULT.Neg();
            case XenVersionCmd.GetFeatures: // { u32 submap_idx (in), u32 submap (out) }
                {
                    if (!GuestMemory.Read(c.Vcpu, arg, out uint index))
                        return XenErrno.EFAULT.Neg();
                    if (index != 0)
                        return XenErrno.EINVAL.Neg();
                    return GuestMemory.Write(c.Vcpu, arg + 4, XenFeat.ArmDomUSubmap0) ? 0 : XenErrno.EFAULT.Neg();
                }
            case XenVersionCmd.Pagesize:
                return arg == 0 ? 4096 : XenErrno.EINVAL.Neg();
            case XenVersionCmd.GuestHandle: // the domain's UUID (16 bytes)
                return GuestMemory.CopyTo(c.Vcpu, arg, c.Domain.Handle.ToByteArray(bigEndian: true)) ? 0 : XenErrno.EFAULT.Neg();
            case XenVersionCmd.Commandline: // privileged; a domU is told it is denied
                return CopyString(c, arg, "<denied>", 1024);
            case XenVersionCmd.BuildId: // privileged
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
