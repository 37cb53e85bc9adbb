using Xenith.Toolstack.Vchan;

namespace Xenith.Toolstack.Tests.Vchan;

public class VchanNotifyTests
{
    [Fact]
    public void A_reader_that_did_not_ask_gets_no_event_and_one_that_asked_gets_one()
    {
        using var pair = VchanPair.Create(12, 11, new VchanOptions { Blocking = false });
        long before = pair.ClientSignal.NotifyCount;

        // The server's set-up request (cli_notify = WRITE) is used up by the first write.
        Assert.Equal(VchanLayout.NotifyWrite, pair.Control.CliNotify);
        Assert.Equal(3, pair.Client.Write("abc"u8));
        Assert.Equal(before + 1, pair.ClientSignal.NotifyCount);
        Assert.Equal(0, pair.Control.CliNotify);
        Assert.Equal(VchanWaitResult.Event, pair.Server.WaitForEvent(TimeSpan.Zero));

        // Nobody asked now: writing more sends nothing.
        Assert.Equal(3, pair.Client.Write("def"u8));
        Assert.Equal(before + 1, pair.ClientSignal.NotifyCount);
        Assert.False(pair.ServerSignal.IsPending);
        Assert.Equal(VchanWaitResult.Timeout, pair.Server.WaitForEvent(TimeSpan.Zero));

        // A read that finds less than it wants asks for a write kick, and gets exactly one.
        var got = new byte[16];
        Assert.Equal(6, pair.Server.Read(got));
        Assert.Equal(0, pair.Server.Read(got));
        Assert.Equal(VchanLayout.NotifyWrite, pair.Control.CliNotify);
        Assert.Equal(1, pair.Client.Write("g"u8));
        Assert.Equal(1, pair.Client.Write("h"u8));
        Assert.Equal(before + 2, pair.ClientSignal.NotifyCount);
        Assert.Equal(VchanWaitResult.Event, pair.Server.WaitForEvent(TimeSpan.Zero));
    }

    [Fact]
    public void A_writer_that_found_the_ring_full_gets_one_event_when_the_reader_consumes()
    {
        using var pair = VchanPair.Create(12, 11, new VchanOptions { Blocking = false });
        long before = pair.ServerSignal.NotifyCount;
        var data = new byte[5000];
        Assert.Equal(4096, pair.Client.Write(data));
        Assert.Equal(VchanLayout.NotifyRead, pair.Control.SrvNotify & VchanLayout.NotifyRead);

        var got = new byte[100];
        Assert.Equal(100, pair.Server.Read(got));
        Assert.Equal(before + 1, pair.ServerSignal.NotifyCount);
        Assert.Equal(0, pair.Control.SrvNotify & VchanLayout.NotifyRead);
        Assert.Equal(100, pair.Server.Read(got));
        Assert.Equal(before + 1, pair.ServerSignal.NotifyCount);
        Assert.Equal(VchanWaitResult.Event, pair.Client.WaitForEvent(TimeSpan.Zero));
        Assert.Equal(VchanWaitResult.Timeout, pair.Client.WaitForEvent(TimeSpan.Zero));
    }

    [Fact]
    public void A_blocked_reader_is_woken_by_the_write_it_asked_for()
    {
        using var pair = VchanPair.Create(12, 11, new VchanOptions { PollInterval = Timeout.InfiniteTimeSpan, Timeout = TimeSpan.FromSeconds(30) });
        var got = new byte[8];
        int n = 0;
        var reader = TestThread.Start(() => n = pair.Server.Read(got));
        // Wait (without a clock) until the reader has asked for the kick and gone to sleep.
        Assert.True(SpinWait.SpinUntil(() => pair.Control.CliNotify == VchanLayout.NotifyWrite && (reader.ThreadState & ThreadState.WaitSleepJoin) != 0, TimeSpan.FromSeconds(30)));
        Assert.Equal(5, pair.Client.Write("wake!"u8));
        reader.Join();
        Assert.Equal(5, n);
        Assert.Equal("wake!"u8.ToArray(), got[..5]);
    }
}
