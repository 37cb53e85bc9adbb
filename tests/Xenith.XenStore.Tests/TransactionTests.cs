using Xenith.Abi;
using Xenith.XenStore;

namespace Xenith.XenStore.Tests;

public class TransactionTests
{
    readonly XenStoreDaemon _d = new();
    readonly Wire _a, _b;

    public TransactionTests()
    {
        _a = new Wire(_d, 0);
        _b = new Wire(_d, 0);
    }

    [Fact]
    public void CommitMakesChangesVisibleOnlyAtTheEnd()
    {
        _a.Write("/t/x", "old");
        uint tx = _a.StartId();
        Assert.Equal(1u, tx);
        Assert.Equal("OK\0", _a.Write("/t/x", "new", tx));
        Assert.Equal("OK\0", _a.Write("/t/y", "made", tx));
        Assert.Equal("new", _a.Read("/t/x", tx));
        Assert.Equal("old", _b.Read("/t/x"));
        Assert.Equal("!ENOENT", _b.Read("/t/y"));
        Assert.Equal("x\0y\0", _a.Dir("/t", tx));
        Assert.Equal("OK\0", _a.End(tx, commit: true));
        Assert.Equal("new", _b.Read("/t/x"));
        Assert.Equal("made", _b.Read("/t/y"));
        Assert.Equal("!ENOENT", _a.Read("/t/x", tx));   // the id is gone
    }

    [Fact]
    public void AbortDiscardsEverything()
    {
        uint tx = _a.StartId();
        _a.Write("/ab/c", "1", tx);
        _a.Rm("/tool", tx);
        Assert.Equal("OK\0", _a.End(tx, commit: false));
        Assert.Equal("!ENOENT", _b.Read("/ab/c"));
        Assert.Equal("xenstored\0", _b.Dir("/tool"));
    }

    [Fact]
    public void ConflictingCommitIsEagainAndChangesNothing()
    {
        _a.Write("/c/state", "1");
        uint tx = _a.StartId();
        Assert.Equal("1", _a.Read("/c/state", tx));
        _a.Write("/c/other", "z", tx);
        _b.Write("/c/state", "2");
        Assert.Equal("!EAGAIN", _a.End(tx, commit: true));
        Assert.Equal("2", _b.Read("/c/state"));
        Assert.Equal("!ENOENT", _b.Read("/c/other"));
        // Retrying from the start succeeds.
        uint again = _a.StartId();
        _a.Read("/c/state", again);
        _a.Write("/c/other", "z", again);
        Assert.Equal("OK\0", _a.End(again, commit: true));
        Assert.Equal("z", _b.Read("/c/other"));
    }

    [Fact]
    public void RewritingTheSameValueStillConflicts()
    {
        _a.Write("/s", "v");
        uint tx = _a.StartId();
        _a.Read("/s", tx);
        _b.Write("/s", "v");
        Assert.Equal("!EAGAIN", _a.End(tx, commit: true));
    }

    [Fact]
    public void UntouchedNodesDoNotConflict()
    {
        _a.Mkdir("/mine");
        _a.Write("/elsewhere", "");
        uint tx = _a.StartId();
        _a.Write("/mine/k", "1", tx);
        _b.Write("/elsewhere", "x");
        Assert.Equal("OK\0", _a.End(tx, commit: true));
    }

    [Fact]
    public void NestedStartIsEbusyAndBadIdsAreEnoent()
    {
        uint tx = _a.StartId();
        Assert.Equal("!EBUSY", _a.Start(tx));
        Assert.Equal("!ENOENT", _a.Start(999));
        Assert.Equal("!ENOENT", _a.Read("/tool", 999));
        Assert.Equal("!ENOENT", _a.End(0, commit: true));
        Assert.Equal("!EINVAL", _a.Do(XsdSockmsgType.TransactionEnd, "X\0", tx));
        // Another connection cannot use this connection's id.
        Assert.Equal("!ENOENT", _b.Read("/tool", tx));
    }

    [Fact]
    public void WatchesFireOnlyOnCommit()
    {
        var w = new Wire(_d, 0);
        w.Watch("/wc", "t");
        w.TakeEvents();
        uint tx = _a.StartId();
        _a.Write("/wc/x", "1", tx);
        Assert.Empty(w.TakeEvents());
        _a.End(tx, commit: true);
        Assert.Equal(["/wc/x\0t\0"], w.TakeEvents());
        uint aborted = _a.StartId();
        _a.Write("/wc/y", "1", aborted);
        _a.End(aborted, commit: false);
        Assert.Empty(w.TakeEvents());
    }

    [Fact]
    public void InProcessTransactionHelperRetriesOnConflict()
    {
        XenStoreClient c = _d.OpenClient();
        XenStoreClient other = _d.OpenClient();
        c.Write("/retry", "0");
        int attempts = 0;
        c.Transaction(tx =>
        {
            attempts++;
            string v = c.ReadString("/retry", tx);
            if (attempts == 1) other.Write("/retry", "5");
            c.Write("/retry", (int.Parse(v, System.Globalization.CultureInfo.InvariantCulture) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), tx);
        });
        Assert.Equal(2, attempts);
        Assert.Equal("6", c.ReadString("/retry"));
    }
}
