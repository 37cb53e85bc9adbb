using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace Xenith.Images;

/// <summary>
/// The busybox initramfs the Debian kernels boot into: a statically linked busybox, the directories
/// a shell needs, the two device nodes the kernel opens before /init exists (/dev/console for init's
/// stdin/stdout, /dev/null), and an /init script. Built as a gzip-compressed newc cpio archive.
/// </summary>
internal static class InitramfsBuilder
{
    /// <summary>
    /// /init. It prints <c>BUSYBOX-READY uptime=...</c> as soon as the pseudo file systems are up, the
    /// line the boot benchmarks time. With <c>xenith.autotest=1</c> on the kernel command line it
    /// prints a few facts about the machine, then <c>AUTOTEST-DONE</c>, and powers off; otherwise it runs
    /// an interactive shell and powers off when that shell exits (init must never exit: the kernel
    /// panics when it does).
    /// </summary>
    public const string InitScript = """
        #!/bin/sh
        # Xenith's busybox initramfs (src/Xenith/Images/InitramfsBuilder.cs).
        /bin/busybox --install -s
        export PATH=/sbin:/usr/sbin:/bin:/usr/bin
        mount -t proc proc /proc
        mount -t sysfs sysfs /sys
        mount -t devtmpfs devtmpfs /dev
        mkdir -p /dev/pts
        mount -t devpts devpts /dev/pts
        read -r uptime idle < /proc/uptime
        echo "BUSYBOX-READY uptime=$uptime"
        case " $(cat /proc/cmdline) " in
        *" xenith.autotest=1 "*)
            uname -a
            cat /proc/cpuinfo | head
            echo AUTOTEST-DONE
            poweroff -f
            ;;
        esac
        # setsid + cttyhack give the shell the real console (ttyAMA0, hvc0) as its controlling
        # terminal, so Ctrl-C reaches the foreground job.
        setsid cttyhack sh
        poweroff -f

        """;

    /// <summary>Directories of the image, created before any file in them.</summary>
    private static readonly string[] Directories =
        ["bin", "sbin", "usr", "usr/bin", "usr/sbin", "dev", "etc", "proc", "sys", "root", "run", "mnt"];

    /// <summary>Bumped whenever the archive's layout changes in a way <see cref="InitScript"/> does not show.</summary>
    private const int LayoutVersion = 1;

    /// <summary>
    /// A short fingerprint of everything this class adds besides busybox itself, recorded in
    /// versions.txt so a changed /init rebuilds the archive even when busybox did not change.
    /// </summary>
    public static string LayoutId
    {
        get
        {
            byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{LayoutVersion}\n{string.Join(' ', Directories)}\n{InitScript}"));
            return "init-" + Convert.ToHexStringLower(hash)[..12];
        }
    }

    /// <summary>Writes the compressed archive holding <paramref name="busybox"/> (an ARM static binary) to <paramref name="output"/>.</summary>
    public static void Write(Stream output, ReadOnlySpan<byte> busybox)
    {
        using var gzip = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true);
        var cpio = new CpioWriter(gzip);
        foreach (var dir in Directories)
            cpio.AddDirectory(dir);
        cpio.AddDirectory("tmp", 0b1_111_111_111); // sticky, world-writable
        cpio.AddCharacterDevice("dev/console", 5, 1);
        cpio.AddCharacterDevice("dev/null", 1, 3, 0b110_110_110);
        cpio.AddFile("bin/busybox", busybox, 0b111_101_101);
        cpio.AddSymlink("bin/sh", "busybox");
        cpio.AddFile("etc/passwd", "root:x:0:0:root:/root:/bin/sh\n"u8);
        cpio.AddFile("etc/group", "root:x:0:\n"u8);
        cpio.AddFile("init", Encoding.UTF8.GetBytes(InitScript), 0b111_101_101);
        cpio.Finish();
    }

    public static byte[] Build(ReadOnlySpan<byte> busybox)
    {
        using var buffer = new MemoryStream();
        Write(buffer, busybox);
        return buffer.ToArray();
    }
}
