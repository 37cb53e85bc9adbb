namespace Xenith.Images;

/// <summary>
/// The folder holding the boot images (<c>$XENITH_CACHE/images</c>, else
/// <c>$XDG_CACHE_HOME/xenith/images</c>, else <c>~/.cache/xenith/images</c>) and the rules for
/// changing it: every file is written under a temporary name and renamed into place, so a reader
/// (or a later run after a crash or a lost connection) never sees half a file.
/// </summary>
internal sealed class ImageCache
{
    /// <summary>Debian's <c>linux-image-armmp-lpae</c> zImage: Cortex-A15 with LPAE, the issue 3 guest.</summary>
    public const string LpaeKernel = "vmlinuz-armmp-lpae";

    /// <summary>Debian's <c>linux-image-armmp</c> zImage: short descriptors only, runs on Cortex-A8 too.</summary>
    public const string ArmmpKernel = "vmlinuz-armmp";

    public const string Initramfs = "busybox-initramfs.cpio.gz";

    /// <summary>The raw ext4 disk with busybox installed: the domU's xvda, writable, rebuilt when busybox changes.</summary>
    public const string DiskImage = "busybox.img";

    public const string VersionsFile = "versions.txt";

    private const string LockFile = ".lock";
    private const string TempPrefix = ".tmp-";

    public ImageCache(string root)
    {
        Root = Path.GetFullPath(root);
        Directory = Path.Combine(Root, "images");
    }

    /// <summary>The Xenith cache folder; the images are in its <c>images</c> subfolder.</summary>
    public string Root { get; }

    public string Directory { get; }

    /// <summary>The private apt state (sources, indexes, keyring choice) for the armhf archive.</summary>
    public string AptDirectory => Path.Combine(Root, "apt-armhf");

    public static ImageCache Default() => new(DefaultRoot(Environment.GetEnvironmentVariable));

    /// <summary>The cache root from the environment, as XDG's base directory rules lay it out.</summary>
    public static string DefaultRoot(Func<string, string?> getenv)
    {
        if (getenv("XENITH_CACHE") is { Length: > 0 } explicitRoot)
            return explicitRoot;
        // XDG: a relative XDG_CACHE_HOME is invalid and must be ignored.
        if (getenv("XDG_CACHE_HOME") is { Length: > 0 } xdg && Path.IsPathRooted(xdg))
            return Path.Combine(xdg, "xenith");
        string home = getenv("HOME") is { Length: > 0 } h ? h : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return Path.Combine(home, ".cache", "xenith");
    }

    public string PathOf(string file) => Path.Combine(Directory, file);

    public ImageManifest ReadManifest()
    {
        string path = PathOf(VersionsFile);
        return File.Exists(path) ? ImageManifest.Parse(File.ReadAllText(path)) : new ImageManifest();
    }

    public void WriteManifest(ImageManifest manifest) =>
        Install(VersionsFile, s => s.Write(System.Text.Encoding.UTF8.GetBytes(manifest.Format())));

    /// <summary>True when the file exists and versions.txt says it was built from <paramref name="input"/>.</summary>
    public bool IsCurrent(ImageManifest manifest, ImageInput input) =>
        manifest.Matches(input) && File.Exists(PathOf(input.File));

    /// <summary>Writes a file through <paramref name="write"/> to a temporary name, then renames it into place.</summary>
    public void Install(string file, Action<Stream> write) => InstallBuilt(file, temp =>
    {
        using var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None);
        write(stream);
        stream.Flush(flushToDisk: true);
    });

    /// <summary>
    /// Has <paramref name="build"/> make the file at a temporary path (for tools that write files
    /// themselves, such as mke2fs), then renames it into place.
    /// </summary>
    public void InstallBuilt(string file, Action<string> build)
    {
        System.IO.Directory.CreateDirectory(Directory);
        string temp = PathOf($"{TempPrefix}{Environment.ProcessId}-{file}");
        try
        {
            build(temp);
            File.Move(temp, PathOf(file), overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    public void InstallCopy(string file, string source) => Install(file, s =>
    {
        using var input = File.OpenRead(source);
        input.CopyTo(s);
    });

    /// <summary>A scratch folder inside the cache (same file system, so renames stay atomic); removed on dispose.</summary>
    public ScratchDirectory CreateScratch()
    {
        System.IO.Directory.CreateDirectory(Directory);
        return new ScratchDirectory(PathOf($"{TempPrefix}{Environment.ProcessId}-work-{Guid.NewGuid():N}"));
    }

    /// <summary>
    /// Holds an exclusive lock on the cache for one run, and clears temporaries that a killed run
    /// left behind (safe only while holding the lock).
    /// </summary>
    public IDisposable Lock()
    {
        System.IO.Directory.CreateDirectory(Directory);
        FileStream lockStream;
        try
        {
            lockStream = new FileStream(PathOf(LockFile), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            throw new ImageException($"another 'xenith images' is updating {Directory}; try again when it has finished");
        }
        foreach (var entry in new DirectoryInfo(Directory).EnumerateFileSystemInfos(TempPrefix + "*"))
            ScratchDirectory.TryDelete(entry);
        return lockStream;
    }
}

/// <summary>A temporary folder deleted with everything in it on dispose.</summary>
internal sealed class ScratchDirectory : IDisposable
{
    public ScratchDirectory(string path)
    {
        Path = path;
        Directory.CreateDirectory(path);
    }

    public string Path { get; }

    public void Dispose() => TryDelete(new DirectoryInfo(Path));

    /// <summary>
    /// Best effort: a killed run's dpkg-deb may still be writing into its old scratch folder, and a
    /// leftover only costs disk space until the next run clears it.
    /// </summary>
    public static void TryDelete(FileSystemInfo entry)
    {
        try
        {
            if (entry is DirectoryInfo dir)
                dir.Delete(recursive: true);
            else
                entry.Delete();
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
