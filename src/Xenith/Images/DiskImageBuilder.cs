using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Xenith.Images;

/// <summary>
/// busybox.img, the paper's disk: a raw (sparse) disk image formatted ext4 with a statically built
/// busybox installed in it, the root a domU boots from with <c>root=/dev/xvda</c>. Its /sbin/init
/// mounts the pseudo file systems, prints <c>BUSYBOX-DISK-READY</c> and runs a shell on the console
/// (hvc0 under Xen, ttyAMA0 on the board), powering off when the shell exits.
/// </summary>
/// <remarks>
/// Made with Debian's e2fsprogs, without root: <c>mke2fs -d</c> copies a staged folder in, then one
/// <c>debugfs</c> script makes everything root's, sets every timestamp to <see cref="FixedTime"/> and adds the
/// device nodes a user could not create. With a private mke2fs.conf, a fixed UUID and hash seed, and
/// <c>E2FSPROGS_FAKE_TIME</c>, the same busybox and size give the same bytes on any host.
/// </remarks>
internal static class DiskImageBuilder
{
    public const long DefaultSizeMiB = 64;

    /// <summary>Below this ext4's journal and metadata leave too little room to be worth having.</summary>
    public const long MinimumSizeMiB = 16;

    public const long MaximumSizeMiB = 1L << 20; // 1 TiB, sparse

    public const string Label = "busybox";

    /// <summary>Debian 12's release day (2023-06-10 00:00 UTC): the time of every inode and of the superblock.</summary>
    public const long FixedTime = 1686355200;

    /// <summary>Bumped whenever <see cref="Stage"/> or <see cref="DebugfsScript"/> changes what the image holds.</summary>
    private const int LayoutVersion = 1;

    private const string FsUuid = "78656e69-7468-4275-9379-626f78646973";
    private const string HashSeed = "78656e69-7468-4275-9379-626f78686173";

    /// <summary>
    /// The root's /sbin/init. The image holds busybox and /bin/sh only: the first boot installs the applet
    /// links onto the disk (the names come from the binary itself, which cannot run on the build host). The
    /// pseudo file systems may already be there, moved over by the initramfs before its switch_root.
    /// </summary>
    public const string InitScript = """
        #!/bin/sh
        # Xenith's busybox disk (src/Xenith/Images/DiskImageBuilder.cs).
        export PATH=/sbin:/usr/sbin:/bin:/usr/bin
        [ -e /bin/mount ] || /bin/busybox --install -s
        # Debian's busybox has no mountpoint applet; /proc/mounts tells (and is absent until proc is mounted).
        mounted() { grep -q "^[^ ]* $1 " /proc/mounts 2>/dev/null; }
        mounted /proc || mount -t proc proc /proc
        mounted /sys || mount -t sysfs sysfs /sys
        mounted /dev || mount -t devtmpfs devtmpfs /dev
        mkdir -p /dev/pts
        mounted /dev/pts || mount -t devpts devpts /dev/pts
        hostname -F /etc/hostname
        read -r uptime idle < /proc/uptime
        echo "BUSYBOX-DISK-READY uptime=$uptime root=$(sed -n 's|^\([^ ]*\) / .*|\1|p' /proc/mounts | tail -n 1)"
        # busybox init runs the console shell from /etc/inittab; at poweroff or reboot it flushes and remounts / read-only.
        exec /bin/busybox init

        """;

    /// <summary>Folders of the root, in creation order (parents first).</summary>
    private static readonly string[] Directories =
        ["bin", "sbin", "usr", "usr/bin", "usr/sbin", "dev", "etc", "proc", "sys", "root", "run", "mnt", "tmp"];

    private static readonly (string Path, string Text)[] EtcFiles =
    [
        ("etc/passwd", "root:x:0:0:root:/root:/bin/sh\n"),
        ("etc/group", "root:x:0:\n"),
        ("etc/hostname", "busybox\n"),
        // What the shell wrote reaches the disk before the power goes.
        ("etc/inittab", BusyboxInittab.Text("/bin/sync", "/bin/mount -o remount,ro /")),
    ];

    /// <summary>Character devices made by debugfs: (path, major, minor, mode).</summary>
    private static readonly (string Path, int Major, int Minor, int Mode)[] Devices =
    [
        ("dev/console", 5, 1, 0b110_000_000),
        ("dev/null", 1, 3, 0b110_110_110),
    ];

    /// <summary>
    /// e2fsprogs' defaults vary with the host's /etc/mke2fs.conf and the size ("small" file systems get
    /// 1 KiB blocks); this one is used instead. The features are those of Debian 12's ext4 default minus
    /// orphan_file, so any ext4 kernel from 4.x on mounts the image.
    /// </summary>
    private const string Mke2fsConf = """
        [defaults]
        	base_features = sparse_super,large_file,filetype,resize_inode,dir_index,ext_attr
        	default_mntopts = acl,user_xattr
        	blocksize = 4096
        	inode_size = 256
        	inode_ratio = 16384
        [fs_types]
        	ext4 = {
        		features = has_journal,extent,huge_file,flex_bg,metadata_csum,64bit,dir_nlink,extra_isize
        	}

        """;

    private const string Missing = "xenith images needs Debian's e2fsprogs to make busybox.img (apt-get install e2fsprogs)";

    /// <summary>
    /// What versions.txt records besides the busybox version: a fingerprint of the layout and the size,
    /// e.g. <c>disk-0123456789ab-64M</c>.
    /// </summary>
    public static string InputId(long sizeMiB)
    {
        string layout = string.Join('\n', [LayoutVersion.ToString(CultureInfo.InvariantCulture), InitScript, Mke2fsConf, string.Join(' ', Directories), FsUuid, HashSeed,
            FixedTime.ToString(CultureInfo.InvariantCulture), .. EtcFiles.Select(f => f.Path + "=" + f.Text),
            .. Devices.Select(d => $"{d.Path} {d.Major} {d.Minor} {d.Mode}")]);
        string hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(layout)))[..12];
        return $"disk-{hash}-{sizeMiB.ToString(CultureInfo.InvariantCulture)}M";
    }

    /// <summary>The size an earlier run recorded in <see cref="InputId"/>, or null.</summary>
    public static long? RecordedSizeMiB(string? extra)
    {
        if (extra == null || !extra.StartsWith("disk-", StringComparison.Ordinal) || !extra.EndsWith('M'))
            return null;
        string size = extra[(extra.LastIndexOf('-') + 1)..^1];
        return long.TryParse(size, NumberStyles.None, CultureInfo.InvariantCulture, out long mib) ? mib : null;
    }

    /// <summary>A <c>--disk-size</c> value: MiB as <c>64M</c> or <c>64</c>, GiB as <c>2G</c>.</summary>
    public static long ParseSizeMiB(string text)
    {
        string digits = text.EndsWith('M') || text.EndsWith('G') ? text[..^1] : text;
        long scale = text.EndsWith('G') ? 1024 : 1;
        if (!long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out long n) || n > MaximumSizeMiB / scale
            || n * scale < MinimumSizeMiB)
            throw new ImageException($"--disk-size '{text}': expected {MinimumSizeMiB}M to {MaximumSizeMiB >> 10}G, e.g. 64M or 2G");
        return n * scale;
    }

    /// <summary>Makes the image at <paramref name="image"/>, using <paramref name="scratch"/> for the staged root and the tools' inputs.</summary>
    public static void Build(string image, byte[] busybox, long sizeMiB, string scratch)
    {
        string root = Path.Combine(scratch, "disk-root");
        var entries = Stage(root, busybox);
        string conf = Path.Combine(scratch, "mke2fs.conf");
        File.WriteAllText(conf, Mke2fsConf);
        var env = new Dictionary<string, string>
        {
            ["MKE2FS_CONFIG"] = conf,
            ["E2FSPROGS_FAKE_TIME"] = FixedTime.ToString(CultureInfo.InvariantCulture),
        };

        using (var file = new FileStream(image, FileMode.Create, FileAccess.Write))
            file.SetLength(sizeMiB << 20); // sparse: only what mke2fs writes takes space
        Check("mke2fs", HostTool.Run("mke2fs",
            ["-q", "-F", "-t", "ext4", "-T", "ext4", "-L", Label, "-U", FsUuid,
             "-E", $"root_owner=0:0,hash_seed={HashSeed},lazy_itable_init=0", "-d", root, image], Missing, environment: env));

        string commands = Path.Combine(scratch, "debugfs.cmd");
        File.WriteAllText(commands, DebugfsScript(entries));
        var fixup = HostTool.Run("debugfs", ["-w", "-f", commands, image], Missing, environment: env);
        Check("debugfs", fixup);
        // debugfs exits 0 whatever its commands did; its errors are the stderr lines past the version banner.
        string? error = fixup.Stderr.Split('\n').Select(l => l.Trim())
            .FirstOrDefault(l => l.Length > 0 && !l.StartsWith("debugfs ", StringComparison.Ordinal));
        if (error != null)
            throw new ImageException($"debugfs on busybox.img: {error}");

        Check("e2fsck", HostTool.Run("e2fsck", ["-f", "-n", image], Missing, environment: env));
    }

    // st_mode file types (Linux include/uapi/linux/stat.h).
    private const int S_IFCHR = 0x2000, S_IFDIR = 0x4000, S_IFREG = 0x8000, S_IFLNK = 0xA000;
    private const int Rwxr_xr_x = 0b111_101_101, Rw_r__r__ = 0b110_100_100;

    /// <summary>
    /// Writes the root into <paramref name="root"/>; returns each entry's image path ("/bin/sh") and
    /// st_mode, which debugfs sets, so neither the host's umask nor its file modes matter.
    /// </summary>
    private static List<(string Path, int Mode)> Stage(string root, byte[] busybox)
    {
        var entries = new List<(string, int)>();
        Directory.CreateDirectory(root);
        foreach (var dir in Directories)
        {
            Directory.CreateDirectory(Path.Combine(root, dir));
            // /tmp is sticky and world-writable; /root is root's alone.
            int permissions = dir switch { "tmp" => 0b1_111_111_111, "root" => 0b111_000_000, _ => Rwxr_xr_x };
            entries.Add(("/" + dir, S_IFDIR | permissions));
        }
        void Write(string path, byte[] data, int permissions)
        {
            File.WriteAllBytes(Path.Combine(root, path), data);
            entries.Add(("/" + path, S_IFREG | permissions));
        }
        Write("bin/busybox", busybox, Rwxr_xr_x);
        File.CreateSymbolicLink(Path.Combine(root, "bin", "sh"), "busybox");
        entries.Add(("/bin/sh", S_IFLNK | 0b111_111_111));
        Write("sbin/init", Encoding.UTF8.GetBytes(InitScript), Rwxr_xr_x);
        foreach (var (path, text) in EtcFiles)
            Write(path, Encoding.UTF8.GetBytes(text), Rw_r__r__);
        return entries;
    }

    /// <summary>
    /// The debugfs commands: the device nodes, then for every inode (the root and lost+found too) its
    /// mode, owner root and <see cref="FixedTime"/>.
    /// </summary>
    private static string DebugfsScript(List<(string Path, int Mode)> entries)
    {
        var script = new StringBuilder();
        foreach (var (path, major, minor, _) in Devices)
            script.Append(CultureInfo.InvariantCulture, $"cd /{Path.GetDirectoryName(path)}\nmknod {Path.GetFileName(path)} c {major} {minor}\ncd /\n");
        var all = entries.Concat(Devices.Select(d => ("/" + d.Path, S_IFCHR | d.Mode)))
            .Prepend(("/", S_IFDIR | Rwxr_xr_x)).Append(("/lost+found", S_IFDIR | 0b111_000_000));
        string time = "@" + FixedTime.ToString(CultureInfo.InvariantCulture);
        foreach (var (path, mode) in all)
        {
            script.Append(CultureInfo.InvariantCulture, $"sif {path} mode 0{Convert.ToString(mode, 8)}\n");
            foreach (var field in new[] { "uid", "gid" })
                script.Append(CultureInfo.InvariantCulture, $"sif {path} {field} 0\n");
            foreach (var field in new[] { "atime", "mtime", "ctime", "crtime" })
                script.Append(CultureInfo.InvariantCulture, $"sif {path} {field} {time}\n");
        }
        return script.ToString();
    }

    private static void Check(string tool, ToolRun run)
    {
        if (run.ExitCode != 0)
        {
            string message = (run.Stderr + "\n" + run.Stdout).Split('\n').Select(l => l.Trim())
                .FirstOrDefault(l => l.Length > 0 && !l.StartsWith(tool + " 1.", StringComparison.Ordinal)) ?? "";
            throw new ImageException($"{tool} on busybox.img failed (status {run.ExitCode}){(message.Length > 0 ? ": " + message : "")}");
        }
    }
}
