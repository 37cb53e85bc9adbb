using System.Buffers.Binary;

namespace Xenith.Toolstack.Vchan;

/// <summary>
/// The transfer tests' payload (guest/xen/xfer.h): Marsaglia's xorshift32 (13, 17, 5) from a non-zero seed, each
/// successive state stored as a little-endian word, the first word being the state after one step. Produces and
/// checks the stream in pieces of any length.
/// </summary>
public sealed class Xorshift32Stream
{
    private uint _state;
    private uint _word;
    private int _used = 4;
    private byte[] _scratch = [];

    public Xorshift32Stream(uint seed)
    {
        if (seed == 0)
            throw new ArgumentOutOfRangeException(nameof(seed), "xorshift32 needs a non-zero seed");
        _state = seed;
    }

    /// <summary>Bytes produced (or checked) so far.</summary>
    public long Position { get; private set; }

    public static uint Next(uint x)
    {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        return x;
    }

    /// <summary>Writes the next destination.Length bytes of the stream.</summary>
    public void Fill(Span<byte> destination)
    {
        int i = 0;
        while (_used < 4 && i < destination.Length)
            destination[i++] = (byte)(_word >> (8 * _used++));
        for (; destination.Length - i >= 4; i += 4)
        {
            _state = Next(_state);
            BinaryPrimitives.WriteUInt32LittleEndian(destination[i..], _state);
        }
        if (i < destination.Length)
        {
            _state = Next(_state);
            _word = _state;
            _used = 0;
            while (i < destination.Length)
                destination[i++] = (byte)(_word >> (8 * _used++));
        }
        Position += destination.Length;
    }

    /// <summary>
    /// Checks data against the next data.Length bytes of the stream: returns how many bytes differ and the stream
    /// offset of the first (−1 when none).
    /// </summary>
    public int Verify(ReadOnlySpan<byte> data, out long firstMismatch)
    {
        long start = Position;
        if (_scratch.Length < data.Length)
            _scratch = new byte[data.Length];
        Span<byte> expected = _scratch.AsSpan(0, data.Length);
        Fill(expected);
        firstMismatch = -1;
        if (data.SequenceEqual(expected))
            return 0;
        int errors = 0;
        for (int i = 0; i < data.Length; i++)
        {
            if (data[i] == expected[i])
                continue;
            if (errors++ == 0)
                firstMismatch = start + i;
        }
        return errors;
    }
}
