namespace Xenith.Toolstack.Tests.Domains;

/// <summary>
/// The hypervisor issue's guest suite (guest/xen), this time created by the toolstack from xl.cfg files: the same
/// programs must pass with libxl's additions (PV console, XenStore ring, pre-bound ports, HVM params) and with
/// pCPU threads.
/// </summary>
public class SdkSuiteTests
{
    [Theory]
    [InlineData("version")]
    [InlineData("console")]
    [InlineData("sched")]
    [InlineData("memory")]
    [InlineData("vcpu")]
    [InlineData("evtchn")]
    [InlineData("gnttab")]
    [InlineData("multicall")]
    [InlineData("hostile")]
    [InlineData("xenstore")]
    public Task Passes_when_created_with_xl(string program) => Run(program, "");

    /// <summary>
    /// The same programs on <c>cpu = "cortex-a8"</c>: a core without virtualization extensions still reaches the
    /// hypervisor with HVC #0xEA1 and has the virtual timer and vGIC the domU device tree describes.
    /// </summary>
    [Theory]
    [InlineData("version")]
    [InlineData("console")]
    [InlineData("sched")]
    [InlineData("vcpu")]
    [InlineData("evtchn")]
    [InlineData("gnttab")]
    [InlineData("xenstore")]
    public Task Passes_on_a_cortex_a8_vcpu(string program) => Run(program, "cpu = \"cortex-a8\"\n");

    private static async Task Run(string program, string extra)
    {
        using var host = new ToolstackHost();
        var ts = host.Toolstack;
        var lines = new List<string>();
        ts.HypervisorLog += l => { lock (lines) lines.Add(l); };
        // on_crash = preserve keeps a crashed domain listed, so that the assertion below sees why.
        var created = host.Create(host.Config(program, program, "on_crash = \"preserve\"\n" + extra));
        var ended = await ts.WaitForDomainAsync(created.DomId, untilDeath: false, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(90));
        string all;
        lock (lines)
            all = string.Join('\n', lines);
        Assert.True(ended.Reason is Rpc.ShutdownReason.Poweroff or Rpc.ShutdownReason.Reboot, $"{ended.Reason}\n{all}");
        Assert.False(all.Contains(" FAIL ", StringComparison.Ordinal), all);
        Assert.Matches(@"\(d1\) SUMMARY: [1-9]\d* passed, 0 failed", all);
    }
}
