using Xenith.Abi;
using Xenith.Hypervisor.Domains;
using Xenith.Hypervisor.Hypercalls;
using Xenith.Hypervisor.Memory;

namespace Xenith.Hypervisor.Grants;

/// <summary>
/// The guest-memory side of each grant_table_op command for one call: read the structure at a guest VA, act
/// through the grant tables, write back what Xen writes back (whole structure or the status field only).
/// Per-element methods return 0, or the errno that ends the batch (-EFAULT when guest memory faults).
/// </summary>
internal sealed class GrantCall(HypercallContext context, XenMachine machine)
{
    private Vcpu Vcpu => context.Vcpu;
    private Domain Caller => context.Domain;

    /// <summary>rcu_lock_domain_by_id: a real domain id only.</summary>
    private Domain? ById(ushort id) => machine.Domains.FirstOrDefault(d => d.Id == id);

    /// <summary>rcu_lock_domain_by_any_id: DOMID_SELF names the caller.</summary>
    private Domain? ByAnyId(ushort id) => id == DomId.Self ? Caller : ById(id);

    private static long Fault(bool ok) => ok ? 0 : XenErrno.EFAULT.Neg();

    private long WriteStatus(uint va, int offset, GrantStatus status) => Fault(GuestMemory.Write(Vcpu, va + (uint)offset, (short)status));

    public long Map(uint va)
    {
        if (!GuestMemory.Read(Vcpu, va, out GnttabMapGrantRef op))
            return XenErrno.EFAULT.Neg();
        var rc = Caller.Grants.Map(ById(op.Dom), op.Ref, op.Flags, op.HostAddr, out uint handle, out ulong bus);
        op.Status = (short)rc;
        if (rc == GrantStatus.Okay)
        {
            op.Handle = handle;
            op.DevBusAddr = bus;
        }
        return Fault(GuestMemory.Write(Vcpu, va, op));
    }

    public long Unmap(uint va)
    {
        if (!GuestMemory.Read(Vcpu, va, out GnttabUnmapGrantRef op))
            return XenErrno.EFAULT.Neg();
        return WriteStatus(va, 20, Caller.Grants.Unmap(op.Handle, op.HostAddr));
    }

    /// <summary>gnttab_unmap_and_replace has the unmap layout with new_addr where dev_bus_addr is.</summary>
    public long UnmapAndReplace(uint va)
    {
        if (!GuestMemory.Read(Vcpu, va, out GnttabUnmapGrantRef op))
            return XenErrno.EFAULT.Neg();
        return WriteStatus(va, 20, Caller.Grants.Unmap(op.Handle, op.HostAddr, newAddr: op.DevBusAddr));
    }

    /// <summary>GNTTABOP_transfer: ARM cannot give pages away (steal_page is unsupported), so a valid frame still fails.</summary>
    public long Transfer(uint va)
    {
        if (!GuestMemory.Read(Vcpu, va, out GnttabTransfer op))
            return XenErrno.EFAULT.Neg();
        bool ram = op.Mfn < Gnttab.GfnLimit && Caller.P2m.TryGet(op.Mfn, out var e) && e.Type == P2mType.Ram;
        return WriteStatus(va, 16, ram ? GrantStatus.GeneralError : GrantStatus.BadPage);
    }

    public long Copy(uint va)
    {
        if (!GuestMemory.Read(Vcpu, va, out GnttabCopy op))
            return XenErrno.EFAULT.Neg();
        return WriteStatus(va, 36, GrantCopy.CopyOne(Caller, op, ByAnyId, machine.Memory));
    }

    public long Swap(uint va)
    {
        if (!GuestMemory.Read(Vcpu, va, out GnttabSwapGrantRef op))
            return XenErrno.EFAULT.Neg();
        return WriteStatus(va, 8, Caller.Grants.Swap(op.RefA, op.RefB));
    }

    /// <summary>
    /// GNTTABOP_setup_table: grows the table to nr_frames and lists where each frame is mapped in the domain's IPA
    /// space (ARM's gnttab_shared_gfn: INVALID_GFN for one not mapped yet).
    /// </summary>
    public long SetupTable(uint va, uint count)
    {
        if (count != 1)
            return XenErrno.EINVAL.Neg();
        if (!GuestMemory.Read(Vcpu, va, out GnttabSetupTable op))
            return XenErrno.EFAULT.Neg();
        GrantStatus status;
        if (ByAnyId(op.Dom) is not { } d)
        {
            status = GrantStatus.BadDomain;
        }
        else if (d != Caller)
        {
            status = GrantStatus.PermissionDenied; // XSM_TARGET: a domU may only set up its own table
        }
        else if (op.NrFrames > d.Grants.MaxFrames || !d.Grants.Grow((int)op.NrFrames))
        {
            status = GrantStatus.GeneralError;
        }
        else
        {
            status = GrantStatus.Okay;
            uint list = (uint)op.FrameList; // an arm32 guest's handle is the low word
            for (int i = 0; i < (int)op.NrFrames; i++)
            {
                if (!GuestMemory.Write(Vcpu, list + (uint)i * 8, d.Grants.FrameGfn(i)))
                    status = GrantStatus.BadVirtAddr;
            }
        }
        return WriteStatus(va, 8, status);
    }

    public long QuerySize(uint va, uint count)
    {
        if (count != 1)
            return XenErrno.EINVAL.Neg();
        if (!GuestMemory.Read(Vcpu, va, out GnttabQuerySize op))
            return XenErrno.EFAULT.Neg();
        if (ByAnyId(op.Dom) is not { } d)
        {
            op.Status = (short)GrantStatus.BadDomain;
        }
        else if (d != Caller)
        {
            op.Status = (short)GrantStatus.PermissionDenied;
        }
        else
        {
            op.NrFrames = (uint)d.Grants.FrameCount;
            op.MaxNrFrames = (uint)d.Grants.MaxFrames;
            op.Status = (short)GrantStatus.Okay;
        }
        return GuestMemory.Write(Vcpu, va, op) ? 0 : XenErrno.EFAULT.Neg();
    }

    /// <summary>GNTTABOP_set_version: 1 is in force and stays; 2 is -ENOSYS on ARM; the version in force is written back either way.</summary>
    public long SetVersion(uint va)
    {
        if (!GuestMemory.Read(Vcpu, va, out GnttabSetVersion op))
            return XenErrno.EFAULT.Neg();
        long rc = op.Version switch
        {
            1 => 0,
            2 => XenErrno.ENOSYS.Neg(),
            _ => XenErrno.EINVAL.Neg(),
        };
        op.Version = Caller.Grants.Version;
        return GuestMemory.Write(Vcpu, va, op) ? rc : XenErrno.EFAULT.Neg();
    }

    public long GetVersion(uint va)
    {
        if (!GuestMemory.Read(Vcpu, va, out GnttabGetVersion op))
            return XenErrno.EFAULT.Neg();
        if (ByAnyId(op.Dom) is not { } d)
            return XenErrno.ESRCH.Neg();
        if (d != Caller)
            return XenErrno.EPERM.Neg();
        return GuestMemory.Write(Vcpu, va + 4, d.Grants.Version) ? 0 : XenErrno.EFAULT.Neg();
    }

    /// <summary>GNTTABOP_get_status_frames: v1 has no status frames, so any nonzero nr_frames is too many.</summary>
    public long GetStatusFrames(uint va, uint count)
    {
        if (count != 1)
            return XenErrno.EINVAL.Neg();
        if (!GuestMemory.Read(Vcpu, va, out GnttabGetStatusFrames op))
            return XenErrno.EFAULT.Neg();
        GrantStatus status;
        if (ByAnyId(op.Dom) is not { } d)
            status = GrantStatus.BadDomain;
        else if (d != Caller)
            status = GrantStatus.PermissionDenied;
        else
            status = op.NrFrames > 0 ? GrantStatus.GeneralError : GrantStatus.Okay;
        return WriteStatus(va, 6, status);
    }

    /// <summary>
    /// One GNTTABOP_cache_flush element: the emulated memory is coherent, so only the arguments are checked (bounds,
    /// ops, a frame that exists); an error ends the batch, as in Xen.
    /// </summary>
    public long CacheFlush(uint va)
    {
        if (!GuestMemory.Read(Vcpu, va, out GnttabCacheFlush op))
            return XenErrno.EFAULT.Neg();
        if (op.Offset >= MachineMemory.FrameSize || op.Length > MachineMemory.FrameSize || op.Offset + op.Length > MachineMemory.FrameSize
            || (op.Op & ~(GntCopy.CacheInval | GntCopy.CacheClean)) != 0)
            return XenErrno.EINVAL.Neg();
        if (op.Length == 0 || op.Op == 0)
            return 0;
        ulong frame = (op.ADevBusAddr - Gnttab.MachineAddressBase) >> 12;
        if (op.ADevBusAddr < Gnttab.MachineAddressBase || frame >= machine.Memory.TotalFrames || machine.Memory.References((uint)frame) == 0)
            return XenErrno.EINVAL.Neg();
        return 0;
    }
}
