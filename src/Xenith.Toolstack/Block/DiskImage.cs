using Microsoft.Win32.SafeHandles;
using Xenith.Abi;

namespace Xenith.Toolstack.Block;

/// <summary>
/// A raw disk image on the host (<c>file:</c>, <c>format=raw</c>, or <c>phy:</c> naming a regular file): whole
/// 512-byte sectors, positional reads and writes without a user-space buffer, so that what a write returned from is
/// in the file for any other reader, and a flush that is an fsync.
/// </summary>
internal sealed class DiskImage : IDisposable
{
    private readonly FileStream _file;
    private readonly SafeFileHandle _handle;

    private DiskImage(FileStream file, bool readOnly)
    {
        _file = file;
        _handle = file.SafeFileHandle;
        ReadOnly = readOnly;
        Sectors = (ulong)file.Length / Blkif.SectorSize;
    }

    /// <summary>Opens <paramref name="path"/>; IOException or UnauthorizedAccessException when it cannot be.</summary>
    public static DiskImage Open(string path, bool readOnly)
    {
        var file = new FileStream(path, FileMode.Open, readOnly ? FileAccess.Read : FileAccess.ReadWrite,
            readOnly ? FileShare.ReadWrite : FileShare.Read, bufferSize: 0);
        return new DiskImage(file, readOnly);
    }

    /// <summary>Size in 512-byte sectors (a partial last sector is not part of the disk).</summary>
    public ulong Sectors { get; }

    public bool ReadOnly { get; }

    public void Read(ulong offset, Span<byte> into)
    {
        // Bounded: each pass reads at least one byte, or ends at the end of the file (the rest stays zero).
        for (int done = 0; done < into.Length;)
        {
            int n = RandomAccess.Read(_handle, into[done..], (long)offset + done);
            if (n == 0)
            {
                into[done..].Clear();
                return;
            }
            done += n;
        }
    }

    public void Write(ulong offset, ReadOnlySpan<byte> data) => RandomAccess.Write(_handle, data, (long)offset);

    /// <summary>BLKIF_OP_FLUSH_DISKCACHE: everything written so far is on stable storage when this returns.</summary>
    public void Flush() => _file.Flush(flushToDisk: true);

    public void Dispose() => _file.Dispose();
}
