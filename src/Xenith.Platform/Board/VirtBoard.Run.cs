using Xenith.Cpu.Arm;

namespace Xenith.Platform.Board;

/// <summary>The run loop: every CPU on this one host thread, in turn, and idling without spinning.</summary>
public sealed partial class VirtBoard
{
    /// <summary>Instructions a CPU runs before the next one gets its turn.</summary>
    public const long Quantum = 20_000;

    /// <summary>Set from any thread by an interrupt line going high, input, or cancellation: ends an idle wait.</summary>
    private readonly AutoResetEvent _wake = new(false);
    private BoardExit? _exit;
    private volatile bool _waitForInputWhenIdle;

    /// <summary>
    /// Deterministic mode only: when every CPU waits for an interrupt and no timer is armed, wait for host input
    /// (the console sets this while its input is open) instead of failing with "all CPUs idle with no timer".
    /// </summary>
    public bool WaitForInputWhenIdle
    {
        get => _waitForInputWhenIdle;
        set
        {
            _waitForInputWhenIdle = value;
            SignalWake();
        }
    }

    /// <summary>
    /// Runs the machine until PSCI SYSTEM_OFF or SYSTEM_RESET, until every CPU is off, or until
    /// <paramref name="cancel"/> fires. Throws <see cref="BoardException"/> when the machine can never
    /// continue (deterministic mode, every CPU idle, no timer armed, no input expected).
    /// </summary>
    public BoardExit Run(CancellationToken cancel = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _exit = null;
        using var registration = cancel.Register(() =>
        {
            foreach (var cpu in _cpus)
                cpu.RequestExit();
            SignalWake();
        });
        while (true)
        {
            bool ranAny = false;
            for (int i = 0; i < _cpus.Length; i++)
            {
                if (cancel.IsCancellationRequested)
                    return BoardExit.Cancelled;
                if (_power[i] == CpuPower.Sleeping && IsWakeupPending(i))
                    _power[i] = CpuPower.Running;
                if (_power[i] != CpuPower.Running)
                    continue;
                ranAny = true;
                RunSlice(i);
                if (_exit is { } exit)
                    return exit;
            }
            if (cancel.IsCancellationRequested)
                return BoardExit.Cancelled;
            if (Array.IndexOf(_power, CpuPower.Running) < 0 && Array.IndexOf(_power, CpuPower.Sleeping) < 0)
                return BoardExit.AllCpusOff;
            if (!ranAny)
                Idle(cancel);
        }
    }

    private void RunSlice(int i)
    {
        ArmCpu cpu = _cpus[i];
        Gic.CurrentCpu = i;
        long budget = Quantum;
        // Deterministic time moves with instructions: stop the slice where the next timer fires so the
        // interrupt arrives at the same instruction on every run.
        if (Clock.IsDeterministic && NextDeadline() is ulong deadline)
            budget = Math.Min(budget, Clock.InstructionsUntil(deadline));
        ExitReason reason = cpu.Run(budget);
        UpdateTimers();
        switch (reason)
        {
            case ExitReason.Budget:
            case ExitReason.Stop:
                break;
            case ExitReason.Hvc when !cpu.Profile.HasVirtualization:
                // The CPU hands every HVC to the host (a hypervisor may take them from any profile); on this
                // board a CPU without the Virtualization Extensions finds HVC UNDEFINED, as on silicon.
                UndefinedAfterExit(i);
                break;
            case ExitReason.Hvc:
            case ExitReason.Smc:
                if (cpu.ExitImm == 0)
                    _psci.Handle(cpu);
                else
                    UndefinedAfterExit(i);
                break;
            case ExitReason.Wfi:
                if (!IsWakeupPending(i))
                    _power[i] = CpuPower.Sleeping;
                break;
            case ExitReason.Wfe:
                // A hint: the architecture allows WFE to return at once. Yielding lets the CPU the
                // waiter spins on (a lock holder) run.
                break;
            default:
                // The board traps nothing to the host (HostTraps.None): these exits cannot happen.
                throw new BoardException($"CPU {i} stopped with {reason} at PC 0x{cpu.Pc:x8}");
        }
        // One host thread interleaves the CPUs: a LDREX on one CPU and its STREX after another CPU ran
        // would otherwise succeed even if the other CPU wrote the location. Clearing the monitor at each
        // switch makes the STREX fail and the guest retry, as a real monitor would after a conflicting store.
        if (_cpus.Length > 1)
            cpu.ExclusiveArmed = false;
    }

    /// <summary>
    /// HVC or SMC with an immediate other than 0 is not a call the board's firmware knows: the CPU takes
    /// the Undefined Instruction exception on it, as it would with no hypervisor or monitor present.
    /// (The exit left PC after the 4-byte instruction.)
    /// </summary>
    private void UndefinedAfterExit(int i) => _cpus[i].TakeUndefined(_cpus[i].Pc - 4);

    private bool IsWakeupPending(int i) => Gic.IsWakeupPending(i) || _cpus[i].IrqLine || _cpus[i].FiqLine;

    private void UpdateTimers()
    {
        foreach (var timer in _timers)
            timer?.Update();
        DualTimer?.Update();
    }

    /// <summary>The earliest future deadline of any CPU's timers and of the dual timer, in counter ticks.</summary>
    private ulong? NextDeadline()
    {
        ulong? best = DualTimer?.NextDeadline;
        foreach (var timer in _timers)
        {
            if (timer?.NextDeadline is ulong d && (best is null || d < best))
                best = d;
        }
        return best;
    }

    /// <summary>Every online CPU waits for an interrupt: move time on to the next event.</summary>
    private void Idle(CancellationToken cancel)
    {
        // In real time a deadline can pass between the last slice and now: NextDeadline no longer lists a
        // timer that has fired, so take the deadline first, then let the timers raise what is due.
        ulong? deadline = NextDeadline();
        UpdateTimers();
        for (int i = 0; i < _cpus.Length; i++)
        {
            if (_power[i] == CpuPower.Sleeping && IsWakeupPending(i))
                return;
        }
        if (Clock.IsDeterministic)
        {
            if (deadline is ulong d)
            {
                Clock.SkipTo(d);
            }
            else if (_waitForInputWhenIdle)
            {
                WaitHandle.WaitAny([_wake, cancel.WaitHandle]);
            }
            else
            {
                throw new BoardException("all CPUs idle with no timer: " + string.Join(", ",
                    Enumerable.Range(0, _cpus.Length).Where(i => _power[i] == CpuPower.Sleeping)
                        .Select(i => $"CPU {i} in WFI at PC 0x{_cpus[i].Pc:x8}")));
            }
        }
        else
        {
            TimeSpan wait = Timeout.InfiniteTimeSpan;
            if (deadline is ulong d)
            {
                ulong now = Clock.Now;
                // WaitAny counts whole milliseconds: round up, or a deadline less than 1 ms away would spin.
                // At most int.MaxValue ms; a later deadline just means another wait.
                double ms = d > now ? Math.Ceiling(Clock.ToTimeSpan(d - now).TotalMilliseconds) : 0;
                wait = TimeSpan.FromMilliseconds(Math.Min(ms, int.MaxValue));
            }
            WaitHandle.WaitAny([_wake, cancel.WaitHandle], wait);
        }
        UpdateTimers();
    }

    private void SignalWake()
    {
        try
        {
            _wake.Set();
        }
        catch (ObjectDisposedException)
        {
            // Input or an interrupt raced with Dispose: nobody is waiting any more.
        }
    }
}
