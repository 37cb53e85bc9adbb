using Xenith.Abi;
using Xenith.XenStore;

namespace Xenith.XenStore.Tests;

public class WatchTests
{
    readonly XenStoreDaemon _d = new();
    readonly Wire _dom0;

    public WatchTests() => _dom0 = new Wire(_d, 0);

    [Fact]
    public void FiresOnceAtRegistrationAfterTheOk()
    {
        var w = new Wire(_d, 0);
        Assert.True(w.Conn.Submit(XsMessage.Build(XsdSockmsgType.Watch, 9, 0, "/x\0tok\0"u8)) == XsSubmitResult.Processed);
        Assert.True(w.Conn.TryTakeOutput(out byte[] first));
        Assert.Equal((uint)XsdSockmsgType.Watch, XsMessage.ReadHeader(first).Type);
        Assert.True(w.Conn.TryTakeOutput(out byte[] second));
        XsdSockmsg h = XsMessage.ReadHeader(second);
        Assert.Equal((uint)XsdSockmsgType.WatchEvent, h.Type);
        Assert.Equal(0u, h.ReqId);
        Assert.Equal("/x\0tok\0", System.Text.Encoding.Latin1.GetString(second, 16, (int)h.Len));
        Assert.False(w.Conn.TryTakeOutput(out _));
    }

    [Fact]
    public void FiresForTheNodeAndDescendantsButNotSiblings()
    {
        var w = new Wire(_d, 0);
        w.Watch("/a", "t");
        w.TakeEvents();
        _dom0.Write("/a", "1");
        _dom0.Write("/a/b/c", "2");
        _dom0.Write("/ab", "3");        // a sibling sharing the prefix
        _dom0.Mkdir("/a/m");
        _dom0.SetPerms("/a/m", "n0");
        Assert.Equal(["/a\0t\0", "/a/b/c\0t\0", "/a/m\0t\0", "/a/m\0t\0"], w.TakeEvents());
    }

    [Fact]
    public void RemovingAnAncestorFiresTheWatchedPath()
    {
        _dom0.Write("/p/q/r", "1");
        var w = new Wire(_d, 0);
        w.Watch("/p/q/r", "deep");
        w.Watch("/p", "top");
        w.TakeEvents();
        _dom0.Rm("/p/q");
        // Children first, each matched exactly (the watch on /p/q/r), then the removed root for watches above it.
        Assert.Equal(["/p/q/r\0deep\0", "/p/q\0top\0"], w.TakeEvents());
    }

    [Fact]
    public void UnwatchStopsEventsAndUnknownUnwatchIsEnoent()
    {
        var w = new Wire(_d, 0);
        w.Watch("/u", "t");
        Assert.Equal("OK\0", w.Unwatch("/u", "t"));
        w.TakeEvents();
        _dom0.Write("/u", "x");
        Assert.Empty(w.TakeEvents());
        Assert.Equal("!ENOENT", w.Unwatch("/u", "t"));
    }

    [Fact]
    public void DuplicateWatchIsEexistButAnotherTokenIsFine()
    {
        var w = new Wire(_d, 0);
        Assert.Equal("OK\0", w.Watch("/d", "t"));
        Assert.Equal("!EEXIST", w.Watch("/d", "t"));
        Assert.Equal("OK\0", w.Watch("/d", "u"));
    }

    [Fact]
    public void RelativeWatchReportsRelativePaths()
    {
        _dom0.Mkdir("/local/domain/4/device");
        _dom0.SetPerms("/local/domain/4", "n4");
        _dom0.SetPerms("/local/domain/4/device", "n0", "r4");
        var g = new Wire(_d, 4);
        Assert.Equal("OK\0", g.Watch("device", "fe"));
        Assert.Equal(["device\0fe\0"], g.TakeEvents());
        _dom0.Write("/local/domain/4/device/vbd/51712/state", "1");
        Assert.Equal(["device/vbd/51712/state\0fe\0"], g.TakeEvents());
    }

    [Fact]
    public void EventsDoNotLeakNodesTheWatcherCannotRead()
    {
        var g = new Wire(_d, 5);
        Assert.Equal("OK\0", g.Watch("/", "root"));
        Assert.Equal(["/\0root\0"], g.TakeEvents());
        _dom0.Write("/secret/key", "x");             // n0: hidden from domain 5
        _dom0.Write("/local/domain/5/name", "g");
        _dom0.SetPerms("/local/domain/5/name", "n0", "r5");
        Assert.Equal(["/local/domain/5/name\0root\0"], g.TakeEvents());
        // Losing access still tells the watcher (the old permissions allowed it).
        _dom0.SetPerms("/local/domain/5/name", "n0");
        Assert.Equal(["/local/domain/5/name\0root\0"], g.TakeEvents());
        _dom0.Write("/local/domain/5/name", "h");
        Assert.Empty(g.TakeEvents());
    }

    [Fact]
    public void SpecialWatchesNeedPermission()
    {
        var g = new Wire(_d, 5);
        Assert.Equal("OK\0", g.Watch("@introduceDomain", "i"));
        Assert.Equal("OK\0", g.Watch("@releaseDomain", "r"));
        Assert.Equal(["@introduceDomain\0i\0", "@releaseDomain\0r\0"], g.TakeEvents());
        var page = new FakeGuest();
        _d.IntroduceDomain(9, page.Page, () => { });
        _d.ReleaseDomain(9);
        // @introduceDomain is dom0's; @releaseDomain is readable by any domain, as in xenstored.
        Assert.Equal(["@releaseDomain\0r\0"], g.TakeEvents());
    }

    [Fact]
    public void ResetWatchesDropsWatchesAndTransactions()
    {
        var w = new Wire(_d, 0);
        w.Watch("/r", "t");
        uint tx = w.StartId();
        Assert.Equal("OK\0", w.Do(XsdSockmsgType.ResetWatches, "\0"));
        w.TakeEvents();
        _dom0.Write("/r", "1");
        Assert.Empty(w.TakeEvents());
        Assert.Equal("!ENOENT", w.Read("/r", tx));
    }

    [Fact]
    public void WatchIgnoresTheTransactionId()
    {
        var w = new Wire(_d, 0);
        Assert.Equal("OK\0", w.Watch("/wt", "t"));
        Assert.Equal("OK\0", w.Do(XsdSockmsgType.Watch, "/wt2\0t\0", tx: 77));
    }
}
