using Xenith.Images;

namespace Xenith.Tests.Images;

public sealed class ImageCacheTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"xenith-cache-test-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_root))
            Directory.Delete(_root, recursive: true);
    }

    [Theory]
    [InlineData("/x/cache", "/xdg", "/home/u", "/x/cache")]
    [InlineData(null, "/xdg", "/home/u", "/xdg/xenith")]
    [InlineData("", "relative/xdg", "/home/u", "/home/u/.cache/xenith")]
    [InlineData(null, null, "/home/u", "/home/u/.cache/xenith")]
    public void RootFollowsXenithCacheThenXdgThenHome(string? xenithCache, string? xdg, string home, string expected)
    {
        var env = new Dictionary<string, string?> { ["XENITH_CACHE"] = xenithCache, ["XDG_CACHE_HOME"] = xdg, ["HOME"] = home };
        Assert.Equal(expected, ImageCache.DefaultRoot(name => env.GetValueOrDefault(name)));
        Assert.Equal(Path.Combine(expected, "images"), new ImageCache(expected).Directory);
    }

    [Fact]
    public void FailedWriteKeepsTheOldFileAndLeavesNoTemporary()
    {
        var cache = new ImageCache(_root);
        cache.Install("vmlinuz-armmp", s => s.Write([1, 2, 3]));

        Assert.Throws<IOException>(() => cache.Install("vmlinuz-armmp", s =>
        {
            s.Write([9, 9]);
            throw new IOException("connection lost");
        }));

        Assert.Equal([1, 2, 3], File.ReadAllBytes(cache.PathOf("vmlinuz-armmp")));
        Assert.Equal(["vmlinuz-armmp"], Directory.GetFiles(cache.Directory).Select(Path.GetFileName));
    }

    [Fact]
    public void FileIsCurrentOnlyWhenPresentAndRecordedWithTheSameInputs()
    {
        var cache = new ImageCache(_root);
        var input = new ImageInput(ImageCache.LpaeKernel, "linux-image-6.1.0-50-armmp-lpae", "6.1.176-1");
        var manifest = new ImageManifest();
        manifest.Record(input);
        cache.WriteManifest(manifest);

        Assert.False(cache.IsCurrent(cache.ReadManifest(), input)); // recorded, but the file is missing
        cache.Install(input.File, s => s.WriteByte(0));
        Assert.True(cache.IsCurrent(cache.ReadManifest(), input));
        Assert.False(cache.IsCurrent(cache.ReadManifest(), input with { Version = "6.1.177-1" }));
    }

    [Fact]
    public void LockClearsTemporariesAndExcludesASecondHolder()
    {
        var cache = new ImageCache(_root);
        Directory.CreateDirectory(cache.PathOf(".tmp-123-work"));
        File.WriteAllText(cache.PathOf(".tmp-123-vmlinuz-armmp"), "partial");

        using (cache.Lock())
        {
            Assert.Empty(Directory.GetFileSystemEntries(cache.Directory, ".tmp-*"));
            var e = Assert.Throws<ImageException>(() => cache.Lock().Dispose());
            Assert.Contains("another 'xenith images'", e.Message, StringComparison.Ordinal);
        }
        cache.Lock().Dispose();
    }
}
