using System.Numerics;
using Xenith.Cpu.Arm.LoadStore;

namespace Xenith.Cpu.Arm;

/// <summary>LDM/STM and their User-register and exception-return forms.</summary>
/// <remarks>Loads go to a buffer first so that a fault leaves every register unchanged. With write-back
/// and the base in the list (UNPREDICTABLE in ARMv7) the loaded value wins and STM stores the original
/// base, as QEMU does.</remarks>
public sealed partial class ArmCpu
{
    private readonly uint[] _multipleBuffer = new uint[16];

    /// <summary>Loads the words of the list into <see cref="_multipleBuffer"/> in register order.</summary>
    private bool LoadMultiple(ref Insn d)
    {
        uint address = R[d.Rn] + d.Imm;
        uint[] buf = _multipleBuffer;
        int k = 0;
        for (uint list = d.Extra; list != 0; list &= list - 1)
        {
            if (!Read32(address, out buf[k], AccessFlags.WordAligned))
                return false;
            k++;
            address += 4;
        }
        return true;
    }

    private void WriteBackMultiple(ref Insn d)
    {
        if ((d.Flags & (byte)LoadStoreFlags.WriteBack) == 0)
            return;
        uint delta = 4u * d.ShiftAmount;
        R[d.Rn] = (d.Flags & (byte)LoadStoreFlags.Add) != 0 ? R[d.Rn] + delta : R[d.Rn] - delta;
    }

    private void ExecLdm(ref Insn d)
    {
        if (!LoadMultiple(ref d))
            return;
        WriteBackMultiple(ref d);
        uint[] buf = _multipleBuffer;
        int k = 0;
        for (uint list = d.Extra & 0x7FFFu; list != 0; list &= list - 1)
            R[BitOperations.TrailingZeroCount(list)] = buf[k++];
        if ((d.Extra & 0x8000) != 0)
            LoadWritePc(buf[k]);
    }

    private void ExecStm(ref Insn d)
    {
        uint address = R[d.Rn] + d.Imm;
        for (uint list = d.Extra; list != 0; list &= list - 1)
        {
            if (!Write32(address, R[BitOperations.TrailingZeroCount(list)], AccessFlags.WordAligned))
                return;
            address += 4;
        }
        WriteBackMultiple(ref d);
    }

    /// <summary>LDM/STM (User registers) and LDM (exception return). UNPREDICTABLE in User and System
    /// mode (UNDEFINED here, except that System mode may transfer its own, the User, registers) and
    /// UNDEFINED in Hyp mode.</summary>
    private void ExecMultipleBanked(ref Insn d)
    {
        var op = (LoadStoreOp)d.Op;
        if (Mode is Mode.User or Mode.Hyp || (Mode == Mode.System && op == LoadStoreOp.LdmExceptionReturn))
        {
            RaiseUndefined();
            return;
        }
        if (op == LoadStoreOp.StmUser)
        {
            uint address = R[d.Rn] + d.Imm;
            for (uint list = d.Extra; list != 0; list &= list - 1)
            {
                if (!Write32(address, GetBankedRegister(Mode.User, BitOperations.TrailingZeroCount(list)), AccessFlags.WordAligned))
                    return;
                address += 4;
            }
            return;
        }
        if (!LoadMultiple(ref d))
            return;
        uint[] buf = _multipleBuffer;
        int k = 0;
        if (op == LoadStoreOp.LdmUser)
        {
            for (uint list = d.Extra; list != 0; list &= list - 1)
                SetBankedRegister(Mode.User, BitOperations.TrailingZeroCount(list), buf[k++]);
            return;
        }
        WriteBackMultiple(ref d);
        for (uint list = d.Extra & 0x7FFFu; list != 0; list &= list - 1)
            R[BitOperations.TrailingZeroCount(list)] = buf[k++];
        ExceptionReturn(buf[k]);
    }
}
