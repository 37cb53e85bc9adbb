namespace Xenith.Platform.Tests.Devices;

public class Pl031Tests
{
    private const int Dr = 0x00, Mr = 0x04, Lr = 0x08, Cr = 0x0C, Imsc = 0x10, Ris = 0x14, Mis = 0x18, Icr = 0x1C;
    private const ulong InstructionsPerSecond = 100_000_000;
    private static readonly DateTimeOffset Start = new(2026, 11, 24, 23, 44, 5, TimeSpan.Zero); // 1795563845

    private ulong _instructions;
    private bool _irq;
    private readonly MachineClock _clock;
    private readonly Pl031 _rtc;

    public Pl031Tests()
    {
        _clock = MachineClock.Deterministic(() => _instructions);
        _rtc = new Pl031(_clock, () => Start, level => _irq = level);
    }

    private uint Read(int offset) => (uint)_rtc.Read((ulong)offset, 4);

    private void Write(int offset, uint value) => _rtc.Write((ulong)offset, 4, value);

    [Fact]
    public void Counter_is_the_start_time_plus_elapsed_seconds()
    {
        Assert.Equal(1_795_563_845u, Read(Dr));
        _instructions = 3 * InstructionsPerSecond - 1;
        Assert.Equal(1_795_563_847u, Read(Dr));
        _instructions++;
        Assert.Equal(1_795_563_848u, Read(Dr));
        Assert.Equal(1u, Read(Cr));
    }

    [Fact]
    public void Load_register_sets_the_counter()
    {
        _instructions = 5 * InstructionsPerSecond / 2; // 2.5 s
        Write(Lr, 1000);
        Assert.Equal(1000u, Read(Dr));
        Assert.Equal(1000u, Read(Lr));
        _clock.SkipTo(_clock.Now + 10 * _clock.Frequency);
        Assert.Equal(1010u, Read(Dr));
    }

    [Fact]
    public void Match_raises_the_interrupt_until_cleared()
    {
        Write(Lr, 100);
        Write(Mr, 102);
        Write(Imsc, 1);
        Assert.Equal(2UL * _clock.Frequency, _rtc.NextDeadline);
        _clock.SkipTo(_clock.Now + _clock.Frequency);
        _rtc.Update();
        Assert.False(_irq);
        _clock.SkipTo(_clock.Now + 5 * _clock.Frequency); // passes 102 without stopping on it
        _rtc.Update();
        Assert.True(_irq);
        Assert.Equal(1u, Read(Ris));
        Assert.Equal(1u, Read(Mis));
        Assert.Null(_rtc.NextDeadline);
        Write(Icr, 1);
        Assert.False(_irq);
        Assert.Equal(0u, Read(Ris));
    }

    [Fact]
    public void Identification_registers()
    {
        uint[] ids = new uint[8];
        for (int i = 0; i < 8; i++)
            ids[i] = Read(0xFE0 + i * 4);
        Assert.Equal([0x31u, 0x10, 0x14, 0x00, 0x0D, 0xF0, 0x05, 0xB1], ids);
    }
}
