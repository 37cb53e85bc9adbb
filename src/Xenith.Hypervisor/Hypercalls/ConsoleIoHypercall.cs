using Xenith.Abi;
using Xenith.Hypervisor.Memory;

namespace Xenith.Hypervisor.Hypercalls;

/// <summary>
/// console_io (18). Xen release builds refuse a domU; Xenith accepts CONSOLEIO_write from every domain and
/// logs it tagged with the domain (spec 6.2's recommendation), which is what guest tests print through.
/// </summary>
internal static class ConsoleIoHypercall
{
    /// <summary>Bound on one write, so a guest cannot make the hypervisor copy without limit.</summary>
    private const uint MaxWrite = 16 * 1024;

    public static long Handle(HypercallContext c)
    {
        uint count = c.Arg(1), buffer = c.Arg(2);
        switch ((ConsoleIoCmd)c.Arg(0))
        {
            case ConsoleIoCmd.Write:
                {
                    if (count > MaxWrite)
                        return XenErrno.EINVAL.Neg();
                    var bytes = new byte[count];
                    if (!GuestMemory.CopyFrom(c.Vcpu, buffer, bytes))
                        return XenErrno.EFAULT.Neg();
                    c.Domain.ConsoleWrite(bytes);
                    return 0;
                }
            case ConsoleIoCmd.Read: // no hypervisor console input for a domU
                return 0;
            default:
                return XenErrno.ENOSYS.Neg();
        }
    }
}
