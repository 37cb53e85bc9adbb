namespace Xenith.Cpu.Arm;

/// <summary>Why an access faulted, before it is encoded in a DFSR/IFSR format.</summary>
public enum FaultStatus : byte
{
    None = 0,
    Alignment,
    ExternalAbort,
    TranslationSection,
    TranslationPage,
    AccessFlagSection,
    AccessFlagPage,
    DomainSection,
    DomainPage,
    PermissionSection,
    PermissionPage,
    DebugEvent,
}

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
        Ifsr = EncodeFaultStatus(FaultStatus.DebugEvent, write: false);
        TakeException(Mode.Abort, VectorPrefetchAbort, addr + 4, maskAsync: true, maskFiq: false);
    }

    /// <summary>A fetch from <paramref name="va"/> failed; raised when the block builder reaches it.</summary>
    private void RaisePrefetchAbort(uint va, FaultStatus status)
    {
        uint addr = R[15];
        Ifar = va;
        Ifsr = EncodeFaultStatus(status, write: false);
        if ((HostTraps & HostTraps.PrefetchAbort) != 0)
        {
            FaultAddress = va;
            ExitToHost(ExitReason.PrefetchAbort, addr);
            return;
        }
        TakeException(Mode.Abort, VectorPrefetchAbort, addr + 4, maskAsync: true, maskFiq: false);
    }

    /// <summary>A data access to <paramref name="va"/> faulted during the instruction executing now.</summary>
    public void RaiseDataAbort(uint va, bool write, FaultStatus status)
    {
        uint addr = CurrentInstructionAddress;
        Instructions--;
        Dfar = va;
        Dfsr = EncodeFaultStatus(status, write);
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

    /// <summary>Encodes a fault in the short-descriptor DFSR/IFSR format (FS[4] in bit 10, WnR in bit 11).</summary>
    private static uint EncodeFaultStatus(FaultStatus status, bool write)
    {
        uint fs = status switch
        {
            FaultStatus.Alignment => 0b00001,
            FaultStatus.DebugEvent => 0b00010,
            FaultStatus.AccessFlagSection => 0b00011,
            FaultStatus.TranslationSection => 0b00101,
            FaultStatus.AccessFlagPage => 0b00110,
            FaultStatus.TranslationPage => 0b00111,
            FaultStatus.ExternalAbort => 0b01000,
            FaultStatus.DomainSection => 0b01001,
            FaultStatus.DomainPage => 0b01011,
            FaultStatus.PermissionSection => 0b01101,
            FaultStatus.PermissionPage => 0b01111,
            _ => 0,
        };
        return (fs & 0xF) | ((fs >> 4) << 10) | (write ? 1u << 11 : 0);
    }
}
