using Xenith.Cpu.Arm;
using Xenith.Hypervisor.Domains;
using Xenith.Hypervisor.Scheduling;

namespace Xenith.Hypervisor.Tests.Scheduling;

/// <summary>The credit scheduler's decisions, driven directly (no guest code runs): boost, priorities, the API.</summary>
public class CreditSchedulerTests
{
    private const ulong Ms = 1_000_000;

    private static (XenMachine, Vcpu, Vcpu) TwoVcpus(int pcpus = 1)
    {
        var m = new XenMachine(8ul << 20, deterministic: true, pcpus);
        var a = m.CreateDomain("hog", 1ul << 20, 1, CpuProfile.CortexA15).Vcpus[0];
        var b = m.CreateDomain("sleeper", 1ul << 20, 1, CpuProfile.CortexA15).Vcpus[0];
        XenMachine.StartVcpu(a, 0x4000_8000, 0);
        XenMachine.StartVcpu(b, 0x4000_8000, 0);
        return (m, a, b);
    }

    [Fact]
    public void A_woken_vcpu_is_boosted_ahead_of_a_spinner_in_mid_slice()
    {
        var (m, hog, sleeper) = TwoVcpus();
        using var _ = m;
        var s = m.Scheduler;
        sleeper.State = VcpuState.Blocked;
        ulong t = 0;
        for (int i = 0; i < 5; i++, t += Ms)
        {
            Assert.Same(hog, s.PickNext(0, t));
            s.Descheduled(hog, 0, Ms, t + Ms);
        }
        // 5 ms into the hog's 30 ms slice the sleeper's interrupt arrives.
        sleeper.State = VcpuState.Runnable;
        s.Wake(sleeper);
        Assert.Equal(CreditPriority.Boost, s.PriorityOf(sleeper));
        Assert.Same(sleeper, s.PickNext(0, t));
        s.Descheduled(sleeper, 0, Ms, t + Ms);
        Assert.True(s.GetVcpuInfo(sleeper).Running);
        Assert.False(s.GetVcpuInfo(hog).Running);
    }

    [Fact]
    public void A_boosted_vcpu_that_yields_lets_a_lower_priority_one_run()
    {
        // A vCPU woken from blocked (BOOST) that then spins on SCHEDOP_yield must not keep the pCPU for its tick:
        // Xen puts a yielding unit behind one runnable unit even of lower priority.
        var (m, waiter, worker) = TwoVcpus();
        using var _ = m;
        var s = m.Scheduler;
        waiter.State = VcpuState.Blocked;
        Assert.Same(worker, s.PickNext(0, 0));
        s.Descheduled(worker, 0, Ms, Ms);
        waiter.State = VcpuState.Runnable;
        s.Wake(waiter);
        Assert.Same(waiter, s.PickNext(0, Ms));
        s.Descheduled(waiter, 0, 1000, Ms + 1000);
        Assert.Equal(CreditPriority.Boost, s.PriorityOf(waiter));
        s.Yield(waiter);
        Assert.Same(worker, s.PickNext(0, Ms + 1000));
    }

    [Fact]
    public void Without_a_wakeup_the_spinner_keeps_its_30ms_slice()
    {
        var (m, hog, other) = TwoVcpus();
        using var _ = m;
        var s = m.Scheduler;
        Vcpu first = s.PickNext(0, 0)!;
        ulong t = 0;
        int sameRun = 0;
        while (s.PickNext(0, t) == first)
        {
            s.Descheduled(first, 0, Ms, t + Ms);
            t += Ms;
            sameRun++;
        }
        Assert.Equal(30, sameRun);
        Assert.Same(first == hog ? other : hog, s.PickNext(0, t));
    }

    [Fact]
    public void An_over_vcpu_that_wakes_is_not_boosted()
    {
        var (m, hog, sleeper) = TwoVcpus();
        using var _ = m;
        var s = m.Scheduler;
        hog.State = VcpuState.Blocked;
        Assert.Same(sleeper, s.PickNext(0, 0));
        s.Descheduled(sleeper, 0, 40 * Ms, 29 * Ms); // before the first refill
        sleeper.State = VcpuState.Blocked;
        s.Descheduled(sleeper, 0, 0, 29 * Ms);
        Assert.Equal(CreditPriority.Over, s.PriorityOf(sleeper));
        sleeper.State = VcpuState.Runnable;
        s.Wake(sleeper);
        Assert.Equal(CreditPriority.Over, s.PriorityOf(sleeper));
    }

    [Fact]
    public void Toolstack_calls_check_their_arguments()
    {
        var (m, hog, _) = TwoVcpus(pcpus: 2);
        using var __ = m;
        var s = m.Scheduler;
        Assert.Equal(256, s.GetWeight(hog.Domain));
        Assert.Throws<ArgumentOutOfRangeException>(() => s.SetWeight(hog.Domain, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => s.SetCap(hog.Domain, 201));
        Assert.Throws<ArgumentException>(() => s.Pin(hog, 0b100));
        s.Pin(hog, 0b110); // bit 2 names no pCPU: dropped
        Assert.Equal(0b10ul, s.GetVcpuInfo(hog).Affinity);
        Assert.Equal(-1, s.GetVcpuInfo(hog).Pcpu);
        Assert.Null(s.PickNext(0, 0) is { } v && v == hog ? v : null);
        Assert.Same(hog, s.PickNext(1, 0));
    }

    [Fact]
    public void Soft_affinity_is_kept_as_set_and_places_a_vcpu_among_its_hard_pcpus()
    {
        var (m, hog, sleeper) = TwoVcpus(pcpus: 2);
        using var __ = m;
        var s = m.Scheduler;
        Assert.Equal(0b11ul, s.GetVcpuInfo(hog).SoftAffinity);
        Assert.Throws<ArgumentException>(() => s.PinSoft(hog, 0b100));
        s.PinSoft(hog, 0b110);
        Assert.Equal(0b10ul, s.GetVcpuInfo(hog).SoftAffinity);
        Assert.Equal(0b11ul, s.GetVcpuInfo(hog).Affinity);
        // Both pCPUs may run it; it is queued on the one it prefers, so pCPU 0 takes the other vCPU (else the first added).
        Assert.Same(sleeper, s.PickNext(0, 0));
        Assert.Same(hog, s.PickNext(1, 0));
        Assert.Equal(1, s.GetVcpuInfo(hog).Pcpu);
    }
}
