using System.Globalization;
using Xenith.Abi;
using Xenith.XenStore;

namespace Xenith.XenStore.Tests;

/// <summary>The toolstack writes a domU's entries (spec 8.6), then the guest talks as Linux's xenbus does (8.8).</summary>
public class LinuxBootSequenceTests
{
    [Fact]
    public void XenbusBootAndOrderlyShutdownOverTheRing()
    {
        var d = new XenStoreDaemon();
        XenStoreClient tools = d.OpenClient();
        const int D = 1;
        string home = "/local/domain/1";
        XsPerm[] guestReads = [new XsPerm(0, XsAccess.None), new XsPerm(D, XsAccess.Read)];
        XsPerm[] guestOwns = [new XsPerm(D, XsAccess.None)];
        tools.Transaction(tx =>
        {
            tools.Write(home, "", tx);
            tools.SetPermissions(home, guestReads, tx);
            tools.Write(home + "/name", "hello", tx);
            tools.Write(home + "/control/platform-feature-xs_reset_watches", "1", tx);
            tools.SetPermissions(home + "/control", guestReads, tx);
            tools.Write(home + "/control/shutdown", "", tx);
            tools.SetPermissions(home + "/control/shutdown", guestOwns, tx);
            tools.Write(home + "/control/feature-poweroff", "", tx);
            tools.SetPermissions(home + "/control/feature-poweroff", guestOwns, tx);
            tools.Mkdir(home + "/device", tx);
            tools.SetPermissions(home + "/device", guestReads, tx);
            tools.Write(home + "/memory/target", "65536", tx);
            tools.SetPermissions(home + "/memory", guestReads, tx);
            tools.SetPermissions(home + "/memory/target", guestReads, tx);
        });
        var shutdowns = new List<string>();
        tools.Watch("@releaseDomain", "rel", (p, _) => shutdowns.Add(p));

        var g = new FakeGuest();
        RingConnection ring = d.IntroduceDomain(D, g.Page, () => g.Notifications++);
        uint id = 0;
        List<(uint Type, uint ReqId, string Payload)> Talk(XsdSockmsgType t, string payload, uint tx = 0)
        {
            g.Send(XsMessage.Build(t, ++id, tx, System.Text.Encoding.Latin1.GetBytes(payload)));
            ring.Kick();
            g.Receive();
            return g.Messages();
        }
        const uint R = (uint)XsdSockmsgType.Read, W = (uint)XsdSockmsgType.Write, E = (uint)XsdSockmsgType.Error;
        const uint Ev = (uint)XsdSockmsgType.WatchEvent, Wa = (uint)XsdSockmsgType.Watch;

        Assert.Equal([(R, 1u, "1")], Talk(XsdSockmsgType.Read, "control/platform-feature-xs_reset_watches\0"));
        Assert.Equal([((uint)XsdSockmsgType.ResetWatches, 2u, "OK\0")], Talk(XsdSockmsgType.ResetWatches, "\0"));
        Assert.Equal([((uint)XsdSockmsgType.Directory, 3u, "")], Talk(XsdSockmsgType.Directory, "device\0"));
        Assert.Equal([(Wa, 4u, "OK\0"), (Ev, 0u, "device\0tok1\0")], Talk(XsdSockmsgType.Watch, "device\0tok1\0"));
        Assert.Equal([(E, 5u, "ENOENT\0")], Talk(XsdSockmsgType.Directory, "backend\0"));
        Assert.Equal([(Wa, 6u, "OK\0"), (Ev, 0u, "control/shutdown\0tok2\0")], Talk(XsdSockmsgType.Watch, "control/shutdown\0tok2\0"));
        Assert.Equal([(W, 7u, "OK\0")], Talk(XsdSockmsgType.Write, "control/feature-poweroff\0" + "1"));
        Assert.Equal([(E, 8u, "EACCES\0")], Talk(XsdSockmsgType.Write, "control/feature-reboot\0" + "1"));
        Assert.Equal([(Wa, 9u, "OK\0"), (Ev, 0u, "memory/target\0tok3\0")], Talk(XsdSockmsgType.Watch, "memory/target\0tok3\0"));
        Assert.Equal([(R, 10u, "65536")], Talk(XsdSockmsgType.Read, "memory/target\0"));
        Assert.Equal("1", tools.ReadString(home + "/control/feature-poweroff"));

        // xl shutdown: the toolstack writes the request; the guest sees the event and acknowledges in a transaction.
        tools.Write(home + "/control/shutdown", "poweroff");
        g.Receive();
        Assert.Equal([(Ev, 0u, "control/shutdown\0tok2\0")], g.Messages());
        var start = Assert.Single(Talk(XsdSockmsgType.TransactionStart, "\0"));
        uint tx = uint.Parse(start.Payload.TrimEnd('\0'), CultureInfo.InvariantCulture);
        Assert.Equal([(R, 12u, "poweroff")], Talk(XsdSockmsgType.Read, "control/shutdown\0", tx));
        Assert.Equal([(W, 13u, "OK\0")], Talk(XsdSockmsgType.Write, "control/shutdown\0", tx));
        Assert.Equal([((uint)XsdSockmsgType.TransactionEnd, 14u, "OK\0"), (Ev, 0u, "control/shutdown\0tok2\0")],
            Talk(XsdSockmsgType.TransactionEnd, "T\0", tx));
        Assert.Equal("", tools.ReadString(home + "/control/shutdown"));

        // The domain powers off: the toolstack hears @releaseDomain, removes the home and releases the domain.
        d.NotifyDomainShutdown();
        tools.Rm(home);
        d.ReleaseDomain(D);
        Assert.Equal(["@releaseDomain", "@releaseDomain", "@releaseDomain"], shutdowns);
        Assert.Equal(0, d.NodesOwnedBy(D));
        Assert.Empty(tools.Directory("/local/domain"));
        Assert.Equal(g.ReqProd, g.ReqCons);
    }
}
