using System.Diagnostics;

namespace Xenith.Platform;

/// <summary>
/// The one clock of a machine, counted in generic-timer ticks (the CNTPCT rate). Every timer of the
/// machine (each CPU's generic timer, the RTC) reads it, so all of them agree on "now".
/// </summary>
/// <remarks>
/// Two modes. Real time follows the host's monotonic clock. Deterministic time is derived from the
/// number of instructions retired (a nominal 100 MIPS machine), plus whatever idle time the board
/// skipped while every CPU waited for an interrupt: two runs of the same program see the same times.
/// </remarks>
public sealed class MachineClock
{
    /// <summary>The nominal instruction rate that deterministic time assumes.</summary>
    public const ulong NominalInstructionsPerSecond = 100_000_000;

    private readonly Func<ulong>? _instructionsRetired;
    private readonly long _startTimestamp;
    private ulong _ticksSkipped;

    private MachineClock(ulong frequency, Func<ulong>? instructionsRetired)
    {
        ArgumentOutOfRangeException.ThrowIfZero(frequency);
        Frequency = frequency;
        _instructionsRetired = instructionsRetired;
        _startTimestamp = Stopwatch.GetTimestamp();
    }

    public static MachineClock RealTime(ulong frequency = BoardLayout.CounterFrequency) => new(frequency, null);

    /// <summary>Ticks = ticks skipped + instructions retired × frequency / 100 MHz (5/8 at 62.5 MHz).</summary>
    public static MachineClock Deterministic(Func<ulong> instructionsRetired, ulong frequency = BoardLayout.CounterFrequency)
    {
        ArgumentNullException.ThrowIfNull(instructionsRetired);
        return new(frequency, instructionsRetired);
    }

    public bool IsDeterministic => _instructionsRetired is not null;

    public ulong Frequency { get; }

    /// <summary>Counter ticks since the machine started; never goes backwards.</summary>
    public ulong Now
    {
        get
        {
            if (_instructionsRetired is { } retired)
                return _ticksSkipped + InstructionsToTicks(retired());
            ulong elapsed = (ulong)(Stopwatch.GetTimestamp() - _startTimestamp);
            return (ulong)((UInt128)elapsed * Frequency / (ulong)Stopwatch.Frequency);
        }
    }

    /// <summary>
    /// Deterministic mode: moves time forward to <paramref name="ticks"/> without running instructions
    /// (the board calls it when every CPU is idle, to jump to the next timer deadline). No effect when
    /// the clock is already there, or in real-time mode, where time passes on its own.
    /// </summary>
    public void SkipTo(ulong ticks)
    {
        if (!IsDeterministic)
            return;
        ulong now = Now;
        if (ticks > now)
            _ticksSkipped += ticks - now;
    }

    /// <summary>Converts a number of ticks to a wall duration (for sleeping until a deadline in real time).</summary>
    public TimeSpan ToTimeSpan(ulong ticks)
    {
        UInt128 hostTicks = (UInt128)ticks * TimeSpan.TicksPerSecond / Frequency;
        return hostTicks >= (UInt128)TimeSpan.MaxValue.Ticks ? TimeSpan.MaxValue : TimeSpan.FromTicks((long)hostTicks);
    }

    /// <summary>
    /// Deterministic mode: how many more instructions must retire before <see cref="Now"/> reaches
    /// <paramref name="ticks"/> (at least 1, so a caller always makes progress). Real time: <see cref="long.MaxValue"/>.
    /// </summary>
    public long InstructionsUntil(ulong ticks)
    {
        if (_instructionsRetired is not { } retired)
            return long.MaxValue;
        ulong done = retired();
        ulong now = _ticksSkipped + InstructionsToTicks(done);
        if (ticks <= now)
            return 1;
        // Smallest instruction count whose tick value reaches the target (ceiling of the inverse map).
        UInt128 target = ticks - _ticksSkipped;
        UInt128 needed = (target * NominalInstructionsPerSecond + Frequency - 1) / Frequency;
        UInt128 more = needed - done;
        return more >= long.MaxValue ? long.MaxValue : Math.Max(1, (long)more);
    }

    private ulong InstructionsToTicks(ulong instructions) =>
        (ulong)((UInt128)instructions * Frequency / NominalInstructionsPerSecond);
}
