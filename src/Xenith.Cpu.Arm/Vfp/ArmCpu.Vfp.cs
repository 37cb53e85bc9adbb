using System.Runtime.CompilerServices;
using Xenith.Cpu.Arm.Vfp;

namespace Xenith.Cpu.Arm;

/// <summary>The VFP executor: arithmetic through <see cref="FpArith"/>, loads/stores and register transfers.</summary>
public sealed partial class ArmCpu
{
    private const uint FpexcEn = 1u << 30;
    /// <summary>FPSCR bits 21:20 (STRIDE) and 18:16 (LEN): short vectors, which Cortex-A15 does not have.</summary>
    private const uint FpscrLenStride = 0x00370000;
    /// <summary>What an FPSCR write keeps (QEMU's vfp_set_fpscr without FP16): the trap enables 15 and 12:8
    /// are RAZ/WI, and bit 19 (FZ16) and the other reserved bits are RES0.</summary>
    private const uint FpscrWritable = 0xFFF7009F;

    private void ExecVfp(ref Insn d)
    {
        VfpOp op = (VfpOp)d.Op;
        if (op >= VfpOp.Vmrs)
        {
            ExecVfpSysReg(ref d);
            return;
        }
        // Short vectors (LEN/STRIDE != 0) are unsupported: the data-processing ops QEMU vectorises UNDEFINE.
        if (!VfpEnabled(true) || (op <= VfpOp.VsqrtF64 && (Fpscr & FpscrLenStride) != 0))
        {
            RaiseUndefined();
            return;
        }
        const uint S = 0x8000_0000;
        const ulong SD = 0x8000_0000_0000_0000;
        int rd = d.Rd, rn = d.Rn, rm = d.Rm;
        switch (op)
        {
            case VfpOp.VmlaF32: SetS(rd, FpArith.Add32(GetS(rd), FpArith.Mul32(GetS(rn), GetS(rm), ref Fpscr), ref Fpscr)); break;
            case VfpOp.VmlaF64: D[rd] = FpArith.Add64(D[rd], FpArith.Mul64(D[rn], D[rm], ref Fpscr), ref Fpscr); break;
            case VfpOp.VmlsF32: SetS(rd, FpArith.Add32(GetS(rd), FpArith.Mul32(GetS(rn), GetS(rm), ref Fpscr) ^ S, ref Fpscr)); break;
            case VfpOp.VmlsF64: D[rd] = FpArith.Add64(D[rd], FpArith.Mul64(D[rn], D[rm], ref Fpscr) ^ SD, ref Fpscr); break;
            case VfpOp.VnmlaF32: SetS(rd, FpArith.Add32(GetS(rd) ^ S, FpArith.Mul32(GetS(rn), GetS(rm), ref Fpscr) ^ S, ref Fpscr)); break;
            case VfpOp.VnmlaF64: D[rd] = FpArith.Add64(D[rd] ^ SD, FpArith.Mul64(D[rn], D[rm], ref Fpscr) ^ SD, ref Fpscr); break;
            case VfpOp.VnmlsF32: SetS(rd, FpArith.Add32(GetS(rd) ^ S, FpArith.Mul32(GetS(rn), GetS(rm), ref Fpscr), ref Fpscr)); break;
            case VfpOp.VnmlsF64: D[rd] = FpArith.Add64(D[rd] ^ SD, FpArith.Mul64(D[rn], D[rm], ref Fpscr), ref Fpscr); break;
            case VfpOp.VmulF32: SetS(rd, FpArith.Mul32(GetS(rn), GetS(rm), ref Fpscr)); break;
            case VfpOp.VmulF64: D[rd] = FpArith.Mul64(D[rn], D[rm], ref Fpscr); break;
            case VfpOp.VnmulF32: SetS(rd, FpArith.Mul32(GetS(rn), GetS(rm), ref Fpscr) ^ S); break;
            case VfpOp.VnmulF64: D[rd] = FpArith.Mul64(D[rn], D[rm], ref Fpscr) ^ SD; break;
            case VfpOp.VaddF32: SetS(rd, FpArith.Add32(GetS(rn), GetS(rm), ref Fpscr)); break;
            case VfpOp.VaddF64: D[rd] = FpArith.Add64(D[rn], D[rm], ref Fpscr); break;
            case VfpOp.VsubF32: SetS(rd, FpArith.Sub32(GetS(rn), GetS(rm), ref Fpscr)); break;
            case VfpOp.VsubF64: D[rd] = FpArith.Sub64(D[rn], D[rm], ref Fpscr); break;
            case VfpOp.VdivF32: SetS(rd, FpArith.Div32(GetS(rn), GetS(rm), ref Fpscr)); break;
            case VfpOp.VdivF64: D[rd] = FpArith.Div64(D[rn], D[rm], ref Fpscr); break;
            case VfpOp.VfmaF32:
            case VfpOp.VfmaF64:
            case VfpOp.VfmsF32:
            case VfpOp.VfmsF64:
            case VfpOp.VfnmaF32:
            case VfpOp.VfnmaF64:
            case VfpOp.VfnmsF32:
            case VfpOp.VfnmsF64:
                ExecVfpFused(op, rd, rn, rm);
                break;
            case VfpOp.VmovImmF32: SetS(rd, d.Imm); break;
            case VfpOp.VmovImmF64: D[rd] = (ulong)d.Imm << 32; break;
            case VfpOp.VmovRegF32: SetS(rd, GetS(rm)); break;
            case VfpOp.VmovRegF64: D[rd] = D[rm]; break;
            case VfpOp.VabsF32: SetS(rd, GetS(rm) & ~S); break;
            case VfpOp.VabsF64: D[rd] = D[rm] & ~SD; break;
            case VfpOp.VnegF32: SetS(rd, GetS(rm) ^ S); break;
            case VfpOp.VnegF64: D[rd] = D[rm] ^ SD; break;
            case VfpOp.VsqrtF32: SetS(rd, FpArith.Sqrt32(GetS(rm), ref Fpscr)); break;
            case VfpOp.VsqrtF64: D[rd] = FpArith.Sqrt64(D[rm], ref Fpscr); break;
            case VfpOp.VcmpF32:
            {
                uint b = (d.Flags & (byte)VfpFlags.WithZero) != 0 ? 0 : GetS(rm);
                uint nzcv = FpArith.Compare32(GetS(rd), b, (d.Flags & (byte)VfpFlags.Signal) != 0, ref Fpscr);
                Fpscr = (Fpscr & 0x0FFFFFFF) | (nzcv << 28);
                break;
            }
            case VfpOp.VcmpF64:
            {
                ulong b = (d.Flags & (byte)VfpFlags.WithZero) != 0 ? 0 : D[rm];
                uint nzcv = FpArith.Compare64(D[rd], b, (d.Flags & (byte)VfpFlags.Signal) != 0, ref Fpscr);
                Fpscr = (Fpscr & 0x0FFFFFFF) | (nzcv << 28);
                break;
            }
            default:
                ExecVfpConvertOrTransfer(ref d);
                break;
        }
    }

    /// <summary>VFMA/VFMS/VFNMA/VFNMS (VFPv4): one rounding; the operands are negated by sign flips as the ARM pseudocode does.</summary>
    private void ExecVfpFused(VfpOp op, int rd, int rn, int rm)
    {
        if (!Profile.HasVfpv4)
        {
            RaiseUndefined();
            return;
        }
        bool negProduct = op is VfpOp.VfmsF32 or VfpOp.VfmsF64 or VfpOp.VfnmaF32 or VfpOp.VfnmaF64;
        bool negAddend = op is VfpOp.VfnmaF32 or VfpOp.VfnmaF64 or VfpOp.VfnmsF32 or VfpOp.VfnmsF64;
        if (((int)op & 1) == ((int)VfpOp.VfmaF32 & 1))
        {
            uint addend = GetS(rd) ^ (negAddend ? 0x8000_0000u : 0);
            uint op1 = GetS(rn) ^ (negProduct ? 0x8000_0000u : 0);
            SetS(rd, FpArith.MulAdd32(addend, op1, GetS(rm), ref Fpscr));
        }
        else
        {
            ulong addend = D[rd] ^ (negAddend ? 0x8000_0000_0000_0000ul : 0);
            ulong op1 = D[rn] ^ (negProduct ? 0x8000_0000_0000_0000ul : 0);
            D[rd] = FpArith.MulAdd64(addend, op1, D[rm], ref Fpscr);
        }
    }

    private void ExecVfpConvertOrTransfer(ref Insn d)
    {
        int rd = d.Rd, rn = d.Rn, rm = d.Rm;
        bool unsigned = (d.Flags & (byte)VfpFlags.Unsigned) != 0;
        switch ((VfpOp)d.Op)
        {
            case VfpOp.VcvtF64F32: D[rd] = FpArith.F32ToF64(GetS(rm), ref Fpscr); break;
            case VfpOp.VcvtF32F64: SetS(rd, FpArith.F64ToF32(D[rm], ref Fpscr)); break;
            case VfpOp.VcvtF32F16:
            {
                if (!Profile.HasVfpv4)
                {
                    RaiseUndefined();
                    return;
                }
                int shift = (d.Flags & (byte)VfpFlags.Top) != 0 ? 16 : 0;
                SetS(rd, FpArith.F16ToF32((ushort)(GetS(rm) >> shift), ref Fpscr));
                break;
            }
            case VfpOp.VcvtF16F32:
            {
                if (!Profile.HasVfpv4)
                {
                    RaiseUndefined();
                    return;
                }
                int shift = (d.Flags & (byte)VfpFlags.Top) != 0 ? 16 : 0;
                uint half = FpArith.F32ToF16(GetS(rm), ref Fpscr);
                SetS(rd, (GetS(rd) & ~(0xFFFFu << shift)) | (half << shift));
                break;
            }
            case VfpOp.VcvtToIntF32:
            {
                bool rz = (d.Flags & (byte)VfpFlags.RoundZero) != 0;
                uint a = GetS(rm);
                SetS(rd, unsigned ? FpArith.F32ToU32(a, rz, ref Fpscr) : FpArith.F32ToS32(a, rz, ref Fpscr));
                break;
            }
            case VfpOp.VcvtToIntF64:
            {
                bool rz = (d.Flags & (byte)VfpFlags.RoundZero) != 0;
                ulong a = D[rm];
                SetS(rd, unsigned ? FpArith.F64ToU32(a, rz, ref Fpscr) : FpArith.F64ToS32(a, rz, ref Fpscr));
                break;
            }
            case VfpOp.VcvtFromIntF32:
                SetS(rd, unsigned ? FpArith.U32ToF32(GetS(rm), ref Fpscr) : FpArith.S32ToF32(GetS(rm), ref Fpscr));
                break;
            case VfpOp.VcvtFromIntF64:
                D[rd] = unsigned ? FpArith.U32ToF64(GetS(rm), ref Fpscr) : FpArith.S32ToF64(GetS(rm), ref Fpscr);
                break;
            case VfpOp.VcvtToFixedF32:
                SetS(rd, FpArith.F32ToFixed(GetS(rd), d.Extra, (int)d.Imm, unsigned, ref Fpscr));
                break;
            case VfpOp.VcvtToFixedF64:
            {
                // The 32-bit result is already extended from size bits; widen it to 64 the same way.
                uint r = FpArith.F64ToFixed(D[rd], d.Extra, (int)d.Imm, unsigned, ref Fpscr);
                D[rd] = unsigned ? r : (ulong)(long)(int)r;
                break;
            }
            case VfpOp.VcvtFromFixedF32:
                SetS(rd, FpArith.FixedToF32(GetS(rd), d.Extra, (int)d.Imm, unsigned, ref Fpscr));
                break;
            case VfpOp.VcvtFromFixedF64:
                D[rd] = FpArith.FixedToF64((uint)D[rd], d.Extra, (int)d.Imm, unsigned, ref Fpscr);
                break;
            case VfpOp.VldrS:
            {
                if (!Read32(VfpBase(rn) + d.Imm, out uint v, AccessFlags.WordAligned))
                    return;
                SetS(rd, v);
                break;
            }
            case VfpOp.VldrD:
            {
                // Two word accesses; as one doubleword read the big-endian word order also comes out right.
                if (!Read64(VfpBase(rn) + d.Imm, out ulong v, AccessFlags.WordAligned))
                    return;
                D[rd] = v;
                break;
            }
            case VfpOp.VstrS:
                Write32(VfpBase(rn) + d.Imm, GetS(rd), AccessFlags.WordAligned);
                break;
            case VfpOp.VstrD:
                Write64(VfpBase(rn) + d.Imm, D[rd], AccessFlags.WordAligned);
                break;
            case VfpOp.VldmS:
            case VfpOp.VldmD:
            case VfpOp.VstmS:
            case VfpOp.VstmD:
                ExecVfpMultiple(ref d);
                break;
            case VfpOp.VmovToS: SetS(rn, R[rd]); break;
            case VfpOp.VmovFromS:
                if (rd == 15)
                    Nzcv = GetS(rn) & 0xF000_0000; // UNPREDICTABLE; QEMU writes the flags
                else
                    R[rd] = GetS(rn);
                break;
            case VfpOp.VmovToD: D[rn] = R[rd] | ((ulong)R[d.Ra] << 32); break;
            case VfpOp.VmovFromD:
            {
                ulong v = D[rn];
                R[rd] = (uint)v;
                R[d.Ra] = (uint)(v >> 32);
                break;
            }
            case VfpOp.VmovTo2S:
            {
                uint lo = R[rd], hi = R[d.Ra];
                SetS(rn, lo);
                SetS(rn + 1, hi);
                break;
            }
            case VfpOp.VmovFrom2S:
            {
                uint lo = GetS(rn), hi = GetS(rn + 1);
                R[rd] = lo;
                R[d.Ra] = hi;
                break;
            }
            case VfpOp.VmovToScalar:
            {
                int sh = (int)d.Imm * 32;
                D[rn] = (D[rn] & ~(0xFFFF_FFFFul << sh)) | ((ulong)R[rd] << sh);
                break;
            }
            case VfpOp.VmovFromScalar:
                R[rd] = (uint)(D[rn] >> ((int)d.Imm * 32));
                break;
            default:
                RaiseUndefined();
                break;
        }
    }

    /// <summary>VLDM/VSTM (and VPUSH/VPOP, FLDMX/FSTMX). A fault part-way leaves the base unchanged;
    /// registers already loaded keep their new values (they are UNKNOWN architecturally).</summary>
    private void ExecVfpMultiple(ref Insn d)
    {
        uint baseAddr = VfpBase(d.Rn);
        bool add = (d.Flags & (byte)InsnFlags.Add) != 0;
        uint addr = add ? baseAddr : baseAddr - d.Imm;
        int first = d.Rd, count = d.Extra;
        switch ((VfpOp)d.Op)
        {
            case VfpOp.VldmS:
                for (int i = 0; i < count; i++, addr += 4)
                {
                    if (!Read32(addr, out uint v, AccessFlags.WordAligned))
                        return;
                    SetS(first + i, v);
                }
                break;
            case VfpOp.VldmD:
                for (int i = 0; i < count; i++, addr += 8)
                {
                    if (!Read64(addr, out ulong v, AccessFlags.WordAligned))
                        return;
                    D[first + i] = v;
                }
                break;
            case VfpOp.VstmS:
                for (int i = 0; i < count; i++, addr += 4)
                {
                    if (!Write32(addr, GetS(first + i), AccessFlags.WordAligned))
                        return;
                }
                break;
            default:
                for (int i = 0; i < count; i++, addr += 8)
                {
                    if (!Write64(addr, D[first + i], AccessFlags.WordAligned))
                        return;
                }
                break;
        }
        if ((d.Flags & (byte)InsnFlags.WriteBack) != 0)
            R[d.Rn] = add ? baseAddr + d.Imm : baseAddr - d.Imm;
    }

    /// <summary>VMRS/VMSR. FPSCR needs full VFP access; the ID registers and FPEXC need PL1 and CPACR
    /// access but not FPEXC.EN, so that an OS can turn the unit on (lazy context switching).</summary>
    private void ExecVfpSysReg(ref Insn d)
    {
        int reg = d.Rn;
        bool allowed = reg == VfpSysReg.Fpscr ? VfpEnabled(true) : Mode != Mode.User && VfpEnabled(false);
        if (!allowed)
        {
            RaiseUndefined();
            return;
        }
        if ((VfpOp)d.Op == VfpOp.Vmrs)
        {
            uint value = reg switch
            {
                VfpSysReg.Fpsid => Profile.Fpsid,
                VfpSysReg.Fpscr => Fpscr,
                VfpSysReg.Mvfr0 => Profile.Mvfr0,
                VfpSysReg.Mvfr1 => Profile.Mvfr1,
                _ => Fpexc,
            };
            if (d.Rd == 15)
                Nzcv = value & 0xF000_0000; // VMRS APSR_nzcv, FPSCR
            else
                R[d.Rd] = value;
            return;
        }
        uint v = R[d.Rd];
        if (reg == VfpSysReg.Fpscr)
            Fpscr = v & FpscrWritable;
        else if (reg == VfpSysReg.Fpexc)
            Fpexc = v & FpexcEn; // as QEMU: only EN is kept (no VFP subarchitecture state)
    }

    /// <summary>CheckVFPEnabled: CPACR.cp10 (cp11 must match it; QEMU reads cp10) outside Hyp mode, and FPEXC.EN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool VfpEnabled(bool checkFpexc)
    {
        if (Mode != Mode.Hyp)
        {
            uint cp10 = (Cpacr >> 20) & 3;
            if (cp10 != 3 && (cp10 != 1 || Mode == Mode.User))
                return false;
        }
        return !checkFpexc || (Fpexc & FpexcEn) != 0;
    }

    /// <summary>Base register of a VFP load/store: PC reads as Align(PC, 4) (literal forms, T32 included).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private uint VfpBase(int n) => n == 15 ? R[15] & ~3u : R[n];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private uint GetS(int n) => (uint)(D[n >> 1] >> ((n & 1) << 5));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void SetS(int n, uint value)
    {
        ref ulong r = ref D[n >> 1];
        int sh = (n & 1) << 5;
        r = (r & ~(0xFFFF_FFFFul << sh)) | ((ulong)value << sh);
    }
}
