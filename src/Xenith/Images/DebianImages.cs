using System.Buffers.Binary;

namespace Xenith.Images;

/// <summary>
/// Brings the image folder up to date with Debian bookworm armhf: the two kernels
/// (<c>linux-image-armmp-lpae</c>, <c>linux-image-armmp</c>) and the busybox initramfs. Only files whose
/// inputs changed are fetched and rebuilt; versions.txt is rewritten after each file, so an
/// interrupted run keeps what it finished.
/// </summary>
internal static class DebianImages
{
    public const string LpaeMetapackage = "linux-image-armmp-lpae";
    public const string ArmmpMetapackage = "linux-image-armmp";
    public const string BusyboxPackage = "busybox-static";

    /// <summary>The images in the order <c>xenith images</c> lists them.</summary>
    public static readonly string[] Files = [ImageCache.LpaeKernel, ImageCache.ArmmpKernel, ImageCache.Initramfs];

    // zImage header (Linux arch/arm/boot/compressed/head.S): magic at 0x24.
    private const int ZImageMagicOffset = 0x24;
    private const uint ZImageMagic = 0x016F2818;
    private const ushort EM_ARM = 40;
    private static ReadOnlySpan<byte> ElfMagic => [0x7F, (byte)'E', (byte)'L', (byte)'F'];

    /// <summary>Resolves the current package versions, fetches and builds what changed, and returns what the folder holds.</summary>
    public static IReadOnlyList<ImageInput> Update(ImageCache cache, TextWriter log)
    {
        using var cacheLock = cache.Lock();
        var apt = new DebianPackages(cache.AptDirectory);
        foreach (var warning in apt.Update())
            log.WriteLine($"warning: {warning}");

        var busybox = apt.Show(BusyboxPackage);
        ImageInput[] inputs =
        [
            Kernel(apt, LpaeMetapackage, ImageCache.LpaeKernel),
            Kernel(apt, ArmmpMetapackage, ImageCache.ArmmpKernel),
            new(ImageCache.Initramfs, busybox.Name, busybox.Version, InitramfsBuilder.LayoutId),
        ];

        var manifest = cache.ReadManifest();
        foreach (var input in inputs)
        {
            if (cache.IsCurrent(manifest, input))
                continue;
            log.WriteLine($"fetching {input.Package} {input.Version} for {input.File}");
            using (var scratch = cache.CreateScratch())
            {
                string deb = apt.Download(input.Package, input.Version, scratch.Path);
                string tree = Path.Combine(scratch.Path, "tree");
                DebianPackages.Extract(deb, tree);
                if (input.File == ImageCache.Initramfs)
                {
                    byte[] binary = ReadBusybox(tree, input);
                    cache.Install(input.File, s => InitramfsBuilder.Write(s, binary));
                }
                else
                {
                    cache.InstallCopy(input.File, FindZImage(tree, input));
                }
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
    private static byte[] ReadBusybox(string tree, ImageInput input)
    {
        string path = Path.Combine(tree, "bin", "busybox");
        if (!File.Exists(path))
            throw new ImageException($"{input.Package} {input.Version}: the package has no bin/busybox");
        byte[] binary = File.ReadAllBytes(path);
        if (binary.Length < 20 || !binary.AsSpan(0, 4).SequenceEqual(ElfMagic)
            || BinaryPrimitives.ReadUInt16LittleEndian(binary.AsSpan(18)) != EM_ARM)
            throw new ImageException($"{input.Package} {input.Version}: bin/busybox is not an ARM ELF executable");
        return binary;
    }
}
