using Xenith.Memory;

namespace Xenith.Platform;

/// <summary>
/// ARM Dual-Timer Module (SP804, ARM DDI 0271): two 32/16-bit down-counters clocked by TIMCLK (1 MHz, as on
/// the Versatile Express motherboard) with prescalers of 1, 16 and 256, in free-running, periodic or one-shot
/// mode. The counters are not stepped: each remembers its value at one instant and is computed from the
/// machine clock when looked at, so deterministic runs read deterministic values. Both interrupt outputs are
/// ORed into one line (TIMINTC), as on Versatile Express. The board calls <see cref="Update"/> after each
/// slice and includes <see cref="NextDeadline"/> in its idle skips and deterministic budgets.
/// </summary>
public sealed class Sp804 : IMmioDevice
{
    /// <summary>TIMCLK: the Versatile Express reference clock that drives both counters.</summary>
    public const ulong TimclkHz = 1_000_000;

    /// <summary>Timer 2's registers repeat timer 1's at this offset.</summary>
    private const int Timer2Base = 0x20;
    // Per-timer register offsets (DDI 0271 3.2).
    private const int Load = 0x00, Value = 0x04, Control = 0x08, IntClr = 0x0C, Ris = 0x10, Mis = 0x14, BgLoad = 0x18;
    private const int IdBase = 0xFE0;

    /// <summary>Peripheral ID 0x00141804 and PrimeCell ID 0xB105F00D, a byte per word.</summary>
    private static ReadOnlySpan<byte> Ids => [0x04, 0x18, 0x14, 0x00, 0x0D, 0xF0, 0x05, 0xB1];

    private readonly MachineClock _clock;
    private readonly Action<bool> _setIrq;
    private readonly Counter _timer1, _timer2;
    private bool _irqOut;

    public Sp804(MachineClock clock, Action<bool> setIrq)
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(setIrq);
        _clock = clock;
        _setIrq = setIrq;
        _timer1 = new Counter(clock);
        _timer2 = new Counter(clock);
    }

    /// <summary>
    /// The earliest machine-clock count at which a counter with its interrupt enabled and not already pending
    /// reaches zero; null if none will.
    /// </summary>
    public ulong? NextDeadline
    {
        get
        {
            ulong? a = _timer1.NextDeadline, b = _timer2.NextDeadline;
            return a is null ? b : b is null ? a : Math.Min(a.Value, b.Value);
        }
    }

    /// <summary>Brings both counters to the present, latching any zero they reached, and drives the interrupt line.</summary>
    public void Update()
    {
        _timer1.CatchUp();
        _timer2.CatchUp();
        UpdateIrq();
    }

    public ulong Read(ulong offset, int size)
    {
        int o = (int)offset & ~3;
        uint value;
        if (o >= IdBase && o < 0x1000)
        {
            value = Ids[(o - IdBase) / 4];
        }
        else if (o < 2 * Timer2Base)
        {
            Update();
            value = (o < Timer2Base ? _timer1 : _timer2).Read(o & (Timer2Base - 1));
        }
        else
        {
            value = 0; // TimerITCR/TimerITOP (integration test) and reserved space read as zero
        }
        return size >= 4 ? value : value >> (int)(offset & 3) * 8 & (size == 1 ? 0xFFu : 0xFFFFu);
    }

    public void Write(ulong offset, int size, ulong value)
    {
        int o = (int)offset & ~3;
        if (o >= 2 * Timer2Base)
            return; // integration test registers: the test mode is not modelled
        Update();
        (o < Timer2Base ? _timer1 : _timer2).Write(o & (Timer2Base - 1), (uint)value);
        UpdateIrq();
    }

    private void UpdateIrq()
    {
        bool level = _timer1.Interrupt || _timer2.Interrupt;
        if (level == _irqOut)
            return;
        _irqOut = level;
        _setIrq(level);
    }

    /// <summary>One of the two counters.</summary>
    private sealed class Counter(MachineClock clock)
    {
        // TimerXControl bits.
        private const uint OneShot = 1u << 0, Size32 = 1u << 1, PrescaleMask = 3u << 2, IntEnable = 1u << 5,
            Periodic = 1u << 6, Enable = 1u << 7;

        private readonly MachineClock _clock = clock;
        private uint _load;
        /// <summary>Reset value: interrupt enabled, free-running, 16-bit, counter stopped.</summary>
        private uint _control = IntEnable;
        private bool _ris;
        /// <summary>The counter held this value at prescaled tick <see cref="_originTick"/>; in 16-bit mode only
        /// the low half counts (see <see cref="Count"/>).</summary>
        private uint _originValue = 0xFFFF_FFFF;
        private ulong _originTick;

        public bool Interrupt => _ris && (_control & IntEnable) != 0;

        private bool Enabled => (_control & Enable) != 0;

        /// <summary>The value the counter wraps to after zero in free-running mode, and the width mask.</summary>
        private uint Max => (_control & Size32) != 0 ? 0xFFFF_FFFFu : 0xFFFFu;

        /// <summary>TIMCLK cycles per counter decrement: TimerPre 00 = 1, 01 = 16, 10 = 256 (11 is undefined; taken as 256).</summary>
        private ulong Divider => ((_control & PrescaleMask) >> 2) switch { 0 => 1ul, 1 => 16ul, _ => 256ul };

        /// <summary>What the counter reloads after reaching zero: Load in periodic mode, its maximum when free-running.</summary>
        private uint Reload => (_control & Periodic) != 0 ? _load & Max : Max;

        /// <summary>A one-shot counter that reached zero stays there until software reprograms it.</summary>
        private bool Halted => (_control & OneShot) != 0 && Count == 0;

        /// <summary>The count at the origin, at the current width.</summary>
        private uint Count => _originValue & Max;

        /// <summary>Counter decrements since the machine started, at the current prescaler: the counter's time base.</summary>
        private ulong Ticks(ulong machineTicks) =>
            (ulong)((UInt128)machineTicks * TimclkHz / (_clock.Frequency * Divider));

        /// <summary>The first machine-clock count at which <see cref="Ticks"/> reaches <paramref name="ticks"/>.</summary>
        private ulong MachineTicksAt(ulong ticks)
        {
            UInt128 scale = (UInt128)_clock.Frequency * Divider;
            UInt128 m = ((UInt128)ticks * scale + TimclkHz - 1) / TimclkHz;
            return m > ulong.MaxValue ? ulong.MaxValue : (ulong)m;
        }

        /// <summary>Decrements from the origin until the counter next reaches zero (a later zero than the origin's own).</summary>
        private ulong TicksToZero =>
            Count != 0 ? Count : (_control & OneShot) != 0 ? ulong.MaxValue : (ulong)Reload + 1;

        public ulong? NextDeadline
        {
            get
            {
                if (!Enabled || Halted || (_control & IntEnable) == 0 || _ris)
                    return null;
                return MachineTicksAt(_originTick + TicksToZero);
            }
        }

        /// <summary>Moves the origin to now: the counter's value then, and RIS if it reached zero on the way.</summary>
        public void CatchUp()
        {
            ulong now = Ticks(_clock.Now);
            if (!Enabled || Halted)
            {
                _originTick = now;
                return;
            }
            ulong elapsed = now - _originTick;
            if (elapsed == 0)
                return;
            ulong first = TicksToZero;
            if (elapsed >= first)
                _ris = true;
            _originValue = ValueAfter(elapsed);
            _originTick = now;
        }

        /// <summary>The count <paramref name="elapsed"/> decrements after the origin.</summary>
        private uint ValueAfter(ulong elapsed)
        {
            uint count = Count;
            if (elapsed <= count)
                return (uint)(count - elapsed);
            if ((_control & OneShot) != 0)
                return 0;
            // Past zero: the tick after zero loads the reload value, then counting goes on; period reload + 1.
            ulong period = (ulong)Reload + 1;
            ulong intoPeriod = (elapsed - count - 1) % period;
            return (uint)(Reload - intoPeriod);
        }

        public uint Read(int register) => register switch
        {
            Load or BgLoad => _load,
            Value => Count,
            Control => _control,
            Ris => _ris ? 1u : 0,
            Mis => Interrupt ? 1u : 0,
            _ => 0, // TimerXIntClr is write-only
        };

        /// <summary>A register write; the caller has brought the counter to the present first.</summary>
        public void Write(int register, uint value)
        {
            switch (register)
            {
                case Load:
                    // Load also restarts the count at once (BGLoad only changes the next reload). The counter
                    // keeps all 32 bits: Linux loads ~0 in 16-bit mode (its reset state), then selects 32-bit.
                    _load = value;
                    _originValue = value;
                    break;
                case BgLoad:
                    _load = value;
                    break;
                case Control:
                    _control = value & 0xEF; // bit 4 is reserved
                    // The prescaler may have changed: restart the time base at the current count.
                    _originTick = Ticks(_clock.Now);
                    break;
                case IntClr:
                    _ris = false;
                    break;
                default:
                    break; // Value, RIS and MIS are read-only
            }
        }
    }
}
