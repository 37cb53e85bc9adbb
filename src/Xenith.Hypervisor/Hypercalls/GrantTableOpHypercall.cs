using Xenith.Abi;
using Xenith.Hypervisor.Domains;
using Xenith.Hypervisor.Grants;
using Xenith.Hypervisor.Memory;

namespace Xenith.Hypervisor.Hypercalls;

/// <summary>
/// grant_table_op (20): <c>grant_table_op(cmd, uop, count)</c> with <c>uop</c> a guest VA of <c>count</c> structures
/// (spec 5.3-5.6, answered as Xen's common/grant_table.c does for an ARM domU). Batches report a GNTST code per
/// element and return 0; a malformed call returns an errno. A long batch is continued as Xen does: after
/// <see cref="BatchPerCall"/> elements the HVC is rewound with r1/r2 advanced, so other vCPUs run in between.
/// </summary>
internal static class GrantTableOpHypercall
{
    /// <summary>Elements handled before the call is continued.</summary>
    public const uint BatchPerCall = 512;

    /// <summary>
    /// Elements one multicall entry runs before it is preempted (the multicall then continues from that entry with
    /// the rest): more than a plain call, since the multicall's own bound (64 entries) already spreads the work.
    /// </summary>
    public const uint BatchPerMulticallEntry = 8 * BatchPerCall;

    public static long Handle(HypercallContext c, XenMachine machine)
    {
        uint cmd = c.Arg(0), uop = c.Arg(1), count = c.Arg(2);
        if ((int)count < 0)
            return XenErrno.EINVAL.Neg();
        var op = (GnttabOp)(cmd & GrantTable.CommandMask);
        // The bits above the command carry continuation state, which only cache_flush uses (Xenith never leaves a
        // flush half done, so they carry nothing here).
        if (op != GnttabOp.CacheFlush && (cmd & ~GrantTable.CommandMask) != 0)
            return XenErrno.EINVAL.Neg();
        var call = new GrantCall(c, machine);
        return op switch
        {
            GnttabOp.MapGrantRef => Batch(c, cmd, uop, count, GnttabMapGrantRef.Size, call.Map),
            GnttabOp.UnmapGrantRef => Batch(c, cmd, uop, count, GnttabUnmapGrantRef.Size, call.Unmap),
            GnttabOp.UnmapAndReplace => Batch(c, cmd, uop, count, GnttabUnmapGrantRef.Size, call.UnmapAndReplace),
            GnttabOp.SetupTable => call.SetupTable(uop, count),
            GnttabOp.Transfer => Batch(c, cmd, uop, count, GnttabTransfer.Size, call.Transfer),
            GnttabOp.Copy => Batch(c, cmd, uop, count, GnttabCopy.Size, call.Copy),
            GnttabOp.QuerySize => call.QuerySize(uop, count),
            GnttabOp.SetVersion => call.SetVersion(uop),
            GnttabOp.GetStatusFrames => call.GetStatusFrames(uop, count),
            GnttabOp.GetVersion => call.GetVersion(uop),
            GnttabOp.SwapGrantRef => Batch(c, cmd, uop, count, GnttabSwapGrantRef.Size, call.Swap),
            GnttabOp.CacheFlush => Batch(c, cmd & GrantTable.CommandMask, uop, count, GnttabCacheFlush.Size, call.CacheFlush),
            // dump_table has no handler in Xen (the 'g' debug key replaced it): -ENOSYS like any unknown command.
            _ => XenErrno.ENOSYS.Neg(),
        };
    }

    /// <summary>
    /// Runs <paramref name="one"/> on each element; an element's errno (-EFAULT when it could not be read or written
    /// back) ends the call.
    /// When called straight from its HVC, at most <see cref="BatchPerCall"/> elements run before a continuation; inside a
    /// multicall, at most <see cref="BatchPerMulticallEntry"/> before the multicall is continued from this entry.
    /// </summary>
    private static long Batch(HypercallContext c, uint cmd, uint uop, uint count, int size, Func<uint, long> one)
    {
        var cpu = c.Vcpu.Cpu;
        uint n = Math.Min(count, MulticallHypercall.InProgress ? BatchPerMulticallEntry : BatchPerCall);
        for (uint i = 0; i < n; i++)
        {
            long rc = one(uop + i * (uint)size);
            if (rc != 0)
                return rc;
        }
        if (n == count)
            return 0;
        if (MulticallHypercall.InProgress)
        {
            // The registers are not this call's: the multicall continues it from its entry.
            MulticallHypercall.Preempt(cmd, uop + n * (uint)size, count - n);
            return 0;
        }
        cpu.R[1] = uop + n * (uint)size;
        cpu.R[2] = count - n;
        cpu.Pc -= 4; // HVC is 4 bytes in A32 and T32: the guest issues it again with the rest
        return cmd;  // r0 = cmd for the re-issued call
    }
}
