using System.Text;
using Xenith.Memory;

namespace Xenith.Boot;

/// <summary>
/// The smallest PL011 a bare-metal program can print through: bytes written to the data register
/// (offset 0) are collected, and optionally echoed; the flag register (0x18) reads 0, i.e. the
/// transmit FIFO is never full. Every other register reads 0 and ignores writes.
/// </summary>
public sealed class ConsoleUart(TextWriter? echo = null) : IMmioDevice
{
    public const ulong Size = 0x1000;

    private readonly List<byte> _output = [];

    /// <summary>Everything written so far, as text.</summary>
    public string Output => Encoding.UTF8.GetString(_output.ToArray());

    public ulong Read(ulong offset, int size) => 0;

    public void Write(ulong offset, int size, ulong value)
    {
        if (offset != 0)
            return;
        byte b = (byte)value;
        _output.Add(b);
        echo?.Write((char)b);
    }
}
