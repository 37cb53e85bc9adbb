using System.Diagnostics;
using System.Runtime.ExceptionServices;

namespace Xenith.Toolstack.Vchan;

/// <summary>One bulk transfer: what arrived, how many bytes were wrong or missing, and how fast.</summary>
public sealed record VchanTransferResult(long Bytes, long Received, long Errors, long FirstErrorOffset, TimeSpan Elapsed)
{
    public double MiBPerSecond => Elapsed > TimeSpan.Zero ? Received / (1024.0 * 1024.0) / Elapsed.TotalSeconds : 0;

    /// <summary>Share of the requested bytes that arrived and matched, in percent.</summary>
    public double CorrectPercent => Bytes == 0 ? 100 : 100.0 * (Received - Math.Min(Errors, Received)) / Bytes;
}

/// <summary>Small-message round trips: the server echoes each message back to the client.</summary>
public sealed record VchanLatencyResult(int RoundTrips, int MessageSize, TimeSpan Elapsed, double MeanMicroseconds, double MedianMicroseconds);

/// <summary>
/// The "PC" row of the transfer table: the same vchan ring protocol between two host threads over ordinary memory,
/// the client writing the xorshift32 stream into the left ring and the server checking every byte.
/// </summary>
public static class NativeBaseline
{
    /// <summary>Largest piece either side hands to one Write/Read call.</summary>
    public const int ChunkSize = 64 * 1024;

    /// <summary>
    /// Sends bytes of the stream seeded with seed through a left ring of ringOrder and verifies them. corruptAt ≥ 0
    /// flips one bit of that stream byte on the writer's side (a test hook: the reader must count exactly one error).
    /// </summary>
    public static VchanTransferResult Run(long bytes, int ringOrder, uint seed, long corruptAt = -1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        if (seed == 0)
            throw new ArgumentOutOfRangeException(nameof(seed), "xorshift32 needs a non-zero seed");
        using var pair = VchanPair.Create(ringOrder, ringOrder == VchanLayout.LargeRingOrder ? VchanLayout.SmallRingOrder : VchanLayout.LargeRingOrder);

        long received = 0, errors = 0, firstError = -1;
        var clock = Stopwatch.StartNew();
        RunBoth(
            pair.Client,
            () =>
            {
                var stream = new Xorshift32Stream(seed);
                var buffer = new byte[ChunkSize];
                for (long sent = 0; sent < bytes;)
                {
                    int n = (int)Math.Min(ChunkSize, bytes - sent);
                    stream.Fill(buffer.AsSpan(0, n));
                    if (corruptAt >= sent && corruptAt < sent + n)
                        buffer[corruptAt - sent] ^= 0x10;
                    pair.Client.Write(buffer.AsSpan(0, n));
                    sent += n;
                }
            },
            pair.Server,
            () =>
            {
                var stream = new Xorshift32Stream(seed);
                var buffer = new byte[ChunkSize];
                while (received < bytes)
                {
                    int n = pair.Server.Read(buffer.AsSpan(0, (int)Math.Min(ChunkSize, bytes - received)));
                    if (n == 0)
                        break;
                    errors += stream.Verify(buffer.AsSpan(0, n), out long first);
                    if (firstError < 0)
                        firstError = first;
                    received += n;
                }
            });
        clock.Stop();
        long missing = bytes - received;
        if (missing > 0 && firstError < 0)
            firstError = received;
        return new VchanTransferResult(bytes, received, errors + missing, firstError, clock.Elapsed);
    }

    /// <summary>roundTrips messages of messageSize bytes client → server → client over the in-page rings (10/11).</summary>
    public static VchanLatencyResult PingPong(int roundTrips, int messageSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(roundTrips);
        if (messageSize is < 1 or > 1 << VchanLayout.SmallRingOrder)
            throw new ArgumentOutOfRangeException(nameof(messageSize), messageSize, $"message size must be 1..{1 << VchanLayout.SmallRingOrder}");
        using var pair = VchanPair.Create(VchanLayout.SmallRingOrder, VchanLayout.LargeRingOrder);
        var ticks = new long[roundTrips];
        var clock = Stopwatch.StartNew();
        RunBoth(
            pair.Client,
            () =>
            {
                var message = new byte[messageSize];
                var reply = new byte[messageSize];
                for (int i = 0; i < roundTrips; i++)
                {
                    message[0] = (byte)i;
                    long t0 = Stopwatch.GetTimestamp();
                    pair.Client.Send(message);
                    pair.Client.Recv(reply);
                    ticks[i] = Stopwatch.GetTimestamp() - t0;
                    if (reply[0] != (byte)i)
                        throw new InvalidDataException($"round trip {i} echoed message {reply[0]}");
                }
            },
            pair.Server,
            () =>
            {
                var message = new byte[messageSize];
                for (int i = 0; i < roundTrips; i++)
                {
                    pair.Server.Recv(message);
                    pair.Server.Send(message);
                }
            });
        clock.Stop();
        Array.Sort(ticks);
        double toMicro = 1e6 / Stopwatch.Frequency;
        double median = roundTrips % 2 == 1 ? ticks[roundTrips / 2] : (ticks[roundTrips / 2 - 1] + ticks[roundTrips / 2]) / 2.0;
        return new VchanLatencyResult(roundTrips, messageSize, clock.Elapsed, ticks.Average() * toMicro, median * toMicro);
    }

    /// <summary>Size of the buffers Memcpy copies between: well past the caches, like a real transfer.</summary>
    public const int MemcpyBuffer = 16 << 20;

    /// <summary>The physical limit beside the rows: host memcpy of bytes between two buffers of MemcpyBuffer.</summary>
    public static VchanTransferResult Memcpy(long bytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        int size = (int)Math.Min(bytes, MemcpyBuffer);
        var source = new byte[size];
        var destination = new byte[size];
        new Xorshift32Stream(1).Fill(source);
        destination.AsSpan().Fill(1); // touch every page before the clock starts
        var clock = Stopwatch.StartNew();
        for (long done = 0; done < bytes; done += size)
            source.AsSpan(0, (int)Math.Min(size, bytes - done)).CopyTo(destination);
        clock.Stop();
        // Every pass copies (a prefix of) the same source, so one check of the buffer covers them all.
        bool same = source.AsSpan().SequenceEqual(destination);
        return new VchanTransferResult(bytes, bytes, same ? 0 : 1, same ? -1 : 0, clock.Elapsed);
    }

    // Writer and reader each on a thread of their own. Each closes its end when it stops, failed or not, so the
    // other side sees EOF or a closed vchan instead of waiting forever; the first failure is rethrown once both
    // threads have stopped.
    private static void RunBoth(VchanEndpoint writerEnd, Action writer, VchanEndpoint readerEnd, Action reader)
    {
        ExceptionDispatchInfo? failure = null;
        Thread Start(string name, VchanEndpoint end, Action body)
        {
            var thread = new Thread(() =>
            {
                try
                {
                    body();
                }
                catch (Exception ex)
                {
                    Interlocked.CompareExchange(ref failure, ExceptionDispatchInfo.Capture(ex), null);
                }
                finally
                {
                    end.Close();
                }
            })
            { Name = name, IsBackground = true };
            thread.Start();
            return thread;
        }
        Thread w = Start("vchan-writer", writerEnd, writer), r = Start("vchan-reader", readerEnd, reader);
        w.Join();
        r.Join();
        failure?.Throw();
    }
}
