namespace Xenith.Platform.Tests.Devices;

/// <summary>The SP804 dual timer against DDI 0271, on a deterministic clock (100 instructions per TIMCLK microsecond).</summary>
public class Sp804Tests
{
    private const int Load = 0x00, Value = 0x04, Control = 0x08, IntClr = 0x0C, Ris = 0x10, Mis = 0x14, BgLoad = 0x18;
    private const int Timer2 = 0x20;
    // TimerXControl bits.
    private const uint OneShot = 1, Size32 = 2, Prescale16 = 1u << 2, IntEnable = 1u << 5, Periodic = 1u << 6, Enable = 1u << 7;

    private ulong _instructions;
    private bool _irq;
    private int _irqEdges;
    private readonly MachineClock _clock;
    private readonly Sp804 _timer;

    public Sp804Tests()
    {
        _clock = MachineClock.Deterministic(() => _instructions);
        _timer = new Sp804(_clock, level =>
        {
            _irq = level;
            _irqEdges++;
        });
        At(0);
    }

    /// <summary>Moves the clock to <paramref name="us"/> TIMCLK cycles after start (plus a few instructions, so
    /// that the 5/8 tick rounding of the deterministic clock never lands just short of the cycle).</summary>
    private void At(ulong us) => _instructions = us * 100 + 8;

    private uint Read(int offset) => (uint)_timer.Read((ulong)offset, 4);

    private void Write(int offset, uint value) => _timer.Write((ulong)offset, 4, value);

    [Fact]
    public void Identification_and_reset_values()
    {
        uint[] ids = [.. Enumerable.Range(0, 8).Select(i => Read(0xFE0 + 4 * i))];
        Assert.Equal([0x04u, 0x18, 0x14, 0x00, 0x0D, 0xF0, 0x05, 0xB1], ids);
        Assert.Equal(0x20u, Read(Control)); // IntEnable set, everything else clear
        Assert.Equal(0x20u, Read(Timer2 + Control));
        Assert.Equal(0u, Read(Load));
        Assert.Equal(0xFFFFu, Read(Value)); // 16-bit at reset: the low half of 0xFFFFFFFF
        Assert.Equal(0u, Read(Ris));
        Assert.Null(_timer.NextDeadline);
    }

    [Fact]
    public void Periodic_counts_down_interrupts_at_zero_and_reloads_on_the_next_cycle()
    {
        Write(Load, 10);
        Write(Control, Enable | Periodic | Size32 | IntEnable);
        Assert.Equal(10u, Read(Value));
        At(3);
        Assert.Equal(7u, Read(Value));
        _timer.Update();
        Assert.False(_irq);
        At(10);
        _timer.Update();
        Assert.Equal(0u, Read(Value));
        Assert.True(_irq);
        Assert.Equal(1u, Read(Ris));
        Assert.Equal(1u, Read(Mis));
        At(11);
        Assert.Equal(10u, Read(Value)); // period = Load + 1 cycles
        Write(IntClr, 1);
        Assert.False(_irq);
        Assert.Equal(0u, Read(Ris));
        At(20);
        _timer.Update();
        Assert.False(_irq);
        At(21); // zero again after another 11 cycles
        _timer.Update();
        Assert.True(_irq);
    }

    [Fact]
    public void Free_running_16_bit_wraps_to_ffff_and_keeps_only_the_low_half_of_load()
    {
        Write(Load, 0x1_0005);
        Assert.Equal(5u, Read(Value));
        Write(Control, Enable | IntEnable); // free-running, 16-bit
        At(5);
        _timer.Update();
        Assert.Equal(0u, Read(Value));
        Assert.True(_irq);
        At(6);
        Assert.Equal(0xFFFFu, Read(Value));
        At(6 + 0xFFFF);
        Assert.Equal(0u, Read(Value));
        Assert.Equal(0x1_0005u, Read(Load));
    }

    [Fact]
    public void One_shot_interrupts_once_and_halts_at_zero_until_reloaded()
    {
        Write(Load, 4);
        Write(Control, Enable | OneShot | Size32 | IntEnable);
        Assert.Equal(4ul * 125 / 2, _timer.NextDeadline); // 4 us at 62.5 MHz
        At(100);
        _timer.Update();
        Assert.True(_irq);
        Assert.Equal(0u, Read(Value));
        Write(IntClr, 1);
        Assert.Null(_timer.NextDeadline);
        At(10_000);
        _timer.Update();
        Assert.False(_irq);
        Assert.Equal(0u, Read(Value));
        Assert.Equal(Enable | OneShot | Size32 | IntEnable, Read(Control));

        Write(Load, 50); // reprogramming restarts it
        Assert.Equal(50u, Read(Value));
        At(10_050);
        _timer.Update();
        Assert.True(_irq);
    }

    [Fact]
    public void Prescaler_divides_timclk_by_16()
    {
        Write(Load, 2);
        Write(Control, Enable | Periodic | Size32 | Prescale16 | IntEnable);
        At(15);
        Assert.Equal(2u, Read(Value));
        At(16);
        Assert.Equal(1u, Read(Value));
        Assert.Equal(32ul * 125 / 2, _timer.NextDeadline); // zero after 2 x 16 cycles
    }

    [Fact]
    public void Bgload_sets_the_next_reload_without_touching_the_count()
    {
        Write(Load, 100);
        Write(Control, Enable | Periodic | Size32);
        At(10);
        Write(BgLoad, 5);
        Assert.Equal(90u, Read(Value));
        Assert.Equal(5u, Read(Load));
        At(101);
        Assert.Equal(5u, Read(Value)); // reached 0 at 100, reloaded the background value
        At(107);
        Assert.Equal(5u, Read(Value)); // 0 at 106, 5 again at 107: the new period is 6
    }

    [Fact]
    public void Masked_interrupt_is_raw_only_and_sets_no_deadline()
    {
        Write(Load, 3);
        Write(Control, Enable | Periodic | Size32);
        Assert.Null(_timer.NextDeadline);
        At(3);
        _timer.Update();
        Assert.Equal(1u, Read(Ris));
        Assert.Equal(0u, Read(Mis));
        Assert.False(_irq);
        Write(Control, Enable | Periodic | Size32 | IntEnable); // unmasking the pending interrupt raises the line
        Assert.True(_irq);
    }

    [Fact]
    public void Stopped_counter_holds_its_value()
    {
        Write(Load, 1000);
        Write(Control, Enable | Size32);
        At(300);
        Write(Control, Size32);
        At(900);
        Assert.Equal(700u, Read(Value));
        Write(Control, Enable | Size32);
        At(1000);
        Assert.Equal(600u, Read(Value));
    }

    [Fact]
    public void Timer_2_is_independent_and_both_drive_the_one_line()
    {
        Write(Load, 1000);
        Write(Control, Enable | Periodic | Size32 | IntEnable);
        Write(Timer2 + Load, 20);
        Write(Timer2 + Control, Enable | OneShot | Size32 | IntEnable);
        Assert.Equal(20ul * 125 / 2, _timer.NextDeadline);
        At(20);
        _timer.Update();
        Assert.True(_irq);
        Assert.Equal(1u, Read(Timer2 + Mis));
        Assert.Equal(0u, Read(Mis));
        Assert.Equal(980u, Read(Value));
        Assert.Equal(1000ul * 125 / 2, _timer.NextDeadline); // timer 2 is pending, timer 1 is next
        Write(Timer2 + IntClr, 1);
        Assert.False(_irq);
        At(1000);
        _timer.Update();
        Assert.True(_irq);
        Assert.Equal(1u, Read(Mis));
        Assert.Equal(3, _irqEdges);
    }

    [Fact]
    public void Linux_clocksource_setup_reads_a_free_running_down_count()
    {
        // drivers/clocksource/timer-sp804.c: ctrl 0, load and value ~0, then 32-bit periodic, no interrupt.
        Write(Timer2 + Control, 0);
        Write(Timer2 + Load, 0xFFFF_FFFF);
        Write(Timer2 + Value, 0xFFFF_FFFF);
        Write(Timer2 + Control, Size32 | Enable | Periodic);
        At(123_456);
        Assert.Equal(0xFFFF_FFFFu - 123_456, Read(Timer2 + Value));
        Assert.Null(_timer.NextDeadline);
    }

    [Fact]
    public void Byte_reads_pick_the_addressed_byte()
    {
        Assert.Equal(0xF0ul, _timer.Read(0xFF4, 1));
        Write(Load, 0x1234_5678);
        Assert.Equal(0x34ul, _timer.Read(Load + 2, 1));
        Assert.Equal(0x1234ul, _timer.Read(Load + 2, 2));
    }
}
