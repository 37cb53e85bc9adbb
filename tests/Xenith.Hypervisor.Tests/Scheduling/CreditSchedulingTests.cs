using Xenith.Abi;
using Xenith.Hypervisor.Builder;
using Xenith.Hypervisor.Domains;
using Xunit.Abstractions;

namespace Xenith.Hypervisor.Tests.Scheduling;

/// <summary>
/// Spin guests (Guests/sched_spin.S: burn CPU until 2 s of machine time, then power off) under the credit
/// scheduler in deterministic mode: weights, caps, pinning, runstate accounting and reproducibility.
/// </summary>
public class CreditSchedulingTests(ITestOutputHelper output)
{
    private static readonly byte[] Spin = GuestImage.Build("sched_spin");

    private static (XenMachine Machine, Domain[] Domains) Boot(int pcpus, int domains)
    {
        var machine = new XenMachine(64ul << 20, deterministic: true, pcpus);
        var ds = new Domain[domains];
        for (int i = 0; i < domains; i++)
            ds[i] = DomainBuilder.Build(machine, new DomainConfig($"spin{i}", Spin, 8ul << 20));
        return (machine, ds);
    }

    private static ulong CpuTime(XenMachine m, Domain d) => m.Scheduler.GetVcpuInfo(d.Vcpus[0]).CpuTimeNs;

    private static ulong NowNs(XenMachine m) => (ulong)((UInt128)m.Clock.Now * 1_000_000_000 / m.Clock.Frequency);

    [Fact]
    public void Weights_256_and_512_share_one_pcpu_one_to_two()
    {
        var (m, d) = Boot(1, 2);
        using var _ = m;
        m.Scheduler.SetWeight(d[1], 512);
        m.Run();

        Assert.All(d, x => Assert.Equal(ShutdownReason.Poweroff, x.Reason));
        double ratio = (double)CpuTime(m, d[1]) / CpuTime(m, d[0]);
        output.WriteLine($"weight 512 : 256 CPU time ratio {ratio:F4} ({CpuTime(m, d[1])} / {CpuTime(m, d[0])} ns)");
        Assert.InRange(ratio, 1.8, 2.2);
        // Together they used the whole pCPU for the 2 s.
        Assert.InRange(CpuTime(m, d[0]) + CpuTime(m, d[1]), 1_990_000_000ul, 2_010_000_000ul);
    }

    [Fact]
    public void A_cap_of_25_percent_holds_even_on_an_idle_machine()
    {
        var (m, d) = Boot(1, 1);
        using var _ = m;
        m.Scheduler.SetCap(d[0], 25);
        m.Run();

        Assert.Equal(ShutdownReason.Poweroff, d[0].Reason);
        double share = CpuTime(m, d[0]) / 2e9;
        output.WriteLine($"cap 25: share {share:F4} of 2 s");
        Assert.InRange(share, 0.23, 0.27);
        Assert.Equal(25, m.Scheduler.GetCap(d[0]));
    }

    [Fact]
    public void Runstate_times_add_up_to_elapsed_time_and_runnable_is_the_time_the_other_ran()
    {
        var (m, d) = Boot(1, 2);
        using var _ = m;
        m.Run();

        ulong now = NowNs(m);
        foreach (var dom in d)
        {
            var rs = dom.Vcpus[0].Runstate;
            ulong sum = rs.TimeIn(RunstateState.Running) + rs.TimeIn(RunstateState.Runnable)
                + rs.TimeIn(RunstateState.Blocked) + rs.TimeIn(RunstateState.Offline) + (now - rs.EntryTime);
            Assert.Equal(now, sum);
            Assert.Equal(RunstateState.Offline, rs.State);
            Assert.Equal(CpuTime(m, dom), rs.TimeIn(RunstateState.Running));
        }
        // Equal weights: about 1 s each, and each waited (runnable) while the other ran.
        var a = d[0].Vcpus[0].Runstate;
        var b = d[1].Vcpus[0].Runstate;
        Assert.InRange((double)a.TimeIn(RunstateState.Running) / b.TimeIn(RunstateState.Running), 0.95, 1.05);
        Assert.InRange((long)a.TimeIn(RunstateState.Runnable) - (long)b.TimeIn(RunstateState.Running), -1_000_000, 1_000_000);
        Assert.InRange((long)b.TimeIn(RunstateState.Runnable) - (long)a.TimeIn(RunstateState.Running), -1_000_000, 1_000_000);
    }

    [Fact]
    public void A_pinned_vcpu_never_runs_on_another_pcpu()
    {
        var (m, d) = Boot(2, 3);
        using var _ = m;
        m.Scheduler.Pin(d[0].Vcpus[0], 0b10);
        var seen = new HashSet<(uint Dom, int Pcpu)>();
        m.Scheduler.Dispatched += (p, v) => seen.Add((v.Domain.Id, p));
        m.Run();

        Assert.Contains((d[0].Id, 1), seen);
        Assert.DoesNotContain((d[0].Id, 0), seen);
        // The unpinned ones were spread over both pCPUs (work stealing).
        Assert.Contains(seen, s => s.Pcpu == 0);
        Assert.True(seen.Count(s => s.Dom != d[0].Id) >= 3, string.Join(",", seen));
        var info = m.Scheduler.GetVcpuInfo(d[0].Vcpus[0]);
        Assert.Equal(1, info.Pcpu);
        Assert.Equal(0b10ul, info.Affinity);
    }

    [Fact]
    public void Identical_runs_give_identical_schedules()
    {
        static List<(int, uint, ulong)> Trace()
        {
            var (m, d) = Boot(2, 3);
            using var _ = m;
            m.Scheduler.SetWeight(d[2], 1024);
            var trace = new List<(int, uint, ulong)>();
            m.Scheduler.Dispatched += (p, v) => trace.Add((p, v.Domain.Id, m.Clock.Now));
            m.Run();
            return trace;
        }

        var first = Trace();
        Assert.True(first.Count > 1000);
        Assert.Equal(first, Trace());
    }

    [Fact]
    public void A_vcpu_woken_by_its_timer_is_boosted_ahead_of_a_spinner()
    {
        var (m, d) = Boot(1, 1);
        using var _ = m;
        var sleeper = DomainBuilder.Build(m, new DomainConfig("sleeper", GuestImage.Build("sched_sleeper"), 8ul << 20));
        m.Run();

        Assert.Equal(ShutdownReason.Poweroff, sleeper.Reason);
        var r = sleeper.Vcpus[0].Cpu.R;
        Assert.Equal(20u, r[7]);
        output.WriteLine($"worst wake-up lateness next to a spinner: {r[6]} ticks");
        // Without the boost the spinner would keep its 30 ms slice (1,875,000 ticks); boosted, the sleeper runs
        // as soon as its interrupt is seen, within one quantum (20,000 instructions = 12,500 ticks).
        Assert.True(r[6] < 12_500, $"{r[6]} ticks late");
        var rs = sleeper.Vcpus[0].Runstate;
        Assert.True(rs.TimeIn(RunstateState.Blocked) > 90_000_000, $"blocked {rs.TimeIn(RunstateState.Blocked)} ns");
    }
}
