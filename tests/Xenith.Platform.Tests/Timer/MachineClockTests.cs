namespace Xenith.Platform.Tests.Timer;

public class MachineClockTests
{
    private ulong _instructions;

    private MachineClock Deterministic() => MachineClock.Deterministic(() => _instructions);

    [Fact]
    public void Deterministic_time_is_five_eighths_of_a_tick_per_instruction()
    {
        var clock = Deterministic();
        Assert.True(clock.IsDeterministic);
        Assert.Equal(62_500_000UL, clock.Frequency);
        Assert.Equal(0UL, clock.Now);
        _instructions = 8;
        Assert.Equal(5UL, clock.Now);
        _instructions = 100_000_000; // one nominal second
        Assert.Equal(62_500_000UL, clock.Now);
        _instructions = 9;
        Assert.Equal(5UL, clock.Now); // floor(45 / 8)
    }

    [Fact]
    public void SkipTo_moves_time_forward_only()
    {
        var clock = Deterministic();
        _instructions = 80; // 50 ticks
        clock.SkipTo(1000);
        Assert.Equal(1000UL, clock.Now);
        clock.SkipTo(10); // in the past: no effect
        Assert.Equal(1000UL, clock.Now);
        _instructions = 160; // 50 more ticks of execution
        Assert.Equal(1050UL, clock.Now);
    }

    [Fact]
    public void InstructionsUntil_is_the_exact_count_to_reach_a_tick()
    {
        var clock = Deterministic();
        _instructions = 80; // Now = 50
        // Tick 100 needs 160 instructions (100 * 8 / 5), so 80 more.
        Assert.Equal(80L, clock.InstructionsUntil(100));
        // Tick 101 needs ceil(101 * 1.6) = 162 instructions.
        Assert.Equal(82L, clock.InstructionsUntil(101));
        _instructions += 82;
        Assert.Equal(101UL, clock.Now);
        _instructions -= 1;
        Assert.Equal(100UL, clock.Now);
        // Due or past: at least one instruction.
        Assert.Equal(1L, clock.InstructionsUntil(0));
        clock.SkipTo(500);
        Assert.Equal(1L, clock.InstructionsUntil(500));
        // 161 instructions are 100.625 ticks: the fraction carries over, so tick 501 is 1 instruction away
        // (162 instructions = 101.25) and tick 502 is 3 (164 instructions = 102.5).
        Assert.Equal(1L, clock.InstructionsUntil(501));
        Assert.Equal(3L, clock.InstructionsUntil(502));
    }

    [Fact]
    public void Real_time_clock_converts_ticks_and_never_bounds_a_run()
    {
        var clock = MachineClock.RealTime();
        Assert.False(clock.IsDeterministic);
        Assert.Equal(TimeSpan.FromSeconds(1), clock.ToTimeSpan(62_500_000));
        Assert.Equal(TimeSpan.FromMilliseconds(2), clock.ToTimeSpan(125_000));
        Assert.Equal(long.MaxValue, clock.InstructionsUntil(clock.Now + 1000));
        ulong a = clock.Now, b = clock.Now;
        Assert.True(b >= a);
    }
}
