using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace Xenith.Images;

/// <summary>
/// The busybox initramfs the Debian kernels boot into: a statically linked busybox, the directories
/// a shell needs, the two device nodes the kernel opens before /init exists (/dev/console for init's
/// stdin/stdout, /dev/null), an /init script, and the kernel modules a Xen domU needs to use and boot
/// from its disk (<see cref="KernelModules.Wanted"/>). Built as a gzip-compressed newc cpio archive.
/// </summary>
internal static class InitramfsBuilder
{
    /// <summary>
    /// /init. It prints <c>BUSYBOX-READY uptime=...</c> as soon as the pseudo file systems are up, the
    /// line the boot benchmarks time. Under Xen it loads the PV drivers Debian builds as modules (on
    /// QEMU's virt board, the virtio-mmio disk driver). With
    /// <c>root=DEVICE</c> on the kernel command line (the kernel ignores it when an initramfs is given)
    /// it waits up to <c>rootdelay</c> seconds for the device, mounts it and switch_roots into its
    /// <c>init=</c> (default /sbin/init); when that fails, or without <c>root=</c>, it stays in the
    /// initramfs, with the domain's first disk mounted on /mnt if it has one. With
    /// <c>xenith.autotest=1</c> it then prints a few facts about the machine, then <c>AUTOTEST-DONE</c>,
    /// and powers off; otherwise it hands over to busybox init (<see cref="BusyboxInittab"/>), which runs an
    /// interactive shell, acts on poweroff/reboot/halt, and powers off when that shell exits (init must never exit:
    /// the kernel panics when it does).
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
        cmdline=" $(cat /proc/cmdline) "

        root= rootfstype=ext4 rootflags= mode=rw delay=10 init=/sbin/init
        set -f
        for arg in $cmdline; do
            case "$arg" in
            root=*) root=${arg#root=} ;;
            rootfstype=*) rootfstype=${arg#rootfstype=} ;;
            rootflags=*) rootflags=,${arg#rootflags=} ;;
            rootdelay=*) delay=${arg#rootdelay=} ;;
            init=*) init=${arg#init=} ;;
            ro | rw) mode=$arg ;;
            esac
        done
        set +f
        case "$delay" in '' | *[!0-9]*) delay=10 ;; esac

        # Debian builds Xen's PV drivers as modules; /lib/modules holds both kernels' trees.
        if [ "$(cat /sys/hypervisor/type 2>/dev/null)" = xen ]; then
            for m in xen-evtchn xen-gntdev xen-blkfront; do
                modprobe "$m" || echo "init: cannot load $m"
            done
        elif [ -n "$root" ] && ls /sys/bus/platform/devices 2>/dev/null | grep -q virtio_mmio; then
            # QEMU's virt board, asked to boot from a disk: its disks are virtio-mmio devices (loaded only then,
            # so QEMU's boot benchmark runs the same /init as Xenith's).
            for m in virtio_mmio virtio_blk; do
                modprobe "$m" || echo "init: cannot load $m"
            done
        fi
        # Block devices appear when their driver has connected to the backend, after modprobe returns.
        wait_for() {
            n=0
            until [ -b "$1" ]; do
                [ "$n" -ge "$delay" ] && return 1
                sleep 1
                n=$((n + 1))
            done
        }
        mount_disk() {
            # ext4's metadata checksums need crc32c, which ext4 asks for only as a soft dependency.
            [ "$rootfstype" = ext4 ] && modprobe -q crc32c_generic
            modprobe -q "$rootfstype"
            mount -t "$rootfstype" -o "$mode$rootflags" "$1" "$2"
        }
        if [ -n "$root" ]; then
            if wait_for "$root" && mount_disk "$root" /newroot; then
                if [ -e "/newroot$init" ] || [ -L "/newroot$init" ]; then
                    echo "init: switching to $root"
                    for d in dev proc sys; do
                        [ -d "/newroot/$d" ] && mount --move "/$d" "/newroot/$d"
                    done
                    exec switch_root /newroot "$init"
                fi
                echo "init: $root has no $init"
                umount /newroot
            fi
            echo "init: cannot boot from $root; staying in the initramfs"
        elif [ -e /sys/bus/xen/devices/vbd-51712 ]; then
            # The first disk (xvda) without root=: mounted for the user to read and write.
            wait_for /dev/xvda && mount_disk /dev/xvda /mnt && echo "init: /dev/xvda is mounted on /mnt"
        fi

        case "$cmdline" in
        *" xenith.autotest=1 "*)
            uname -a
            cat /proc/cpuinfo | head
            echo AUTOTEST-DONE
            poweroff -f
            ;;
        esac
        # busybox init runs the console shell from /etc/inittab, so poweroff and reboot typed there work.
        exec /sbin/init

        """;

    /// <summary>What busybox init runs once /init is done (and, at the end, nothing to flush: the initramfs is RAM).</summary>
    public static readonly string Inittab = BusyboxInittab.Text();

    /// <summary>Directories of the image, created before any file in them.</summary>
    private static readonly string[] Directories =
        ["bin", "sbin", "usr", "usr/bin", "usr/sbin", "dev", "etc", "proc", "sys", "root", "run", "mnt", "newroot"];

    /// <summary>Bumped whenever the archive's layout changes in a way <see cref="InitScript"/> does not show.</summary>
    private const int LayoutVersion = 2;

    /// <summary>
    /// A short fingerprint of everything this class adds besides busybox and the kernels' modules, recorded
    /// in versions.txt so a changed /init or module list rebuilds the archive even when no package changed.
    /// </summary>
    public static string LayoutId
    {
        get
        {
            byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{LayoutVersion}\n{string.Join(' ', Directories)}\n{string.Join(' ', KernelModules.Wanted)}\n{InitScript}\n{Inittab}"));
            return "init-" + Convert.ToHexStringLower(hash)[..12];
        }
    }

    /// <summary>
    /// Writes the compressed archive holding <paramref name="busybox"/> (an ARM static binary) and the
    /// module trees (one per kernel: /init's modprobe picks the running one by <c>uname -r</c>) and guest/linux's
    /// tools in /bin to <paramref name="output"/>.
    /// </summary>
    public static void Write(Stream output, ReadOnlySpan<byte> busybox, IReadOnlyList<ModuleTree> modules, IReadOnlyList<LinuxTools.Tool> tools)
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
        foreach (var tool in tools)
            cpio.AddFile($"bin/{tool.Name}", tool.Data, 0b111_101_101);
        cpio.AddFile("etc/passwd", "root:x:0:0:root:/root:/bin/sh\n"u8);
        cpio.AddFile("etc/group", "root:x:0:\n"u8);
        cpio.AddFile("etc/inittab", Encoding.UTF8.GetBytes(Inittab));
        cpio.AddFile("init", Encoding.UTF8.GetBytes(InitScript), 0b111_101_101);
        AddModules(cpio, modules);
        cpio.Finish();
    }

    public static byte[] Build(ReadOnlySpan<byte> busybox, IReadOnlyList<ModuleTree> modules, IReadOnlyList<LinuxTools.Tool> tools)
    {
        using var buffer = new MemoryStream();
        Write(buffer, busybox, modules, tools);
        return buffer.ToArray();
    }

    /// <summary>/lib/modules/&lt;release&gt;/ with the module files and modules.dep, each folder before what it holds.</summary>
    private static void AddModules(CpioWriter cpio, IReadOnlyList<ModuleTree> modules)
    {
        var folders = new SortedSet<string>(StringComparer.Ordinal) { "lib", "lib/modules" };
        foreach (var tree in modules)
        {
            string root = $"lib/modules/{tree.Release}";
            folders.Add(root);
            foreach (var file in tree.Files)
            {
                for (string? dir = Path.GetDirectoryName(file.Path); !string.IsNullOrEmpty(dir); dir = Path.GetDirectoryName(dir))
                    folders.Add($"{root}/{dir}");
            }
        }
        // Ordinal order puts every folder after its parent, whose path is a prefix of its own.
        foreach (var folder in folders)
            cpio.AddDirectory(folder);
        foreach (var tree in modules)
        {
            foreach (var file in tree.Files)
                cpio.AddFile($"lib/modules/{tree.Release}/{file.Path}", file.Data);
            cpio.AddFile($"lib/modules/{tree.Release}/modules.dep", Encoding.UTF8.GetBytes(tree.ModulesDep));
        }
    }
}
