using System.Runtime.CompilerServices;
using Xenith.Cpu.Arm.LoadStore;

namespace Xenith.Cpu.Arm;

/// <summary>Executor of the LoadStore group (single loads/stores; see ArmCpu.LoadStoreMultiple.cs for the rest).</summary>
public sealed partial class ArmCpu
{
    private void ExecLoadStore(ref Insn d)
    {
        uint[] r = R;
        uint v;
        switch ((LoadStoreOp)d.Op)
        {
            case LoadStoreOp.Ldr:
                if (!Read32(r[d.Rn] + d.Imm, out v))
                    return;
                if (d.Rd != 15)
                    r[d.Rd] = v;
                else
                    LoadWritePc(v);
                return;
            case LoadStoreOp.Str:
                Write32(r[d.Rn] + d.Imm, r[d.Rd]);
                return;
            case LoadStoreOp.Ldrb:
                if (Read8(r[d.Rn] + d.Imm, out v))
                    r[d.Rd] = v;
                return;
            case LoadStoreOp.Strb:
                Write8(r[d.Rn] + d.Imm, r[d.Rd]);
                return;
            case LoadStoreOp.Ldrh:
                if (Read16(r[d.Rn] + d.Imm, out v))
                    r[d.Rd] = v;
                return;
            case LoadStoreOp.Strh:
                Write16(r[d.Rn] + d.Imm, r[d.Rd]);
                return;
            case LoadStoreOp.Ldrsb:
                if (Read8(r[d.Rn] + d.Imm, out v))
                    r[d.Rd] = (uint)(sbyte)v;
                return;
            case LoadStoreOp.Ldrsh:
                if (Read16(r[d.Rn] + d.Imm, out v))
                    r[d.Rd] = (uint)(short)v;
                return;
            case LoadStoreOp.LdrX:
            case LoadStoreOp.StrX:
            case LoadStoreOp.LdrbX:
            case LoadStoreOp.StrbX:
            case LoadStoreOp.LdrhX:
            case LoadStoreOp.StrhX:
            case LoadStoreOp.LdrsbX:
            case LoadStoreOp.LdrshX:
                ExecIndexed(ref d);
                return;
            case LoadStoreOp.Ldrd:
            case LoadStoreOp.Strd:
                ExecDual(ref d);
                return;
            case LoadStoreOp.Ldrex:
            case LoadStoreOp.Ldrexb:
            case LoadStoreOp.Ldrexh:
            case LoadStoreOp.Ldrexd:
                ExecLoadExclusive(ref d);
                return;
            case LoadStoreOp.Strex:
            case LoadStoreOp.Strexb:
            case LoadStoreOp.Strexh:
            case LoadStoreOp.Strexd:
                ExecStoreExclusive(ref d);
                return;
            case LoadStoreOp.Ldm:
                ExecLdm(ref d);
                return;
            case LoadStoreOp.Stm:
                ExecStm(ref d);
                return;
            case LoadStoreOp.LdmUser:
            case LoadStoreOp.StmUser:
            case LoadStoreOp.LdmExceptionReturn:
                ExecMultipleBanked(ref d);
                return;
            case LoadStoreOp.Tbb:
            case LoadStoreOp.Tbh:
                ExecTableBranch(ref d);
                return;
            case LoadStoreOp.Preload:
                return;
            default:
                RaiseUndefined();
                return;
        }
    }

    /// <summary>Offset, pre-indexed and post-indexed addressing: returns the access address and the
    /// offset address (the write-back value).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private uint IndexedAddress(ref Insn d, out uint offsetAddress)
    {
        uint offset = (d.Flags & (byte)LoadStoreFlags.RegisterOffset) != 0
            ? Alu.ShiftImm(R[d.Rm], (ShiftType)d.ShiftType, d.ShiftAmount, C)
            : d.Imm;
        uint rn = R[d.Rn];
        offsetAddress = (d.Flags & (byte)LoadStoreFlags.Add) != 0 ? rn + offset : rn - offset;
        return (d.Flags & (byte)LoadStoreFlags.PreIndex) != 0 ? offsetAddress : rn;
    }

    private void ExecIndexed(ref Insn d)
    {
        uint address = IndexedAddress(ref d, out uint offsetAddress);
        var flags = (AccessFlags)((d.Flags >> 4) & 1); // LoadStoreFlags.Unprivileged → AccessFlags.Unprivileged
        uint v;
        bool ok;
        switch ((LoadStoreOp)d.Op)
        {
            case LoadStoreOp.LdrX: ok = Read32(address, out v, flags); break;
            case LoadStoreOp.LdrbX: ok = Read8(address, out v, flags); break;
            case LoadStoreOp.LdrhX: ok = Read16(address, out v, flags); break;
            case LoadStoreOp.LdrsbX: ok = Read8(address, out v, flags); v = (uint)(sbyte)v; break;
            case LoadStoreOp.LdrshX: ok = Read16(address, out v, flags); v = (uint)(short)v; break;
            default:
                // Stores: Rt is read before the base is written (STR Rn, [Rn], #4 is UNPREDICTABLE anyway).
                uint value = R[d.Rd];
                ok = (LoadStoreOp)d.Op switch
                {
                    LoadStoreOp.StrX => Write32(address, value, flags),
                    LoadStoreOp.StrbX => Write8(address, value, flags),
                    _ => Write16(address, value, flags),
                };
                if (ok && (d.Flags & (byte)LoadStoreFlags.WriteBack) != 0)
                    R[d.Rn] = offsetAddress;
                return;
        }
        if (!ok)
            return;
        if ((d.Flags & (byte)LoadStoreFlags.WriteBack) != 0)
            R[d.Rn] = offsetAddress;
        if (d.Rd != 15)
            R[d.Rd] = v;
        else
            LoadWritePc(v);
    }

    /// <summary>LDRD/STRD: two word accesses (word alignment required), the first at the lower address.</summary>
    private void ExecDual(ref Insn d)
    {
        uint address = IndexedAddress(ref d, out uint offsetAddress);
        if ((LoadStoreOp)d.Op == LoadStoreOp.Ldrd)
        {
            if (!Read32(address, out uint lo, AccessFlags.WordAligned) || !Read32(address + 4, out uint hi, AccessFlags.WordAligned))
                return;
            if ((d.Flags & (byte)LoadStoreFlags.WriteBack) != 0)
                R[d.Rn] = offsetAddress;
            R[d.Rd] = lo;
            R[d.Ra] = hi;
        }
        else
        {
            if (!Write32(address, R[d.Rd], AccessFlags.WordAligned) || !Write32(address + 4, R[d.Ra], AccessFlags.WordAligned))
                return;
            if ((d.Flags & (byte)LoadStoreFlags.WriteBack) != 0)
                R[d.Rn] = offsetAddress;
        }
    }

    /// <summary>TBB/TBH: branch forward by twice the table entry.</summary>
    private void ExecTableBranch(ref Insn d)
    {
        uint halfwords;
        if ((LoadStoreOp)d.Op == LoadStoreOp.Tbb)
        {
            if (!Read8(R[d.Rn] + R[d.Rm], out halfwords))
                return;
        }
        else if (!Read16(R[d.Rn] + (R[d.Rm] << 1), out halfwords))
        {
            return;
        }
        BranchTo(R[15] + 2 * halfwords);
    }
}
