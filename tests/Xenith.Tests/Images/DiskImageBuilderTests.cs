using System.Buffers.Binary;
using System.Text;
using Xenith.Images;

namespace Xenith.Tests.Images;

/// <summary>busybox.img, built with e2fsprogs from a stand-in busybox and read back with debugfs and by its superblock.</summary>
public sealed class DiskImageBuilderTests : IDisposable
{
    private static readonly byte[] FakeBusybox = [0x7F, (byte)'E', (byte)'L', (byte)'F', 9, 8, 7, 6, 5];

    private readonly string _dir = Directory.CreateTempSubdirectory("xenith-disk-test-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Build(string name, byte[] busybox, long sizeMiB = DiskImageBuilder.MinimumSizeMiB)
    {
        string scratch = Directory.CreateDirectory(Path.Combine(_dir, name + ".work")).FullName;
        string image = Path.Combine(_dir, name);
        DiskImageBuilder.Build(image, busybox, sizeMiB, scratch);
        return image;
    }

    [Fact]
    public void Superblock_says_ext4_with_a_journal_extents_and_the_label()
    {
        string image = Build("a.img", FakeBusybox, 20);
        var sb = new byte[1024];
        using (var f = File.OpenRead(image))
        {
            f.Position = 1024;
            f.ReadExactly(sb);
        }
        Assert.Equal(20L << 20, new FileInfo(image).Length);
        Assert.Equal(0xEF53, BinaryPrimitives.ReadUInt16LittleEndian(sb.AsSpan(0x38))); // s_magic, byte 1080 of the image
        uint compat = BinaryPrimitives.ReadUInt32LittleEndian(sb.AsSpan(0x5C));
        uint incompat = BinaryPrimitives.ReadUInt32LittleEndian(sb.AsSpan(0x60));
        uint roCompat = BinaryPrimitives.ReadUInt32LittleEndian(sb.AsSpan(0x64));
        Assert.Equal(0x4u, compat & 0x4);       // has_journal
        Assert.Equal(0x40u, incompat & 0x40);   // extents: ext4, not ext2/3
        Assert.Equal(0x400u, roCompat & 0x400); // metadata_csum (why the initramfs carries crc32c)
        Assert.Equal(0u, compat & 0x1000);      // no orphan_file: the private mke2fs.conf leaves it out
        Assert.Equal(DiskImageBuilder.Label, Encoding.ASCII.GetString(sb, 0x78, 16).TrimEnd('\0'));
        Assert.Equal(4096, 1024 << (int)BinaryPrimitives.ReadUInt32LittleEndian(sb.AsSpan(0x18)));
    }

    [Fact]
    public void The_root_holds_busybox_sh_init_and_the_devices_all_owned_by_root()
    {
        string image = Build("a.img", FakeBusybox);

        Assert.Equal(FakeBusybox, Debugfs.Read(image, "/bin/busybox"));
        Assert.Equal(DiskImageBuilder.InitScript, Encoding.UTF8.GetString(Debugfs.Read(image, "/sbin/init")));
        Assert.Contains("BUSYBOX-DISK-READY", DiskImageBuilder.InitScript, StringComparison.Ordinal);
        Assert.Equal("root:x:0:0:root:/root:/bin/sh\n", Encoding.UTF8.GetString(Debugfs.Read(image, "/etc/passwd")));
        Assert.Contains("Fast link dest: \"busybox\"", Debugfs.Run(image, "stat /bin/sh"), StringComparison.Ordinal);
        string console = Debugfs.Run(image, "stat /dev/console");
        Assert.Contains("Type: character special", console, StringComparison.Ordinal);
        Assert.Contains("Device major/minor number: 05:01", console, StringComparison.Ordinal);

        var entries = Debugfs.Walk(image).ToDictionary(e => e.Path);
        Assert.All(entries.Values, e => Assert.Equal((e.Path, 0, 0), (e.Path, e.Uid, e.Gid)));
        Assert.Equal(0x81ED, entries["/bin/busybox"].Mode); // regular, rwxr-xr-x
        Assert.Equal(0x81ED, entries["/sbin/init"].Mode);
        Assert.Equal(0xA1FF, entries["/bin/sh"].Mode);
        Assert.Equal(0x43FF, entries["/tmp"].Mode);        // sticky, world-writable
        Assert.Equal(0x41C0, entries["/root"].Mode);
        Assert.Equal(0x2180, entries["/dev/console"].Mode);
        Assert.Equal(0x21B6, entries["/dev/null"].Mode);
        foreach (var dir in new[] { "/", "/proc", "/sys", "/dev", "/etc", "/usr/bin", "/usr/sbin", "/mnt" })
            Assert.Equal(0x41ED, entries[dir].Mode);
    }

    [Fact]
    public void Same_inputs_give_the_same_bytes_and_another_busybox_does_not()
    {
        byte[] a = File.ReadAllBytes(Build("a.img", FakeBusybox));
        Thread.Sleep(1100); // a later second on the host's clock must not show in the image
        byte[] b = File.ReadAllBytes(Build("b.img", FakeBusybox));
        byte[] c = File.ReadAllBytes(Build("c.img", [.. FakeBusybox, 4]));
        Assert.True(a.AsSpan().SequenceEqual(b), "two builds of the same disk differ");
        Assert.False(a.AsSpan().SequenceEqual(c), "another busybox gave the same disk");
    }

    [Theory]
    [InlineData("64M", 64)]
    [InlineData("64", 64)]
    [InlineData("2G", 2048)]
    [InlineData("16M", 16)]
    public void Disk_size_reads_mebibytes_and_gibibytes(string text, long mib) =>
        Assert.Equal(mib, DiskImageBuilder.ParseSizeMiB(text));

    [Theory]
    [InlineData("15M")]
    [InlineData("0")]
    [InlineData("-1G")]
    [InlineData("1.5G")]
    [InlineData("64K")]
    [InlineData("2000G")]
    [InlineData("")]
    public void Bad_disk_sizes_are_one_line_errors(string text)
    {
        var e = Assert.Throws<ImageException>(() => DiskImageBuilder.ParseSizeMiB(text));
        Assert.Equal($"--disk-size '{text}': expected 16M to 1024G, e.g. 64M or 2G", e.Message);
    }

    [Fact]
    public void The_recorded_size_is_what_a_later_run_keeps()
    {
        string id = DiskImageBuilder.InputId(2048);
        Assert.Matches("^disk-[0-9a-f]{12}-2048M$", id);
        Assert.Equal(2048, DiskImageBuilder.RecordedSizeMiB(id));
        Assert.NotEqual(id, DiskImageBuilder.InputId(64));
        Assert.Null(DiskImageBuilder.RecordedSizeMiB(null));
        Assert.Null(DiskImageBuilder.RecordedSizeMiB("init-0123456789ab"));
    }
}
