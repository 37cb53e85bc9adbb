using System.Text;
using Xenith.Images;

namespace Xenith.Tests.Images;

public class CpioWriterTests
{
    private static byte[] Write(Action<CpioWriter> build)
    {
        using var stream = new MemoryStream();
        var writer = new CpioWriter(stream);
        build(writer);
        writer.Finish();
        Assert.Equal(stream.Length, writer.Length);
        return stream.ToArray();
    }

    [Fact]
    public void FileEntryHasTheExactNewcHeaderNamePaddingAndData()
    {
        byte[] archive = Write(w => w.AddFile("/init", "ab"u8, 0b111_101_101));

        string expectedHeader = "070701" + "00000001" + "000081ED" + "00000000" + "00000000" + "00000001" + "00000000"
            + "00000002" + "00000000" + "00000000" + "00000000" + "00000000" + "00000005" + "00000000";
        Assert.Equal(expectedHeader, Encoding.ASCII.GetString(archive, 0, 110));
        // "init\0" ends at 115, padded to 116; "ab" at 116..117, padded to 120; then the trailer.
        Assert.Equal("init\0\0ab\0\0"u8.ToArray(), archive[110..120]);
        Assert.Equal("070701", Encoding.ASCII.GetString(archive, 120, 6));
        Assert.Equal("TRAILER!!!\0", Encoding.ASCII.GetString(archive, 230, 11));
        Assert.Equal(244, archive.Length); // 120 + 110 + 11 = 241, padded to 244
    }

    [Fact]
    public void EveryKindOfEntryReadsBackWithItsModeDataAndDevice()
    {
        byte[] archive = Write(w =>
        {
            w.AddDirectory("dev");
            w.AddCharacterDevice("dev/console", 5, 1);
            w.AddSymlink("bin/sh", "busybox");
            for (int n = 0; n <= 5; n++)
                w.AddFile($"f{n}", Enumerable.Range(1, n).Select(i => (byte)i).ToArray());
        });

        var entries = NewcReader.Read(archive);

        Assert.Equal(["dev", "dev/console", "bin/sh", "f0", "f1", "f2", "f3", "f4", "f5"], entries.Select(e => e.Name));
        Assert.Equal(0x41EDu, entries[0].Mode); // directory, rwxr-xr-x
        Assert.Equal(2u, entries[0].Nlink);
        Assert.Equal(0x2180u, entries[1].Mode); // character device, rw-------
        Assert.Equal((5u, 1u), (entries[1].RdevMajor, entries[1].RdevMinor));
        Assert.Equal(0xA1FFu, entries[2].Mode); // symlink, rwxrwxrwx
        Assert.Equal("busybox"u8.ToArray(), entries[2].Data);
        for (int n = 0; n <= 5; n++)
        {
            Assert.Equal(0x81A4u, entries[3 + n].Mode); // regular, rw-r--r--
            Assert.Equal(Enumerable.Range(1, n).Select(i => (byte)i).ToArray(), entries[3 + n].Data);
        }
        Assert.Equal(Enumerable.Range(1, 9).Select(i => (uint)i), entries.Select(e => e.Inode));
    }

    [Fact]
    public void DuplicateNamesAreRejectedEvenWithALeadingSlash()
    {
        using var stream = new MemoryStream();
        var writer = new CpioWriter(stream);
        writer.AddDirectory("etc");
        Assert.Throws<ArgumentException>(() => writer.AddDirectory("/etc"));
        Assert.Throws<ArgumentException>(() => writer.AddFile("TRAILER!!!", []));
        Assert.Throws<ArgumentException>(() => writer.AddFile("/", []));
    }

    [Fact]
    public void NothingCanBeAddedAfterTheTrailer()
    {
        using var stream = new MemoryStream();
        var writer = new CpioWriter(stream);
        writer.Finish();
        Assert.Throws<InvalidOperationException>(() => writer.AddFile("late", [1]));
        Assert.Throws<InvalidOperationException>(writer.Finish);
        Assert.Equal(124, stream.Length); // the trailer alone
    }
}
