using System.Diagnostics;

namespace Xenith.Toolstack.Vchan;

public sealed partial class VchanEndpoint
{
    /// <summary>
    /// libxenvchan_read: up to buffer.Length bytes. Blocking: waits for at least one byte. Returns 0 when nothing is
    /// available (non-blocking) or at end of stream (the peer closed or vanished and the ring is drained): check
    /// <see cref="EndOfStream"/> to tell them apart when not blocking.
    /// </summary>
    public int Read(Span<byte> buffer, CancellationToken cancellationToken = default)
    {
        ThrowIfClosedHere();
        if (buffer.IsEmpty)
            return 0;
        long start = Stopwatch.GetTimestamp();
        while (true)
        {
            int ready = FastDataReady(buffer.Length);
            if (ready > 0)
            {
                int n = Math.Min(ready, buffer.Length);
                DoRecv(buffer[..n]);
                return n;
            }
            if (!IsOpen || !Blocking)
                return 0;
            WaitOnce(start, cancellationToken);
        }
    }

    /// <summary>
    /// libxenvchan_write: non-blocking, writes what fits now and returns that count (0 when the ring is full);
    /// blocking, writes all of data. Throws <see cref="VchanClosedException"/> (with the bytes already sent) when the
    /// vchan is closed before or during the call.
    /// </summary>
    public int Write(ReadOnlySpan<byte> data, CancellationToken cancellationToken = default)
    {
        ThrowIfClosedHere();
        if (!IsOpen)
            throw new VchanClosedException("vchan peer has closed", 0);
        if (!Blocking)
        {
            int n = Math.Min(FastBufferSpace(data.Length), data.Length);
            if (n > 0)
                DoSend(data[..n]);
            return n;
        }
        long start = Stopwatch.GetTimestamp();
        int pos = 0;
        while (true)
        {
            int n = Math.Min(FastBufferSpace(data.Length - pos), data.Length - pos);
            if (n > 0)
            {
                DoSend(data.Slice(pos, n));
                pos += n;
            }
            if (pos == data.Length)
                return pos;
            WaitOnce(start, cancellationToken);
            if (!IsOpen)
                throw new VchanClosedException($"vchan peer closed after {pos} of {data.Length} bytes were written", pos);
        }
    }

    /// <summary>
    /// libxenvchan_send: all of data or nothing. Non-blocking returns 0 when it does not fit now; blocking waits for
    /// room, and data larger than the ring is an error.
    /// </summary>
    public int Send(ReadOnlySpan<byte> data, CancellationToken cancellationToken = default)
    {
        ThrowIfClosedHere();
        long start = Stopwatch.GetTimestamp();
        while (true)
        {
            if (!IsOpen)
                throw new VchanClosedException("vchan peer has closed", 0);
            if (FastBufferSpace(data.Length) >= data.Length)
            {
                DoSend(data);
                return data.Length;
            }
            if (!Blocking)
                return 0;
            if (data.Length > _write.Size)
                throw new ArgumentException($"a {data.Length}-byte message cannot fit a {_write.Size}-byte ring", nameof(data));
            WaitOnce(start, cancellationToken);
        }
    }

    /// <summary>
    /// libxenvchan_recv: exactly buffer.Length bytes or nothing. Non-blocking returns 0 when fewer are ready;
    /// blocking waits. Throws <see cref="VchanClosedException"/> when the peer closes first.
    /// </summary>
    public int Recv(Span<byte> buffer, CancellationToken cancellationToken = default)
    {
        ThrowIfClosedHere();
        long start = Stopwatch.GetTimestamp();
        while (true)
        {
            if (FastDataReady(buffer.Length) >= buffer.Length)
            {
                DoRecv(buffer);
                return buffer.Length;
            }
            if (!IsOpen)
                throw new VchanClosedException($"vchan peer closed with fewer than {buffer.Length} bytes left to read", 0);
            if (!Blocking)
                return 0;
            if (buffer.Length > _read.Size)
                throw new ArgumentException($"a {buffer.Length}-byte message cannot fit a {_read.Size}-byte ring", nameof(buffer));
            WaitOnce(start, cancellationToken);
        }
    }
}
