using Xenith.Rpc;

namespace Xenith.Xl.Tests;

/// <summary>xl's tables from fixed domains, compared with the bytes Xen's printf formats produce (spec 12).</summary>
public class FormatTests
{
    private const string ListHeader = "Name                                        ID   Mem VCPUs\tState\tTime(s)\n";

    [Fact]
    public void List_PrintsXensTable()
    {
        var (code, output, error) = XlRunner.Run(new FakeToolstack(), "list");
        Assert.Equal(0, code);
        Assert.Equal("", error);
        Assert.Equal(
            ListHeader +
            "Domain-0                                     0  1024     2     r-----      12.3\n" +
            "debian                                       1   512     1     -b----       3.4\n",
            output);
    }

    [Fact]
    public void ListVerbose_AddsUuidReasonCodeAndLabel()
    {
        var fake = new FakeToolstack();
        fake.Domains[1] = fake.Domains[1] with { Name = "crashed", DomId = 3, Blocked = false, Shutdown = true, ShutdownReason = ShutdownReason.Crash };
        var (code, output, _) = XlRunner.Run(fake, "list", "-v");
        Assert.Equal(0, code);
        Assert.Equal(
            "Name                                        ID   Mem VCPUs\tState\tTime(s)   UUID                            Reason-Code\tSecurity Label\n" +
            "Domain-0                                     0  1024     2     r-----      12.3 00000000-0000-0000-0000-000000000000        -                -\n" +
            "crashed                                      3   512     1     ---sc-       3.4 5a1e9c2b-0f3d-4c6e-9a7b-1d2e3f405162        3                -\n",
            output);
    }

    [Fact]
    public void List_OneDomainByNameOrId()
    {
        var byName = XlRunner.Run(new FakeToolstack(), "list", "debian");
        var byId = XlRunner.Run(new FakeToolstack(), "list", "1");
        string expected = ListHeader + "debian                                       1   512     1     -b----       3.4\n";
        Assert.Equal(expected, byName.Out);
        Assert.Equal(expected, byId.Out);
    }

    [Fact]
    public void ListLong_WrapsEachConfigWithItsDomid()
    {
        var (code, output, _) = XlRunner.Run(new FakeToolstack(), "list", "-l");
        Assert.Equal(0, code);
        Assert.Equal(
            "[\n    {\n        \"domid\": 1,\n        \"config\": {\n            \"c_info\": {\n" +
            "                \"name\": \"debian\"\n            }\n        }\n    }\n]\n",
            output);
    }

    [Fact]
    public void VcpuList_PrintsXensTable()
    {
        var (code, output, _) = XlRunner.Run(new FakeToolstack(), "vcpu-list");
        Assert.Equal(0, code);
        Assert.Equal(
            "Name                                ID  VCPU   CPU State   Time(s) Affinity (Hard / Soft)\n" +
            "Domain-0                             0     0    0   r--      12.3  all / all\n" +
            "debian                               1     0    1   -b-       3.4  1 / all\n" +
            "debian                               1     1    -   --p       0.0  all / all\n",
            output);
    }

    [Fact]
    public void Info_Uses23ColumnLabelsInXensOrder()
    {
        var (code, output, _) = XlRunner.Run(new FakeToolstack(), "info");
        Assert.Equal(0, code);
        string[] lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("host                   : xenhost", lines[0]);
        Assert.Equal("machine                : x86_64", lines[3]);
        Assert.Equal("cpu_mhz                : 1000.000", lines[9]);
        Assert.Equal("hw_caps                : 00000001:00000002:00000000:00000000:00000000:00000000:00000000:deadbeef", lines[10]);
        Assert.Equal("virt_caps              : hvm hap gnttab-v1", lines[11]);
        Assert.Equal("total_memory           : 1024", lines[13]);
        Assert.Equal("free_memory            : 512", lines[14]);
        Assert.Equal("xen_version            : 4.19.0", lines[22]);
        Assert.Equal("xen_scheduler          : credit", lines[24]);
        Assert.Equal("platform_params        : virt_start=0x0", lines[26]);
        Assert.Equal("xend_config_format     : 4", lines[^1]);
        Assert.Equal(35, lines.Length);
        Assert.All(lines, l => Assert.Equal(": ", l.Substring(23, 2)));
    }

    [Fact]
    public void Info_WithAFieldName_PrintsItsValueOnly()
    {
        Assert.Equal("4\n", XlRunner.Run(new FakeToolstack(), "info", "xen_major").Out);
        Assert.Equal("0x00000001\n", XlRunner.Run(new FakeToolstack(), "info", "-x", "xenstore_features").Out);
    }

    [Fact]
    public void Uptime_LongAndShortForms()
    {
        var (code, output, _) = XlRunner.Run(new FakeToolstack(), "uptime");
        Assert.Equal(0, code);
        Assert.Equal(
            "Name                                ID Uptime\n" +
            "Domain-0                             0 2 days,  3:04:05\n" +
            "debian                               1 1 day,  0:00:59\n",
            output);
        var xl = new XlContext(new FakeToolstack(), new StringWriter(), new StringWriter()) { Interactive = false };
        Commands.HostCommands.Uptime(xl, ["-s", "debian"], new DateTime(2026, 11, 25, 6, 7, 8));
        Assert.Equal(" 06:07:08 up 1 day,  0:00, debian (1)\n", xl.Out.ToString());
    }

    [Fact]
    public void SchedCredit_ListsPoolThenDomains()
    {
        var (code, output, _) = XlRunner.Run(new FakeToolstack(), "sched-credit");
        Assert.Equal(0, code);
        Assert.Equal(
            "Cpupool Pool-0: tslice=30ms ratelimit=1000us migration-delay=0us\n" +
            "Name                                ID Weight  Cap\n" +
            "Domain-0                             0    256    0\n" +
            "debian                               1    512   50\n",
            output);
    }

    [Fact]
    public void SchedCredit_SetsWeightAndCapOfOneDomain()
    {
        var fake = new FakeToolstack();
        var (code, output, _) = XlRunner.Run(fake, "sched-credit", "-d", "debian", "-w", "1024", "--cap=20");
        Assert.Equal(0, code);
        Assert.Equal("", output);
        Assert.Equal(["sched-credit 1 1024 20"], fake.Calls);
    }

    [Fact]
    public void Dmesg_PrintsTheLogAndPassesClear()
    {
        var fake = new FakeToolstack();
        var (code, output, _) = XlRunner.Run(fake, "dmesg", "-c");
        Assert.Equal(0, code);
        Assert.Equal("(XEN) Xen version 4.19\n", output);
        Assert.Equal(["dmesg True"], fake.Calls);
    }

    [Fact]
    public void Top_WithoutATerminal_PrintsOneXentopFrame()
    {
        var (code, output, _) = XlRunner.Run(new FakeToolstack(), "top");
        Assert.Equal(0, code);
        string[] lines = output.Split('\n');
        Assert.StartsWith("xentop - ", lines[0]);
        Assert.Equal("2 domains: 1 running, 1 blocked, 0 paused, 0 crashed, 0 dying, 0 shutdown", lines[1]);
        Assert.Equal("Mem: 1048576k total, 524288k used, 524288k free    CPUs: 4 @ 1000MHz", lines[2]);
        Assert.Equal("      NAME  STATE   CPU(sec) CPU(%)     MEM(k) MEM(%)  MAXMEM(k) MAXMEM(%) VCPUS", lines[3]);
        Assert.Equal("  Domain-0 -----r         12    0.0    1048576  100.0    1048576     100.0     2", lines[4]);
        Assert.Equal("    debian --b---          3    0.0     524288   50.0     524288      50.0     1", lines[5]);
    }
}
