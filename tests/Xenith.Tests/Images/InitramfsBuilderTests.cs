using System.IO.Compression;
using System.Text;
using Xenith.Images;

namespace Xenith.Tests.Images;

public class InitramfsBuilderTests
{
    private static readonly byte[] FakeBusybox = [0x7F, (byte)'E', (byte)'L', (byte)'F', 1, 2, 3, 4, 5, 6, 7];

    /// <summary>Two kernels' trees, as KernelModules.Collect gives them (file contents do not matter here).</summary>
    private static readonly ModuleTree[] FakeModules =
    [
        new("6.1.0-57-armmp-lpae", [new("kernel/drivers/block/xen-blkfront.ko", [1, 2]), new("kernel/fs/ext4/ext4.ko", [3])],
            "kernel/drivers/block/xen-blkfront.ko:\nkernel/fs/ext4/ext4.ko:\n"),
        new("6.1.0-57-armmp", [new("kernel/drivers/block/xen-blkfront.ko", [4])], "kernel/drivers/block/xen-blkfront.ko:\n"),
    ];

    private static readonly LinuxTools.Tool[] FakeTools = [new("xen-vchan-recv", "\u007fELF tool"u8.ToArray())];

    private static byte[] Build(byte[] busybox) => InitramfsBuilder.Build(busybox, FakeModules, FakeTools);

    private static List<NewcEntry> Unpack(byte[] gz)
    {
        using var input = new GZipStream(new MemoryStream(gz), CompressionMode.Decompress);
        using var cpio = new MemoryStream();
        input.CopyTo(cpio);
        return NewcReader.Read(cpio.ToArray());
    }

    [Fact]
    public void ArchiveHoldsBusyboxInitAndTheConsoleNode()
    {
        var entries = Unpack(Build(FakeBusybox)).ToDictionary(e => e.Name);

        Assert.Equal(FakeBusybox, entries["bin/busybox"].Data);
        Assert.Equal(0x81EDu, entries["bin/busybox"].Mode);
        Assert.Equal("busybox"u8.ToArray(), entries["bin/sh"].Data);
        Assert.Equal(0xA1FFu, entries["bin/sh"].Mode);
        Assert.Equal(FakeTools[0].Data, entries["bin/xen-vchan-recv"].Data);
        Assert.Equal(0x81EDu, entries["bin/xen-vchan-recv"].Mode);
        Assert.Equal((0x2180u, 5u, 1u), (entries["dev/console"].Mode, entries["dev/console"].RdevMajor, entries["dev/console"].RdevMinor));
        Assert.Equal((1u, 3u), (entries["dev/null"].RdevMajor, entries["dev/null"].RdevMinor));
        Assert.Equal(0x43FFu, entries["tmp"].Mode); // directory, sticky, rwxrwxrwx
        foreach (var dir in new[] { "proc", "sys", "dev", "etc" })
            Assert.Equal(0x41EDu, entries[dir].Mode);

        var init = entries["init"];
        Assert.Equal(0x81EDu, init.Mode);
        string script = Encoding.UTF8.GetString(init.Data);
        Assert.Equal(InitramfsBuilder.InitScript, script);
        Assert.StartsWith("#!/bin/sh\n", script, StringComparison.Ordinal);
        Assert.Contains("echo \"BUSYBOX-READY uptime=$uptime\"\n", script, StringComparison.Ordinal);
        Assert.Contains("*\" xenith.autotest=1 \"*)", script, StringComparison.Ordinal);
        Assert.Contains("echo AUTOTEST-DONE\n", script, StringComparison.Ordinal);
        Assert.EndsWith("exec /sbin/init\n", script, StringComparison.Ordinal);
        // busybox init then runs the console shell, powers off when it exits, and acts on poweroff/reboot.
        Assert.Equal("::once:/bin/sh -c 'setsid cttyhack sh; poweroff'\n", Encoding.UTF8.GetString(entries["etc/inittab"].Data));
        Assert.DoesNotContain('\r', script);
    }

    [Fact]
    public void ParentDirectoriesComeBeforeTheirEntries()
    {
        // The kernel's initramfs unpacker does not create missing parents: "bin/busybox" before "bin" would be dropped.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in Unpack(Build(FakeBusybox)))
        {
            string? parent = Path.GetDirectoryName(entry.Name);
            Assert.True(string.IsNullOrEmpty(parent) || seen.Contains(parent), $"{entry.Name} comes before {parent}");
            seen.Add(entry.Name);
        }
        Assert.Contains("usr/sbin", seen);
        Assert.Contains("lib/modules/6.1.0-57-armmp-lpae/kernel/fs/ext4", seen);
    }

    [Fact]
    public void EveryKernelsModulesAndModulesDepLieUnderItsRelease()
    {
        var entries = Unpack(Build(FakeBusybox)).ToDictionary(e => e.Name);

        Assert.Equal([1, 2], entries["lib/modules/6.1.0-57-armmp-lpae/kernel/drivers/block/xen-blkfront.ko"].Data);
        Assert.Equal([3], entries["lib/modules/6.1.0-57-armmp-lpae/kernel/fs/ext4/ext4.ko"].Data);
        Assert.Equal([4], entries["lib/modules/6.1.0-57-armmp/kernel/drivers/block/xen-blkfront.ko"].Data);
        Assert.Equal("kernel/drivers/block/xen-blkfront.ko:\n"u8.ToArray(), entries["lib/modules/6.1.0-57-armmp/modules.dep"].Data);
        Assert.Equal(0x81A4u, entries["lib/modules/6.1.0-57-armmp/modules.dep"].Mode);
        Assert.Equal(0x41EDu, entries["lib/modules/6.1.0-57-armmp"].Mode);
        Assert.DoesNotContain("lib/modules/6.1.0-57-armmp/kernel/fs", entries.Keys);
    }

    [Fact]
    public void InitLoadsThePvDriversUnderXenAndSwitchesToTheRootItIsGiven()
    {
        string script = InitramfsBuilder.InitScript;
        // The modules only under Xen, after the marker the boot benchmarks time.
        int ready = script.IndexOf("echo \"BUSYBOX-READY", StringComparison.Ordinal);
        int xen = script.IndexOf("if [ \"$(cat /sys/hypervisor/type 2>/dev/null)\" = xen ]; then", StringComparison.Ordinal);
        Assert.InRange(xen, ready + 1, script.Length);
        Assert.Contains("for m in xen-evtchn xen-gntdev xen-blkfront; do", script, StringComparison.Ordinal);
        Assert.Contains("root=*) root=${arg#root=} ;;", script, StringComparison.Ordinal);
        Assert.Contains("exec switch_root /newroot \"$init\"", script, StringComparison.Ordinal);
        Assert.Contains("mount_disk /dev/xvda /mnt", script, StringComparison.Ordinal);
        // Every branch that does not switch ends in the autotest or the shell, as before.
        Assert.True(script.IndexOf("exec switch_root", StringComparison.Ordinal) < script.IndexOf("xenith.autotest=1", StringComparison.Ordinal));
        Assert.Contains("newroot", InitramfsDirectories());
    }

    private static IEnumerable<string> InitramfsDirectories() =>
        Unpack(Build(FakeBusybox)).Where(e => (e.Mode & 0xF000) == 0x4000).Select(e => e.Name);

    [Fact]
    public void SameBusyboxGivesTheSameBytesAndAnotherBusyboxDoesNot()
    {
        byte[] a = Build(FakeBusybox);
        Assert.Equal(a, Build(FakeBusybox));
        Assert.NotEqual(a, Build([.. FakeBusybox, 8]));
        Assert.Matches("^init-[0-9a-f]{12}$", InitramfsBuilder.LayoutId);
    }
}
