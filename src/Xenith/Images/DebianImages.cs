using System.Buffers.Binary;

namespace Xenith.Images;

/// <summary>
/// Brings the image folder up to date with Debian bookworm armhf: the two kernels
/// (<c>linux-image-armmp-lpae</c>, <c>linux-image-armmp</c>), the busybox initramfs with both kernels'
/// Xen modules, and the busybox disk. Only files whose inputs changed are built, each package is
/// fetched at most once per run, and versions.txt is rewritten after each file, so an interrupted run
/// keeps what it finished.
/// </summary>
internal static class DebianImages
{
    public const string LpaeMetapackage = "linux-image-armmp-lpae";
    public const string ArmmpMetapackage = "linux-image-armmp";
    public const string BusyboxPackage = "busybox-static";

    /// <summary>The images in the order <c>xenith images</c> lists them.</summary>
    public static readonly string[] Files = [ImageCache.LpaeKernel, ImageCache.ArmmpKernel, ImageCache.Initramfs, ImageCache.DiskImage];

    // zImage header (Linux arch/arm/boot/compressed/head.S): magic at 0x24.
    private const int ZImageMagicOffset = 0x24;
    private const uint ZImageMagic = 0x016F2818;
    private const ushort EM_ARM = 40;
    private static ReadOnlySpan<byte> ElfMagic => [0x7F, (byte)'E', (byte)'L', (byte)'F'];

    /// <summary>
    /// Resolves the current package versions, fetches and builds what changed, and returns what the
    /// folder holds. <paramref name="diskSizeMiB"/> null keeps the size busybox.img was last built with
    /// (so a run without <c>--disk-size</c> never resizes a user's disk), else <see cref="DiskImageBuilder.DefaultSizeMiB"/>.
    /// </summary>
    public static IReadOnlyList<ImageInput> Update(ImageCache cache, TextWriter log, long? diskSizeMiB = null)
    {
        using var cacheLock = cache.Lock();
        var apt = new DebianPackages(cache.AptDirectory);
        foreach (var warning in apt.Update())
            log.WriteLine($"warning: {warning}");

        var manifest = cache.ReadManifest();
        long diskSize = diskSizeMiB
            ?? DiskImageBuilder.RecordedSizeMiB(manifest.LineFor(ImageCache.DiskImage)?.Split(' ') is [_, _, _, var extra] ? extra : null)
            ?? DiskImageBuilder.DefaultSizeMiB;
        var busybox = apt.Show(BusyboxPackage);
        var lpae = Kernel(apt, LpaeMetapackage, ImageCache.LpaeKernel);
        var armmp = Kernel(apt, ArmmpMetapackage, ImageCache.ArmmpKernel);
        var tools = LinuxTools.Build();
        ImageInput[] inputs =
        [
            lpae,
            armmp,
            new(ImageCache.Initramfs, busybox.Name, busybox.Version,
                $"{InitramfsBuilder.LayoutId},{LinuxTools.Fingerprint(tools)},{lpae.Package}={lpae.Version},{armmp.Package}={armmp.Version}"),
            new(ImageCache.DiskImage, busybox.Name, busybox.Version, DiskImageBuilder.InputId(diskSize)),
        ];

        using var scratch = cache.CreateScratch();
        var packages = new PackageTrees(apt, scratch.Path, log);
        foreach (var input in inputs)
        {
            if (cache.IsCurrent(manifest, input))
                continue;
            switch (input.File)
            {
                case ImageCache.Initramfs:
                    byte[] binary = ReadBusybox(packages.Get(busybox.Name, busybox.Version));
                    ModuleTree[] modules = [.. new[] { lpae, armmp }.Select(k =>
                        KernelModules.Collect(packages.Get(k.Package, k.Version), KernelModules.Wanted, $"{k.Package} {k.Version}"))];
                    log.WriteLine($"building {input.File}");
                    cache.Install(input.File, s => InitramfsBuilder.Write(s, binary, modules, tools));
                    break;
                case ImageCache.DiskImage:
                    byte[] busyboxBinary = ReadBusybox(packages.Get(busybox.Name, busybox.Version));
                    log.WriteLine($"building {input.File} ({diskSize} MiB, sparse)");
                    cache.InstallBuilt(input.File, path => DiskImageBuilder.Build(path, busyboxBinary, diskSize, scratch.Path));
                    break;
                default:
                    cache.InstallCopy(input.File, FindZImage(packages.Get(input.Package, input.Version), input));
                    break;
            }
            manifest.Record(input);
            cache.WriteManifest(manifest);
        }
        return inputs;
    }

    /// <summary>What the folder holds, without asking apt; throws unless every image is there.</summary>
    public static IReadOnlyList<ImageInput> Cached(ImageCache cache)
    {
        var manifest = cache.ReadManifest();
        var inputs = new List<ImageInput>();
        foreach (var file in Files)
        {
            string? line = manifest.LineFor(file);
            var parts = line?.Split(' ');
            if (parts is not { Length: >= 3 } || !File.Exists(cache.PathOf(file)))
                throw new ImageException($"{cache.PathOf(file)} is missing; run 'xenith images' with network access first");
            inputs.Add(new ImageInput(parts[0], parts[1], parts[2], parts.Length > 3 ? parts[3] : null));
        }
        return inputs;
    }

    private static ImageInput Kernel(DebianPackages apt, string metapackage, string file)
    {
        var meta = apt.Show(metapackage);
        var (name, pinned) = DebianPackages.KernelDependency(meta);
        string version = pinned ?? apt.Show(name).Version;
        return new ImageInput(file, name, version);
    }

    /// <summary>The package's <c>boot/vmlinuz-*</c>, checked to be an ARM zImage.</summary>
    private static string FindZImage(string tree, ImageInput input)
    {
        string boot = Path.Combine(tree, "boot");
        var candidates = Directory.Exists(boot) ? Directory.GetFiles(boot, "vmlinuz-*") : [];
        if (candidates.Length != 1)
            throw new ImageException($"{input.Package} {input.Version}: expected one boot/vmlinuz-* in the package, found {candidates.Length}");
        Span<byte> header = stackalloc byte[ZImageMagicOffset + 4];
        using (var f = File.OpenRead(candidates[0]))
        {
            if (f.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) < header.Length
                || BinaryPrimitives.ReadUInt32LittleEndian(header[ZImageMagicOffset..]) != ZImageMagic)
                throw new ImageException($"{input.Package} {input.Version}: {Path.GetFileName(candidates[0])} is not an ARM zImage");
        }
        return candidates[0];
    }

    /// <summary>The package's <c>bin/busybox</c>, checked to be an ARM ELF executable.</summary>
    private static byte[] ReadBusybox(string tree)
    {
        string path = Path.Combine(tree, "bin", "busybox");
        if (!File.Exists(path))
            throw new ImageException($"{BusyboxPackage}: the package has no bin/busybox");
        byte[] binary = File.ReadAllBytes(path);
        if (binary.Length < 20 || !binary.AsSpan(0, 4).SequenceEqual(ElfMagic)
            || BinaryPrimitives.ReadUInt16LittleEndian(binary.AsSpan(18)) != EM_ARM)
            throw new ImageException($"{BusyboxPackage}: bin/busybox is not an ARM ELF executable");
        return binary;
    }
}
