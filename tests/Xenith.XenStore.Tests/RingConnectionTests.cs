using Xenith.Abi;
using Xenith.XenStore;

namespace Xenith.XenStore.Tests;

public class RingConnectionTests
{
    readonly XenStoreDaemon _d = new();
    readonly XenStoreClient _dom0;

    public RingConnectionTests()
    {
        _dom0 = _d.OpenClient();
        foreach (int dom in new[] { 3, 4 })
        {
            _dom0.Write($"/local/domain/{dom}/name", $"guest{dom}");
            _dom0.SetPermissions($"/local/domain/{dom}/name", new XsPerm(0, XsAccess.None), new XsPerm(dom, XsAccess.Read));
            _dom0.SetPermissions($"/local/domain/{dom}", new XsPerm(dom, XsAccess.None));
        }
    }

    (FakeGuest Guest, RingConnection Ring) Introduce(int domid)
    {
        var g = new FakeGuest();
        RingConnection r = _d.IntroduceDomain(domid, g.Page, () => g.Notifications++);
        return (g, r);
    }

    static byte[] Req(XsdSockmsgType t, uint id, string payload) =>
        XsMessage.Build(t, id, 0, System.Text.Encoding.Latin1.GetBytes(payload));

    [Fact]
    public void IntroduceAdvertisesTheErrorFeatureAndLeavesTheRestZero()
    {
        var (g, _) = Introduce(3);
        Assert.Equal(Abi.XenStore.FeatureError, g.Page.LoadAcquire(2064));
        Assert.Equal(0u, g.Page.LoadAcquire(2068));
        Assert.Equal(0u, g.Error);
        Assert.True(_d.IsDomainIntroduced(3));
    }

    [Fact]
    public void ServesARequestAndNotifies()
    {
        var (g, r) = Introduce(3);
        g.Send(Req(XsdSockmsgType.Read, 42, "name\0"));
        r.Kick();
        g.Receive();
        Assert.Equal([((uint)XsdSockmsgType.Read, 42u, "guest3")], g.Messages());
        Assert.Equal(g.ReqProd, g.ReqCons);
        Assert.True(g.Notifications > 0);
    }

    [Fact]
    public void RequestSplitAcrossTheWrapAndAcrossKicks()
    {
        var (g, r) = Introduce(3);
        // Move the indices near the end of the ring so the next message straddles the wrap.
        byte[] filler = Req(XsdSockmsgType.Read, 1, "name\0");
        for (int i = 0; i < 45; i++) { g.Send(filler); r.Kick(); g.Receive(); }
        Assert.Equal(45, g.Messages().Count);
        Assert.Equal(945u, g.ReqCons);               // the 123-byte request below runs from 945 to 1068
        byte[] write = Req(XsdSockmsgType.Write, 77, "data/k\0" + new string('v', 100));
        g.Send(write.AsSpan(0, 10)); r.Kick();        // part of the header
        g.Send(write.AsSpan(10, 30)); r.Kick();       // rest of the header, part of the payload
        g.Receive();
        Assert.Empty(g.Messages());
        g.Send(write.AsSpan(40)); r.Kick();
        g.Receive();
        Assert.Equal([((uint)XsdSockmsgType.Write, 77u, "OK\0")], g.Messages());
        Assert.Equal(new string('v', 100), _dom0.ReadString("/local/domain/3/data/k"));
    }

    [Fact]
    public void ReplyLargerThanTheFreeSpaceIsSentAsTheGuestConsumes()
    {
        var (g, r) = Introduce(3);
        _dom0.Write("/local/domain/3/big", new string('b', 1500));
        g.Send(Req(XsdSockmsgType.Read, 5, "big\0"));
        r.Kick();
        Assert.Equal(1024u, g.RspProd - g.RspCons);    // the ring is full, the rest is kept
        g.Receive();
        Assert.Empty(g.Messages());
        r.Kick();                                       // the guest's notify after consuming
        g.Receive();
        var m = Assert.Single(g.Messages());
        Assert.Equal(5u, m.ReqId);
        Assert.Equal(new string('b', 1500), m.Payload);
    }

    [Fact]
    public void WatchEventsReachTheRingWhenAnotherClientWrites()
    {
        var (g, r) = Introduce(3);
        g.Send(Req(XsdSockmsgType.Watch, 8, "control/shutdown\0tok\0"));
        r.Kick();
        g.Receive();
        Assert.Equal(2, g.Messages().Count);
        int before = g.Notifications;
        _dom0.Write("/local/domain/3/control/shutdown", "poweroff");
        Assert.True(g.Notifications > before);
        g.Receive();
        Assert.Equal([((uint)XsdSockmsgType.WatchEvent, 0u, "control/shutdown\0tok\0")], g.Messages());
    }

    [Fact]
    public void HostileIndicesCloseOnlyThatConnection()
    {
        var (bad, badRing) = Introduce(3);
        var (good, goodRing) = Introduce(4);
        bad.ReqProd = 5000;                        // prod − cons > ring size
        badRing.Kick();
        Assert.True(badRing.IsClosed);
        Assert.Equal(Abi.XenStore.ErrorRingIdx, bad.Error);
        good.Send(Req(XsdSockmsgType.Read, 1, "name\0"));
        goodRing.Kick();
        good.Receive();
        Assert.Equal([((uint)XsdSockmsgType.Read, 1u, "guest4")], good.Messages());
        Assert.Equal("guest3", _dom0.ReadString("/local/domain/3/name"));
    }

    [Fact]
    public void HostileResponseIndicesCloseTheConnection()
    {
        var (g, r) = Introduce(3);
        g.RspCons = 3000;                          // rsp_prod − rsp_cons wraps past the ring
        g.Send(Req(XsdSockmsgType.Read, 1, "name\0"));
        r.Kick();
        Assert.True(r.IsClosed);
        Assert.Equal(Abi.XenStore.ErrorRingIdx, g.Error);
    }

    [Fact]
    public void PayloadOverLimitIsAProtocolError()
    {
        var (g, r) = Introduce(3);
        byte[] header = XsMessage.Build(XsdSockmsgType.Write, 1, 0, []);
        header[12] = 0x01; header[13] = 0x10;          // len = 4097
        g.Send(header);
        r.Kick();
        Assert.True(r.IsClosed);
        Assert.Equal(Abi.XenStore.ErrorProto, g.Error);
        // A closed connection ignores further kicks and dom0 is unaffected.
        g.Send(Req(XsdSockmsgType.Read, 2, "name\0"));
        r.Kick();
        Assert.Equal(0u, g.RspProd);
        Assert.Equal("guest3", _dom0.ReadString("/local/domain/3/name"));
    }

    [Fact]
    public void FloodWithoutReadingStopsAtTheOutstandingQuota()
    {
        var (g, r) = Introduce(3);
        byte[] read = Req(XsdSockmsgType.Read, 1, "/local/domain/3/name\0");   // 16 + 21 bytes, 22-byte reply
        // Fill the response ring first so replies pile up in the queue.
        _dom0.Write("/local/domain/3/big", new string('b', 1100));
        g.Send(Req(XsdSockmsgType.Read, 9, "big\0"));
        r.Kick();
        Assert.Equal(1024u, g.RspProd);
        for (int i = 0; i < 27; i++) { g.Send(read); r.Kick(); }
        // The big reply plus 19 reads are outstanding; the rest wait in req[] unread.
        Assert.Equal(20, r.OutstandingReplies);
        Assert.Equal((uint)(27 - 19) * (uint)read.Length, g.ReqProd - g.ReqCons);
        // Reading the replies lets the daemon continue.
        for (int i = 0; i < 10; i++) { g.Receive(); r.Kick(); }
        Assert.Equal(g.ReqProd, g.ReqCons);
        g.Receive();
        Assert.Equal(28, g.Messages().Count);
    }

    [Fact]
    public void ReleaseClosesTheRingDeletesOwnedNodesAndFiresReleaseDomain()
    {
        var (g, r) = Introduce(3);
        g.Send(Req(XsdSockmsgType.Write, 1, "data/x\0v"));
        r.Kick();
        Assert.Equal("", _dom0.ReadString("/local/domain/3/data"));
        _dom0.Write("/shared/list", "");
        _dom0.SetPermissions("/shared/list", new XsPerm(0, XsAccess.None), new XsPerm(3, XsAccess.Read), new XsPerm(4, XsAccess.Read));
        var events = new List<string>();
        _dom0.Watch("@releaseDomain", "rel", (p, t) => events.Add(p));
        events.Clear();
        _d.ReleaseDomain(3);
        Assert.True(r.IsClosed);
        Assert.False(_d.IsDomainIntroduced(3));
        Assert.Equal(["@releaseDomain"], events);
        Assert.Null(_dom0.TryReadString("/local/domain/3/data/x"));
        Assert.Equal([new XsPerm(0, XsAccess.None), new XsPerm(4, XsAccess.Read)], _dom0.GetPermissions("/shared/list"));
        Assert.Equal(0, _d.NodesOwnedBy(3));
        var ex = Assert.Throws<XenStoreException>(() => _d.ReleaseDomain(3));
        Assert.Equal(XsError.ENOENT, ex.Error);
    }
}
