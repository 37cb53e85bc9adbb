using System.Buffers.Binary;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Xenith.Rpc.Wire;

/// <summary>
/// One message = a 4-byte big-endian length and that many bytes of UTF-8 JSON. A length over
/// <see cref="MaxMessageBytes"/> is a protocol error, so a broken peer cannot make the other side allocate
/// without bound.
/// </summary>
public static class RpcFraming
{
    public const int MaxMessageBytes = 16 << 20;

    public static async Task WriteAsync<T>(Stream stream, T value, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        byte[] json = JsonSerializer.SerializeToUtf8Bytes(value, type);
        if (json.Length > MaxMessageBytes)
            throw new RpcException($"message of {json.Length} bytes exceeds the {MaxMessageBytes}-byte limit");
        var frame = new byte[4 + json.Length];
        BinaryPrimitives.WriteInt32BigEndian(frame, json.Length);
        json.CopyTo(frame, 4);
        await stream.WriteAsync(frame, cancellationToken).ConfigureAwait(false);
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The next message, or default when the peer closed cleanly before one began.</summary>
    public static async Task<T?> ReadAsync<T>(Stream stream, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        var header = new byte[4];
        if (!await ReadExactlyOrEndAsync(stream, header, cancellationToken).ConfigureAwait(false))
            return default;
        int length = BinaryPrimitives.ReadInt32BigEndian(header);
        if (length is < 0 or > MaxMessageBytes)
            throw new InvalidDataException($"bad message length {length}");
        var body = new byte[length];
        if (!await ReadExactlyOrEndAsync(stream, body, cancellationToken).ConfigureAwait(false))
            throw new EndOfStreamException("connection closed inside a message");
        return JsonSerializer.Deserialize(body, type) ?? throw new InvalidDataException("empty message");
    }

    private static async Task<bool> ReadExactlyOrEndAsync(Stream stream, byte[] buffer, CancellationToken cancellationToken)
    {
        int done = 0;
        while (done < buffer.Length)
        {
            int n = await stream.ReadAsync(buffer.AsMemory(done), cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                if (done == 0)
                    return false;
                throw new EndOfStreamException("connection closed inside a message");
            }
            done += n;
        }
        return true;
    }
}
