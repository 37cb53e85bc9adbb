using Xenith.Abi;
using Xenith.XenStore;

namespace Xenith.XenStore.Tests;

public class DaemonTests
{
    [Fact]
    public void InProcessClientReadsWritesAndThrowsXenstoreErrors()
    {
        var d = new XenStoreDaemon();
        XenStoreClient c = d.OpenClient();
        c.Write("/local/domain/1/name", "hello");
        Assert.Equal("hello", c.ReadString("/local/domain/1/name"));
        Assert.Equal(["name"], c.Directory("/local/domain/1"));
        c.SetPermissions("/local/domain/1", new XsPerm(0, XsAccess.None), new XsPerm(1, XsAccess.Read));
        Assert.Equal([new XsPerm(0, XsAccess.None), new XsPerm(1, XsAccess.Read)], c.GetPermissions("/local/domain/1"));
        Assert.Equal("/local/domain/9", c.GetDomainPath(9));
        var ex = Assert.Throws<XenStoreException>(() => c.Read("/absent"));
        Assert.Equal(XsError.ENOENT, ex.Error);
        Assert.Null(c.TryReadString("/absent"));
        c.Rm("/local/domain/1");
        Assert.Empty(c.Directory("/local/domain"));
    }

    [Fact]
    public void WatchCallbacksRunInOrderAndMayUseTheStore()
    {
        var d = new XenStoreDaemon();
        XenStoreClient c = d.OpenClient();
        var seen = new List<string>();
        c.Watch("/w", "tok", (path, token) =>
        {
            seen.Add($"{path}|{token}|{c.TryReadString(path)}");
        });
        c.Write("/w/a", "1");
        c.Rm("/w");
        // rm fires the removed root for watches at or above it (descendants only match watches on themselves).
        Assert.Equal(["/w|tok|", "/w/a|tok|1", "/w|tok|"], seen);
        c.Unwatch("/w", "tok");
        c.Write("/w", "2");
        Assert.Equal(3, seen.Count);
    }

    [Fact]
    public void IntroduceDomainEventFiresOncePerDomain()
    {
        var d = new XenStoreDaemon();
        XenStoreClient c = d.OpenClient();
        var events = new List<string>();
        c.Watch("@introduceDomain", "i", (p, _) => events.Add(p));
        d.IntroduceDomain(2, new ArrayRingPage(), () => { });
        d.IntroduceDomain(3, new ArrayRingPage(), () => { });
        Assert.Equal(["@introduceDomain", "@introduceDomain", "@introduceDomain"], events);
        var ex = Assert.Throws<XenStoreException>(() => d.IntroduceDomain(2, new ArrayRingPage(), () => { }));
        Assert.Equal(XsError.EEXIST, ex.Error);
    }

    [Fact]
    public void WireIntroduceUsesTheMapperAndReleaseForgets()
    {
        var d = new XenStoreDaemon();
        var page = new ArrayRingPage();
        (int, ulong, uint)? asked = null;
        d.InterfaceMapper = (dom, gfn, port) => { asked = (dom, gfn, port); return new XsRingBinding(page, () => { }); };
        var w = new Wire(d, 0);
        Assert.Equal("OK\0", w.Do(XsdSockmsgType.Introduce, "6\0" + "233473\0" + "1\0"));
        Assert.Equal((6, 233473UL, 1u), asked);
        Assert.Equal("T\0", w.Do(XsdSockmsgType.IsDomainIntroduced, "6\0"));
        Assert.Equal("OK\0", w.Do(XsdSockmsgType.Resume, "6\0"));
        Assert.Equal("OK\0", w.Do(XsdSockmsgType.Release, "6\0"));
        Assert.Equal("F\0", w.Do(XsdSockmsgType.IsDomainIntroduced, "6\0"));
    }

    [Fact]
    public void SetTargetGivesTheTargetsAccess()
    {
        var d = new XenStoreDaemon();
        XenStoreClient c = d.OpenClient();
        c.Write("/local/domain/2/secret", "s");
        c.SetPermissions("/local/domain/2", new XsPerm(2, XsAccess.None));
        c.SetPermissions("/local/domain/2/secret", new XsPerm(2, XsAccess.None));
        var g2 = new FakeGuest();
        d.IntroduceDomain(2, g2.Page, () => { });
        var g7 = new FakeGuest();
        RingConnection r7 = d.IntroduceDomain(7, g7.Page, () => { });
        byte[] read = XsMessage.Build(XsdSockmsgType.Read, 1, 0, "/local/domain/2/secret\0"u8);
        g7.Send(read); r7.Kick(); g7.Receive();
        Assert.Equal([((uint)XsdSockmsgType.Error, 1u, "EACCES\0")], g7.Messages());
        var w = new Wire(d, 0);
        Assert.Equal("OK\0", w.Do(XsdSockmsgType.SetTarget, "7\0" + "2\0"));
        g7.Send(read); r7.Kick(); g7.Receive();
        Assert.Equal([((uint)XsdSockmsgType.Read, 1u, "s")], g7.Messages());
    }

    [Fact]
    public void ReleaseWithKeepOrphansGivesNodesToDom0()
    {
        var d = new XenStoreDaemon(new XenStoreOptions { KeepOrphans = true });
        XenStoreClient c = d.OpenClient();
        c.Mkdir("/local/domain/2");
        c.SetPermissions("/local/domain/2", new XsPerm(2, XsAccess.Read));
        d.IntroduceDomain(2, new ArrayRingPage(), () => { });
        d.ReleaseDomain(2);
        Assert.Equal([new XsPerm(0, XsAccess.Read)], c.GetPermissions("/local/domain/2"));
        Assert.Equal(0, d.NodesOwnedBy(2));
    }

    [Fact]
    public void DisposedClientLosesItsWatches()
    {
        var d = new XenStoreDaemon();
        XenStoreClient c = d.OpenClient();
        int calls = 0;
        c.Watch("/x", "t", (_, _) => calls++);
        c.Dispose();
        d.OpenClient().Write("/x", "1");
        Assert.Equal(1, calls);
        Assert.Throws<ObjectDisposedException>(() => c.Read("/x"));
    }

    [Fact]
    public void DisconnectedConnectionGetsNothingMore()
    {
        var d = new XenStoreDaemon();
        var w = new Wire(d, 0);
        w.Watch("/gone", "t");
        w.TakeEvents();
        w.Conn.Disconnect();
        d.OpenClient().Write("/gone", "1");
        Assert.Equal(0, w.Conn.PendingOutput);
        Assert.Equal(XsSubmitResult.Closed, w.Conn.Submit(XsMessage.Build(XsdSockmsgType.Read, 1, 0, "/\0"u8)));
    }

    [Fact]
    public void TransactionHelperAbortsWhenTheBodyThrows()
    {
        var d = new XenStoreDaemon();
        XenStoreClient c = d.OpenClient();
        Assert.Throws<InvalidOperationException>(() => c.Transaction(tx =>
        {
            c.Write("/half", "done", tx);
            throw new InvalidOperationException("stop");
        }));
        Assert.Null(c.TryReadString("/half"));
        Assert.Empty(c.Connection.Transactions);
    }

    [Fact]
    public void ConcurrentClientsLoseNoWrites()
    {
        var d = new XenStoreDaemon();
        XenStoreClient a = d.OpenClient(), b = d.OpenClient();
        int events = 0;
        d.OpenClient().Watch("/c", "t", (_, _) => Interlocked.Increment(ref events));
        Parallel.Invoke(
            () => { for (int i = 0; i < 200; i++) a.Write($"/c/a{i}", "1"); },
            () => { for (int i = 0; i < 200; i++) b.Write($"/c/b{i}", "1"); });
        Assert.Equal(400, a.Directory("/c").Count);
        Assert.Equal(401, Volatile.Read(ref events));
    }
}
