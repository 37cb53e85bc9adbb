using System.Text;

namespace Xenith.Images;

/// <summary>
/// Writes a cpio archive in the "newc" format (magic 070701), the only format the Linux kernel
/// unpacks as an initramfs. Each entry is a 110-byte ASCII header of thirteen 8-digit hex fields,
/// the NUL-terminated name, padding to a 4-byte boundary, the data, and padding again; the archive
/// ends with an entry named <c>TRAILER!!!</c>.
/// </summary>
/// <remarks>
/// Entries are written with owner root, mtime 0 and inode numbers counted from 1, so the same input
/// gives the same bytes. Device nodes can be written without root rights, which is why Xenith builds
/// its initramfs here rather than from a directory tree.
/// </remarks>
internal sealed class CpioWriter(Stream output)
{
    public const string Magic = "070701";
    public const string TrailerName = "TRAILER!!!";
    public const int HeaderSize = 110;

    // File type bits of st_mode (Linux include/uapi/linux/stat.h).
    public const int S_IFCHR = 0x2000;
    public const int S_IFDIR = 0x4000;
    public const int S_IFREG = 0x8000;
    public const int S_IFLNK = 0xA000;

    private static readonly byte[] Zeros = new byte[4];

    private readonly Stream _output = output;
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private uint _nextInode = 1;
    private long _position;
    private bool _finished;

    /// <summary>Bytes written so far.</summary>
    public long Length => _position;

    public void AddDirectory(string path, int permissions = 0b111_101_101) =>
        AddEntry(path, S_IFDIR | permissions, nlink: 2, [], 0, 0);

    public void AddFile(string path, ReadOnlySpan<byte> data, int permissions = 0b110_100_100) =>
        AddEntry(path, S_IFREG | permissions, nlink: 1, data, 0, 0);

    /// <summary>A symbolic link; its data is the target path, without a terminating NUL.</summary>
    public void AddSymlink(string path, string target) =>
        AddEntry(path, S_IFLNK | 0b111_111_111, nlink: 1, Encoding.UTF8.GetBytes(target), 0, 0);

    public void AddCharacterDevice(string path, int major, int minor, int permissions = 0b110_000_000) =>
        AddEntry(path, S_IFCHR | permissions, nlink: 1, [], major, minor);

    /// <summary>Writes the trailer entry. The writer accepts nothing after it.</summary>
    public void Finish()
    {
        ThrowIfFinished();
        WriteEntry(TrailerName, inode: 0, mode: 0, nlink: 1, [], 0, 0);
        _finished = true;
        _output.Flush();
    }

    private void AddEntry(string path, int mode, int nlink, ReadOnlySpan<byte> data, int rdevMajor, int rdevMinor)
    {
        ThrowIfFinished();
        string name = Normalize(path);
        if (!_names.Add(name))
            throw new ArgumentException($"cpio: '{name}' is already in the archive", nameof(path));
        WriteEntry(name, _nextInode++, mode, nlink, data, rdevMajor, rdevMinor);
    }

    /// <summary>Archive names are relative ("bin/busybox"): the kernel unpacks them below the rootfs.</summary>
    private static string Normalize(string path)
    {
        string name = path.TrimStart('/');
        if (name.Length == 0 || name == TrailerName || name.Contains('\0', StringComparison.Ordinal))
            throw new ArgumentException($"cpio: invalid entry name '{path}'", nameof(path));
        return name;
    }

    private void WriteEntry(string name, uint inode, int mode, int nlink, ReadOnlySpan<byte> data, int rdevMajor, int rdevMinor)
    {
        byte[] nameBytes = Encoding.UTF8.GetBytes(name + "\0");
        var header = new StringBuilder(HeaderSize);
        header.Append(Magic);
        foreach (long field in (ReadOnlySpan<long>)[
                     inode, mode, 0 /* uid */, 0 /* gid */, nlink, 0 /* mtime */, data.Length,
                     0 /* devmajor */, 0 /* devminor */, rdevMajor, rdevMinor, nameBytes.Length, 0 /* check */])
            header.Append(((uint)field).ToString("X8"));

        Write(Encoding.ASCII.GetBytes(header.ToString()));
        Write(nameBytes);
        Pad();
        Write(data);
        Pad();
    }

    private void Write(ReadOnlySpan<byte> bytes)
    {
        _output.Write(bytes);
        _position += bytes.Length;
    }

    private void Pad()
    {
        int pad = (int)(-_position & 3);
        if (pad != 0)
            Write(Zeros.AsSpan(0, pad));
    }

    private void ThrowIfFinished()
    {
        if (_finished)
            throw new InvalidOperationException("cpio: the trailer has already been written");
    }
}
