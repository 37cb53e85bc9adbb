using Xenith.Abi;
using Xenith.XenStore;

namespace Xenith.XenStore.Tests;

public class OperationTests
{
    readonly XenStoreDaemon _d = new();
    readonly Wire _dom0;

    public OperationTests() => _dom0 = new Wire(_d, 0);

    [Fact]
    public void InitialTreeIsXenstoredsPlusLocalDomain()
    {
        Assert.Equal("tool\0local\0", _dom0.Dir("/"));
        Assert.Equal("xenstored\0", _dom0.Dir("/tool"));
        Assert.Equal("domain\0", _dom0.Dir("/local"));
        Assert.Equal("", _dom0.Dir("/local/domain"));
        Assert.Equal("n0\0", _dom0.GetPerms("/"));
        Assert.Equal("n0\0r32757\0", _dom0.GetPerms("@releaseDomain"));
        Assert.Equal("n0\0", _dom0.GetPerms("@introduceDomain"));
    }

    [Fact]
    public void WriteCreatesAncestorsAndReadReturnsExactBytes()
    {
        Assert.Equal("OK\0", _dom0.Write("/a/b/c", "hello"));
        Assert.Equal("hello", _dom0.Read("/a/b/c"));
        Assert.Equal("", _dom0.Read("/a/b"));
        Assert.Equal("b\0", _dom0.Dir("/a"));
        Assert.Equal("tool\0local\0a\0", _dom0.Dir("/"));
        Assert.Equal("OK\0", _dom0.Write("/a/b/c", ""));
        Assert.Equal("", _dom0.Read("/a/b/c"));
        // Values are raw bytes: a NUL inside is kept.
        Assert.Equal("OK\0", _dom0.Write("/a/bin", "x\0y"));
        Assert.Equal("x\0y", _dom0.Read("/a/bin"));
    }

    [Fact]
    public void DirectoryListsChildrenInCreationOrder()
    {
        _dom0.Write("/d/zeta", "1");
        _dom0.Write("/d/alpha", "2");
        _dom0.Mkdir("/d/mid");
        Assert.Equal("zeta\0alpha\0mid\0", _dom0.Dir("/d"));
        Assert.Equal("", _dom0.Dir("/d/zeta"));
    }

    [Fact]
    public void MissingNodesGiveEnoent()
    {
        Assert.Equal("!ENOENT", _dom0.Read("/nope"));
        Assert.Equal("!ENOENT", _dom0.Dir("/nope"));
        Assert.Equal("!ENOENT", _dom0.GetPerms("/nope"));
        Assert.Equal("!ENOENT", _dom0.SetPerms("/nope", "n0"));
    }

    [Fact]
    public void MkdirKeepsAnExistingValue()
    {
        _dom0.Write("/m", "v");
        Assert.Equal("OK\0", _dom0.Mkdir("/m"));
        Assert.Equal("v", _dom0.Read("/m"));
        Assert.Equal("OK\0", _dom0.Mkdir("/m/n/o"));
        Assert.Equal("", _dom0.Read("/m/n/o"));
    }

    [Fact]
    public void RmRemovesSubtreeAndToleratesMissingLeaf()
    {
        _dom0.Write("/r/x/y", "1");
        _dom0.Write("/r/z", "2");
        Assert.Equal("OK\0", _dom0.Rm("/r/x"));
        Assert.Equal("!ENOENT", _dom0.Read("/r/x/y"));
        Assert.Equal("z\0", _dom0.Dir("/r"));
        Assert.Equal("OK\0", _dom0.Rm("/r/missing"));
        Assert.Equal("!ENOENT", _dom0.Rm("/r/missing/deeper"));
        Assert.Equal("!EINVAL", _dom0.Rm("/"));
    }

    [Theory]
    [InlineData("/a//b")]
    [InlineData("/a/")]
    [InlineData("/a b")]
    [InlineData("/a.b")]
    [InlineData("@releaseDomain")]
    [InlineData("")]
    public void MalformedPathsGiveEinval(string path)
    {
        Assert.Equal("!EINVAL", _dom0.Read(path));
        Assert.Equal("!EINVAL", _dom0.Write(path, "v"));
    }

    [Fact]
    public void MalformedPayloadsGiveEinval()
    {
        Assert.Equal("!EINVAL", _dom0.Do(XsdSockmsgType.Read, "/tool"));          // no NUL
        Assert.Equal("!EINVAL", _dom0.Do(XsdSockmsgType.Read, "/tool\0x\0"));     // two strings
        Assert.Equal("!EINVAL", _dom0.Do(XsdSockmsgType.Write, "/novalue"));      // no NUL after the path
        Assert.Equal("!EINVAL", _dom0.Do(XsdSockmsgType.SetPerms, "/tool\0"));     // no permission
        Assert.Equal("!EINVAL", _dom0.SetPerms("/tool", "x0"));
        Assert.Equal("!EINVAL", _dom0.SetPerms("/tool", "r"));
        Assert.Equal("!EINVAL", _dom0.SetPerms("/tool", "r5z"));
        Assert.Equal("!EINVAL", _dom0.Do(XsdSockmsgType.Watch, "/tool\0"));
        Assert.Equal("!EINVAL", _dom0.Do(XsdSockmsgType.GetDomainPath, "x1\0"));
        Assert.Equal("!EINVAL", _dom0.Do(XsdSockmsgType.GetDomainPath, "65536\0"));
    }

    [Fact]
    public void RelativePathsResolveUnderTheDomainHome()
    {
        var guest = new Wire(_d, 3);
        _dom0.Write("/local/domain/3/device/vbd", "");
        _dom0.SetPerms("/local/domain/3", "n0", "r3");
        _dom0.SetPerms("/local/domain/3/device", "n3");
        Assert.Equal("OK\0", guest.Write("device/x", "1"));
        Assert.Equal("1", _dom0.Read("/local/domain/3/device/x"));
        Assert.Equal("vbd\0x\0", guest.Dir("device"));
        Assert.Equal("!ENOENT", _dom0.Read("device/x")); // dom0's own home
    }

    [Fact]
    public void PermsRoundTripAndParseHexAndOctalIds()
    {
        _dom0.Write("/p", "");
        Assert.Equal("OK\0", _dom0.SetPerms("/p", "n0", "r5", "w0x10", "b010"));
        Assert.Equal("n0\0r5\0w16\0b8\0", _dom0.GetPerms("/p"));
    }

    [Fact]
    public void DomainPathAndIntroducedQueries()
    {
        Assert.Equal("/local/domain/7\0", _dom0.Do(XsdSockmsgType.GetDomainPath, "7\0"));
        Assert.Equal("F\0", _dom0.Do(XsdSockmsgType.IsDomainIntroduced, "7\0"));
        Assert.Equal("T\0", _dom0.Do(XsdSockmsgType.IsDomainIntroduced, "0\0"));
        Assert.Equal("T\0", _dom0.Do(XsdSockmsgType.IsDomainIntroduced, "32752\0")); // DOMID_SELF
        Assert.Equal("!EINVAL", _dom0.Do(XsdSockmsgType.Release, "0\0"));
        Assert.Equal("!ENOENT", _dom0.Do(XsdSockmsgType.Release, "7\0"));
        Assert.Equal("!ENOENT", _dom0.Do(XsdSockmsgType.Resume, "7\0"));
        Assert.Equal("!ENOENT", _dom0.Do(XsdSockmsgType.SetTarget, "7\0" + "8\0"));
        Assert.Equal("!EINVAL", _dom0.Do(XsdSockmsgType.Introduce, "7\0" + "1\0" + "0\0"));
        // No mapper is installed, so a wire introduce cannot map the ring.
        Assert.Equal("!EINVAL", _dom0.Do(XsdSockmsgType.Introduce, "7\0" + "1\0" + "2\0"));
    }

    [Fact]
    public void UnknownAndServerOnlyTypesGiveEnosys()
    {
        Assert.Equal("!ENOSYS", _dom0.Do((XsdSockmsgType)99, ""));
        Assert.Equal("!ENOSYS", _dom0.Do(XsdSockmsgType.WatchEvent, ""));
        Assert.Equal("!ENOSYS", _dom0.Do(XsdSockmsgType.Error, ""));
        Assert.Equal("!ENOSYS", _dom0.Do(XsdSockmsgType.Restrict, ""));
        Assert.Equal("!ENOSYS", _dom0.Do(XsdSockmsgType.Invalid, ""));
    }

    [Fact]
    public void ToolstackOnlyTypesGiveEaccesToGuests()
    {
        var guest = new Wire(_d, 4);
        Assert.Equal("!EACCES", guest.Do(XsdSockmsgType.Introduce, "5\0" + "1\0" + "2\0"));
        Assert.Equal("!EACCES", guest.Do(XsdSockmsgType.Release, "5\0"));
        Assert.Equal("!EACCES", guest.Do(XsdSockmsgType.IsDomainIntroduced, "5\0"));
        Assert.Equal("!EACCES", guest.Do(XsdSockmsgType.Resume, "5\0"));
        Assert.Equal("!EACCES", guest.Do(XsdSockmsgType.SetTarget, "5\0" + "6\0"));
        Assert.Equal("!EACCES", guest.Do(XsdSockmsgType.Control, "check\0"));
        Assert.Equal("/local/domain/5\0", guest.Do(XsdSockmsgType.GetDomainPath, "5\0"));
    }

    [Fact]
    public void ControlCheckAndUnknownCommand()
    {
        Assert.Equal("OK\0", _dom0.Do(XsdSockmsgType.Control, "check\0"));
        Assert.Equal("!EINVAL", _dom0.Do(XsdSockmsgType.Control, "frobnicate\0"));
        Assert.Equal("!EINVAL", _dom0.Do(XsdSockmsgType.Control, ""));
    }

    [Fact]
    public void DirectoryPartPagesTheChildList()
    {
        _dom0.Write("/dp/aa", "");
        _dom0.Write("/dp/bbb", "");
        string first = _dom0.Do(XsdSockmsgType.DirectoryPart, "/dp\0" + "0\0");
        string gen = first[..first.IndexOf('\0')];
        Assert.True(ulong.Parse(gen, System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.Equal(gen + "\0aa\0bbb\0\0", first);
        Assert.Equal(gen + "\0bbb\0\0", _dom0.Do(XsdSockmsgType.DirectoryPart, "/dp\0" + "3\0"));
        Assert.Equal(gen + "\0\0", _dom0.Do(XsdSockmsgType.DirectoryPart, "/dp\0" + "7\0"));
        Assert.Equal("!EINVAL", _dom0.Do(XsdSockmsgType.DirectoryPart, "/dp\0"));
    }

    [Fact]
    public void RequestOverPayloadMaxClosesOnlyThatConnection()
    {
        var bad = new Wire(_d, 0);
        byte[] m = XsMessage.Build(XsdSockmsgType.Read, 1, 0, new byte[10]);
        m[12] = 0xFF; m[13] = 0xFF; // len no longer matches the bytes given
        Assert.Equal(XsSubmitResult.ProtocolError, bad.Conn.Submit(m));
        Assert.True(bad.Conn.IsClosed);
        Assert.Equal(Abi.XenStore.ErrorProto, bad.Conn.CloseReason);
        Assert.Equal(XsSubmitResult.Closed, bad.Conn.Submit(XsMessage.Build(XsdSockmsgType.Read, 1, 0, "/\0"u8)));
        Assert.Equal("", _dom0.Read("/"));
    }
}
