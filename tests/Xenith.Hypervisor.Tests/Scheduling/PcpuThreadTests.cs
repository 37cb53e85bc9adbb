using Xenith.Abi;
using Xenith.Hypervisor.Builder;
using Xenith.Hypervisor.Domains;
using Xenith.Hypervisor.Tests.Guests;

namespace Xenith.Hypervisor.Tests.Scheduling;

/// <summary>
/// In real time every pCPU is a host thread: vCPUs run where the scheduler puts them, domains run side by side,
/// and the two-domain transfer (which races the sender's grant and event updates against the receiver's
/// hypercalls on the other thread) still delivers every byte.
/// </summary>
public class PcpuThreadTests
{
    private static readonly byte[] Spin = GuestImage.Build("sched_spin");

    [Fact]
    public void Each_pcpu_is_its_own_host_thread_and_pinned_vcpus_stay_on_theirs()
    {
        using var m = new XenMachine(64ul << 20, deterministic: false, pcpus: 2);
        var a = DomainBuilder.Build(m, new DomainConfig("spin-a", Spin, 8ul << 20));
        var b = DomainBuilder.Build(m, new DomainConfig("spin-b", Spin, 8ul << 20));
        m.Scheduler.Pin(a.Vcpus[0], 0b01);
        m.Scheduler.Pin(b.Vcpus[0], 0b10);
        var seen = new HashSet<(int Pcpu, uint Domain, string? Thread)>();
        m.Scheduler.Dispatched += (p, v) => seen.Add((p, v.Domain.Id, Thread.CurrentThread.Name));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        m.Run(cancel.Token);

        Assert.All(new[] { a, b }, d => Assert.Equal(ShutdownReason.Poweroff, d.Reason));
        Assert.Equal(new[] { (0, a.Id, (string?)"pcpu0"), (1, b.Id, (string?)"pcpu1") }, seen.OrderBy(x => x.Pcpu));
    }

    [Fact]
    public void The_vcpus_of_one_domain_never_execute_at_the_same_time()
    {
        // Two vCPUs of one domain on two pCPUs: they take turns (shared decoded code and TLB maintenance).
        using var m = new XenMachine(64ul << 20, deterministic: false, pcpus: 2);
        var d = DomainBuilder.Build(m, new DomainConfig("smp", Spin, 8ul << 20, Vcpus: 2));
        XenMachine.StartVcpu(d.Vcpus[1], d.Vcpus[0].Cpu.R[15], 0);
        int executing = 0, worst = 0;
        m.Scheduler.Dispatched += (_, v) =>
        {
            // Dispatch happens under the gate; the slice that follows runs outside it.
            worst = Math.Max(worst, m.Domains.Count(x => x.Executing && x == v.Domain) + 1);
            Interlocked.Increment(ref executing);
        };
        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        m.Run(cancel.Token);
        Assert.Equal(ShutdownReason.Poweroff, d.Reason);
        Assert.True(executing > 10, $"{executing} dispatches");
        Assert.Equal(1, worst);
    }

    [Theory]
    [InlineData("map")]
    [InlineData("copy")]
    public void A_transfer_between_domains_on_two_pcpu_threads_is_intact(string mode)
    {
        const uint bytes = 4u << 20;
        var run = TransferRun.Run(TransferGuests.OutDir, mode, bytes, seed: 99, deterministic: false, pcpus: 2);
        using var machine = run.Machine;
        Assert.Contains($"(d2) PASS xfer.{mode} bytes={bytes} errors=0", run.Lines);
        Assert.Contains($"(d1) PASS xfer.send bytes={bytes}", run.Lines);
        Assert.All(machine.Domains, d => Assert.Equal(ShutdownReason.Poweroff, d.Reason));
    }
}
