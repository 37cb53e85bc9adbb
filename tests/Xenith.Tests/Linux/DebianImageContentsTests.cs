using System.IO.Compression;
using System.Text;
using Xenith.Images;
using Xenith.Tests.Images;
using Xenith.Toolstack.Config;

namespace Xenith.Tests.Linux;

/// <summary>The files <c>xenith images</c> made from Debian's packages, read back.</summary>
internal static class DebianImageContents
{
    public static string PathOf(string file) => Path.Combine(BoardRun.ImageDirectory, file);

    public static Dictionary<string, NewcEntry> InitramfsEntries()
    {
        using var gzip = new GZipStream(File.OpenRead(PathOf(ImageCache.Initramfs)), CompressionMode.Decompress);
        using var cpio = new MemoryStream();
        gzip.CopyTo(cpio);
        return NewcReader.Read(cpio.ToArray()).ToDictionary(e => e.Name);
    }

    /// <summary>The kernel release (<c>uname -r</c>) of a cached kernel: Debian names its package linux-image-&lt;release&gt;.</summary>
    public static string ReleaseOf(string kernelFile)
    {
        var manifest = ImageManifest.Parse(File.ReadAllText(PathOf(ImageCache.VersionsFile)));
        string package = manifest.LineFor(kernelFile)!.Split(' ')[1];
        Assert.StartsWith("linux-image-", package, StringComparison.Ordinal);
        return package["linux-image-".Length..];
    }
}

public class DebianImageContentsTests
{
    private static readonly string[] Modules = ["xen-evtchn", "xen-gntdev", "xen-blkfront", "crc32c_generic", "ext4", "jbd2", "mbcache", "crc16"];

    [Theory]
    [InlineData(ImageCache.LpaeKernel)]
    [InlineData(ImageCache.ArmmpKernel)]
    public void Initramfs_holds_the_pv_and_ext4_modules_built_for_each_kernel(string kernel)
    {
        var entries = DebianImageContents.InitramfsEntries();
        string release = DebianImageContents.ReleaseOf(kernel), root = $"lib/modules/{release}/";

        foreach (var module in Modules)
        {
            var found = entries.Values.Where(e => e.Name.StartsWith(root, StringComparison.Ordinal) && e.Name.EndsWith($"/{module}.ko", StringComparison.Ordinal)).ToList();
            var entry = Assert.Single(found);
            var info = KernelModules.ModInfo(entry.Data, entry.Name, "test");
            Assert.StartsWith(release + " ", info["vermagic"], StringComparison.Ordinal);
        }
        string dep = Encoding.UTF8.GetString(entries[root + "modules.dep"].Data);
        Assert.Contains("kernel/drivers/block/xen-blkfront.ko:\n", dep, StringComparison.Ordinal);
        string ext4 = dep.Split('\n').Single(l => l.StartsWith("kernel/fs/ext4/ext4.ko:", StringComparison.Ordinal));
        foreach (var need in new[] { "kernel/fs/jbd2/jbd2.ko", "kernel/fs/mbcache.ko", "kernel/lib/crc16.ko" })
            Assert.Contains(" " + need, ext4, StringComparison.Ordinal);
    }

    [Fact]
    public void Disk_holds_the_initramfs_busybox_and_its_own_init()
    {
        string image = DebianImageContents.PathOf(ImageCache.DiskImage);
        byte[] busybox = DebianImageContents.InitramfsEntries()["bin/busybox"].Data;

        Assert.Equal(busybox, Debugfs.Read(image, "/bin/busybox"));
        Assert.Equal(DiskImageBuilder.InitScript, Encoding.UTF8.GetString(Debugfs.Read(image, "/sbin/init")));
        Assert.All(Debugfs.Walk(image), e => Assert.Equal((e.Path, 0, 0), (e.Path, e.Uid, e.Gid)));
        Assert.Contains("Filesystem volume name:   busybox", Debugfs.Run(image, "stats"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("busybox.cfg", "console=hvc0")]
    [InlineData("busybox-disk.cfg", "console=hvc0 root=/dev/xvda")]
    public void Example_configs_run_from_the_image_folder_name_its_files(string example, string cmdline)
    {
        string file = Path.Combine(ExamplesFolder(), example);
        var result = XlDomainConfigParser.Parse(XlCfgParser.Parse(file, File.ReadAllText(file)), BoardRun.ImageDirectory);
        var c = result.Config;

        Assert.Equal(("busybox-01", 256L, 1, cmdline), (c.Name, c.MemoryMiB, c.Vcpus, c.Cmdline));
        Assert.Equal(DebianImageContents.PathOf(ImageCache.LpaeKernel), c.Kernel!.Resolved);
        Assert.Equal(DebianImageContents.PathOf(ImageCache.Initramfs), c.Ramdisk!.Resolved);
        var disk = Assert.Single(c.Disks);
        Assert.Equal(("xvda", DebianImageContents.PathOf(ImageCache.DiskImage), false), (disk.Vdev, disk.Target!.Resolved, disk.ReadOnly));
        Assert.True(File.Exists(disk.Target.Resolved));
    }

    private static string ExamplesFolder([System.Runtime.CompilerServices.CallerFilePath] string source = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(source)!, "..", "..", "..", "examples"));
}
