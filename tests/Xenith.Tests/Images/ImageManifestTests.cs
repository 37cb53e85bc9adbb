using Xenith.Images;

namespace Xenith.Tests.Images;

public class ImageManifestTests
{
    [Fact]
    public void LinesRoundTripSortedByFile()
    {
        var manifest = new ImageManifest();
        manifest.Record(new ImageInput("vmlinuz-armmp-lpae", "linux-image-6.1.0-50-armmp-lpae", "6.1.176-1"));
        manifest.Record(new ImageInput("busybox-initramfs.cpio.gz", "busybox-static", "1:1.35.0-4+deb12u1+b1", "init-0123456789ab"));

        string text = manifest.Format();

        Assert.Equal(
            "busybox-initramfs.cpio.gz busybox-static 1:1.35.0-4+deb12u1+b1 init-0123456789ab\n"
            + "vmlinuz-armmp-lpae linux-image-6.1.0-50-armmp-lpae 6.1.176-1\n", text);
        Assert.Equal(text, ImageManifest.Parse(text).Format());
    }

    [Fact]
    public void MatchesComparesEveryField()
    {
        var input = new ImageInput("busybox-initramfs.cpio.gz", "busybox-static", "1:1.35.0-4", "init-aaaaaaaaaaaa");
        var manifest = ImageManifest.Parse("# comment\n\n" + input.Line + "\n");

        Assert.True(manifest.Matches(input));
        Assert.False(manifest.Matches(input with { Version = "1:1.36.0-1" }));
        Assert.False(manifest.Matches(input with { Extra = "init-bbbbbbbbbbbb" }));
        Assert.False(manifest.Matches(input with { File = "vmlinuz-armmp" }));

        manifest.Record(input with { Version = "1:1.36.0-1" });
        Assert.Equal("busybox-initramfs.cpio.gz busybox-static 1:1.36.0-1 init-aaaaaaaaaaaa", manifest.LineFor(input.File));
    }
}
