using System.Buffers.Binary;
using System.Text;
using Xenith.Images;

namespace Xenith.Tests.Images;

/// <summary>Module selection from a package tree of stand-in modules: minimal ELF files with a .modinfo section.</summary>
public sealed class KernelModulesTests : IDisposable
{
    private const string Release = "6.1.0-57-armmp-lpae";

    private readonly string _tree = Directory.CreateTempSubdirectory("xenith-modules-test-").FullName;

    public void Dispose() => Directory.Delete(_tree, recursive: true);

    /// <summary>An ELF32 little-endian file with sections: null, .modinfo, .shstrtab.</summary>
    private static byte[] Module(string name, string depends, string release = Release)
    {
        byte[] modinfo = Encoding.ASCII.GetBytes($"license=GPL\0depends={depends}\0name={name}\0vermagic={release} SMP mod_unload ARMv7 \0");
        byte[] names = "\0.modinfo\0.shstrtab\0"u8.ToArray();
        int modinfoAt = 52, namesAt = modinfoAt + modinfo.Length, shoff = (namesAt + names.Length + 3) & ~3;
        var elf = new byte[shoff + (3 * 40)];
        "\x7f"u8.CopyTo(elf);
        "ELF"u8.CopyTo(elf.AsSpan(1));
        elf[4] = 1; // ELFCLASS32
        elf[5] = 1; // little-endian
        BinaryPrimitives.WriteUInt32LittleEndian(elf.AsSpan(0x20), (uint)shoff);
        BinaryPrimitives.WriteUInt16LittleEndian(elf.AsSpan(0x2E), 40);
        BinaryPrimitives.WriteUInt16LittleEndian(elf.AsSpan(0x30), 3);
        BinaryPrimitives.WriteUInt16LittleEndian(elf.AsSpan(0x32), 2);
        modinfo.CopyTo(elf, modinfoAt);
        names.CopyTo(elf, namesAt);
        void Section(int index, int nameOffset, int offset, int size)
        {
            var h = elf.AsSpan(shoff + (index * 40));
            BinaryPrimitives.WriteUInt32LittleEndian(h, (uint)nameOffset);
            BinaryPrimitives.WriteUInt32LittleEndian(h[0x10..], (uint)offset);
            BinaryPrimitives.WriteUInt32LittleEndian(h[0x14..], (uint)size);
        }
        Section(1, 1, modinfoAt, modinfo.Length);
        Section(2, 10, namesAt, names.Length);
        return elf;
    }

    private void Add(string path, byte[] data)
    {
        string file = Path.Combine(_tree, "lib", "modules", Release, path);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllBytes(file, data);
    }

    private void AddExt4Family()
    {
        Add("kernel/fs/ext4/ext4.ko", Module("ext4", "jbd2,mbcache,crc16"));
        Add("kernel/fs/jbd2/jbd2.ko", Module("jbd2", "crc_helper"));
        Add("kernel/lib/crc-helper.ko", Module("crc_helper", ""));
        Add("kernel/fs/mbcache.ko", Module("mbcache", ""));
        Add("kernel/lib/crc16.ko", Module("crc16", ""));
        Add("kernel/drivers/block/xen-blkfront.ko", Module("xen_blkfront", ""));
        Add("kernel/sound/unrelated.ko", Module("unrelated", ""));
    }

    [Fact]
    public void Wanted_modules_come_with_their_dependencies_each_after_what_it_needs()
    {
        AddExt4Family();

        var tree = KernelModules.Collect(_tree, ["xen-blkfront", "ext4"], "linux-image-test");

        Assert.Equal(Release, tree.Release);
        Assert.Equal(["kernel/drivers/block/xen-blkfront.ko", "kernel/lib/crc-helper.ko", "kernel/fs/jbd2/jbd2.ko",
            "kernel/fs/mbcache.ko", "kernel/lib/crc16.ko", "kernel/fs/ext4/ext4.ko"], tree.Files.Select(f => f.Path));
        Assert.Equal(File.ReadAllBytes(Path.Combine(_tree, "lib/modules", Release, "kernel/fs/mbcache.ko")), tree.Files[3].Data);
        // depmod's form: every dependency, direct or not, loadable from the end of the line backwards.
        Assert.Equal(
            "kernel/drivers/block/xen-blkfront.ko:\n"
            + "kernel/lib/crc-helper.ko:\n"
            + "kernel/fs/jbd2/jbd2.ko: kernel/lib/crc-helper.ko\n"
            + "kernel/fs/mbcache.ko:\n"
            + "kernel/lib/crc16.ko:\n"
            + "kernel/fs/ext4/ext4.ko: kernel/lib/crc16.ko kernel/fs/mbcache.ko kernel/fs/jbd2/jbd2.ko kernel/lib/crc-helper.ko\n",
            tree.ModulesDep);
    }

    [Fact]
    public void A_missing_dependency_names_the_module_that_needs_it()
    {
        Add("kernel/fs/ext4/ext4.ko", Module("ext4", "jbd2"));
        var e = Assert.Throws<ImageException>(() => KernelModules.Collect(_tree, ["ext4"], "linux-image-test"));
        Assert.Equal($"linux-image-test: module jbd2 (needed by ext4) is not in lib/modules/{Release}", e.Message);
    }

    [Fact]
    public void Compressed_modules_and_another_releases_modules_are_refused()
    {
        Add("kernel/fs/ext4/ext4.ko", Module("ext4", "", release: "6.1.0-99-armmp"));
        var e = Assert.Throws<ImageException>(() => KernelModules.Collect(_tree, ["ext4"], "linux-image-test"));
        Assert.Equal($"linux-image-test: ext4.ko is not built for {Release}", e.Message);

        Add("kernel/fs/jbd2/jbd2.ko.xz", [0xFD, (byte)'7', (byte)'z']);
        e = Assert.Throws<ImageException>(() => KernelModules.Collect(_tree, ["ext4"], "linux-image-test"));
        Assert.StartsWith("linux-image-test: jbd2.ko.xz is compressed", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_an_elf_module_is_a_clear_error()
    {
        Add("kernel/fs/ext4/ext4.ko", "not an ELF file at all, but long enough to hold an ELF header........."u8.ToArray());
        var e = Assert.Throws<ImageException>(() => KernelModules.Collect(_tree, ["ext4"], "linux-image-test"));
        Assert.Equal("linux-image-test: ext4.ko is not a valid ARM module (not a 32-bit little-endian ELF file)", e.Message);
    }
}
