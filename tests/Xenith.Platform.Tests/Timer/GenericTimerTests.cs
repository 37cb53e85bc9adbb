using Xenith.Cpu.Arm;

namespace Xenith.Platform.Tests.Timer;

public class GenericTimerTests
{
    private ulong _instructions;
    private readonly List<(int Irq, bool Level)> _ppi = [];
    private readonly GenericTimer _timer;

    public GenericTimerTests()
    {
        var clock = MachineClock.Deterministic(() => _instructions);
        _timer = new GenericTimer(clock, (irq, level) => _ppi.Add((irq, level)));
    }

    // Moves the deterministic clock to an exact tick (8 instructions = 5 ticks).
    private void At(ulong ticks) => _instructions = ticks * 8 / 5;

    private ulong Read(TimerRegister r, bool pl0 = false)
    {
        Assert.True(_timer.Read(r, pl0, out ulong v));
        return v;
    }

    private void Write(TimerRegister r, ulong v) => Assert.True(_timer.Write(r, false, v));

    [Fact]
    public void Frequency_and_counts()
    {
        Assert.Equal(62_500_000UL, Read(TimerRegister.Cntfrq));
        At(1000);
        _timer.VirtualOffset = 400;
        Assert.Equal(1000UL, Read(TimerRegister.Cntpct));
        Assert.Equal(600UL, Read(TimerRegister.Cntvct));
        Assert.False(_timer.Write(TimerRegister.Cntvct, false, 5)); // counts are read-only
    }

    [Fact]
    public void Tval_is_a_signed_view_of_cval_minus_the_count()
    {
        At(1000);
        Write(TimerRegister.CntvTval, 100);
        Assert.Equal(1100UL, Read(TimerRegister.CntvCval));
        Assert.Equal(100UL, Read(TimerRegister.CntvTval));
        At(1300);
        Assert.Equal(0xFFFF_FF38UL, Read(TimerRegister.CntvTval)); // -200
        Write(TimerRegister.CntpTval, 0xFFFF_FFF0); // -16: sign-extended into CVAL
        Assert.Equal(1284UL, Read(TimerRegister.CntpCval));
    }

    [Fact]
    public void Istatus_and_the_ppi_follow_enable_imask_and_the_compare()
    {
        At(1000);
        Write(TimerRegister.CntvCval, 1100);
        Write(TimerRegister.CntvCtl, 1);
        Assert.Equal(1UL, Read(TimerRegister.CntvCtl)); // not yet
        Assert.Empty(_ppi);

        At(1100);
        _timer.Update();
        Assert.Equal([(27, true)], _ppi);
        Assert.Equal(5UL, Read(TimerRegister.CntvCtl)); // ENABLE | ISTATUS

        Write(TimerRegister.CntvCtl, 3); // IMASK: the condition stays, the output drops
        Assert.Equal(7UL, Read(TimerRegister.CntvCtl));
        Assert.Equal((27, false), _ppi[^1]);

        Write(TimerRegister.CntvCtl, 1);
        Assert.Equal((27, true), _ppi[^1]);
        Write(TimerRegister.CntvTval, 50); // new compare in the future: output falls
        Assert.Equal((27, false), _ppi[^1]);
        Write(TimerRegister.CntvCtl, 0xFF); // only ENABLE and IMASK are writable
        Assert.Equal(3UL, Read(TimerRegister.CntvCtl));
    }

    [Fact]
    public void Physical_timer_drives_ppi_30()
    {
        At(10);
        Write(TimerRegister.CntpCval, 5);
        Write(TimerRegister.CntpCtl, 1);
        Assert.Equal([(30, true)], _ppi);
        Write(TimerRegister.CntpCtl, 0);
        Assert.Equal((30, false), _ppi[^1]);
        Assert.Equal(0UL, Read(TimerRegister.CntpCtl)); // ISTATUS reads 0 while disabled
    }

    [Fact]
    public void NextDeadline_is_the_earliest_future_physical_count()
    {
        At(1000);
        Assert.Null(_timer.NextDeadline);
        _timer.VirtualOffset = 500;
        Write(TimerRegister.CntvCval, 1100); // virtual 1100 = physical 1600
        Write(TimerRegister.CntvCtl, 1);
        Write(TimerRegister.CntpCval, 2000);
        Write(TimerRegister.CntpCtl, 1);
        Assert.Equal(1600UL, _timer.NextDeadline);
        Write(TimerRegister.CntvCtl, 3); // masked: no interrupt to wait for
        Assert.Equal(2000UL, _timer.NextDeadline);
        At(2000);
        _timer.Update();
        Assert.Null(_timer.NextDeadline); // already firing
    }

    [Fact]
    public void Pl0_access_follows_cntkctl()
    {
        Assert.False(_timer.Read(TimerRegister.Cntvct, true, out _));
        Assert.False(_timer.Read(TimerRegister.Cntfrq, true, out _));
        Assert.False(_timer.Read(TimerRegister.Cntkctl, true, out _));
        Write(TimerRegister.Cntkctl, 0x2); // PL0VCTEN
        Assert.Equal(0x2UL, Read(TimerRegister.Cntkctl));
        Assert.True(_timer.Read(TimerRegister.Cntvct, true, out _));
        Assert.True(_timer.Read(TimerRegister.Cntfrq, true, out _));
        Assert.False(_timer.Read(TimerRegister.Cntpct, true, out _));
        Assert.False(_timer.Read(TimerRegister.CntvCtl, true, out _));
        Assert.False(_timer.Write(TimerRegister.Cntfrq, true, 1));
        Write(TimerRegister.Cntkctl, 0x301); // PL0PCTEN, PL0VTEN, PL0PTEN
        Assert.True(_timer.Read(TimerRegister.Cntpct, true, out _));
        Assert.True(_timer.Write(TimerRegister.CntvTval, true, 10));
        Assert.True(_timer.Write(TimerRegister.CntpCtl, true, 0));
        Assert.False(_timer.Write(TimerRegister.Cntkctl, true, 0));
        Write(TimerRegister.Cntkctl, 0xFFFF_FFFF);
        Assert.Equal(0x3FFUL, Read(TimerRegister.Cntkctl));
    }

    [Fact]
    public void Cntfrq_is_writable_at_pl1()
    {
        Write(TimerRegister.Cntfrq, 24_000_000);
        Assert.Equal(24_000_000UL, Read(TimerRegister.Cntfrq));
    }
}
