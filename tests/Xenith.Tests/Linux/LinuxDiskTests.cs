using Xenith.Images;
using Xenith.Rpc;
using Xenith.Tests.Images;
using Xunit.Abstractions;

namespace Xenith.Tests.Linux;

/// <summary>
/// Issue 7 item 4 with the real kernel: Debian's xen-blkfront against Xenith's block backend, on a copy of the paper's
/// busybox.img. What Linux writes and flushes is in the image file after the domain is destroyed (no clean
/// shutdown), and the domain boots from the disk with <c>root=/dev/xvda</c>.
/// </summary>
public sealed class LinuxDiskTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("xenith-disk-").FullName;

    /// <summary>A private copy of busybox.img, so no test changes the cached one.</summary>
    private string CopyOfDisk()
    {
        string disk = Path.Combine(_dir, "busybox.img");
        File.Copy(Path.Combine(BoardRun.ImageDirectory, ImageCache.DiskImage), disk);
        return disk;
    }

    [Fact]
    public async Task A_file_written_and_synced_on_xvda_is_in_the_image_after_destroy()
    {
        string disk = CopyOfDisk();
        using var run = new DomURun(ImageCache.LpaeKernel, $"vcpus = 1\ndisk = ['file:{disk},xvda,w']\n");
        await run.BootToShell();
        string mounts = await run.Run("grep -c '^/dev/xvda /mnt ext4 rw' /proc/mounts; echo mounts-$((6*7))", "mounts-42");
        Assert.Contains("1\r\n", mounts);
        // The marker is computed by the shell, so the echo of the typed command does not match it.
        string wrote = await run.Run("echo written-by-linux > /mnt/root/note && sync && echo synced-$((1+1))", "synced-2");
        output.WriteLine(wrote);
        Assert.Contains("synced-2", wrote);

        run.Toolstack.Destroy(run.DomId);
        await run.End.WaitAsync(TimeSpan.FromMinutes(1));
        Assert.Equal("written-by-linux\n"u8.ToArray(), Debugfs.Read(disk, "/root/note"));
    }

    [Fact]
    public async Task The_domain_boots_from_xvda_and_powers_off_from_the_disks_shell()
    {
        string disk = CopyOfDisk();
        using var run = new DomURun(ImageCache.LpaeKernel, $"vcpus = 1\ndisk = ['file:{disk},xvda,w']\nextra = \"console=hvc0 root=/dev/xvda\"\n");
        var (boot, took) = await run.BootToShell();
        output.WriteLine($"xl create to the shell of busybox.img: {took.TotalSeconds:F1} s");
        Assert.True(boot.Contains("BUSYBOX-DISK-READY", StringComparison.Ordinal) && boot.Contains("root=/dev/xvda", StringComparison.Ordinal), boot);
        string root = await run.Run("echo root-$((2+2)): $(grep ' / ' /proc/mounts | tail -n 1 | cut -d' ' -f1-3)", "root-4: ");
        Assert.Contains("/dev/xvda / ext4", await run.ReadUntil("\r\n", TimeSpan.FromSeconds(30)) + root);
        await run.Run("echo from-the-disk > /root/boot-note; echo ok-$((3*3))", "ok-9");
        // busybox init on the disk syncs and remounts / read-only at poweroff; blkfront's shutdown hears the
        // backend answer its Closing (no "timeout closing device" wait).
        var reason = run.PowerOff("poweroff");
        string down = await run.ReadUntil("reboot: Power down", TimeSpan.FromMinutes(1));
        output.WriteLine(down);
        Assert.Equal(ShutdownReason.Poweroff, await reason);
        Assert.DoesNotContain("timeout closing device", down, StringComparison.Ordinal);
        Assert.Equal("from-the-disk\n"u8.ToArray(), Debugfs.Read(disk, "/root/boot-note"));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
