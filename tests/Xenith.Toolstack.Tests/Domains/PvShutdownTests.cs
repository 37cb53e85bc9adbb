using Xenith.Rpc;

namespace Xenith.Toolstack.Tests.Domains;

/// <summary>
/// `xl shutdown` / `xl reboot` reaching a guest through XenStore: hello (guest/xen) writes control/feature-poweroff
/// and feature-reboot, watches control/shutdown and shuts itself down as Linux's xenbus handler does.
/// </summary>
public class PvShutdownTests
{
    [Fact]
    public async Task Shutdown_asks_hello_through_xenstore_and_it_powers_off_and_is_destroyed()
    {
        using var host = new ToolstackHost();
        var ts = host.Toolstack;
        var created = host.CreatePaused(host.Config("hello", "hello"));
        var death = ts.WaitForDomainAsync(created.DomId, untilDeath: true, CancellationToken.None);
        using var console = ts.OpenConsole(created.DomId, ConsoleType.Pv, 0);
        ts.Unpause(created.DomId);
        // The prompt comes after the feature-* writes and the watch.
        Assert.Contains("> ", ToolstackHost.ReadUntil(console, "> "));
        Assert.Equal("1", ts.XenStoreRead($"/local/domain/{created.DomId}/control/feature-poweroff"));
        Assert.Equal("1", ts.XenStoreRead($"/local/domain/{created.DomId}/control/feature-reboot"));

        ts.Shutdown(created.DomId, reboot: false);
        Assert.Contains("hello: shutting down", ToolstackHost.ReadUntil(console, "hello: shutting down"));
        var end = await death.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(DomainEventKind.Death, end.Kind);
        Assert.Equal(ShutdownReason.Poweroff, end.Reason);
        Assert.Null(ts.GetDomain(created.DomId));
        Assert.Equal(["Domain-0"], ts.ListDomains().Select(d => d.Name));
    }

    [Fact]
    public async Task Reboot_with_on_reboot_restart_brings_hello_back_under_its_name_with_a_new_id()
    {
        using var host = new ToolstackHost();
        var ts = host.Toolstack;
        var first = host.CreatePaused(host.Config("hello", "hello", "on_reboot = \"restart\"\n"));
        var death = ts.WaitForDomainAsync(first.DomId, untilDeath: true, CancellationToken.None);
        using (var console = ts.OpenConsole(first.DomId, ConsoleType.Pv, 0))
        {
            ts.Unpause(first.DomId);
            Assert.Contains("> ", ToolstackHost.ReadUntil(console, "> "));
            ts.Shutdown(first.DomId, reboot: true);
            Assert.Contains("hello: rebooting", ToolstackHost.ReadUntil(console, "hello: rebooting"));
        }
        var end = await death.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(ShutdownReason.Reboot, end.Reason);
        uint? again = null;
        for (int i = 0; i < 600 && again is null or 0; i++)
        {
            again = ts.DomainIdByName("hello");
            if (again is null)
                await Task.Delay(10);
        }
        Assert.NotNull(again);
        Assert.NotEqual(first.DomId, again);
        // The new domain is hello again, greeting under its new ID.
        using var console2 = ts.OpenConsole(again.Value, ConsoleType.Pv, 0);
        Assert.Contains($"I am domain {again.Value},", ToolstackHost.ReadUntil(console2, "> "));
    }

    [Fact]
    public void Shutdown_of_a_guest_without_feature_poweroff_is_refused_as_libxl_does()
    {
        using var host = new ToolstackHost();
        var ts = host.Toolstack;
        // The version program never talks to XenStore; paused, it cannot have written anything.
        var created = host.CreatePaused(host.Config("quiet", "version"));
        var e = Assert.Throws<RpcException>(() => ts.Shutdown(created.DomId, reboot: false));
        Assert.Equal("PV control interface not available", e.Message);
        Assert.Equal("", ts.XenStoreRead($"/local/domain/{created.DomId}/control/shutdown"));
        ts.Destroy(created.DomId);
    }
}
