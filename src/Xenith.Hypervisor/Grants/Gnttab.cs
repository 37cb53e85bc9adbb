using Xenith.Abi;
using Xenith.Hypervisor.Domains;

namespace Xenith.Hypervisor.Grants;

/// <summary>A domain's grant table (v1): the entries it shares its pages through, and the mappings it holds of others'.</summary>
public sealed class Gnttab(Domain domain)
{
    public Domain Domain { get; } = domain;

    /// <summary>
    /// XENMEM_add_to_physmap with XENMAPSPACE_grant_table: puts grant frame <paramref name="index"/> (a status frame
    /// when <paramref name="status"/>) at guest frame <paramref name="gfn"/>. Returns 0 or a negative Xen errno.
    /// </summary>
    public long AddToPhysmap(uint index, ulong gfn, bool status)
    {
        _ = index;
        _ = gfn;
        _ = status;
        return XenErrno.ENOSYS.Neg();
    }
}
