using System.Numerics;
using System.Runtime.CompilerServices;
using Xenith.Cpu.Arm.Integer;

namespace Xenith.Cpu.Arm;

/// <summary>Operand and flag helpers of the Integer executor: the second operand by form, AddWithCarry
/// flag updates (only when S is set), and the slow paths that write the PC.</summary>
public sealed partial class ArmCpu
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void DpSetNZ(uint v)
    {
        N = (int)v < 0;
        Z = v == 0;
    }

    /// <summary>Logical op with an expanded immediate: C changes only if the expansion rotated.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void DpLogicFlagsImm(ref Insn d, uint v)
    {
        N = (int)v < 0;
        Z = v == 0;
        if ((d.Flags & (byte)IntegerFlags.CarryChanges) != 0)
            C = (d.Flags & (byte)IntegerFlags.CarryValue) != 0;
    }

    /// <summary>Logical op with an immediate shift: C is the last bit shifted out of R[Rm] (Rd not yet written).</summary>
    private void DpLogicFlagsShiftImm(ref Insn d, uint v)
    {
        N = (int)v < 0;
        Z = v == 0;
        uint m = R[d.Rm];
        int amount = d.ShiftAmount;
        switch ((ShiftType)d.ShiftType)
        {
            case ShiftType.Lsl:
                if (amount != 0)
                    C = ((m >> (32 - amount)) & 1) != 0;
                break;
            case ShiftType.Rrx:
                C = (m & 1) != 0;
                break;
            default: // LSR, ASR (1..32) and ROR (1..31) all shift out bit amount-1
                C = ((m >> (amount - 1)) & 1) != 0;
                break;
        }
    }

    private void DpLogicFlagsShiftReg(ref Insn d, uint v)
    {
        N = (int)v < 0;
        Z = v == 0;
        Alu.ShiftC(R[d.Rm], (ShiftType)d.ShiftType, (int)(R[d.Ra] & 0xFF), C, out bool carry);
        C = carry;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private uint DpShiftImmOperand(ref Insn d) => Alu.ShiftImm(R[d.Rm], (ShiftType)d.ShiftType, d.ShiftAmount, C);

    /// <summary>Register-specified shift by the bottom byte of R[Ra] (C# masks shift counts, hence the guards).</summary>
    private uint DpShiftRegOperand(ref Insn d)
    {
        uint v = R[d.Rm];
        int amount = (int)(R[d.Ra] & 0xFF);
        return (ShiftType)d.ShiftType switch
        {
            ShiftType.Lsl => amount >= 32 ? 0 : v << amount,
            ShiftType.Lsr => amount >= 32 ? 0 : v >> amount,
            ShiftType.Asr => (uint)((int)v >> Math.Min(amount, 31)),
            _ => BitOperations.RotateRight(v, amount & 31),
        };
    }

    /// <summary>AddWithCarry setting NZCV.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private uint DpAddFlags(uint x, uint y, bool carryIn)
    {
        uint result = Alu.AddWithCarry(x, y, carryIn, out C, out V);
        N = (int)result < 0;
        Z = result == 0;
        return result;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void DpAdd(ref Insn d, uint a, uint b) =>
        R[d.Rd] = (d.Flags & (byte)InsnFlags.SetFlags) == 0 ? a + b : DpAddFlags(a, b, false);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void DpSub(ref Insn d, uint a, uint b) =>
        R[d.Rd] = (d.Flags & (byte)InsnFlags.SetFlags) == 0 ? a - b : DpAddFlags(a, ~b, true);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void DpRsb(ref Insn d, uint a, uint b) => DpSub(ref d, b, a);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void DpAdc(ref Insn d, uint a, uint b) =>
        R[d.Rd] = (d.Flags & (byte)InsnFlags.SetFlags) == 0 ? a + b + (C ? 1u : 0u) : DpAddFlags(a, b, C);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void DpSbc(ref Insn d, uint a, uint b) =>
        R[d.Rd] = (d.Flags & (byte)InsnFlags.SetFlags) == 0 ? a + ~b + (C ? 1u : 0u) : DpAddFlags(a, ~b, C);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void DpRsc(ref Insn d, uint a, uint b) => DpSbc(ref d, b, a);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void DpCmp(ref Insn d, uint a, uint b) => DpAddFlags(a, ~b, true);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void DpCmn(ref Insn d, uint a, uint b) => DpAddFlags(a, b, false);

    /// <summary>Link value of BL/BLX: the next instruction, with bit 0 set when returning to T32.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private uint DpLinkAddress(ref Insn d) => (d.Address + d.Size) | (T ? 1u : 0u);

    /// <summary>A data-processing result written to the PC: ALUWritePC, or with S the exception return
    /// (CPSR ← SPSR, then BranchWritePC in the restored instruction set).</summary>
    private void DpToPc(ref Insn d)
    {
        uint a = R[d.Rn];
        uint b = (DpForm)(d.Extra >> 8) switch
        {
            DpForm.Imm => d.Imm,
            DpForm.Reg => R[d.Rm],
            DpForm.ShiftImm => DpShiftImmOperand(ref d),
            _ => DpShiftRegOperand(ref d),
        };
        uint carry = C ? 1u : 0u;
        uint result = (d.Extra & 0xFF) switch
        {
            0 => a & b,
            1 => a ^ b,
            2 => a - b,
            3 => b - a,
            4 => a + b,
            5 => a + b + carry,
            6 => a + ~b + carry,
            7 => b + ~a + carry,
            12 => a | b,
            13 => b,
            14 => a & ~b,
            15 => ~b,
            _ => a | ~b,
        };
        if ((d.Flags & (byte)InsnFlags.SetFlags) == 0)
        {
            AluWritePc(result);
            return;
        }
        DpExceptionReturn(result);
    }

    /// <summary>ALUExceptionReturn: UNPREDICTABLE in User and System mode (QEMU UNDEFs in User; we UNDEF in both),
    /// UNDEFINED in Hyp mode; otherwise the shared exception return (CPSR ← SPSR, then the branch).</summary>
    private void DpExceptionReturn(uint target)
    {
        if (!CanExceptionReturn)
        {
            RaiseUndefined();
            return;
        }
        ExceptionReturn(target);
    }
}
