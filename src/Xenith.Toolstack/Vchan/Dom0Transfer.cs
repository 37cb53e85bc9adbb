using System.Diagnostics;

namespace Xenith.Toolstack.Vchan;

/// <summary>What one dom0 → domU stream moved and how fast (host wall-clock time).</summary>
public sealed record Dom0TransferResult(long Bytes, TimeSpan Elapsed)
{
    public double MiBPerSecond => Elapsed > TimeSpan.Zero ? Bytes / (1024.0 * 1024.0) / Elapsed.TotalSeconds : 0;
}

/// <summary>What one domU → dom0 stream delivered: bytes, bytes that differ from the stream, host time.</summary>
public sealed record Dom0ReceiveResult(long Bytes, long Errors, long FirstMismatch, bool EndOfStream, TimeSpan Elapsed)
{
    public double MiBPerSecond => Elapsed > TimeSpan.Zero ? Bytes / (1024.0 * 1024.0) / Elapsed.TotalSeconds : 0;
}

/// <summary>
/// The dom0 side of the transfer test: writes the seeded xorshift32 stream (guest/xen/xfer.h, the same bytes
/// vchan_recv checks) through a vchan end in chunks, then waits until the reader has taken all of it.
/// </summary>
public static class Dom0Transfer
{
    public const int DefaultChunk = 4096;

    /// <exception cref="VchanClosedException">The reader left (or vanished) before taking everything.</exception>
    /// <exception cref="TimeoutException">The reader took nothing for <paramref name="drainTimeout"/> at the end.</exception>
    public static Dom0TransferResult Send(VchanEndpoint endpoint, long bytes, uint seed, int chunk = DefaultChunk,
        TimeSpan? drainTimeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunk, 1);
        var stream = new Xorshift32Stream(seed);
        var buffer = new byte[chunk];
        long start = Stopwatch.GetTimestamp();
        long sent = 0;
        while (sent < bytes)
        {
            int n = (int)Math.Min(chunk, bytes - sent);
            stream.Fill(buffer.AsSpan(0, n));
            try
            {
                int w = endpoint.Write(buffer.AsSpan(0, n), cancellationToken);
                if (w != n)
                    throw new VchanClosedException($"vchan write took {w} of {n} bytes", sent + w);
            }
            catch (VchanClosedException e)
            {
                throw new VchanClosedException($"vchan reader left after {sent + e.BytesTransferred} of {bytes} bytes", sent + e.BytesTransferred);
            }
            sent += n;
        }
        // The tail is still in the ring: wait (bounded, progress resets the clock) until the reader has it.
        TimeSpan limit = drainTimeout ?? TimeSpan.FromSeconds(60);
        long lastProgress = Stopwatch.GetTimestamp();
        int lastSpace = -1;
        while (endpoint.IsOpen && endpoint.BufferSpace < endpoint.WriteRingSize)
        {
            int space = endpoint.BufferSpace;
            if (space != lastSpace)
            {
                lastSpace = space;
                lastProgress = Stopwatch.GetTimestamp();
            }
            else if (Stopwatch.GetElapsedTime(lastProgress) > limit)
            {
                throw new TimeoutException($"vchan reader took nothing for {limit.TotalSeconds} s with {endpoint.WriteRingSize - space} bytes left");
            }
            endpoint.WaitForEvent(TimeSpan.FromMilliseconds(50), cancellationToken);
        }
        if (endpoint.BufferSpace < endpoint.WriteRingSize)
            throw new VchanClosedException($"vchan reader left with {endpoint.WriteRingSize - endpoint.BufferSpace} bytes untaken", bytes);
        return new Dom0TransferResult(bytes, Stopwatch.GetElapsedTime(start));
    }

    /// <summary>
    /// Reads up to <paramref name="bytes"/> and checks every block against the seeded stream (what vchan_recv does
    /// in a guest). Stops early at the end of the stream (the writer closed or vanished and the ring is drained).
    /// </summary>
    public static Dom0ReceiveResult Receive(VchanEndpoint endpoint, long bytes, uint seed, int chunk = DefaultChunk, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunk, 1);
        var stream = new Xorshift32Stream(seed);
        var buffer = new byte[chunk];
        long start = Stopwatch.GetTimestamp();
        long got = 0, errors = 0, first = -1;
        bool eof = false;
        while (got < bytes)
        {
            int n = endpoint.Read(buffer.AsSpan(0, (int)Math.Min(chunk, bytes - got)), cancellationToken);
            if (n == 0)
            {
                eof = true;
                break;
            }
            errors += stream.Verify(buffer.AsSpan(0, n), out long at);
            if (first < 0)
                first = at;
            got += n;
        }
        return new Dom0ReceiveResult(got, errors, first, eof, Stopwatch.GetElapsedTime(start));
    }
}
