using System.Runtime.CompilerServices;
using Xenith.Cpu.Arm.LoadStore;

namespace Xenith.Cpu.Arm;

/// <summary>Executor of the LoadStore group (single loads/stores; see ArmCpu.LoadStoreMultiple.cs for the rest).</summary>
public sealed partial class ArmCpu
{
    private void ExecLoadStore(ref Insn d)
    {
        switch ((LoadStoreOp)d.Op)
        {
            case LoadStoreOp.Ldr: ExecLdr(this, ref d); return;
            case LoadStoreOp.Str: ExecStr(this, ref d); return;
            case LoadStoreOp.Ldrb: ExecLdrb(this, ref d); return;
            case LoadStoreOp.Strb: ExecStrb(this, ref d); return;
            case LoadStoreOp.Ldrh: ExecLdrh(this, ref d); return;
            case LoadStoreOp.Strh: ExecStrh(this, ref d); return;
            case LoadStoreOp.Ldrsb: ExecLdrsb(this, ref d); return;
            case LoadStoreOp.Ldrsh: ExecLdrsh(this, ref d); return;
            case LoadStoreOp.LdrX: ExecLdrX(this, ref d); return;
            case LoadStoreOp.StrX: ExecStrX(this, ref d); return;
            case LoadStoreOp.LdrbX: ExecLdrbX(this, ref d); return;
            case LoadStoreOp.StrbX: ExecStrbX(this, ref d); return;
            case LoadStoreOp.LdrhX: ExecLdrhX(this, ref d); return;
            case LoadStoreOp.StrhX: ExecStrhX(this, ref d); return;
            case LoadStoreOp.LdrsbX: ExecLdrsbX(this, ref d); return;
            case LoadStoreOp.LdrshX: ExecLdrshX(this, ref d); return;
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

    // Offset addressing without write-back (the hot forms): also installed as direct handlers.

    private static void ExecLdr(ArmCpu c, ref Insn d)
    {
        uint[] r = c.R;
        if (!c.Read32(r[d.Rn] + d.Imm, out uint v))
            return;
        if (d.Rd != 15)
            r[d.Rd] = v;
        else
            c.LoadWritePc(v);
    }

    private static void ExecStr(ArmCpu c, ref Insn d) => c.Write32(c.R[d.Rn] + d.Imm, c.R[d.Rd]);

    private static void ExecLdrb(ArmCpu c, ref Insn d)
    {
        if (c.Read8(c.R[d.Rn] + d.Imm, out uint v))
            c.R[d.Rd] = v;
    }

    private static void ExecStrb(ArmCpu c, ref Insn d) => c.Write8(c.R[d.Rn] + d.Imm, c.R[d.Rd]);

    private static void ExecLdrh(ArmCpu c, ref Insn d)
    {
        if (c.Read16(c.R[d.Rn] + d.Imm, out uint v))
            c.R[d.Rd] = v;
    }

    private static void ExecStrh(ArmCpu c, ref Insn d) => c.Write16(c.R[d.Rn] + d.Imm, c.R[d.Rd]);

    private static void ExecLdrsb(ArmCpu c, ref Insn d)
    {
        if (c.Read8(c.R[d.Rn] + d.Imm, out uint v))
            c.R[d.Rd] = (uint)(sbyte)v;
    }

    private static void ExecLdrsh(ArmCpu c, ref Insn d)
    {
        if (c.Read16(c.R[d.Rn] + d.Imm, out uint v))
            c.R[d.Rd] = (uint)(short)v;
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

    // Any addressing mode, one handler per operation (installed as direct handlers). The access comes
    // first: a fault leaves the base and the destination unwritten.

    private static void ExecLdrX(ArmCpu c, ref Insn d)
    {
        uint address = c.IndexedAddress(ref d, out uint offsetAddress);
        if (c.Read32(address, out uint v, IndexedAccessFlags(ref d)))
            c.IndexedLoadDone(ref d, offsetAddress, v);
    }

    private static void ExecLdrbX(ArmCpu c, ref Insn d)
    {
        uint address = c.IndexedAddress(ref d, out uint offsetAddress);
        if (c.Read8(address, out uint v, IndexedAccessFlags(ref d)))
            c.IndexedLoadDone(ref d, offsetAddress, v);
    }

    private static void ExecLdrhX(ArmCpu c, ref Insn d)
    {
        uint address = c.IndexedAddress(ref d, out uint offsetAddress);
        if (c.Read16(address, out uint v, IndexedAccessFlags(ref d)))
            c.IndexedLoadDone(ref d, offsetAddress, v);
    }

    private static void ExecLdrsbX(ArmCpu c, ref Insn d)
    {
        uint address = c.IndexedAddress(ref d, out uint offsetAddress);
        if (c.Read8(address, out uint v, IndexedAccessFlags(ref d)))
            c.IndexedLoadDone(ref d, offsetAddress, (uint)(sbyte)v);
    }

    private static void ExecLdrshX(ArmCpu c, ref Insn d)
    {
        uint address = c.IndexedAddress(ref d, out uint offsetAddress);
        if (c.Read16(address, out uint v, IndexedAccessFlags(ref d)))
            c.IndexedLoadDone(ref d, offsetAddress, (uint)(short)v);
    }

    // Stores: Rt is read before the base is written (STR Rn, [Rn], #4 is UNPREDICTABLE anyway).

    private static void ExecStrX(ArmCpu c, ref Insn d)
    {
        uint address = c.IndexedAddress(ref d, out uint offsetAddress);
        if (c.Write32(address, c.R[d.Rd], IndexedAccessFlags(ref d)))
            c.IndexedWriteBack(ref d, offsetAddress);
    }

    private static void ExecStrbX(ArmCpu c, ref Insn d)
    {
        uint address = c.IndexedAddress(ref d, out uint offsetAddress);
        if (c.Write8(address, c.R[d.Rd], IndexedAccessFlags(ref d)))
            c.IndexedWriteBack(ref d, offsetAddress);
    }

    private static void ExecStrhX(ArmCpu c, ref Insn d)
    {
        uint address = c.IndexedAddress(ref d, out uint offsetAddress);
        if (c.Write16(address, c.R[d.Rd], IndexedAccessFlags(ref d)))
            c.IndexedWriteBack(ref d, offsetAddress);
    }

    /// <summary>LoadStoreFlags.Unprivileged (the T forms) → AccessFlags.Unprivileged.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static AccessFlags IndexedAccessFlags(ref Insn d) => (AccessFlags)((d.Flags >> 4) & 1);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void IndexedWriteBack(ref Insn d, uint offsetAddress)
    {
        if ((d.Flags & (byte)LoadStoreFlags.WriteBack) != 0)
            R[d.Rn] = offsetAddress;
    }

    /// <summary>Write-back, then the destination (so a load into the base register keeps the loaded value).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void IndexedLoadDone(ref Insn d, uint offsetAddress, uint v)
    {
        IndexedWriteBack(ref d, offsetAddress);
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
