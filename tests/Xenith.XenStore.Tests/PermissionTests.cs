using Xenith.XenStore;

namespace Xenith.XenStore.Tests;

public class PermissionTests
{
    readonly XenStoreDaemon _d = new();
    readonly Wire _dom0, _g5, _g6;

    public PermissionTests()
    {
        _dom0 = new Wire(_d, 0);
        _g5 = new Wire(_d, 5);
        _g6 = new Wire(_d, 6);
        // Section 8.6: the home is owned by dom0 and readable by the guest.
        foreach (int d in new[] { 5, 6 })
        {
            _dom0.Write($"/local/domain/{d}/name", $"guest{d}");
            _dom0.SetPerms($"/local/domain/{d}", "n0", $"r{d}");
            _dom0.SetPerms($"/local/domain/{d}/name", "n0", $"r{d}");
            _dom0.Mkdir($"/local/domain/{d}/data");
            _dom0.SetPerms($"/local/domain/{d}/data", $"n{d}");
        }
    }

    [Fact]
    public void GuestReadsItsOwnHomeButNotAnotherDomains()
    {
        Assert.Equal("guest5", _g5.Read("/local/domain/5/name"));
        Assert.Equal("guest5", _g5.Read("name"));
        Assert.Equal("name\0data\0", _g5.Dir("/local/domain/5"));
        Assert.Equal("!EACCES", _g5.Read("/local/domain/6/name"));
        Assert.Equal("!EACCES", _g5.Dir("/local/domain/6"));
        Assert.Equal("!EACCES", _g5.GetPerms("/local/domain/6"));
        Assert.Equal("!EACCES", _g5.Dir("/"));
    }

    [Fact]
    public void MissingNodeUnderHiddenParentIsEaccesNotEnoent()
    {
        // Whether a node exists must not leak through a parent the guest cannot read.
        Assert.Equal("!EACCES", _g5.Read("/local/domain/6/nothing"));
        Assert.Equal("!ENOENT", _g5.Read("/local/domain/5/nothing"));
    }

    [Fact]
    public void GuestWritesOnlyWhereAllowedAndOwnsWhatItCreates()
    {
        Assert.Equal("!EACCES", _g5.Write("name", "evil"));
        Assert.Equal("!EACCES", _g5.Write("newkey", "x"));         // home is r5 only
        Assert.Equal("!EACCES", _g5.Write("/local/domain/6/data/x", "x"));
        Assert.Equal("OK\0", _g5.Write("data/a/b", "v"));
        Assert.Equal("n5\0", _g5.GetPerms("data/a"));
        Assert.Equal("n5\0", _g5.GetPerms("data/a/b"));
        Assert.Equal("!EACCES", _g6.Read("/local/domain/5/data/a/b"));
    }

    [Fact]
    public void CreatedNodesInheritTheParentListWithTheCreatorAsOwner()
    {
        _dom0.SetPerms("/local/domain/5/data", "n5", "r0", "b6");
        Assert.Equal("OK\0", _g6.Write("/local/domain/5/data/from6", "x"));
        Assert.Equal("n6\0r0\0b6\0", _g6.GetPerms("/local/domain/5/data/from6"));
        // dom0 creating keeps the parent's owner.
        _dom0.Write("/local/domain/5/data/from0", "y");
        Assert.Equal("n5\0r0\0b6\0", _dom0.GetPerms("/local/domain/5/data/from0"));
    }

    [Fact]
    public void OnlyOwnerSetsPermsAndOnlyDom0ChangesOwner()
    {
        _g5.Write("data/mine", "");
        Assert.Equal("OK\0", _g5.SetPerms("data/mine", "n5", "r6"));
        Assert.Equal("", _g6.Read("/local/domain/5/data/mine"));
        Assert.Equal("!EPERM", _g5.SetPerms("data/mine", "n6"));
        Assert.Equal("!EACCES", _g6.SetPerms("/local/domain/5/data/mine", "n6"));
        Assert.Equal("!EACCES", _g5.SetPerms("name", "n5"));
        Assert.Equal("OK\0", _dom0.SetPerms("/local/domain/5/data/mine", "b6"));
        Assert.Equal("b6\0", _dom0.GetPerms("/local/domain/5/data/mine"));
    }

    [Fact]
    public void EntryZeroLetterIsTheDefaultForUnlistedDomains()
    {
        _dom0.Write("/pub", "open");
        _dom0.SetPerms("/pub", "r0", "n6");
        Assert.Equal("open", _g5.Read("/pub"));
        Assert.Equal("!EACCES", _g6.Read("/pub"));
        Assert.Equal("!EACCES", _g5.Write("/pub", "x"));
    }

    [Fact]
    public void RmNeedsWriteOnTheNode()
    {
        Assert.Equal("!EACCES", _g5.Rm("name"));
        Assert.Equal("guest5", _dom0.Read("/local/domain/5/name"));
        _g5.Write("data/tmp", "1");
        Assert.Equal("OK\0", _g5.Rm("data/tmp"));
        Assert.Equal("!ENOENT", _g5.Read("data/tmp"));
    }

    [Fact]
    public void Dom0DoesEverything()
    {
        Assert.Equal("OK\0", _dom0.Write("/local/domain/5/data/x", "1"));
        Assert.Equal("1", _dom0.Read("/local/domain/5/data/x"));
        Assert.Equal("OK\0", _dom0.SetPerms("/local/domain/5/data/x", "n5"));
        Assert.Equal("OK\0", _dom0.Rm("/local/domain/5/data"));
    }
}
