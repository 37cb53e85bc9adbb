using Xenith.Cpu.Arm;

namespace Xenith.Platform;

/// <summary>
/// One CPU's generic timer (ARM ARM B8): the physical and virtual counters and their two PL1 timers.
/// Each timer's interrupt output is a level (ENABLE and ISTATUS and not IMASK) driven into this CPU's PPI.
/// </summary>
public sealed class GenericTimer : IGenericTimer
{
    // CNTKCTL bits that open registers to PL0.
    private const uint Pl0PctEn = 1u << 0, Pl0VctEn = 1u << 1, Pl0VtEn = 1u << 8, Pl0PtEn = 1u << 9;
    // EVNTI, EVNTDIR, EVNTEN and the four enables above: the writable part of CNTKCTL.
    private const uint CntkctlMask = 0x3FF;

    private readonly MachineClock _clock;
    private readonly Action<int, bool> _setPpi;
    private TimerChannel _physical, _virtual;
    private uint _cntkctl;
    private ulong _frequency;

    /// <param name="setPpi">Drives this CPU's timer PPIs (<see cref="BoardLayout.TimerPhysIrq"/>, <see cref="BoardLayout.TimerVirtIrq"/>).</param>
    public GenericTimer(MachineClock clock, Action<int, bool> setPpi)
    {
        _clock = clock;
        _setPpi = setPpi;
        _frequency = clock.Frequency;
    }

    /// <summary>CNTVOFF: the virtual count is the physical count minus this.</summary>
    public ulong VirtualOffset { get; set; }

    /// <summary>
    /// The earliest physical count at which an enabled, unmasked timer whose condition is not yet met
    /// will assert its interrupt; null if none will. A timer that is already firing is not listed: its
    /// output is already high and stays so until software writes to it.
    /// </summary>
    public ulong? NextDeadline
    {
        get
        {
            ulong pct = _clock.Now;
            ulong? best = null;
            if (_physical.Armed && pct < _physical.Cval)
                best = _physical.Cval;
            ulong vct = pct - VirtualOffset;
            if (_virtual.Armed && vct < _virtual.Cval)
            {
                ulong at = _virtual.Cval + VirtualOffset;
                if (best is null || at < best)
                    best = at;
            }
            return best;
        }
    }

    /// <summary>Recomputes both timers' conditions against the clock and drives the PPIs whose level changed.</summary>
    public void Update()
    {
        ulong pct = _clock.Now;
        Drive(ref _physical, pct, BoardLayout.TimerPhysIrq);
        Drive(ref _virtual, pct - VirtualOffset, BoardLayout.TimerVirtIrq);
    }

    public bool Read(TimerRegister register, bool pl0, out ulong value)
    {
        value = 0;
        if (pl0 && !Pl0MayAccess(register))
            return false;
        ulong pct = _clock.Now;
        ulong vct = pct - VirtualOffset;
        switch (register)
        {
            case TimerRegister.Cntfrq: value = _frequency & 0xFFFF_FFFF; break;
            case TimerRegister.Cntkctl: value = _cntkctl; break;
            case TimerRegister.Cntpct: value = pct; break;
            case TimerRegister.Cntvct: value = vct; break;
            case TimerRegister.CntpCval: value = _physical.Cval; break;
            case TimerRegister.CntvCval: value = _virtual.Cval; break;
            case TimerRegister.CntpTval: value = _physical.Tval(pct); break;
            case TimerRegister.CntvTval: value = _virtual.Tval(vct); break;
            case TimerRegister.CntpCtl: Update(); value = _physical.Ctl(pct); break;
            case TimerRegister.CntvCtl: Update(); value = _virtual.Ctl(vct); break;
            default: return false;
        }
        return true;
    }

    public bool Write(TimerRegister register, bool pl0, ulong value)
    {
        if (pl0 && !Pl0MayAccess(register))
            return false;
        // CNTFRQ is writable only at the highest implemented PL; with no Secure state modelled that is PL1 (as in QEMU).
        if (pl0 && register == TimerRegister.Cntfrq)
            return false;
        ulong pct = _clock.Now;
        ulong vct = pct - VirtualOffset;
        switch (register)
        {
            case TimerRegister.Cntfrq: _frequency = (uint)value; break;
            case TimerRegister.Cntkctl: _cntkctl = (uint)value & CntkctlMask; break;
            case TimerRegister.CntpCval: _physical.Cval = value; break;
            case TimerRegister.CntvCval: _virtual.Cval = value; break;
            case TimerRegister.CntpTval: _physical.SetTval(pct, (uint)value); break;
            case TimerRegister.CntvTval: _virtual.SetTval(vct, (uint)value); break;
            case TimerRegister.CntpCtl: _physical.SetCtl((uint)value); break;
            case TimerRegister.CntvCtl: _virtual.SetCtl((uint)value); break;
            // The counts are read-only: MCRR to them is UNDEFINED.
            default: return false;
        }
        Update();
        return true;
    }

    private bool Pl0MayAccess(TimerRegister register) => register switch
    {
        TimerRegister.Cntfrq => (_cntkctl & (Pl0PctEn | Pl0VctEn)) != 0,
        TimerRegister.Cntpct => (_cntkctl & Pl0PctEn) != 0,
        TimerRegister.Cntvct => (_cntkctl & Pl0VctEn) != 0,
        TimerRegister.CntpTval or TimerRegister.CntpCtl or TimerRegister.CntpCval => (_cntkctl & Pl0PtEn) != 0,
        TimerRegister.CntvTval or TimerRegister.CntvCtl or TimerRegister.CntvCval => (_cntkctl & Pl0VtEn) != 0,
        _ => false, // CNTKCTL is PL1 only
    };

    private void Drive(ref TimerChannel timer, ulong count, int irq)
    {
        bool level = timer.Armed && count >= timer.Cval;
        if (level == timer.Output)
            return;
        timer.Output = level;
        _setPpi(irq, level);
    }

    /// <summary>One timer: its compare value, control bits and the level last driven to the GIC.</summary>
    private struct TimerChannel
    {
        private const uint Enable = 1u << 0, IMask = 1u << 1, IStatus = 1u << 2;

        public ulong Cval;
        public uint Control; // ENABLE and IMASK only; ISTATUS is computed
        public bool Output;

        public readonly bool Enabled => (Control & Enable) != 0;

        /// <summary>Enabled and not masked: the condition being met raises the interrupt.</summary>
        public readonly bool Armed => (Control & (Enable | IMask)) == Enable;

        // TVAL is the low 32 bits of CVAL - count, read as a signed value by software.
        public readonly ulong Tval(ulong count) => (uint)(Cval - count);

        public void SetTval(ulong count, uint value) => Cval = count + (ulong)(long)(int)value;

        // ISTATUS reads as 0 while the timer is disabled (its value is UNKNOWN then; QEMU also reports 0).
        public readonly uint Ctl(ulong count) => Control | (Enabled && count >= Cval ? IStatus : 0);

        public void SetCtl(uint value) => Control = value & (Enable | IMask);
    }
}
