using Xenith.Images;

namespace Xenith;

/// <summary>
/// <c>xenith images [--offline] [--disk-size 64M]</c>: fetches Debian bookworm's armhf kernels and
/// busybox, builds the busybox initramfs and the busybox.img disk, and lists the image folder (its
/// path first, for xl.cfg files to name). <c>--offline</c> lists what is cached without asking the
/// network. Exit status 1 when the images cannot be fetched or built.
/// </summary>
internal static class ImagesCommand
{
    public const string Usage = "images [--offline] [--disk-size 64M]";

    public static int Run(string[] args)
    {
        bool offline = false;
        long? diskSizeMiB = null;
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] == "--offline")
                offline = true;
            else if (args[i] == "--disk-size" && i + 1 < args.Length)
                diskSizeMiB = DiskSize(args[++i]);
            else
                throw new UsageException($"images: unknown option '{args[i]}' (usage: xenith {Usage})");
        }
        if (offline && diskSizeMiB != null)
            throw new UsageException("images: --disk-size rebuilds busybox.img, which --offline does not do");

        var cache = ImageCache.Default();
        try
        {
            var inputs = offline ? DebianImages.Cached(cache) : DebianImages.Update(cache, Console.Out, diskSizeMiB);
            Print(cache, inputs, Console.Out);
            return 0;
        }
        catch (ImageException e)
        {
            string hint = !offline && HasCachedImages(cache) ? " ('xenith images --offline' lists the cached images)" : "";
            Console.Error.WriteLine($"xenith images: {e.Message}{hint}");
            return 1;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"xenith images: cannot write the cache {cache.Directory}: {e.Message}");
            return 1;
        }
    }

    private static long DiskSize(string text)
    {
        try
        {
            return DiskImageBuilder.ParseSizeMiB(text);
        }
        catch (ImageException e)
        {
            throw new UsageException($"images: {e.Message}");
        }
    }

    private static bool HasCachedImages(ImageCache cache)
    {
        try
        {
            DebianImages.Cached(cache);
            return true;
        }
        catch (ImageException)
        {
            return false;
        }
    }

    private static void Print(ImageCache cache, IReadOnlyList<ImageInput> inputs, TextWriter w)
    {
        w.WriteLine(cache.Directory);
        foreach (var input in inputs)
            w.WriteLine($"  {input.File,-26} {new FileInfo(cache.PathOf(input.File)).Length,10} bytes  {input.Package} {input.Version}");
        w.WriteLine($"  {ImageCache.VersionsFile,-26} {new FileInfo(cache.PathOf(ImageCache.VersionsFile)).Length,10} bytes");
    }
}
