using System.Buffers.Binary;
using System.Numerics;
using Xenith.Cpu.Arm.Media;

namespace Xenith.Cpu.Arm;

public sealed partial class ArmCpu
{
    private void ExecMedia(ref Insn d)
    {
        uint[] r = R;
        switch ((MediaOp)d.Op)
        {
            case MediaOp.Mul:
                ExecMul(this, ref d);
                break;
            case MediaOp.Mla:
                ExecMla(this, ref d);
                break;
            case MediaOp.Mls:
                r[d.Rd] = r[d.Ra] - r[d.Rn] * r[d.Rm];
                break;
            case MediaOp.Umull:
                ExecUmull(this, ref d);
                break;
            case MediaOp.Umlal:
                ExecUmlal(this, ref d);
                break;
            case MediaOp.Smull:
                WriteLong(ref d, (ulong)((long)(int)r[d.Rn] * (int)r[d.Rm]));
                break;
            case MediaOp.Smlal:
                WriteLong(ref d, (ulong)((long)(int)r[d.Rn] * (int)r[d.Rm]) + ReadLong(ref d));
                break;
            case MediaOp.Umaal:
                WriteLong(ref d, (ulong)r[d.Rn] * r[d.Rm] + r[d.Rd] + r[d.Ra]);
                break;

            case MediaOp.Smlaxy:
            {
                long v = (long)HalfOperand(r[d.Rn], d.Extra & 1) * HalfOperand(r[d.Rm], d.Extra & 2) + (int)r[d.Ra];
                r[d.Rd] = (uint)v;
                if (v != (int)v)
                    Q = true;
                break;
            }
            case MediaOp.Smulxy:
                r[d.Rd] = (uint)(HalfOperand(r[d.Rn], d.Extra & 1) * HalfOperand(r[d.Rm], d.Extra & 2));
                break;
            case MediaOp.Smlawy:
            {
                // (n * op2 + (a << 16)) >> 16 == ((n * op2) >> 16) + a, as a's low bits are zero.
                long v = (((long)(int)r[d.Rn] * HalfOperand(r[d.Rm], d.Extra & 2)) >> 16) + (int)r[d.Ra];
                r[d.Rd] = (uint)v;
                if (v != (int)v)
                    Q = true;
                break;
            }
            case MediaOp.Smulwy:
                r[d.Rd] = (uint)(((long)(int)r[d.Rn] * HalfOperand(r[d.Rm], d.Extra & 2)) >> 16);
                break;
            case MediaOp.Smlalxy:
                WriteLong(ref d, (ulong)((long)HalfOperand(r[d.Rn], d.Extra & 1) * HalfOperand(r[d.Rm], d.Extra & 2)) + ReadLong(ref d));
                break;

            case MediaOp.Qadd:
                r[d.Rd] = MediaAlu.SignedSat32((long)(int)r[d.Rm] + (int)r[d.Rn], ref Q);
                break;
            case MediaOp.Qsub:
                r[d.Rd] = MediaAlu.SignedSat32((long)(int)r[d.Rm] - (int)r[d.Rn], ref Q);
                break;
            case MediaOp.Qdadd:
            {
                long doubled = (int)MediaAlu.SignedSat32(2L * (int)r[d.Rn], ref Q);
                r[d.Rd] = MediaAlu.SignedSat32((int)r[d.Rm] + doubled, ref Q);
                break;
            }
            case MediaOp.Qdsub:
            {
                long doubled = (int)MediaAlu.SignedSat32(2L * (int)r[d.Rn], ref Q);
                r[d.Rd] = MediaAlu.SignedSat32((int)r[d.Rm] - doubled, ref Q);
                break;
            }

            case MediaOp.Clz:
                r[d.Rd] = (uint)BitOperations.LeadingZeroCount(r[d.Rm]);
                break;

            case MediaOp.Parallel:
                r[d.Rd] = MediaAlu.Parallel(r[d.Rn], r[d.Rm], d.Extra >> 4, d.Extra & 0xF, ref GE);
                break;

            case MediaOp.Pkhbt:
                r[d.Rd] = (r[d.Rn] & 0xFFFF) | ((r[d.Rm] << d.ShiftAmount) & 0xFFFF0000u);
                break;
            case MediaOp.Pkhtb:
                r[d.Rd] = (r[d.Rn] & 0xFFFF0000u) | ((uint)((int)r[d.Rm] >> Math.Min((int)d.ShiftAmount, 31)) & 0xFFFF);
                break;

            case MediaOp.Ssat:
            {
                uint operand = Alu.ShiftImm(r[d.Rn], (ShiftType)d.ShiftType, d.ShiftAmount, false);
                r[d.Rd] = (uint)Alu.SignedSat((int)operand, (int)d.Imm, out bool sat);
                Q |= sat;
                break;
            }
            case MediaOp.Usat:
            {
                uint operand = Alu.ShiftImm(r[d.Rn], (ShiftType)d.ShiftType, d.ShiftAmount, false);
                r[d.Rd] = Alu.UnsignedSat((int)operand, (int)d.Imm, out bool sat);
                Q |= sat;
                break;
            }
            case MediaOp.Ssat16:
                r[d.Rd] = MediaAlu.Sat16(r[d.Rn], (int)d.Imm, false, ref Q);
                break;
            case MediaOp.Usat16:
                r[d.Rd] = MediaAlu.Sat16(r[d.Rn], (int)d.Imm, true, ref Q);
                break;

            case MediaOp.Sxtab:
                r[d.Rd] = r[d.Rn] + (uint)(sbyte)BitOperations.RotateRight(r[d.Rm], d.ShiftAmount);
                break;
            case MediaOp.Sxtah:
                r[d.Rd] = r[d.Rn] + (uint)(short)BitOperations.RotateRight(r[d.Rm], d.ShiftAmount);
                break;
            case MediaOp.Uxtab:
                r[d.Rd] = r[d.Rn] + (BitOperations.RotateRight(r[d.Rm], d.ShiftAmount) & 0xFF);
                break;
            case MediaOp.Uxtah:
                r[d.Rd] = r[d.Rn] + (BitOperations.RotateRight(r[d.Rm], d.ShiftAmount) & 0xFFFF);
                break;
            case MediaOp.Sxtab16:
                r[d.Rd] = AddHalves(r[d.Rn], SignExtendBytes16(BitOperations.RotateRight(r[d.Rm], d.ShiftAmount)));
                break;
            case MediaOp.Uxtab16:
                r[d.Rd] = AddHalves(r[d.Rn], BitOperations.RotateRight(r[d.Rm], d.ShiftAmount) & 0x00FF00FFu);
                break;
            case MediaOp.Sxtb:
                r[d.Rd] = (uint)(sbyte)BitOperations.RotateRight(r[d.Rm], d.ShiftAmount);
                break;
            case MediaOp.Sxth:
                r[d.Rd] = (uint)(short)BitOperations.RotateRight(r[d.Rm], d.ShiftAmount);
                break;
            case MediaOp.Uxtb:
                ExecUxtb(this, ref d);
                break;
            case MediaOp.Uxth:
                ExecUxth(this, ref d);
                break;
            case MediaOp.Sxtb16:
                r[d.Rd] = SignExtendBytes16(BitOperations.RotateRight(r[d.Rm], d.ShiftAmount));
                break;
            case MediaOp.Uxtb16:
                r[d.Rd] = BitOperations.RotateRight(r[d.Rm], d.ShiftAmount) & 0x00FF00FFu;
                break;

            case MediaOp.Sel:
                r[d.Rd] = MediaAlu.Select(r[d.Rn], r[d.Rm], GE);
                break;
            case MediaOp.Rev:
                r[d.Rd] = BinaryPrimitives.ReverseEndianness(r[d.Rm]);
                break;
            case MediaOp.Rev16:
            {
                uint v = r[d.Rm];
                r[d.Rd] = ((v >> 8) & 0x00FF00FFu) | ((v << 8) & 0xFF00FF00u);
                break;
            }
            case MediaOp.Rbit:
                r[d.Rd] = MediaAlu.ReverseBits(r[d.Rm]);
                break;
            case MediaOp.Revsh:
            {
                uint v = r[d.Rm];
                r[d.Rd] = (uint)(short)(((v & 0xFF) << 8) | ((v >> 8) & 0xFF));
                break;
            }

            case MediaOp.Smlad:
            {
                long v = DualProducts(ref d, subtract: false) + (int)r[d.Ra];
                r[d.Rd] = (uint)v;
                if (v != (int)v)
                    Q = true;
                break;
            }
            case MediaOp.Smuad:
            {
                long v = DualProducts(ref d, subtract: false);
                r[d.Rd] = (uint)v;
                if (v != (int)v)
                    Q = true;
                break;
            }
            case MediaOp.Smlsd:
            {
                long v = DualProducts(ref d, subtract: true) + (int)r[d.Ra];
                r[d.Rd] = (uint)v;
                if (v != (int)v)
                    Q = true;
                break;
            }
            case MediaOp.Smusd:
                r[d.Rd] = (uint)DualProducts(ref d, subtract: true);
                break;
            case MediaOp.Smlald:
                WriteLong(ref d, (ulong)DualProducts(ref d, subtract: false) + ReadLong(ref d));
                break;
            case MediaOp.Smlsld:
                WriteLong(ref d, (ulong)DualProducts(ref d, subtract: true) + ReadLong(ref d));
                break;
            case MediaOp.Smmla:
            case MediaOp.Smmls:
            case MediaOp.Smmul:
            {
                long product = (long)(int)r[d.Rn] * (int)r[d.Rm];
                long acc = (MediaOp)d.Op == MediaOp.Smmul ? 0 : (long)r[d.Ra] << 32;
                long v = (MediaOp)d.Op == MediaOp.Smmls ? acc - product : acc + product;
                if ((d.Extra & 1) != 0)
                    v += 0x80000000L;
                r[d.Rd] = (uint)(v >> 32);
                break;
            }

            case MediaOp.Sdiv:
            {
                if (!Profile.HasIntegerDivide)
                {
                    RaiseUndefined();
                    return;
                }
                int n = (int)r[d.Rn], m = (int)r[d.Rm];
                // Divide by zero gives 0 (SCTLR.DZ is not implemented); INT_MIN / -1 wraps to INT_MIN.
                r[d.Rd] = m == 0 ? 0 : m == -1 ? (uint)-n : (uint)(n / m);
                break;
            }
            case MediaOp.Udiv:
            {
                if (!Profile.HasIntegerDivide)
                {
                    RaiseUndefined();
                    return;
                }
                uint m = r[d.Rm];
                r[d.Rd] = m == 0 ? 0 : r[d.Rn] / m;
                break;
            }

            case MediaOp.Usad8:
                r[d.Rd] = MediaAlu.SumAbsDiff8(r[d.Rn], r[d.Rm]);
                break;
            case MediaOp.Usada8:
                r[d.Rd] = r[d.Ra] + MediaAlu.SumAbsDiff8(r[d.Rn], r[d.Rm]);
                break;

            case MediaOp.Sbfx:
            {
                int width = d.Extra;
                r[d.Rd] = (uint)((int)(r[d.Rn] << (32 - d.ShiftAmount - width)) >> (32 - width));
                break;
            }
            case MediaOp.Ubfx:
                r[d.Rd] = (r[d.Rn] >> d.ShiftAmount) & d.Imm;
                break;
            case MediaOp.Bfi:
                r[d.Rd] = (r[d.Rd] & ~d.Imm) | ((r[d.Rn] << d.ShiftAmount) & d.Imm);
                break;
            case MediaOp.Bfc:
                r[d.Rd] &= ~d.Imm;
                break;

            default:
                RaiseUndefined();
                break;
        }
    }

    /// <summary>Top (selector set) or bottom signed halfword: the x/y operand selection.</summary>
    private static int HalfOperand(uint v, int top) => top != 0 ? (int)v >> 16 : (short)v;

    // The multiplies of multi-precision arithmetic and the commonest extends: also installed as direct handlers.

    private static void ExecMul(ArmCpu c, ref Insn d)
    {
        uint[] r = c.R;
        uint v = r[d.Rn] * r[d.Rm];
        r[d.Rd] = v;
        if ((d.Flags & 1) != 0)
        {
            c.N = (int)v < 0;
            c.Z = v == 0;
        }
    }

    private static void ExecMla(ArmCpu c, ref Insn d)
    {
        uint[] r = c.R;
        uint v = r[d.Rn] * r[d.Rm] + r[d.Ra];
        r[d.Rd] = v;
        if ((d.Flags & 1) != 0)
        {
            c.N = (int)v < 0;
            c.Z = v == 0;
        }
    }

    private static void ExecUmull(ArmCpu c, ref Insn d) => c.WriteLong(ref d, (ulong)c.R[d.Rn] * c.R[d.Rm]);

    private static void ExecUmlal(ArmCpu c, ref Insn d) => c.WriteLong(ref d, (ulong)c.R[d.Rn] * c.R[d.Rm] + c.ReadLong(ref d));

    private static void ExecUxtb(ArmCpu c, ref Insn d) => c.R[d.Rd] = BitOperations.RotateRight(c.R[d.Rm], d.ShiftAmount) & 0xFF;

    private static void ExecUxth(ArmCpu c, ref Insn d) => c.R[d.Rd] = BitOperations.RotateRight(c.R[d.Rm], d.ShiftAmount) & 0xFFFF;

    /// <summary>RdHi:RdLo of a long multiply (Rd = RdLo, Ra = RdHi).</summary>
    private ulong ReadLong(ref Insn d) => ((ulong)R[d.Ra] << 32) | R[d.Rd];

    /// <summary>Writes RdLo then RdHi (so RdHi wins when they are equal, as QEMU does) and the S flags.</summary>
    private void WriteLong(ref Insn d, ulong v)
    {
        R[d.Rd] = (uint)v;
        R[d.Ra] = (uint)(v >> 32);
        if ((d.Flags & 1) != 0)
        {
            N = (long)v < 0;
            Z = v == 0;
        }
    }

    /// <summary>The two 16x16 products of SMLAD/SMLSD and friends, summed or subtracted; Extra bit 0 swaps Rm's halves.</summary>
    private long DualProducts(ref Insn d, bool subtract)
    {
        uint n = R[d.Rn], m = R[d.Rm];
        if ((d.Extra & 1) != 0)
            m = BitOperations.RotateRight(m, 16);
        long p1 = (long)(short)n * (short)m;
        long p2 = (long)((int)n >> 16) * ((int)m >> 16);
        return subtract ? p1 - p2 : p1 + p2;
    }

    private static uint SignExtendBytes16(uint v) => ((uint)(sbyte)v & 0xFFFF) | ((uint)(sbyte)(v >> 16) << 16);

    private static uint AddHalves(uint a, uint b) => ((a + b) & 0xFFFF) | (((a >> 16) + (b >> 16)) << 16);
}
