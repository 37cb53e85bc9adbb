using Xenith.Abi;
using Xenith.XenStore;

namespace Xenith.XenStore.Tests;

/// <summary>Each quota at its limit: xenstored refuses when the new total reaches the quota (val &gt;= quota).</summary>
public class QuotaTests
{
    static (XenStoreDaemon, Wire dom0, Wire guest) Setup(XenStoreOptions? o = null)
    {
        var d = new XenStoreDaemon(o);
        var dom0 = new Wire(d, 0);
        dom0.Mkdir("/local/domain/5");
        dom0.SetPerms("/local/domain/5", "n5");
        return (d, dom0, new Wire(d, 5));
    }

    [Fact]
    public void DefaultsAreCXenstoreds()
    {
        var o = new XenStoreOptions();
        Assert.Equal((1000, 128, 20, 2_621_440L, 10, 1024, 5, 2048, 2048),
            (o.NodesPerDomain, o.WatchesPerDomain, o.OutstandingRequests, o.MemoryPerDomain, o.TransactionsPerDomain,
             o.NodesPerTransaction, o.PermissionsPerNode, o.PathLength, o.NodeSize));
    }

    [Fact]
    public void NodesPerDomain()
    {
        var (d, dom0, g) = Setup(new XenStoreOptions { NodesPerDomain = 10 });
        // /local/domain/5 is now owned by 5: one node. Eight more reach 9 = quota - 1.
        for (int i = 0; i < 8; i++) Assert.Equal("OK\0", g.Write($"k{i}", "v"));
        Assert.Equal(9, d.NodesOwnedBy(5));
        Assert.Equal("!ENOSPC", g.Write("k8", "v"));
        Assert.Equal("!ENOSPC", g.Write("a/b", "v"));
        Assert.Equal("OK\0", g.Write("k0", "rewrite"));  // changing an existing node is fine
        Assert.Equal("OK\0", dom0.Write("/local/domain/5/byDom0", "x")); // dom0 is exempt
    }

    [Fact]
    public void NodeSize()
    {
        var (_, dom0, g) = Setup();
        // 16 header + 8 for one permission + value: 2023 bytes make 2047 < 2048.
        Assert.Equal("OK\0", g.Write("big", new string('x', 2023)));
        Assert.Equal("!ENOSPC", g.Write("big", new string('x', 2024)));
        Assert.Equal(2023, g.Read("big").Length);
        Assert.Equal("OK\0", dom0.Write("/local/domain/5/big", new string('y', 3000)));
    }

    [Fact]
    public void WatchesPerDomain()
    {
        var (_, dom0, g) = Setup();
        for (int i = 0; i < 127; i++) Assert.Equal("OK\0", g.Watch("w", $"t{i}"));
        Assert.Equal("!ENOSPC", g.Watch("w", "t127"));
        for (int i = 0; i < 200; i++) Assert.Equal("OK\0", dom0.Watch("/w", $"t{i}"));
    }

    [Fact]
    public void TransactionsPerDomain()
    {
        var (_, dom0, g) = Setup();
        for (int i = 0; i < 9; i++) Assert.Equal((uint)(i + 1), g.StartId());
        Assert.Equal("!ENOSPC", g.Start());
        Assert.Equal("OK\0", g.End(3, commit: false));
        Assert.Equal(10u, g.StartId());
        for (int i = 0; i < 20; i++) dom0.StartId();
    }

    [Fact]
    public void NodesPerTransaction()
    {
        var (_, _, g) = Setup(new XenStoreOptions { NodesPerTransaction = 6 });
        uint tx = g.StartId();
        // Writing k0 touches /local/domain/5 and k0: 2 nodes; k1 one more; k2 one more; k3: 5 = quota - 1.
        for (int i = 0; i < 4; i++) Assert.Equal("OK\0", g.Write($"k{i}", "v", tx));
        Assert.Equal("!ENOSPC", g.Write("k4", "v", tx));
        // xenstored then fails the whole transaction.
        Assert.Equal("!ENOMEM", g.End(tx, commit: true));
    }

    [Fact]
    public void PermissionsPerNode()
    {
        var (_, dom0, g) = Setup();
        g.Write("p", "");
        Assert.Equal("OK\0", g.SetPerms("p", "n5", "r1", "r2", "r3"));
        Assert.Equal("!ENOSPC", g.SetPerms("p", "n5", "r1", "r2", "r3", "r4"));
        Assert.Equal("OK\0", dom0.SetPerms("/local/domain/5/p", "n5", "r1", "r2", "r3", "r4", "r6"));
    }

    [Fact]
    public void PathLengthCountsBelowTheDomainHome()
    {
        var (_, dom0, g) = Setup();
        // Components short enough that no parent outgrows the node size: 20 × 99 + 19 slashes + "/" + 47 = 2047.
        string ok = string.Join('/', Enumerable.Repeat(new string('a', 99), 20)) + "/" + new string('a', 47);
        string tooLong = ok + "b";
        Assert.Equal(2047, ok.Length);
        Assert.Equal("OK\0", g.Write(ok, ""));
        Assert.Equal("!EINVAL", g.Write(tooLong, ""));
        Assert.Equal("!EINVAL", g.Write("/local/domain/5/" + tooLong, ""));
        Assert.Equal("OK\0", dom0.Write("/local/domain/5/" + tooLong, ""));
    }

    [Fact]
    public void MemoryPerDomain()
    {
        var (d, _, g) = Setup(new XenStoreOptions { MemoryPerDomain = 4000 });
        // The home costs 16 + 8 + 15 (path) = 39; each child 16 + 8 + 500 + 18 (path) = 542 plus 3 bytes of
        // its name in the home: 39 + 7 × 545 = 3854, and an eighth would make 4399 ≥ 4000.
        int written = 0;
        while (written < 100 && g.Write($"m{written}", new string('v', 500)) == "OK\0") written++;
        Assert.Equal(7, written);
        Assert.Equal("!ENOMEM", g.Write($"m{written}", new string('v', 500)));
        Assert.Equal("OK\0", g.Write("s", "")); // a small node still fits
        Assert.Equal(9, d.NodesOwnedBy(5));
    }

    [Fact]
    public void OutstandingRequestsStopServingOnlyThatClient()
    {
        var (_, dom0, g) = Setup();
        byte[] read = XsMessage.Build(XsdSockmsgType.Read, 1, 0, "/local/domain/5\0"u8);
        for (int i = 0; i < 20; i++) Assert.Equal(XsSubmitResult.Processed, g.Conn.Submit(read));
        Assert.Equal(XsSubmitResult.Busy, g.Conn.Submit(read));
        Assert.Equal("", dom0.Read("/local/domain/5"));
        Assert.True(g.Conn.TryTakeOutput(out _));
        Assert.Equal(XsSubmitResult.Processed, g.Conn.Submit(read));
    }

    [Fact]
    public void PendingWatchEventsAreBounded()
    {
        var (_, dom0, g) = Setup(new XenStoreOptions { PendingWatchEvents = 3 });
        dom0.SetPerms("/local/domain/5", "n5");
        g.Watch("x", "t");
        Assert.Equal(["x\0t\0"], g.TakeEvents());
        // Nobody reads domain 5's queue while dom0 writes five times: three are kept, two dropped.
        for (int i = 0; i < 5; i++) dom0.Write("/local/domain/5/x", "v");
        Assert.Equal(3, g.TakeEvents().Count);
        Assert.Equal(2, g.Conn.DroppedEvents);
    }
}
