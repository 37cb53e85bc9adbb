namespace Xenith.Cpu.Arm;

/// <summary>Why <see cref="ArmCpu.Run"/> returned to its caller (the host). Exits are values, never exceptions.</summary>
public enum ExitReason
{
    /// <summary>The instruction budget is used up.</summary>
    Budget,
    /// <summary>The host asked the CPU to stop (<see cref="ArmCpu.RequestExit"/>).</summary>
    Stop,
    /// <summary>HVC executed: PC is the next instruction, <see cref="ArmCpu.ExitImm"/> the immediate.</summary>
    Hvc,
    /// <summary>SMC executed: PC is the next instruction.</summary>
    Smc,
    /// <summary>WFI executed: PC is the next instruction; the CPU is idle until an interrupt.</summary>
    Wfi,
    /// <summary>WFE executed: PC is the next instruction.</summary>
    Wfe,
    /// <summary>SVC with SVC trapped to the host (<see cref="HostTraps.Svc"/>): PC is the next instruction.</summary>
    Svc,
    /// <summary>An undefined instruction with undefined trapped to the host: PC is that instruction.</summary>
    Undefined,
    /// <summary>BKPT with breakpoints trapped to the host: PC is that instruction.</summary>
    Breakpoint,
    /// <summary>A prefetch abort trapped to the host: PC is the instruction that could not be fetched.</summary>
    PrefetchAbort,
    /// <summary>A data abort trapped to the host: PC is the faulting instruction, <see cref="ArmCpu.FaultAddress"/> the address.</summary>
    DataAbort,
}

/// <summary>
/// Exceptions the host takes instead of the guest's vector table. HVC, SMC and WFI/WFE always exit;
/// the rest vector into the guest unless their bit is set (tests and bare-metal runners set them).
/// </summary>
[Flags]
public enum HostTraps
{
    None = 0,
    Svc = 1,
    Undefined = 2,
    Breakpoint = 4,
    PrefetchAbort = 8,
    DataAbort = 16,
    All = Svc | Undefined | Breakpoint | PrefetchAbort | DataAbort,
}
