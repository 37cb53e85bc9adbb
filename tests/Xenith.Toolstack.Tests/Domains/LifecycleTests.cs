using Xenith.Rpc;

namespace Xenith.Toolstack.Tests.Domains;

/// <summary>on_crash / on_reboot as xl.cfg asks, with tiny raw kernels: the daemon outlives its guests.</summary>
public class LifecycleTests
{
    /// <summary>movw r0, #9; movt r0, #0x8400; hvc #0 (PSCI SYSTEM_RESET); b .</summary>
    private static readonly byte[] Rebooter = Words(0xE3000009, 0xE3480400, 0xE1400070, 0xEAFFFFFE);

    /// <summary>0xFFFFFFFF is UNDEFINED and the vectors are not mapped: the guest can only crash.</summary>
    private static readonly byte[] Crasher = Enumerable.Repeat((byte)0xFF, 4096).ToArray();

    private static byte[] Words(params uint[] words) => words.SelectMany(BitConverter.GetBytes).ToArray();

    private static string RawConfig(ToolstackHost host, string name, byte[] image, string extra) =>
        host.ConfigFor(name, host.WriteFile(name + ".bin", image), extra);

    [Fact]
    public async Task A_crashing_guest_is_destroyed_and_the_host_carries_on()
    {
        using var host = new ToolstackHost();
        var ts = host.Toolstack;
        var crashed = host.CreatePaused(RawConfig(host, "crasher", Crasher, ""));
        var death = ts.WaitForDomainAsync(crashed.DomId, untilDeath: true, CancellationToken.None);
        ts.Unpause(crashed.DomId);
        var end = await death.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(DomainEventKind.Death, end.Kind);
        Assert.Equal(ShutdownReason.Crash, end.Reason);
        Assert.Null(ts.GetDomain(crashed.DomId));
        // The host still builds and runs guests.
        var hello = host.Create(host.Config("hello", "hello"));
        using var console = ts.OpenConsole(hello.DomId, ConsoleType.Pv, 0);
        Assert.Contains("Hello from Xenith!", ToolstackHost.ReadUntil(console, "> "));
    }

    [Fact]
    public async Task On_crash_preserve_keeps_the_crashed_domain_listed()
    {
        using var host = new ToolstackHost();
        var ts = host.Toolstack;
        var c = host.Create(RawConfig(host, "kept", Crasher, "on_crash = \"preserve\"\n"));
        // Preserved, the domain stays: a wait that starts after the crash still sees it.
        var end = await ts.WaitForDomainAsync(c.DomId, untilDeath: false, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(ShutdownReason.Crash, end.Reason);
        var info = ts.GetDomain(c.DomId)!;
        Assert.True(info.Shutdown);
        Assert.Equal(ShutdownReason.Crash, info.ShutdownReason);
        ts.Destroy(c.DomId);
        Assert.Null(ts.GetDomain(c.DomId));
    }

    [Fact]
    public async Task On_reboot_restart_builds_the_domain_again_under_its_name()
    {
        using var host = new ToolstackHost();
        var ts = host.Toolstack;
        var first = host.CreatePaused(RawConfig(host, "rb", Rebooter, "on_reboot = \"restart\"\n"));
        Assert.True(ts.GetDomain(first.DomId)!.Paused);
        var death = ts.WaitForDomainAsync(first.DomId, untilDeath: true, CancellationToken.None);
        ts.Unpause(first.DomId);
        var end = await death.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(ShutdownReason.Reboot, end.Reason);
        uint? again = null;
        for (int i = 0; i < 600 && again is null or 0; i++)
        {
            again = ts.DomainIdByName("rb");
            if (again is null)
                await Task.Delay(10);
        }
        Assert.NotNull(again);
        Assert.NotEqual(first.DomId, again);
    }
}
