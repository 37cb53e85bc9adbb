using Xenith.Cpu.Arm.LoadStore;

namespace Xenith.Cpu.Arm;

/// <summary>LDREX/STREX and their byte, halfword and doubleword forms, with the local exclusive monitor.</summary>
/// <remarks>The monitor is tagged with the exact address (as QEMU does): a STREX to any other address fails.
/// Size mismatches are IMPLEMENTATION DEFINED and not tracked.</remarks>
public sealed partial class ArmCpu
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
                return;
        }
        R[d.Rd] = v;
        ExclusiveArmed = true;
        ExclusiveAddress = address;
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
        bool ok = op switch
        {
            LoadStoreOp.Strex => Write32(address, rt, AccessFlags.Aligned),
            LoadStoreOp.Strexb => Write8(address, rt, AccessFlags.Aligned),
            LoadStoreOp.Strexh => Write16(address, rt, AccessFlags.Aligned),
            _ => Write64(address, E ? ((ulong)rt << 32) | R[d.Ra] : ((ulong)R[d.Ra] << 32) | rt, AccessFlags.Aligned),
        };
        if (!ok)
            return;
        R[d.Rm] = 0;
        ExclusiveArmed = false;
    }
}
