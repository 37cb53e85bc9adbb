namespace Xenith.Platform.Tests.Devices;

public class Pl011Tests
{
    private const int Dr = 0x00, Fr = 0x18, LcrH = 0x2C, Cr = 0x30, Ifls = 0x34, Imsc = 0x38, Ris = 0x3C, Mis = 0x40, Icr = 0x44;
    private const uint Rx = 1 << 4, Tx = 1 << 5, Rt = 1 << 6;

    private readonly List<byte> _sent = [];
    private bool _irq;
    private readonly Pl011 _uart;

    public Pl011Tests() => _uart = new Pl011(_sent.Add, level => _irq = level);

    private uint Read(int offset) => (uint)_uart.Read((ulong)offset, 4);

    private void Write(int offset, uint value) => _uart.Write((ulong)offset, 4, value);

    [Fact]
    public void Identification_and_reset_values()
    {
        uint[] ids = new uint[8];
        for (int i = 0; i < 8; i++)
            ids[i] = Read(0xFE0 + i * 4);
        Assert.Equal([0x11u, 0x10, 0x14, 0x00, 0x0D, 0xF0, 0x05, 0xB1], ids);
        Assert.Equal(0x90u, Read(Fr)); // TXFE | RXFE
        Assert.Equal(0x300u, Read(Cr));
        Assert.Equal(0x12u, Read(Ifls));
        Assert.Equal(0u, Read(Ris));
    }

    [Fact]
    public void Every_byte_sent_raises_the_tx_interrupt()
    {
        Write(Dr, 'h');
        Write(Dr, 0x169); // only the low 8 bits go out
        Assert.Equal("hi"u8.ToArray(), _sent);
        Assert.Equal(Tx, Read(Ris));
        Assert.False(_irq);
        Write(Imsc, Tx);
        Assert.True(_irq);
        Assert.Equal(Tx, Read(Mis));
        Write(Icr, Tx);
        Assert.False(_irq);
        Assert.Equal(0u, Read(Ris));
        Write(Dr, '!');
        Assert.True(_irq);
        Assert.Equal(0x90u, Read(Fr)); // never busy, never full
    }

    [Fact]
    public void Enabling_the_transmitter_raises_the_tx_interrupt()
    {
        Write(Cr, 0);
        Write(Icr, 0x7FF);
        Write(Cr, 0x301); // UARTEN | TXE | RXE
        Assert.Equal(Tx, Read(Ris));
    }

    [Fact]
    public void Receive_below_the_trigger_raises_timeout_then_rx_at_the_trigger()
    {
        Write(LcrH, 0x70); // 8 bits, FIFOs on
        Write(Imsc, Rx | Rt);
        _uart.Receive((byte)'a');
        Assert.True(_irq);
        Assert.Equal(Rt, Read(Ris));
        Assert.Equal(0x80u, Read(Fr)); // TXFE, RX not empty
        for (int i = 1; i < 8; i++)
            _uart.Receive((byte)('a' + i));
        Assert.Equal(Rx | Rt, Read(Ris)); // 8 bytes = half of 16 (IFLS RX 1/2)
        Assert.Equal((uint)'a', Read(Dr));
        Assert.Equal(Rt, Read(Ris)); // below the trigger again
        for (int i = 1; i < 8; i++)
            Assert.Equal((uint)('a' + i), Read(Dr));
        Assert.Equal(0u, Read(Ris));
        Assert.False(_irq);
        Assert.Equal(0x90u, Read(Fr));
    }

    [Fact]
    public void Fifo_holds_sixteen_and_overruns_after()
    {
        Write(LcrH, 0x70);
        for (int i = 0; i < 16; i++)
        {
            Assert.True(_uart.CanReceive);
            _uart.Receive((byte)i);
        }
        Assert.False(_uart.CanReceive);
        Assert.Equal(0xC0u, Read(Fr)); // TXFE | RXFF
        _uart.Receive(99);
        Assert.Equal(1u << 10, Read(Ris) & (1u << 10)); // overrun
        for (int i = 0; i < 16; i++)
            Assert.Equal((uint)i, Read(Dr));
        Assert.Equal(0x90u, Read(Fr));
    }

    [Fact]
    public void Without_fifo_one_byte_fills_the_receiver()
    {
        Write(Imsc, Rx);
        _uart.Receive(7);
        Assert.False(_uart.CanReceive);
        Assert.Equal(0xC0u, Read(Fr));
        Assert.True(_irq); // trigger level is 1
        Assert.Equal(7u, Read(Dr));
        Assert.False(_irq);
    }

    [Fact]
    public void Loopback_sends_transmitted_bytes_to_the_receiver()
    {
        Write(LcrH, 0x70);
        Write(Cr, 0x381);
        Write(Dr, 'x');
        Assert.Equal((uint)'x', Read(Dr));
    }

    [Fact]
    public void Byte_reads_of_the_id_registers()
    {
        Assert.Equal(0xB1UL, _uart.Read(0xFFC, 1));
        Assert.Equal(0x11UL, _uart.Read(0xFE0, 1));
    }
}
