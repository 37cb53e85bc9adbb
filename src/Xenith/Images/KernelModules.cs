using System.Buffers.Binary;
using System.Text;

namespace Xenith.Images;

/// <summary>One module file for the initramfs, its path relative to <c>/lib/modules/&lt;release&gt;</c>.</summary>
internal sealed record ModuleFile(string Path, byte[] Data);

/// <summary>
/// The modules of one kernel release that the initramfs carries, and the <c>modules.dep</c> that lets
/// busybox's <c>modprobe</c> load them by name with their dependencies.
/// </summary>
internal sealed record ModuleTree(string Release, IReadOnlyList<ModuleFile> Files, string ModulesDep);

/// <summary>
/// Picks modules and everything they depend on out of an unpacked Debian <c>linux-image-*</c> package.
/// The package ships no <c>modules.dep</c> (its postinst runs depmod), so the dependencies are read
/// from each module's <c>.modinfo</c> section (<c>depends=a,b</c>), as depmod itself does.
/// </summary>
internal static class KernelModules
{
    /// <summary>
    /// What the Debian kernels build as modules and a Xen domU with a disk needs: the event channel and
    /// grant devices, the PV block frontend, and ext4 with the crc32c its metadata checksums use (ext4 asks
    /// for "crypto-crc32c" only as a soft dependency, which busybox's modprobe does not follow). Also the
    /// virtio-mmio disk of QEMU's virt board, where the tests boot busybox.img without a Xen backend.
    /// </summary>
    public static readonly string[] Wanted = ["xen-evtchn", "xen-gntdev", "xen-blkfront", "virtio_mmio", "virtio_blk", "crc32c_generic", "ext4"];

    // ELF32 header and section header fields (System V ABI, "ELF header" / "Sections").
    private const int EShoff = 0x20, EShentsize = 0x2E, EShnum = 0x30, EShstrndx = 0x32;
    private const int ShName = 0x00, ShOffset = 0x10, ShSize = 0x14, SectionHeaderSize = 0x28;
    private static ReadOnlySpan<byte> ElfMagic => [0x7F, (byte)'E', (byte)'L', (byte)'F'];

    /// <summary>The modules <paramref name="wanted"/> and their dependencies from the package unpacked at <paramref name="tree"/>.</summary>
    public static ModuleTree Collect(string tree, IEnumerable<string> wanted, string package)
    {
        string modulesRoot = Path.Combine(tree, "lib", "modules");
        var releases = Directory.Exists(modulesRoot) ? Directory.GetDirectories(modulesRoot) : [];
        if (releases.Length != 1)
            throw new ImageException($"{package}: expected one lib/modules/<release> in the package, found {releases.Length}");
        string releaseDir = releases[0], release = Path.GetFileName(releaseDir);

        var byName = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(releaseDir, "*.ko*", SearchOption.AllDirectories))
        {
            if (!file.EndsWith(".ko", StringComparison.Ordinal))
                throw new ImageException($"{package}: {Path.GetFileName(file)} is compressed; Xenith expects the uncompressed .ko modules bookworm ships");
            byName[NameOf(file)] = file;
        }

        // Depth-first: a module comes after everything it depends on, so loading the list in order works.
        var order = new List<string>();
        var deps = new Dictionary<string, string[]>(StringComparer.Ordinal);
        void Visit(string name, string neededBy)
        {
            if (deps.ContainsKey(name))
                return;
            if (!byName.TryGetValue(name, out var file))
                throw new ImageException($"{package}: module {name} (needed by {neededBy}) is not in lib/modules/{release}");
            var info = ModInfo(File.ReadAllBytes(file), file, package);
            if (info.GetValueOrDefault("vermagic")?.Split(' ')[0] != release)
                throw new ImageException($"{package}: {Path.GetFileName(file)} is not built for {release}");
            string[] direct = (info.GetValueOrDefault("depends") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries);
            deps[name] = direct;
            foreach (var d in direct)
                Visit(Normalize(d), name);
            order.Add(name);
        }
        foreach (var w in wanted)
            Visit(Normalize(w), "the initramfs");

        string Relative(string name) => Path.GetRelativePath(releaseDir, byName[name]).Replace('\\', '/');
        var files = order.Select(n => new ModuleFile(Relative(n), File.ReadAllBytes(byName[n]))).ToList();
        var dep = new StringBuilder();
        foreach (var name in order)
        {
            // depmod's convention, which modprobe relies on: every dependency, direct or not, listed so that
            // loading them from the end of the line backwards puts each after its own dependencies.
            var closure = Closure(name, deps);
            closure.Reverse();
            dep.Append(Relative(name)).Append(':');
            foreach (var d in closure)
                dep.Append(' ').Append(Relative(d));
            dep.Append('\n');
        }
        return new ModuleTree(release, files, dep.ToString());
    }

    /// <summary>The module's dependencies in load order, without itself.</summary>
    private static List<string> Closure(string name, Dictionary<string, string[]> deps)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var order = new List<string>();
        void Walk(string n)
        {
            foreach (var d in deps[n].Select(Normalize))
            {
                if (seen.Add(d))
                {
                    Walk(d);
                    order.Add(d);
                }
            }
        }
        Walk(name);
        return order;
    }

    /// <summary>The kernel's module name: the file name without .ko, '-' read as '_' (as modprobe does).</summary>
    private static string NameOf(string file) => Normalize(Path.GetFileNameWithoutExtension(file));

    private static string Normalize(string name) => name.Replace('-', '_');

    /// <summary>The key=value strings of a module's <c>.modinfo</c> section (the first value of each key).</summary>
    public static Dictionary<string, string> ModInfo(byte[] elf, string file, string package)
    {
        ImageException Bad(string why) => new($"{package}: {Path.GetFileName(file)} is not a valid ARM module ({why})");
        if (elf.Length < 0x34 || !elf.AsSpan(0, 4).SequenceEqual(ElfMagic) || elf[4] != 1 || elf[5] != 1)
            throw Bad("not a 32-bit little-endian ELF file");
        uint shoff = BinaryPrimitives.ReadUInt32LittleEndian(elf.AsSpan(EShoff));
        int shentsize = BinaryPrimitives.ReadUInt16LittleEndian(elf.AsSpan(EShentsize));
        int shnum = BinaryPrimitives.ReadUInt16LittleEndian(elf.AsSpan(EShnum));
        int shstrndx = BinaryPrimitives.ReadUInt16LittleEndian(elf.AsSpan(EShstrndx));
        if (shentsize != SectionHeaderSize || shstrndx >= shnum || shoff + ((long)shnum * shentsize) > elf.Length)
            throw Bad("section headers out of bounds");

        ReadOnlySpan<byte> Section(int index)
        {
            var header = elf.AsSpan((int)shoff + (index * shentsize));
            uint offset = BinaryPrimitives.ReadUInt32LittleEndian(header[ShOffset..]);
            uint size = BinaryPrimitives.ReadUInt32LittleEndian(header[ShSize..]);
            if (offset + (long)size > elf.Length)
                throw Bad($"section {index} out of bounds");
            return elf.AsSpan((int)offset, (int)size);
        }

        var names = Section(shstrndx);
        for (int i = 0; i < shnum; i++)
        {
            int nameOffset = (int)BinaryPrimitives.ReadUInt32LittleEndian(elf.AsSpan((int)shoff + (i * shentsize) + ShName));
            if (nameOffset >= names.Length)
                throw Bad($"section {i} has no name");
            var rest = names[nameOffset..];
            int end = rest.IndexOf((byte)0);
            if (!rest[..(end < 0 ? rest.Length : end)].SequenceEqual(".modinfo"u8))
                continue;
            var info = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var entry in Encoding.UTF8.GetString(Section(i)).Split('\0', StringSplitOptions.RemoveEmptyEntries))
            {
                int eq = entry.IndexOf('=', StringComparison.Ordinal);
                if (eq > 0)
                    info.TryAdd(entry[..eq], entry[(eq + 1)..]);
            }
            return info;
        }
        throw Bad("no .modinfo section");
    }
}
