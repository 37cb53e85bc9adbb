namespace Xenith.Cpu.Arm;

/// <summary>Exception entry (ARM ARM B1.8): vectors, modes, LR and SPSR; or an exit when the host traps it.</summary>
public sealed partial class ArmCpu
{
    private const uint VectorUndefined = 0x04, VectorSvc = 0x08, VectorPrefetchAbort = 0x0C,
        VectorDataAbort = 0x10, VectorIrq = 0x18, VectorFiq = 0x1C;

    /// <summary>Takes the Undefined Instruction exception for the instruction executing now.</summary>
    public void RaiseUndefined()
    {
        uint addr = CurrentInstructionAddress;
        if ((HostTraps & HostTraps.Undefined) != 0)
        {
            Instructions--;
            ExitToHost(ExitReason.Undefined, addr);
            return;
        }
        Instructions--;
        // LR is the instruction's address + 4 (A32) or + 2 (T32, for 16- and 32-bit encodings alike).
        TakeException(Mode.Undefined, VectorUndefined, addr + (T ? 2u : 4u), maskAsync: false, maskFiq: false);
    }

    /// <summary>
    /// The host decided that the 4-byte instruction at <paramref name="address"/>, which just exited to it (an HVC or
    /// SMC it does not serve), is UNDEFINED after all: takes the exception as if the instruction had not executed.
    /// <see cref="Instructions"/> keeps counting it, so instruction-driven time stays monotonic for the host.
    /// </summary>
    public void TakeUndefined(uint address)
    {
        R[15] = address + (T ? 4u : 8u); // as during execution: the instruction's address plus the PC offset
        RaiseUndefined();
        Instructions++; // RaiseUndefined un-counts the faulting instruction; the host already counted this one
    }

    /// <summary>SVC: the exception is taken after the instruction completes.</summary>
    public void RaiseSvc(uint imm)
    {
        uint next = CurrentInstructionAddress + (T ? 2u : 4u);
        if ((HostTraps & HostTraps.Svc) != 0)
        {
            ExitToHost(ExitReason.Svc, next, imm);
            return;
        }
        TakeException(Mode.Supervisor, VectorSvc, next, maskAsync: false, maskFiq: false);
    }

    /// <summary>BKPT: a prefetch abort with the debug-event status.</summary>
    public void RaiseBreakpoint(uint imm)
    {
        uint addr = CurrentInstructionAddress;
        Instructions--;
        if ((HostTraps & HostTraps.Breakpoint) != 0)
        {
            ExitToHost(ExitReason.Breakpoint, addr, imm);
            return;
        }
        Ifsr = EncodeFaultStatus(new Fault(FaultStatus.DebugEvent), write: false);
        TakeException(Mode.Abort, VectorPrefetchAbort, addr + 4, maskAsync: true, maskFiq: false);
    }

    /// <summary>A fetch from <paramref name="va"/> failed; raised when the block builder reaches it.</summary>
    private void RaisePrefetchAbort(uint va, FaultStatus status) => RaisePrefetchAbort(va, new Fault(status));

    private void RaisePrefetchAbort(uint va, Fault fault)
    {
        uint addr = R[15];
        Ifar = va;
        Ifsr = EncodeFaultStatus(fault, write: false);
        if ((HostTraps & HostTraps.PrefetchAbort) != 0)
        {
            FaultAddress = va;
            ExitToHost(ExitReason.PrefetchAbort, addr);
            return;
        }
        TakeException(Mode.Abort, VectorPrefetchAbort, addr + 4, maskAsync: true, maskFiq: false);
    }

    /// <summary>A data access to <paramref name="va"/> faulted during the instruction executing now.</summary>
    public void RaiseDataAbort(uint va, bool write, FaultStatus status) => RaiseDataAbort(va, write, new Fault(status));

    /// <summary>A data access to <paramref name="va"/> faulted during the instruction executing now, with the
    /// walk level and domain the fault status encodes.</summary>
    public void RaiseDataAbort(uint va, bool write, Fault fault)
    {
        uint addr = CurrentInstructionAddress;
        Instructions--;
        Dfar = va;
        Dfsr = EncodeFaultStatus(fault, write);
        FaultAddress = va;
        if ((HostTraps & HostTraps.DataAbort) != 0)
        {
            ExitToHost(ExitReason.DataAbort, addr);
            return;
        }
        TakeException(Mode.Abort, VectorDataAbort, addr + 8, maskAsync: true, maskFiq: false);
    }

    /// <summary>Takes an IRQ (or FIQ) before the instruction at PC; called between blocks by the platform.</summary>
    public void TakeInterrupt(bool fiq)
    {
        uint ret = R[15] + 4;
        if (fiq)
            TakeException(Mode.Fiq, VectorFiq, ret, maskAsync: true, maskFiq: true);
        else
            TakeException(Mode.Irq, VectorIrq, ret, maskAsync: true, maskFiq: false);
    }

    private void TakeException(Mode mode, uint vectorOffset, uint lr, bool maskAsync, bool maskFiq)
    {
        uint spsr = Cpsr;
        SwitchMode(mode);
        Spsr = spsr;
        R[14] = lr;
        I = true;
        if (maskAsync)
            A = true;
        if (maskFiq)
            F = true;
        IT = 0;
        T = (Sctlr & (1u << 30)) != 0; // SCTLR.TE
        SetBigEndian((Sctlr & (1u << 25)) != 0); // SCTLR.EE
        ExclusiveArmed = false;
        uint vbase = (Sctlr & (1u << 13)) != 0 ? 0xFFFF0000u : Vbar & ~0x1Fu; // SCTLR.V: high vectors
        R[15] = vbase + vectorOffset;
        _end = BlockEnd.Exception;
    }

    /// <summary>
    /// Encodes a fault as DFSR/IFSR in the format TTBCR.EAE selects (with the MMU on or off): the long format
    /// (bit 9 set, STATUS[5:0] with the lookup level) or the short format (FS[3:0], FS[4] in bit 10, the
    /// domain in bits 7:4). WnR is bit 11 in both.
    /// </summary>
    private uint EncodeFaultStatus(Fault fault, bool write)
    {
        uint v = LongDescriptors ? (1u << 9) | LongFaultStatus(fault) : ShortFaultStatus(fault);
        return write ? v | (1u << 11) : v;
    }

    /// <summary>Short-descriptor FS with the domain (ARM ARM B3.13.3): level 1 gives the section codes, level 2 the page codes.</summary>
    internal static uint ShortFaultStatus(Fault fault)
    {
        bool first = fault.Level <= 1;
        uint fs = fault.Status switch
        {
            FaultStatus.Alignment => 0b00001,
            FaultStatus.DebugEvent => 0b00010,
            FaultStatus.AccessFlag => first ? 0b00011u : 0b00110u,
            FaultStatus.Translation => first ? 0b00101u : 0b00111u,
            FaultStatus.ExternalAbort => 0b01000,
            FaultStatus.Domain => first ? 0b01001u : 0b01011u,
            FaultStatus.WalkExternalAbort => first ? 0b01100u : 0b01110u,
            FaultStatus.Permission => first ? 0b01101u : 0b01111u,
            _ => 0,
        };
        return (fs & 0xF) | ((fs >> 4) << 10) | ((uint)(fault.Domain & 0xF) << 4);
    }

    /// <summary>Long-descriptor STATUS[5:0] (ARM ARM B3.13.4): translation, access flag, permission and walk
    /// external abort carry the level in bits 1:0.</summary>
    internal static uint LongFaultStatus(Fault fault)
    {
        uint level = (uint)fault.Level & 3;
        return fault.Status switch
        {
            FaultStatus.Translation => 0b000100 | level,
            FaultStatus.AccessFlag => 0b001000 | level,
            FaultStatus.Permission => 0b001100 | level,
            FaultStatus.ExternalAbort => 0b010000,
            FaultStatus.WalkExternalAbort => 0b010100 | level,
            FaultStatus.Alignment => 0b100001,
            FaultStatus.DebugEvent => 0b100010,
            _ => 0,
        };
    }
}
