using System.Text;
using Xenith.Rpc;

namespace Xenith.Toolstack.Tests.Domains;

/// <summary>
/// Guests built by the toolstack from xl.cfg files and run on pCPU threads: the PV console (output, input, the
/// log), XenStore entries, xl's view of the domains, and on_poweroff.
/// </summary>
public class ToolstackDomainTests
{
    [Fact]
    public async Task Hello_greets_on_its_pv_console_echoes_input_and_powers_off()
    {
        using var host = new ToolstackHost();
        var ts = host.Toolstack;
        var created = host.Create(host.Config("hello", "hello"));
        Assert.Equal(1u, created.DomId);
        using var console = ts.OpenConsole(created.DomId, ConsoleType.Pv, 0);
        string greeting = ToolstackHost.ReadUntil(console, "> ");
        Assert.Contains("Hello from Xenith! I am domain 1, a paravirtualized ARM guest.", greeting);

        var list = ts.ListDomains();
        Assert.Equal(["Domain-0", "hello"], list.Select(d => d.Name));
        Assert.Equal(512ul << 10, list[0].CurrentMemoryKb);
        Assert.Equal(2, list[0].VcpusOnline);
        // xl list prints (tot_pages KiB) / 1024: the RAM plus the magic pages rounds down to the configured MiB.
        Assert.Equal(16ul, list[1].CurrentMemoryKb / 1024);

        console.Write(Encoding.ASCII.GetBytes("hi there\r"));
        Assert.Contains("you said: hi there", ToolstackHost.ReadUntil(console, "you said: hi there"));

        var death = ts.WaitForDomainAsync(created.DomId, untilDeath: true, CancellationToken.None);
        console.Write(Encoding.ASCII.GetBytes("poweroff\r"));
        var ended = await death.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(DomainEventKind.Death, ended.Kind);
        Assert.Equal(["Domain-0"], ts.ListDomains().Select(d => d.Name));
        Assert.Null(ts.XenStoreRead("/local/domain/1/name"));
    }

    [Fact]
    public void The_new_domain_has_libxls_xenstore_entries_and_hvm_params()
    {
        using var host = new ToolstackHost();
        var ts = host.Toolstack;
        var created = host.Create(host.Config("entries", "hello"), "vcpus=1", "maxmem=32");
        string home = $"/local/domain/{created.DomId}";
        Assert.Equal("entries", ts.XenStoreRead($"{home}/name"));
        Assert.Equal("1", ts.XenStoreRead($"{home}/domid"));
        Assert.Equal("32768", ts.XenStoreRead($"{home}/memory/static-max"));
        Assert.Equal("16384", ts.XenStoreRead($"{home}/memory/target"));
        Assert.Equal("233473", ts.XenStoreRead($"{home}/store/ring-ref"));
        Assert.Equal("233472", ts.XenStoreRead($"{home}/console/ring-ref"));
        Assert.Equal("1", ts.XenStoreRead($"{home}/store/port"));
        Assert.Equal("2", ts.XenStoreRead($"{home}/console/port"));
        Assert.Equal("online", ts.XenStoreRead($"{home}/cpu/0/availability"));
        Assert.Equal("Domain-0", ts.XenStoreRead("/local/domain/0/name"));
        ts.Destroy(created.DomId);
        Assert.Null(ts.GetDomain(created.DomId));
        Assert.DoesNotContain(created.DomId.ToString(System.Globalization.CultureInfo.InvariantCulture), ts.XenStoreDirectory("/local/domain"));
    }

    [Fact]
    public async Task The_sdk_console_program_passes_with_the_pv_console_of_the_toolstack()
    {
        using var host = new ToolstackHost();
        var ts = host.Toolstack;
        var lines = new List<string>();
        ts.HypervisorLog += l => { lock (lines) lines.Add(l); };
        var created = host.Create(host.Config("console", "console"));
        var done = ts.WaitForDomainAsync(created.DomId, untilDeath: true, CancellationToken.None);
        await done.WaitAsync(TimeSpan.FromSeconds(60));
        string all;
        lock (lines)
            all = string.Join('\n', lines);
        Assert.DoesNotContain(" FAIL ", all);
        Assert.Contains("(d1) PASS pvcons.drained", all);
        Assert.Contains("(d1) PASS pvcons.wrap.all-written", all);
        Assert.Matches(@"\(d1\) SUMMARY: \d+ passed, 0 failed, 0 skipped", all);
    }

    [Fact]
    public void A_config_error_names_the_file_and_line_and_creates_nothing()
    {
        using var host = new ToolstackHost();
        string cfg = host.Config("bad", "hello", "vcpus = \"two\"\n");
        var e = Assert.Throws<RpcException>(() => host.Create(cfg));
        Assert.Contains(e.Diagnostics, l => l.StartsWith($"{cfg}:4:", StringComparison.Ordinal));
        Assert.Single(host.Toolstack.ListDomains());
    }

    [Fact]
    public void Keys_the_builder_does_not_act_on_yet_are_warned_about()
    {
        using var host = new ToolstackHost();
        string cfg = host.Config("warned", "hello", "vuart = \"sbsa_uart\"\ndisk = [ 'format=qcow2,vdev=xvda,target=/tmp/x.qcow2' ]\n");
        var created = host.Create(cfg);
        Assert.Contains(created.Warnings, w => w.Contains("vuart is not emulated by Xenith yet", StringComparison.Ordinal));
        Assert.Contains(created.Warnings, w => w.Contains("disk xvda is not attached: format qcow2", StringComparison.Ordinal));
        Assert.Null(host.Toolstack.XenStoreRead($"/local/domain/{created.DomId}/device/vbd/51712/state"));
        Assert.DoesNotContain(created.Warnings, w => w.Contains("vif", StringComparison.Ordinal));
    }

    [Fact]
    public void A_missing_kernel_names_its_path()
    {
        using var host = new ToolstackHost();
        string cfg = host.Config("nokernel", "does-not-exist");
        var e = Assert.Throws<RpcException>(() => host.Create(cfg));
        Assert.Contains("does-not-exist.elf", e.Message);
        Assert.Single(host.Toolstack.ListDomains());
    }
}
