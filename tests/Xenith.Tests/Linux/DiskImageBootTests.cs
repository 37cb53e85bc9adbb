using System.Diagnostics;
using System.Text;
using Xenith.Images;
using Xenith.Tests.Images;

namespace Xenith.Tests.Linux;

/// <summary>
/// busybox.img as a root file system, booted the whole way: QEMU's virt board (the reference board, which has a
/// disk device without a Xen backend) runs Debian's kernel with the busybox initramfs and <c>root=/dev/vda</c>;
/// /init loads the disk driver and ext4, switch_roots, the disk's own init gives a shell, and what that shell
/// writes is on the image afterwards.
/// </summary>
public sealed class DiskImageBootTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("xenith-disk-boot-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Qemu_boots_busybox_img_through_the_initramfs_and_keeps_what_the_shell_wrote()
    {
        string disk = Path.Combine(_dir, ImageCache.DiskImage);
        File.Copy(DebianImageContents.PathOf(ImageCache.DiskImage), disk);
        var psi = new ProcessStartInfo("qemu-system-arm")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var a in new[] { "-M", "virt", "-cpu", "cortex-a15", "-m", "512", "-nographic", "-no-reboot", "-nic", "none",
                     "-kernel", DebianImageContents.PathOf(ImageCache.LpaeKernel), "-initrd", DebianImageContents.PathOf(ImageCache.Initramfs),
                     "-append", "console=ttyAMA0 root=/dev/vda rootdelay=10",
                     "-drive", $"file={disk},if=none,format=raw,id=d", "-device", "virtio-blk-device,drive=d" })
            psi.ArgumentList.Add(a);
        using var qemu = Process.Start(psi)!;
        var output = new StringBuilder();
        var reader = Task.Run(() =>
        {
            var buf = new char[4096];
            int n;
            while ((n = qemu.StandardOutput.Read(buf, 0, buf.Length)) > 0)
            {
                lock (output)
                {
                    output.Append(buf, 0, n);
                    Monitor.PulseAll(output);
                }
            }
        });
        var stderr = qemu.StandardError.ReadToEndAsync();
        try
        {
            WaitFor(output, "BUSYBOX-DISK-READY", TimeSpan.FromMinutes(3));
            WaitFor(output, "/ # ", TimeSpan.FromMinutes(1));
            qemu.StandardInput.Write("echo hello-$((6*7)) > /root/note; echo written-$((1+1))\n");
            qemu.StandardInput.Flush();
            WaitFor(output, "written-2", TimeSpan.FromMinutes(1));
            qemu.StandardInput.Write("exit\n");
            qemu.StandardInput.Flush();
            Assert.True(qemu.WaitForExit(TimeSpan.FromMinutes(1)), $"QEMU did not power off; the console shows:\n{output}");
        }
        finally
        {
            if (!qemu.HasExited)
                qemu.Kill();
        }
        await reader.WaitAsync(TimeSpan.FromSeconds(10));

        string log = output.ToString();
        Assert.True(qemu.ExitCode == 0, $"QEMU exited {qemu.ExitCode}: {await stderr}");
        Assert.Contains("BUSYBOX-READY uptime=", log);
        Assert.Contains("init: switching to /dev/vda", log);
        Assert.Contains("root=/dev/vda", log[log.IndexOf("BUSYBOX-DISK-READY", StringComparison.Ordinal)..]);
        Assert.Contains("reboot: Power down", log);
        Assert.DoesNotContain("init: cannot", log);
        Assert.Equal("hello-42\n", Encoding.UTF8.GetString(Debugfs.Read(disk, "/root/note")));
        // The disk's init synced and remounted read-only before powering off: the file system is clean.
        using var fsck = Process.Start(new ProcessStartInfo(File.Exists("/usr/sbin/e2fsck") ? "/usr/sbin/e2fsck" : "e2fsck", ["-f", "-n", disk])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        string report = fsck.StandardOutput.ReadToEnd() + fsck.StandardError.ReadToEnd();
        fsck.WaitForExit();
        Assert.True(fsck.ExitCode == 0, report);
    }

    private static void WaitFor(StringBuilder output, string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        lock (output)
        {
            while (!output.ToString().Contains(text, StringComparison.Ordinal))
            {
                var left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero)
                    Assert.Fail($"no \"{text}\" on the console; it shows:\n{output}");
                Monitor.Wait(output, TimeSpan.FromMilliseconds(Math.Min(left.TotalMilliseconds, 500)));
            }
        }
    }
}
