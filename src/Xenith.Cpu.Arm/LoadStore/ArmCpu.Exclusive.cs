using Xenith.Cpu.Arm.LoadStore;

namespace Xenith.Cpu.Arm;

/// <summary>LDREX/STREX and their byte, halfword and doubleword forms, with the local exclusive monitor.</summary>
/// <remarks>The monitor is tagged with the exact address (as QEMU does): a STREX to any other address fails.
/// Size mismatches are IMPLEMENTATION DEFINED and not tracked. On RAM the STREX is a host compare-and-swap
/// against the value the LDREX read (QEMU's scheme too), so it fails if anything else (another vCPU thread,
/// or the hypervisor updating shared_info or a grant entry with interlocked operations) changed the location
/// in between: that is what the global monitor guarantees on hardware.</remarks>
public sealed unsafe partial class ArmCpu
{
    private void ExecLoadExclusive(ref Insn d)
    {
        uint address = R[d.Rn] + d.Imm;
        uint v;
        switch ((LoadStoreOp)d.Op)
        {
            case LoadStoreOp.Ldrex:
                if (!Read32(address, out v, AccessFlags.Aligned))
                    return;
                break;
            case LoadStoreOp.Ldrexb:
                if (!Read8(address, out v, AccessFlags.Aligned))
                    return;
                break;
            case LoadStoreOp.Ldrexh:
                if (!Read16(address, out v, AccessFlags.Aligned))
                    return;
                break;
            default:
                if (!Read64(address, out ulong dv, AccessFlags.Aligned))
                    return;
                // Rt gets the word at the lower address: the low half little-endian, the high half big-endian.
                R[d.Rd] = E ? (uint)(dv >> 32) : (uint)dv;
                R[d.Ra] = E ? (uint)dv : (uint)(dv >> 32);
                ExclusiveArmed = true;
                ExclusiveAddress = address;
                ExclusiveValue = dv;
                return;
        }
        R[d.Rd] = v;
        ExclusiveArmed = true;
        ExclusiveAddress = address;
        ExclusiveValue = v;
    }

    private void ExecStoreExclusive(ref Insn d)
    {
        uint address = R[d.Rn] + d.Imm;
        var op = (LoadStoreOp)d.Op;
        uint alignMask = op switch { LoadStoreOp.Strexb => 0u, LoadStoreOp.Strexh => 1u, LoadStoreOp.Strex => 3u, _ => 7u };
        // ExclusiveMonitorsPass checks alignment before the monitor.
        if ((address & alignMask) != 0)
        {
            RaiseDataAbort(address, true, FaultStatus.Alignment);
            return;
        }
        if (!ExclusiveArmed || ExclusiveAddress != address)
        {
            R[d.Rm] = 1;
            ExclusiveArmed = false;
            return;
        }
        uint rt = R[d.Rd];
        ulong value = op == LoadStoreOp.Strexd ? (E ? ((ulong)rt << 32) | R[d.Ra] : ((ulong)R[d.Ra] << 32) | rt) : rt;
        if (TryStoreExclusiveAtomic(address, op, value, out bool stored))
        {
            R[d.Rm] = stored ? 0u : 1u;
            ExclusiveArmed = false;
            return;
        }
        bool ok = op switch
        {
            LoadStoreOp.Strex => Write32(address, rt, AccessFlags.Aligned),
            LoadStoreOp.Strexb => Write8(address, rt, AccessFlags.Aligned),
            LoadStoreOp.Strexh => Write16(address, rt, AccessFlags.Aligned),
            _ => Write64(address, value, AccessFlags.Aligned),
        };
        if (!ok)
            return;
        R[d.Rm] = 0;
        ExclusiveArmed = false;
    }

    /// <summary>
    /// The STREX on a RAM page this CPU may write without the slow path: one host compare-and-swap. False when
    /// the page needs the slow path (device, decoded code, big-endian, not yet in the TLB); the plain store then
    /// runs, as it needs the slow path's checks anyway.
    /// </summary>
    private bool TryStoreExclusiveAtomic(uint va, LoadStoreOp op, ulong value, out bool stored)
    {
        stored = false;
        ref TlbEntry e = ref TlbSlot(_tlb, va);
        if (e.WriteTag != (va & ~0xFFFu))
            return false;
        byte* p = (byte*)(e.Addend + (nint)va);
        ulong expected = ExclusiveValue;
        stored = op switch
        {
            LoadStoreOp.Strexb => Interlocked.CompareExchange(ref *p, (byte)value, (byte)expected) == (byte)expected,
            LoadStoreOp.Strexh => Interlocked.CompareExchange(ref *(ushort*)p, (ushort)value, (ushort)expected) == (ushort)expected,
            LoadStoreOp.Strex => Interlocked.CompareExchange(ref *(uint*)p, (uint)value, (uint)expected) == (uint)expected,
            _ => Interlocked.CompareExchange(ref *(ulong*)p, value, expected) == expected,
        };
        return true;
    }
}
