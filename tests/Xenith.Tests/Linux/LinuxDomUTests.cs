using System.Text;
using Xenith.Images;
using Xenith.Rpc;
using Xenith.Toolstack;

namespace Xenith.Tests.Linux;

/// <summary>
/// Debian's unmodified armmp-lpae kernel as an xl-created domU (the next issue's first step, kept working now): it
/// boots on the PV console to the busybox shell with its PV drivers loaded from the initramfs, takes a typed
/// command, and `poweroff -f` ends the domain.
/// </summary>
public class LinuxDomUTests
{
    [Fact]
    public async Task Debian_linux_boots_as_a_domU_to_a_shell_on_its_pv_console()
    {
        string images = BoardRun.ImageDirectory;
        string dir = Directory.CreateTempSubdirectory("xenith-domu-").FullName;
        try
        {
            string cfg = Path.Combine(dir, "busybox.cfg");
            await File.WriteAllTextAsync(cfg,
                $"name = \"busybox\"\nkernel = \"{Path.Combine(images, ImageCache.LpaeKernel)}\"\n" +
                $"ramdisk = \"{Path.Combine(images, ImageCache.Initramfs)}\"\nmemory = 256\nvcpus = 1\nextra = \"console=hvc0\"\n");
            using var ts = new global::Xenith.Toolstack.Toolstack(new ToolstackOptions(2, 512ul << 20, 1, false, 512ul << 20));
            var created = ts.Create(new CreateRequest(cfg, [], dir, Paused: false));
            var end = ts.WaitForDomainAsync(created.DomId, untilDeath: false, CancellationToken.None);
            using var console = ts.OpenConsole(created.DomId, ConsoleType.Pv, 0);
            string boot = await ReadUntil(console, "/ # ", TimeSpan.FromMinutes(4));
            Assert.Contains("Xen 4.17 support found", boot);
            Assert.Contains("xen:grant_table: Grant tables using version 1 layout", boot);
            Assert.Contains("BUSYBOX-READY", boot);
            console.Write(Encoding.ASCII.GetBytes("echo hello-$((6*7)); cat /sys/hypervisor/type\r"));
            string answer = await ReadUntil(console, "hello-42", TimeSpan.FromMinutes(1));
            Assert.Contains("hello-42", answer);
            // /init loaded the PV drivers from the initramfs's tree for this kernel's `uname -r`.
            console.Write(Encoding.ASCII.GetBytes("echo modules: $(cut -d' ' -f1 /proc/modules | sort)\r"));
            string modules = await ReadUntil(console, "modules: xen", TimeSpan.FromMinutes(1));
            modules += await ReadUntil(console, "/ # ", TimeSpan.FromMinutes(1));
            Assert.Contains("modules: xen_blkfront xen_evtchn xen_gntdev\r\n", modules);
            Assert.DoesNotContain("init: cannot load", boot);
            console.Write(Encoding.ASCII.GetBytes("poweroff -f\r"));
            var ended = await end.WaitAsync(TimeSpan.FromMinutes(1));
            Assert.Equal(ShutdownReason.Poweroff, ended.Reason);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static async Task<string> ReadUntil(Stream console, string text, TimeSpan guard)
    {
        var sb = new StringBuilder();
        var buf = new byte[4096];
        using var cancel = new CancellationTokenSource(guard);
        while (!sb.ToString().Contains(text, StringComparison.Ordinal))
        {
            int n;
            try
            {
                n = await console.ReadAsync(buf, cancel.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            if (n == 0)
                break;
            sb.Append(Encoding.UTF8.GetString(buf, 0, n));
        }
        return sb.ToString();
    }
}
