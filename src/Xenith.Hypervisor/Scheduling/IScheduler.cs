using Xenith.Hypervisor.Domains;

namespace Xenith.Hypervisor.Scheduling;

/// <summary>
/// Decides which vCPU each simulated pCPU runs next. The run loop asks <see cref="PickNext"/> for one pCPU at a
/// time, runs the answer for one quantum and reports back with <see cref="Descheduled"/>; times are nanoseconds of
/// machine time, so in deterministic mode every decision is reproducible.
/// </summary>
public interface IScheduler
{
    /// <summary>Number of simulated pCPUs.</summary>
    int PcpuCount { get; }

    /// <summary>A new vCPU (down until PSCI or the builder starts it).</summary>
    void Add(Vcpu v);

    /// <summary>The vCPU <paramref name="pcpu"/> runs for its next quantum, or null when it has nothing to run.</summary>
    Vcpu? PickNext(int pcpu, ulong nowNs);

    /// <summary><paramref name="v"/> ran <paramref name="ranNs"/> on <paramref name="pcpu"/> and has stopped.</summary>
    void Descheduled(Vcpu v, int pcpu, ulong ranNs, ulong nowNs);

    /// <summary>A blocked vCPU became runnable because something woke it.</summary>
    void Wake(Vcpu v);

    /// <summary>SCHEDOP_yield: the vCPU gives up the rest of its slice.</summary>
    void Yield(Vcpu v);

    /// <summary>When the scheduler next needs time to pass with nothing running (a capped vCPU waits for credit).</summary>
    ulong? NextEventNs { get; }

    /// <summary>Proportional share of <paramref name="d"/> (xl sched-credit -w): 1 to 65535.</summary>
    void SetWeight(Domain d, int weight);

    /// <summary>Upper bound of <paramref name="d"/> in percent of one pCPU (xl sched-credit -c): 0 = none.</summary>
    void SetCap(Domain d, int cap);

    int GetWeight(Domain d);
    int GetCap(Domain d);

    /// <summary>Hard affinity (xl vcpu-pin): bit i set = may run on pCPU i.</summary>
    void Pin(Vcpu v, ulong pcpuMask);

    /// <summary>Soft affinity (xl vcpu-pin's fourth argument, cpus_soft): the pCPUs <paramref name="v"/> prefers among those it may use.</summary>
    void PinSoft(Vcpu v, ulong pcpuMask);

    /// <summary>What xl vcpu-list shows for <paramref name="v"/>.</summary>
    VcpuSchedInfo GetVcpuInfo(Vcpu v);
}
