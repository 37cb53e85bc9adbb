using System.Buffers.Binary;
using System.Text;

namespace Xenith.Platform.Fdt;

/// <summary>
/// Writes a flattened device tree blob (version 17, the format Linux and U-Boot read): header, memory
/// reservation block, structure block, and a strings block in which each property name appears once.
/// Nodes are written in order: <see cref="BeginNode"/>, its properties, its subnodes, <see cref="EndNode"/>;
/// the first node is the root and has the empty name.
/// </summary>
public sealed class FdtWriter
{
    private readonly List<(ulong Address, ulong Size)> _reservations = [];
    private readonly List<byte> _structure = [];
    private readonly List<byte> _strings = [];
    private readonly Dictionary<string, int> _stringOffsets = new(StringComparer.Ordinal);
    private readonly uint _bootCpu;
    private uint _nextPhandle;
    private int _depth;
    private bool _rootWritten;
    /// <summary>The open node already has a subnode: the format wants every property before the first subnode.</summary>
    private bool _subnodeSeen;

    /// <param name="bootCpu">The header's boot_cpuid_phys: the reg value of the CPU that boots.</param>
    /// <param name="firstPhandle">The value <see cref="AllocatePhandle"/> hands out first (QEMU starts at 0x8000).</param>
    public FdtWriter(uint bootCpu = 0, uint firstPhandle = 1)
    {
        if (firstPhandle is 0 or 0xFFFF_FFFF)
            throw new ArgumentOutOfRangeException(nameof(firstPhandle), "0 and 0xffffffff are not valid phandles");
        _bootCpu = bootCpu;
        _nextPhandle = firstPhandle;
    }

    /// <summary>A fresh phandle; give it to a node with <c>Property("phandle", value)</c> and refer to it from others.</summary>
    public uint AllocatePhandle() => _nextPhandle++;

    /// <summary>A /memreserve/ entry: memory the OS must not use.</summary>
    public void AddMemoryReservation(ulong address, ulong size) => _reservations.Add((address, size));

    public void BeginNode(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (_depth == 0)
        {
            if (_rootWritten)
                throw new InvalidOperationException("a device tree has exactly one root node");
            if (name.Length != 0)
                throw new ArgumentException("the root node's name is empty", nameof(name));
            _rootWritten = true;
        }
        else if (name.Length == 0 || name.Contains('/', StringComparison.Ordinal) || name.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException($"invalid node name '{name}'", nameof(name));
        }
        Token(FdtConstants.BeginNode);
        WriteNulTerminated(_structure, name);
        Pad(_structure);
        _depth++;
        _subnodeSeen = false;
    }

    public void EndNode()
    {
        if (_depth == 0)
            throw new InvalidOperationException("EndNode without a matching BeginNode");
        Token(FdtConstants.EndNode);
        _depth--;
        // The parent is now back in its subnode part.
        _subnodeSeen = true;
    }

    /// <summary>An empty property: its presence is the value (<c>interrupt-controller;</c>).</summary>
    public void Property(string name) => Property(name, ReadOnlySpan<byte>.Empty);

    /// <summary>One 32-bit cell.</summary>
    public void Property(string name, uint value)
    {
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(b, value);
        Property(name, (ReadOnlySpan<byte>)b);
    }

    /// <summary>A list of 32-bit cells (<c>&lt;0 1 4&gt;</c>).</summary>
    public void Property(string name, params ReadOnlySpan<uint> cells)
    {
        var b = new byte[cells.Length * 4];
        for (int i = 0; i < cells.Length; i++)
            BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(i * 4), cells[i]);
        Property(name, (ReadOnlySpan<byte>)b);
    }

    /// <summary>A NUL-terminated string.</summary>
    public void Property(string name, string value) => Property(name, [value]);

    /// <summary>A string list: each string NUL-terminated, back to back (<c>"arm,pl011", "arm,primecell"</c>).</summary>
    public void Property(string name, params ReadOnlySpan<string> values)
    {
        var s = new List<byte>();
        foreach (string v in values)
        {
            if (v.Contains('\0', StringComparison.Ordinal))
                throw new ArgumentException("a string property value cannot contain NUL", nameof(values));
            WriteNulTerminated(s, v);
        }
        Property(name, (ReadOnlySpan<byte>)s.ToArray());
    }

    /// <summary>Raw bytes, written as given.</summary>
    public void Property(string name, ReadOnlySpan<byte> value)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (_depth == 0)
            throw new InvalidOperationException($"property '{name}' outside a node");
        if (_subnodeSeen)
            throw new InvalidOperationException($"property '{name}' after a subnode: properties come first");
        if (name.Length == 0 || name.Contains('\0', StringComparison.Ordinal))
            throw new ArgumentException($"invalid property name '{name}'", nameof(name));
        Token(FdtConstants.Prop);
        U32(_structure, (uint)value.Length);
        U32(_structure, (uint)NameOffset(name));
        _structure.AddRange(value);
        Pad(_structure);
    }

    /// <summary>One 64-bit value as two cells, high first (<c>linux,initrd-start</c> with #address-cells = 2).</summary>
    public void PropertyU64(string name, ulong value) => Property(name, (uint)(value >> 32), (uint)value);

    /// <summary>
    /// (address, size) pairs as 2 + 2 cells each: <c>reg</c> and <c>ranges</c>-like values under a parent with
    /// #address-cells = 2 and #size-cells = 2.
    /// </summary>
    public void PropertyPairs(string name, params ReadOnlySpan<(ulong Address, ulong Size)> pairs)
    {
        var cells = new uint[pairs.Length * 4];
        for (int i = 0; i < pairs.Length; i++)
        {
            cells[i * 4] = (uint)(pairs[i].Address >> 32);
            cells[i * 4 + 1] = (uint)pairs[i].Address;
            cells[i * 4 + 2] = (uint)(pairs[i].Size >> 32);
            cells[i * 4 + 3] = (uint)pairs[i].Size;
        }
        Property(name, (ReadOnlySpan<uint>)cells);
    }

    /// <summary>The blob. The writer cannot be used afterwards.</summary>
    public byte[] Finish()
    {
        if (!_rootWritten)
            throw new InvalidOperationException("no root node");
        if (_depth != 0)
            throw new InvalidOperationException($"{_depth} node(s) still open");
        Token(FdtConstants.End);

        int rsvOffset = FdtConstants.HeaderSize; // already 8-byte aligned, as the reservation block must be
        int rsvSize = (_reservations.Count + 1) * 16;
        int structOffset = rsvOffset + rsvSize;
        int structSize = _structure.Count;
        int stringsOffset = structOffset + structSize;
        int stringsSize = _strings.Count;
        int total = stringsOffset + stringsSize;

        var blob = new byte[total];
        var h = blob.AsSpan();
        BinaryPrimitives.WriteUInt32BigEndian(h[0..], FdtConstants.Magic);
        BinaryPrimitives.WriteUInt32BigEndian(h[4..], (uint)total);
        BinaryPrimitives.WriteUInt32BigEndian(h[8..], (uint)structOffset);
        BinaryPrimitives.WriteUInt32BigEndian(h[12..], (uint)stringsOffset);
        BinaryPrimitives.WriteUInt32BigEndian(h[16..], (uint)rsvOffset);
        BinaryPrimitives.WriteUInt32BigEndian(h[20..], FdtConstants.Version);
        BinaryPrimitives.WriteUInt32BigEndian(h[24..], FdtConstants.LastCompatibleVersion);
        BinaryPrimitives.WriteUInt32BigEndian(h[28..], _bootCpu);
        BinaryPrimitives.WriteUInt32BigEndian(h[32..], (uint)stringsSize);
        BinaryPrimitives.WriteUInt32BigEndian(h[36..], (uint)structSize);
        for (int i = 0; i < _reservations.Count; i++)
        {
            BinaryPrimitives.WriteUInt64BigEndian(h[(rsvOffset + i * 16)..], _reservations[i].Address);
            BinaryPrimitives.WriteUInt64BigEndian(h[(rsvOffset + i * 16 + 8)..], _reservations[i].Size);
        }
        // The terminating all-zero reservation entry is already zero.
        _structure.CopyTo(blob, structOffset);
        _strings.CopyTo(blob, stringsOffset);
        _depth = -1; // any further call fails
        return blob;
    }

    private int NameOffset(string name)
    {
        if (!_stringOffsets.TryGetValue(name, out int offset))
        {
            offset = _strings.Count;
            WriteNulTerminated(_strings, name);
            _stringOffsets.Add(name, offset);
        }
        return offset;
    }

    private void Token(uint token)
    {
        if (_depth < 0)
            throw new InvalidOperationException("the blob is finished");
        U32(_structure, token);
    }

    private static void U32(List<byte> s, uint v)
    {
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(b, v);
        s.AddRange(b);
    }

    private static void WriteNulTerminated(List<byte> s, string v)
    {
        s.AddRange(Encoding.UTF8.GetBytes(v));
        s.Add(0);
    }

    private static void Pad(List<byte> s)
    {
        while ((s.Count & 3) != 0)
            s.Add(0);
    }
}
