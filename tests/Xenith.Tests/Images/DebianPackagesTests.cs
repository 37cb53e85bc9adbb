using Xenith.Images;

namespace Xenith.Tests.Images;

public class DebianPackagesTests
{
    private const string MetaStanza = """
        Package: linux-image-armmp-lpae
        Source: linux-signed-armhf (6.1.176+1)
        Version: 6.1.176-1
        Architecture: armhf
        Depends: linux-image-6.1.0-50-armmp-lpae (= 6.1.176-1)
        Description: Linux for ARMv7 multiplatform compatible SoCs supporting LPAE (meta-package)
         This package depends on the latest Linux kernel and modules for use on
         ARMv7 multiplatform systems with LPAE support.
        Version: 9.9-not-this-one

        Package: linux-image-armmp-lpae
        Version: 6.1.170-1

        """;

    [Fact]
    public void StanzaGivesNameVersionAndDependsOfTheFirstCandidate()
    {
        var package = DebianPackages.ParseStanza(MetaStanza);

        Assert.Equal(new DebianPackage("linux-image-armmp-lpae", "6.1.176-1", "linux-image-6.1.0-50-armmp-lpae (= 6.1.176-1)"), package);
        Assert.Null(DebianPackages.ParseStanza("N: Unable to locate package foo\n"));
    }

    [Fact]
    public void KernelMetapackageResolvesToTheVersionedImage()
    {
        var meta = DebianPackages.ParseStanza(MetaStanza)!;
        Assert.Equal(("linux-image-6.1.0-50-armmp-lpae", "6.1.176-1"), DebianPackages.KernelDependency(meta));

        var unpinned = meta with { Depends = "firmware-foo | firmware-bar, linux-image-6.1.0-50-armmp:armhf, initramfs-tools" };
        Assert.Equal(("linux-image-6.1.0-50-armmp", (string?)null), DebianPackages.KernelDependency(unpinned));

        Assert.Throws<ImageException>(() => DebianPackages.KernelDependency(meta with { Depends = "busybox" }));
    }

    [Fact]
    public void OfflineUpdateIsFatalAndNamesTheReleaseSuite()
    {
        // apt-get update exits 0 when every source is unreachable: only its W: lines tell.
        const string output = """
            Err:1 http://deb.debian.org/debian bookworm InRelease
              Temporary failure resolving 'deb.debian.org'
            Reading package lists...
            W: Failed to fetch http://deb.debian.org/debian/dists/bookworm/InRelease  Temporary failure resolving 'deb.debian.org'
            W: Failed to fetch http://deb.debian.org/debian/dists/bookworm-updates/InRelease  Temporary failure resolving 'deb.debian.org'
            W: Some index files failed to download. They have been ignored, or old ones used instead.
            """;

        var (fatal, _) = DebianPackages.ClassifyUpdate(0, output);

        Assert.Equal("cannot fetch http://deb.debian.org/debian/dists/bookworm/InRelease (Temporary failure resolving 'deb.debian.org')", fatal);
    }

    [Fact]
    public void FailedSecurityIndexIsOnlyAWarning()
    {
        const string output = """
            E: Failed to fetch http://deb.debian.org/debian-security/dists/bookworm-security/main/binary-armhf/Packages.xz  File has unexpected size (334084 != 350380). Mirror sync in progress?
            E: Some index files failed to download. They have been ignored, or old ones used instead.
            """;

        var (fatal, warnings) = DebianPackages.ClassifyUpdate(100, output);

        Assert.Null(fatal);
        Assert.Equal(["apt-get update could not fetch http://deb.debian.org/debian-security/dists/bookworm-security/main/binary-armhf/Packages.xz"
            + " (File has unexpected size (334084 != 350380). Mirror sync in progress?); using the other suites"], warnings);
    }

    [Fact]
    public void FailureWithoutAUrlIsFatalWithAptsMessage()
    {
        var (fatal, warnings) = DebianPackages.ClassifyUpdate(100, "E: Could not open lock file /x/lists/lock - open (13: Permission denied)\n");
        Assert.Equal("Could not open lock file /x/lists/lock - open (13: Permission denied)", fatal);
        Assert.Empty(warnings);
        Assert.Equal((null, 0), (DebianPackages.ClassifyUpdate(0, "Hit:1 http://deb.debian.org/debian bookworm InRelease\n").Fatal, 0));
    }

    [Fact]
    public void ConfigurationIsPrivateAndArmhfOnly()
    {
        string config = DebianPackages.AptConfig("/c/apt", runningAsRoot: false);
        Assert.Contains("Dir::Etc \"/c/apt/etc\";\n", config, StringComparison.Ordinal);
        Assert.Contains("Dir::State::status \"/c/apt/state/status\";\n", config, StringComparison.Ordinal);
        Assert.Contains("APT::Architectures { \"armhf\"; };\n", config, StringComparison.Ordinal);
        Assert.DoesNotContain("Sandbox", config, StringComparison.Ordinal);
        Assert.Contains("APT::Sandbox::User \"root\";\n", DebianPackages.AptConfig("/c/apt", runningAsRoot: true), StringComparison.Ordinal);

        Assert.Equal(
            "deb [arch=armhf signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian bookworm main\n"
            + "deb [arch=armhf signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian bookworm-updates main\n"
            + "deb [arch=armhf signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian-security bookworm-security main\n",
            DebianPackages.SourcesList());
    }
}
