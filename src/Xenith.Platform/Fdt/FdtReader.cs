using System.Buffers.Binary;
using System.Text;

namespace Xenith.Platform.Fdt;

/// <summary>One node of a parsed device tree.</summary>
public sealed class FdtNode(string name)
{
    /// <summary>The node name with its unit address (<c>pl011@9000000</c>); empty for the root.</summary>
    public string Name { get; } = name;
    public Dictionary<string, byte[]> Properties { get; } = new(StringComparer.Ordinal);
    public List<FdtNode> Children { get; } = [];

    /// <summary>The node at a path such as <c>/cpus/cpu@0</c> below this one, or null.</summary>
    public FdtNode? Find(string path)
    {
        FdtNode? node = this;
        foreach (string part in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            node = node.Children.Find(c => c.Name == part);
            if (node == null)
                return null;
        }
        return node;
    }

    public bool Has(string property) => Properties.ContainsKey(property);

    /// <summary>The property as big-endian 32-bit cells.</summary>
    public uint[] Cells(string property)
    {
        byte[] v = Properties[property];
        if (v.Length % 4 != 0)
            throw new InvalidDataException($"property '{property}' of '{Name}' is {v.Length} bytes, not whole cells");
        var cells = new uint[v.Length / 4];
        for (int i = 0; i < cells.Length; i++)
            cells[i] = BinaryPrimitives.ReadUInt32BigEndian(v.AsSpan(i * 4));
        return cells;
    }

    public uint U32(string property) => Cells(property) is [uint v] ? v
        : throw new InvalidDataException($"property '{property}' of '{Name}' is not one cell");

    /// <summary>The property as a string list (one entry for a plain string).</summary>
    public string[] Strings(string property)
    {
        byte[] v = Properties[property];
        if (v.Length == 0 || v[^1] != 0)
            throw new InvalidDataException($"property '{property}' of '{Name}' is not NUL-terminated");
        return Encoding.UTF8.GetString(v, 0, v.Length - 1).Split('\0');
    }

    public string String(string property) => Strings(property) is [string s] ? s
        : throw new InvalidDataException($"property '{property}' of '{Name}' is not one string");
}

/// <summary>A parsed flattened device tree: the header fields that matter and the node tree.</summary>
public sealed record FdtTree(uint Version, uint BootCpu, IReadOnlyList<(ulong Address, ulong Size)> Reservations, FdtNode Root);

/// <summary>Parses a flattened device tree blob (version 16 or 17), checking every offset against the blob.</summary>
public static class FdtReader
{
    public static FdtTree Parse(ReadOnlySpan<byte> blob)
    {
        if (blob.Length < FdtConstants.HeaderSize || Be32(blob, 0) != FdtConstants.Magic)
            throw new InvalidDataException("not a flattened device tree (bad magic)");
        uint total = Be32(blob, 4), offStruct = Be32(blob, 8), offStrings = Be32(blob, 12), offRsv = Be32(blob, 16);
        uint version = Be32(blob, 20), bootCpu = Be32(blob, 28), sizeStrings = Be32(blob, 32), sizeStruct = Be32(blob, 36);
        if (total > blob.Length)
            throw new InvalidDataException($"device tree totalsize {total} exceeds the {blob.Length} bytes given");
        if (version < 16)
            throw new InvalidDataException($"device tree version {version} is older than 16");
        if ((ulong)offStruct + sizeStruct > total || (ulong)offStrings + sizeStrings > total || offRsv >= total)
            throw new InvalidDataException("device tree blocks lie outside the blob");
        var b = blob[..(int)total];

        var reservations = new List<(ulong, ulong)>();
        for (int at = (int)offRsv; ; at += 16)
        {
            if (at + 16 > total)
                throw new InvalidDataException("unterminated memory reservation block");
            ulong address = BinaryPrimitives.ReadUInt64BigEndian(b[at..]), size = BinaryPrimitives.ReadUInt64BigEndian(b[(at + 8)..]);
            if (address == 0 && size == 0)
                break;
            reservations.Add((address, size));
        }

        var structure = b.Slice((int)offStruct, (int)sizeStruct);
        var strings = b.Slice((int)offStrings, (int)sizeStrings);
        var stack = new Stack<FdtNode>();
        FdtNode? root = null;
        int pos = 0;
        while (true)
        {
            uint token = Be32Checked(structure, pos);
            pos += 4;
            switch (token)
            {
                case FdtConstants.BeginNode:
                {
                    string name = CString(structure, pos, "node name");
                    pos = Align4(pos + Encoding.UTF8.GetByteCount(name) + 1);
                    var node = new FdtNode(name);
                    if (stack.Count == 0)
                    {
                        if (root != null)
                            throw new InvalidDataException("more than one root node");
                        root = node;
                    }
                    else
                    {
                        stack.Peek().Children.Add(node);
                    }
                    stack.Push(node);
                    break;
                }
                case FdtConstants.EndNode:
                    if (stack.Count == 0)
                        throw new InvalidDataException("END_NODE without BEGIN_NODE");
                    stack.Pop();
                    break;
                case FdtConstants.Prop:
                {
                    if (stack.Count == 0)
                        throw new InvalidDataException("property outside a node");
                    int len = (int)Be32Checked(structure, pos), nameOff = (int)Be32Checked(structure, pos + 4);
                    pos += 8;
                    if (len < 0 || pos + len > structure.Length)
                        throw new InvalidDataException("property value runs past the structure block");
                    string name = CString(strings, nameOff, "property name");
                    stack.Peek().Properties[name] = structure.Slice(pos, len).ToArray();
                    pos = Align4(pos + len);
                    break;
                }
                case FdtConstants.Nop:
                    break;
                case FdtConstants.End:
                    if (stack.Count != 0 || root == null)
                        throw new InvalidDataException("END token inside a node or before the root");
                    return new FdtTree(version, bootCpu, reservations, root);
                default:
                    throw new InvalidDataException($"unknown structure token 0x{token:x} at offset {pos - 4}");
            }
        }
    }

    private static int Align4(int v) => (v + 3) & ~3;

    private static uint Be32(ReadOnlySpan<byte> b, int at) => BinaryPrimitives.ReadUInt32BigEndian(b[at..]);

    private static uint Be32Checked(ReadOnlySpan<byte> b, int at) => at >= 0 && at + 4 <= b.Length
        ? Be32(b, at)
        : throw new InvalidDataException("structure block ends without an END token");

    private static string CString(ReadOnlySpan<byte> b, int at, string what)
    {
        if (at < 0 || at >= b.Length)
            throw new InvalidDataException($"{what} lies outside its block");
        int len = b[at..].IndexOf((byte)0);
        if (len < 0)
            throw new InvalidDataException($"{what} is not NUL-terminated");
        return Encoding.UTF8.GetString(b.Slice(at, len));
    }
}
