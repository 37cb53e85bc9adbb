using System.Runtime.CompilerServices;
using Xenith.Memory;

namespace Xenith.Cpu.Arm;

/// <summary>
/// One ARMv7-A processor: architectural state, banked registers and the status register.
/// Execution (<c>ArmCpu.Run.cs</c>), memory access (<c>ArmCpu.Memory.cs</c>) and exception entry
/// (<c>ArmCpu.Exceptions.cs</c>) live in the other parts of this class; each instruction group
/// adds its executor as another part.
/// </summary>
public sealed partial class ArmCpu
{
    /// <summary>R0–R15 of the current mode. Between blocks R[15] is the address of the next instruction;
    /// while an instruction executes it reads as that instruction's address + 8 (A32) or + 4 (T32).</summary>
    public readonly uint[] R = new uint[16];

    // Condition flags are kept unpacked: most instructions touch one or two of them.
    public bool N, Z, C, V, Q;
    /// <summary>CPSR.GE[3:0].</summary>
    public uint GE;
    /// <summary>ITSTATE (CPSR.IT[7:0]).</summary>
    public byte IT;
    /// <summary>CPSR.T: executing T32.</summary>
    public bool T;
    /// <summary>CPSR.E: big-endian data accesses. Set it through <see cref="SetBigEndian"/>.</summary>
    public bool E { get; private set; }
    /// <summary>CPSR.A, I, F: asynchronous abort, IRQ and FIQ masks.</summary>
    public bool A, I, F;
    public Mode Mode { get; private set; } = Mode.Supervisor;

    /// <summary>VFP/NEON registers D0–D31 (S2n is the low half of Dn, S2n+1 the high half).</summary>
    public readonly ulong[] D = new ulong[32];
    public uint Fpscr;
    public uint Fpexc;

    /// <summary>System control registers the core itself consults (the system-register table owns the rest).</summary>
    public uint Sctlr = 0x00c50078;
    public uint Vbar;
    public uint Cpacr;

    /// <summary>Local exclusive monitor (LDREX/STREX).</summary>
    public bool ExclusiveArmed;
    public ulong ExclusiveAddress;
    /// <summary>What the LDREX read: STREX stores only if memory still holds it (see ArmCpu.Exclusive.cs).</summary>
    public ulong ExclusiveValue;

    /// <summary>Instructions executed since reset (a condition-failed instruction counts; one that faults does not).</summary>
    public ulong Instructions;
    /// <summary>Immediate of the HVC/SVC/SMC/BKPT/UDF that caused the last exit.</summary>
    public uint ExitImm;
    /// <summary>Faulting virtual address of the last data abort exit.</summary>
    public uint FaultAddress;
    /// <summary>Exceptions that exit to the host instead of vectoring into the guest.</summary>
    public HostTraps HostTraps;

    public CpuProfile Profile { get; }
    public IPhysicalBus Bus { get; }

    // Banked copies: index by BankOf(mode). User and System share bank 0.
    private readonly uint[] _bankedSp = new uint[8];
    private readonly uint[] _bankedLr = new uint[8];
    private readonly uint[] _bankedSpsr = new uint[8];
    private readonly uint[] _usrR8to12 = new uint[5];
    private readonly uint[] _fiqR8to12 = new uint[5];
    /// <summary>ELR_hyp, the exception link register of Hyp mode (ERET from Hyp returns to it).</summary>
    public uint ElrHyp;

    public ArmCpu(IPhysicalBus bus, CpuProfile? profile = null)
    {
        Bus = bus;
        Profile = profile ?? CpuProfile.CortexA15;
        A = I = F = true;
        _codePages = new CodePages();
        _codePages.Join(this);
        InitTlb();
    }

    /// <summary>Current PC: the address of the next instruction to execute (valid between runs).</summary>
    public uint Pc
    {
        get => R[15];
        set => R[15] = value;
    }

    /// <summary>Whether condition <paramref name="cond"/> (0..15; 14 and 15 always pass) holds for the current flags.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool ConditionPassed(int cond)
    {
        // A table lookup instead of a switch: the executor loop tests a condition on every conditional
        // instruction, and a jump table there costs an indirect branch that predicts poorly.
        // BitCast keeps this branch-free (a conditional per flag would mispredict as the flags change).
        int nzcv = (Unsafe.BitCast<bool, byte>(N) << 3) | (Unsafe.BitCast<bool, byte>(Z) << 2)
            | (Unsafe.BitCast<bool, byte>(C) << 1) | Unsafe.BitCast<bool, byte>(V);
        return ((ConditionTable[cond & 15] >> nzcv) & 1) != 0;
    }

    /// <summary>Bit NZCV (N in bit 3) of entry cond is set when the condition passes with those flags.</summary>
    private static ReadOnlySpan<ushort> ConditionTable => [
        0xF0F0, // EQ: Z
        0x0F0F, // NE: !Z
        0xCCCC, // CS: C
        0x3333, // CC: !C
        0xFF00, // MI: N
        0x00FF, // PL: !N
        0xAAAA, // VS: V
        0x5555, // VC: !V
        0x0C0C, // HI: C && !Z
        0xF3F3, // LS: !C || Z
        0xAA55, // GE: N == V
        0x55AA, // LT: N != V
        0x0A05, // GT: !Z && N == V
        0xF5FA, // LE: Z || N != V
        0xFFFF, // AL
        0xFFFF, // (unconditional space)
    ];

    /// <summary>The CPSR as a word. Writing it switches register banks when the mode changes;
    /// callers that write T, E or the mode from an instruction must also end the block.</summary>
    public uint Cpsr
    {
        get
        {
            uint v = (uint)Mode;
            if (N) v |= 1u << 31;
            if (Z) v |= 1u << 30;
            if (C) v |= 1u << 29;
            if (V) v |= 1u << 28;
            if (Q) v |= 1u << 27;
            v |= (uint)(IT & 3) << 25;
            v |= (GE & 0xF) << 16;
            v |= (uint)(IT >> 2) << 10;
            if (E) v |= 1u << 9;
            if (A) v |= 1u << 8;
            if (I) v |= 1u << 7;
            if (F) v |= 1u << 6;
            if (T) v |= 1u << 5;
            return v;
        }
        set
        {
            N = (value & (1u << 31)) != 0;
            Z = (value & (1u << 30)) != 0;
            C = (value & (1u << 29)) != 0;
            V = (value & (1u << 28)) != 0;
            Q = (value & (1u << 27)) != 0;
            IT = (byte)(((value >> 25) & 3) | (((value >> 10) & 0x3F) << 2));
            GE = (value >> 16) & 0xF;
            SetBigEndian((value & (1u << 9)) != 0);
            A = (value & (1u << 8)) != 0;
            I = (value & (1u << 7)) != 0;
            F = (value & (1u << 6)) != 0;
            T = (value & (1u << 5)) != 0;
            SwitchMode((Mode)(value & 0x1F));
        }
    }

    /// <summary>Sets CPSR.E (SETEND, exception entry, CPSR writes). Cached translations depend on it.</summary>
    public void SetBigEndian(bool bigEndian)
    {
        if (bigEndian == E)
            return;
        E = bigEndian;
        FlushTlb();
    }

    /// <summary>NZCV as bits 31:28.</summary>
    public uint Nzcv
    {
        get => (N ? 1u << 31 : 0) | (Z ? 1u << 30 : 0) | (C ? 1u << 29 : 0) | (V ? 1u << 28 : 0);
        set
        {
            N = (value & (1u << 31)) != 0;
            Z = (value & (1u << 30)) != 0;
            C = (value & (1u << 29)) != 0;
            V = (value & (1u << 28)) != 0;
        }
    }

    /// <summary>True in any mode but User (PL1 or higher).</summary>
    public bool Privileged => Mode != Mode.User;

    public static bool IsValidMode(uint m) => (Mode)m is Mode.User or Mode.Fiq or Mode.Irq or Mode.Supervisor
        or Mode.Monitor or Mode.Abort or Mode.Hyp or Mode.Undefined or Mode.System;

    /// <summary>True for modes that have an SPSR (all but User and System).</summary>
    public bool HasSpsr => Mode is not (Mode.User or Mode.System);

    /// <summary>SPSR of the current mode (reads as 0, writes ignored, in User and System mode).</summary>
    public uint Spsr
    {
        get => HasSpsr ? _bankedSpsr[BankOf(Mode)] : 0;
        set
        {
            if (HasSpsr)
                _bankedSpsr[BankOf(Mode)] = value;
        }
    }

    public uint GetSpsr(Mode m) => _bankedSpsr[BankOf(m)];
    public void SetSpsr(Mode m, uint value) => _bankedSpsr[BankOf(m)] = value;

    /// <summary>Reads register <paramref name="n"/> as seen in mode <paramref name="m"/> (banked MRS, SRS, LDM/STM ^).</summary>
    public uint GetBankedRegister(Mode m, int n)
    {
        if (m == Mode || n == 15 || n < 8)
            return R[n];
        if (n <= 12)
            return (m == Mode.Fiq) == (Mode == Mode.Fiq) ? R[n] : (m == Mode.Fiq ? _fiqR8to12[n - 8] : _usrR8to12[n - 8]);
        if (BankOf(m, n) == BankOf(Mode, n))
            return R[n];
        return n == 13 ? _bankedSp[BankOf(m)] : _bankedLr[BankOf(m, 14)];
    }

    /// <summary>Writes register <paramref name="n"/> as seen in mode <paramref name="m"/>.</summary>
    public void SetBankedRegister(Mode m, int n, uint value)
    {
        if (m == Mode || n == 15 || n < 8)
        {
            R[n] = value;
            return;
        }
        if (n <= 12)
        {
            if ((m == Mode.Fiq) == (Mode == Mode.Fiq))
                R[n] = value;
            else if (m == Mode.Fiq)
                _fiqR8to12[n - 8] = value;
            else
                _usrR8to12[n - 8] = value;
            return;
        }
        if (BankOf(m, n) == BankOf(Mode, n))
            R[n] = value;
        else if (n == 13)
            _bankedSp[BankOf(m)] = value;
        else
            _bankedLr[BankOf(m, 14)] = value;
    }

    /// <summary>Changes mode, swapping banked registers. Does not touch the other CPSR bits.</summary>
    public void SwitchMode(Mode newMode)
    {
        Mode old = Mode;
        if (newMode == old)
            return;
        int ob = BankOf(old), nb = BankOf(newMode);
        _bankedSp[ob] = R[13];
        _bankedLr[BankOf(old, 14)] = R[14];
        if ((old == Mode.Fiq) != (newMode == Mode.Fiq))
        {
            var save = old == Mode.Fiq ? _fiqR8to12 : _usrR8to12;
            var load = newMode == Mode.Fiq ? _fiqR8to12 : _usrR8to12;
            for (int i = 0; i < 5; i++)
            {
                save[i] = R[8 + i];
                R[8 + i] = load[i];
            }
        }
        R[13] = _bankedSp[nb];
        R[14] = _bankedLr[BankOf(newMode, 14)];
        Mode = newMode;
        OnPrivilegeChanged();
    }

    /// <summary>Register bank of a mode. Hyp mode banks SP and SPSR but shares LR with User.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int BankOf(Mode m, int reg = 13) => m switch
    {
        Mode.Fiq => 1,
        Mode.Irq => 2,
        Mode.Supervisor => 3,
        Mode.Abort => 4,
        Mode.Undefined => 5,
        Mode.Monitor => 6,
        Mode.Hyp => reg == 14 ? 0 : 7,
        _ => 0,
    };

    /// <summary>Puts the CPU in its reset state: SVC mode, interrupts masked, ARM state, PC = <paramref name="pc"/>.</summary>
    public void Reset(uint pc = 0)
    {
        Array.Clear(R);
        Array.Clear(D);
        Cpsr = (uint)Mode.Supervisor | (1u << 8) | (1u << 7) | (1u << 6);
        Fpscr = 0;
        Fpexc = 0;
        Sctlr = 0x00c50078;
        Vbar = 0;
        Cpacr = 0;
        ExclusiveArmed = false;
        Instructions = 0;
        ResetSystemRegisters();
        R[15] = pc;
        FlushBlocks();
    }
}
