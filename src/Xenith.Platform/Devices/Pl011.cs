using Xenith.Memory;

namespace Xenith.Platform;

/// <summary>
/// ARM PrimeCell UART (PL011, ARM DDI 0183) as Linux's amba-pl011 driver uses it. Transmission is
/// instant: the TX FIFO is always empty (FR.TXFE set, TXFF and BUSY clear), and, as in QEMU's model,
/// every byte written raises TXRIS (the FIFO has just drained below its trigger level). Received
/// bytes go into a 16-entry FIFO (1 entry while LCR_H.FEN is clear).
/// </summary>
public sealed class Pl011 : IMmioDevice
{
    // Register offsets (DDI 0183 table 3-1).
    private const int Dr = 0x00, Rsr = 0x04, Fr = 0x18, Ilpr = 0x20, Ibrd = 0x24, Fbrd = 0x28, LcrH = 0x2C, Cr = 0x30,
        Ifls = 0x34, Imsc = 0x38, Ris = 0x3C, Mis = 0x40, Icr = 0x44, Dmacr = 0x48, IdBase = 0xFE0;

    // Flag register bits.
    public const uint FrBusy = 1u << 3, FrRxfe = 1u << 4, FrTxff = 1u << 5, FrRxff = 1u << 6, FrTxfe = 1u << 7;
    // Interrupt bits of IMSC/RIS/MIS/ICR.
    public const uint IntRx = 1u << 4, IntTx = 1u << 5, IntRt = 1u << 6, IntOe = 1u << 10, IntAll = 0x7FF;

    private const uint LcrFen = 1u << 4;
    private const uint CrUartEn = 1u << 0, CrLbe = 1u << 7, CrTxe = 1u << 8;
    private const int FifoDepth = 16;

    /// <summary>Peripheral ID 0x00041011 (PL011 revision 1, designer ARM) and PrimeCell ID 0xB105F00D, a byte per word.</summary>
    private static ReadOnlySpan<byte> Ids => [0x11, 0x10, 0x14, 0x00, 0x0D, 0xF0, 0x05, 0xB1];

    private readonly Lock _gate = new();
    private readonly Action<byte> _transmit;
    private readonly Action<bool> _setIrq;
    private readonly byte[] _rxFifo = new byte[FifoDepth];
    private int _rxHead, _rxCount;
    private uint _rsr, _ilpr, _ibrd, _fbrd, _lcrH, _dmacr;
    private uint _cr = CrTxe | (1u << 9); // TXE and RXE set at reset
    private uint _ifls = 0x12;            // both FIFO triggers at half full
    private uint _imsc, _ris;
    private bool _irqOut;

    public Pl011(Action<byte> transmit, Action<bool> setIrq)
    {
        _transmit = transmit;
        _setIrq = setIrq;
    }

    /// <summary>The RX FIFO has room for another byte.</summary>
    public bool CanReceive
    {
        get
        {
            lock (_gate)
                return _rxCount < RxCapacity;
        }
    }

    private int RxCapacity => (_lcrH & LcrFen) != 0 ? FifoDepth : 1;

    // RXIFLSEL: the RX interrupt fires when the FIFO holds at least 1/8, 1/4, 1/2, 3/4 or 7/8 of its 16 entries.
    private int RxTrigger => (_lcrH & LcrFen) == 0 ? 1 : ((_ifls >> 3) & 7) switch { 0 => 2, 1 => 4, 2 => 8, 3 => 12, _ => 14 };

    /// <summary>
    /// A byte from the host; dropped when the FIFO is full (a caller that cares checks <see cref="CanReceive"/>).
    /// Safe to call from any thread.
    /// </summary>
    public void Receive(byte b)
    {
        lock (_gate)
        {
            if ((_cr & CrLbe) == 0) // in loopback the RX input is disconnected
                PutRx(b);
        }
    }

    public ulong Read(ulong offset, int size)
    {
        lock (_gate)
        {
            uint value = ReadRegister((int)offset & ~3);
            return size >= 4 ? value : value >> (int)(offset & 3) * 8 & (size == 1 ? 0xFFu : 0xFFFFu);
        }
    }

    public void Write(ulong offset, int size, ulong value)
    {
        uint v = (uint)value;
        if (((int)offset & ~3) == Dr)
        {
            // Send outside the lock so a slow console never holds up the input thread.
            byte b = (byte)v;
            _transmit(b);
            lock (_gate)
            {
                if ((_cr & CrLbe) != 0)
                    PutRx(b);
                _ris |= IntTx;
                UpdateIrq();
            }
            return;
        }
        lock (_gate)
            WriteRegister((int)offset & ~3, v);
    }

    private uint ReadRegister(int offset)
    {
        switch (offset)
        {
            case Dr: return ReadRx();
            case Rsr: return _rsr;
            case Fr:
                return FrTxfe | (_rxCount == 0 ? FrRxfe : 0) | (_rxCount >= RxCapacity ? FrRxff : 0);
            case Ilpr: return _ilpr;
            case Ibrd: return _ibrd;
            case Fbrd: return _fbrd;
            case LcrH: return _lcrH;
            case Cr: return _cr;
            case Ifls: return _ifls;
            case Imsc: return _imsc;
            case Ris: return _ris;
            case Mis: return _ris & _imsc;
            case Dmacr: return _dmacr;
            case >= IdBase and < 0x1000: return Ids[(offset - IdBase) / 4];
            default: return 0;
        }
    }

    private void WriteRegister(int offset, uint value)
    {
        switch (offset)
        {
            case Rsr: _rsr = 0; break; // UARTECR: any write clears the error flags
            case Ilpr: _ilpr = value & 0xFF; break;
            case Ibrd: _ibrd = value & 0xFFFF; break;
            case Fbrd: _fbrd = value & 0x3F; break;
            case LcrH: _lcrH = value & 0xFF; break;
            case Cr:
            {
                bool wasSending = IsTransmitting(_cr);
                _cr = value & 0xFF87;
                // The empty TX FIFO is below its trigger as soon as the transmitter is switched on.
                if (!wasSending && IsTransmitting(_cr))
                    _ris |= IntTx;
                break;
            }
            case Ifls: _ifls = value & 0x3F; break;
            case Imsc: _imsc = value & IntAll; break;
            case Icr: _ris &= ~value; break;
            case Dmacr: _dmacr = value & 7; break;
            default: break; // FR, RIS, MIS and the IDs are read-only
        }
        UpdateRx();
    }

    private static bool IsTransmitting(uint cr) => (cr & (CrUartEn | CrTxe)) == (CrUartEn | CrTxe);

    private uint ReadRx()
    {
        if (_rxCount == 0)
            return 0;
        byte b = _rxFifo[_rxHead];
        _rxHead = (_rxHead + 1) % FifoDepth;
        _rxCount--;
        UpdateRx();
        return b;
    }

    private void PutRx(byte b)
    {
        if (_rxCount >= RxCapacity)
        {
            _ris |= IntOe;
            _rsr |= 1u << 3; // overrun error
        }
        else
        {
            _rxFifo[(_rxHead + _rxCount) % FifoDepth] = b;
            _rxCount++;
            // The receive timeout is modelled as expiring at once: a FIFO below its trigger level raises RTRIS.
            _ris |= _rxCount >= RxTrigger ? IntRx : IntRt;
        }
        UpdateIrq();
    }

    /// <summary>RXRIS and RTRIS fall once the FIFO is drained below the trigger level or emptied.</summary>
    private void UpdateRx()
    {
        if (_rxCount < RxTrigger)
            _ris &= ~IntRx;
        if (_rxCount == 0)
            _ris &= ~IntRt;
        UpdateIrq();
    }

    private void UpdateIrq()
    {
        bool level = (_ris & _imsc) != 0;
        if (level == _irqOut)
            return;
        _irqOut = level;
        _setIrq(level);
    }
}
