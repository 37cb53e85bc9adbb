namespace Xenith.Cpu.Arm;

/// <summary>The CP15 registers of the generic timer (ARM ARM B8), as the CPU forwards them.</summary>
public enum TimerRegister : byte
{
    /// <summary>CNTFRQ (MRC p15, 0, c14, c0, 0).</summary>
    Cntfrq,
    /// <summary>CNTKCTL (c14, c1, 0): PL0 access controls.</summary>
    Cntkctl,
    /// <summary>CNTP_TVAL (c14, c2, 0), a signed 32-bit view of CVAL minus the count.</summary>
    CntpTval,
    /// <summary>CNTP_CTL (c14, c2, 1): ENABLE, IMASK, ISTATUS.</summary>
    CntpCtl,
    CntvTval,
    CntvCtl,
    /// <summary>CNTPCT (MRRC p15, 0, c14).</summary>
    Cntpct,
    /// <summary>CNTVCT (MRRC p15, 1, c14).</summary>
    Cntvct,
    /// <summary>CNTP_CVAL (MRRC/MCRR p15, 2, c14).</summary>
    CntpCval,
    /// <summary>CNTV_CVAL (MRRC/MCRR p15, 3, c14).</summary>
    CntvCval,
}

/// <summary>
/// One CPU's generic timer, owned by the platform (it needs the machine clock and an interrupt line).
/// The CPU forwards MRC/MCR/MRRC/MCRR of the timer registers here; false makes the access UNDEFINED
/// (for example a PL0 access that CNTKCTL does not allow).
/// </summary>
public interface IGenericTimer
{
    bool Read(TimerRegister register, bool pl0, out ulong value);

    bool Write(TimerRegister register, bool pl0, ulong value);
}
