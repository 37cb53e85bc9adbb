using System.Buffers.Binary;
using System.Text;
using Xenith.Abi;

namespace Xenith.XenStore;

/// <summary>Encoding of xsd_sockmsg messages (16-byte little-endian header + payload) and NUL-separated strings.</summary>
public static class XsMessage
{
    /// <summary>Reads a header from the first 16 bytes.</summary>
    public static XsdSockmsg ReadHeader(ReadOnlySpan<byte> bytes) => new()
    {
        Type = BinaryPrimitives.ReadUInt32LittleEndian(bytes),
        ReqId = BinaryPrimitives.ReadUInt32LittleEndian(bytes[4..]),
        TxId = BinaryPrimitives.ReadUInt32LittleEndian(bytes[8..]),
        Len = BinaryPrimitives.ReadUInt32LittleEndian(bytes[12..]),
    };

    /// <summary>Builds a whole message.</summary>
    public static byte[] Build(XsdSockmsgType type, uint reqId, uint txId, ReadOnlySpan<byte> payload)
    {
        var m = new byte[XsdSockmsg.Size + payload.Length];
        BinaryPrimitives.WriteUInt32LittleEndian(m, (uint)type);
        BinaryPrimitives.WriteUInt32LittleEndian(m.AsSpan(4), reqId);
        BinaryPrimitives.WriteUInt32LittleEndian(m.AsSpan(8), txId);
        BinaryPrimitives.WriteUInt32LittleEndian(m.AsSpan(12), (uint)payload.Length);
        payload.CopyTo(m.AsSpan(XsdSockmsg.Size));
        return m;
    }

    /// <summary>Each string as Latin-1 bytes followed by one NUL (paths are ASCII; tokens round-trip byte for byte).</summary>
    public static byte[] Strings(params string[] strings)
    {
        ArgumentNullException.ThrowIfNull(strings);
        int n = 0;
        foreach (string s in strings) n += s.Length + 1;
        var b = new byte[n];
        int o = 0;
        foreach (string s in strings) { o += Encoding.Latin1.GetBytes(s, b.AsSpan(o)); b[o++] = 0; }
        return b;
    }

    /// <summary>The NUL-terminated strings at the start of a payload (bytes after the last NUL are ignored), as get_strings().</summary>
    public static List<string> SplitStrings(ReadOnlySpan<byte> payload)
    {
        var list = new List<string>();
        while (true)
        {
            int nul = payload.IndexOf((byte)0);
            if (nul < 0) return list;
            list.Add(Encoding.Latin1.GetString(payload[..nul]));
            payload = payload[(nul + 1)..];
        }
    }
}
