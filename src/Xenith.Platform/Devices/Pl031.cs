using Xenith.Memory;

namespace Xenith.Platform;

/// <summary>
/// ARM PrimeCell RTC (PL031): a seconds counter. RTCDR = the wall-clock time at machine start, in seconds
/// since the epoch, plus the machine clock's elapsed seconds, so deterministic runs read deterministic
/// dates. The match interrupt is evaluated whenever the device is touched and on <see cref="Update"/>;
/// the board may poll <see cref="NextDeadline"/> to call <see cref="Update"/> on time.
/// </summary>
public sealed class Pl031 : IMmioDevice
{
    private const int Dr = 0x00, Mr = 0x04, Lr = 0x08, Cr = 0x0C, Imsc = 0x10, Ris = 0x14, Mis = 0x18, Icr = 0x1C, IdBase = 0xFE0;

    /// <summary>Peripheral ID 0x00041031 and PrimeCell ID 0xB105F00D, a byte per word.</summary>
    private static ReadOnlySpan<byte> Ids => [0x31, 0x10, 0x14, 0x00, 0x0D, 0xF0, 0x05, 0xB1];

    private readonly MachineClock _clock;
    private readonly Action<bool> _setIrq;
    private uint _offset;   // RTCDR minus elapsed seconds
    private uint _match, _imsc, _load;
    private bool _ris, _irqOut;
    private uint _lastSeen; // RTCDR at the last match check

    public Pl031(MachineClock clock, Func<DateTimeOffset> wallClockAtStart, Action<bool> setIrq)
    {
        _clock = clock;
        _setIrq = setIrq;
        _offset = unchecked((uint)wallClockAtStart().ToUnixTimeSeconds() - ElapsedSeconds);
        _lastSeen = Counter;
    }

    /// <summary>The machine-clock count at which RTCDR next reaches RTCMR, or null if the match interrupt is masked.</summary>
    public ulong? NextDeadline
    {
        get
        {
            if (_imsc == 0 || _ris)
                return null;
            uint wait = _match - Counter; // seconds to go, modulo 2^32
            if (wait == 0)
                return null;
            ulong f = _clock.Frequency;
            return (_clock.Now / f + wait) * f;
        }
    }

    private uint ElapsedSeconds => (uint)(_clock.Now / _clock.Frequency);

    private uint Counter => unchecked(_offset + ElapsedSeconds);

    /// <summary>Raises the match interrupt if RTCDR has passed RTCMR since the last check.</summary>
    public void Update()
    {
        uint now = Counter;
        // The counter went through the match value if it lies in (last, now], counted modulo 2^32.
        if (now != _lastSeen && unchecked(_match - _lastSeen - 1) < unchecked(now - _lastSeen))
            _ris = true;
        _lastSeen = now;
        UpdateIrq();
    }

    public ulong Read(ulong offset, int size)
    {
        Update();
        uint value = ((int)offset & ~3) switch
        {
            Dr => Counter,
            Mr => _match,
            Lr => _load,
            Cr => 1, // the counter always runs: RTCCR.RTCStart reads as 1
            Imsc => _imsc,
            Ris => _ris ? 1u : 0,
            Mis => _ris && _imsc != 0 ? 1u : 0,
            int o and >= IdBase and < 0x1000 => Ids[(o - IdBase) / 4],
            _ => 0,
        };
        return size >= 4 ? value : value >> (int)(offset & 3) * 8 & (size == 1 ? 0xFFu : 0xFFFFu);
    }

    public void Write(ulong offset, int size, ulong value)
    {
        Update();
        uint v = (uint)value;
        switch ((int)offset & ~3)
        {
            case Mr: _match = v; break;
            case Lr:
                _load = v;
                _offset = unchecked(v - ElapsedSeconds);
                _lastSeen = Counter;
                break;
            case Imsc: _imsc = v & 1; break;
            case Icr: if ((v & 1) != 0) _ris = false; break;
            default: break; // RTCCR cannot stop the counter; the rest is read-only
        }
        UpdateIrq();
    }

    private void UpdateIrq()
    {
        bool level = _ris && _imsc != 0;
        if (level == _irqOut)
            return;
        _irqOut = level;
        _setIrq(level);
    }
}
