using Xenith.Hypervisor.Domains;

namespace Xenith.Hypervisor.Scheduling;

/// <summary>The credit scheduler's view of one vCPU (Xen's struct csched_unit).</summary>
internal sealed class CreditUnit(Vcpu vcpu, ulong affinity)
{
    public Vcpu Vcpu { get; } = vcpu;

    /// <summary>
    /// Credit in nanoseconds of CPU time: refilled each accounting period, debited by running. A new vCPU starts
    /// with one slice, so it is not OVER (and preempted) the moment it first runs.
    /// </summary>
    public long Credit { get; set; } = (long)CreditScheduler.SliceNs;

    public CreditPriority Priority { get; set; } = CreditPriority.Under;

    /// <summary>Time run since the boost (the boost ends after a tick).</summary>
    public ulong BoostRan { get; set; }

    /// <summary>Capped and out of credit: not eligible until the next refill.</summary>
    public bool Parked { get; set; }

    public bool Yielded { get; set; }

    /// <summary>In a pCPU run queue.</summary>
    public bool Queued { get; set; }

    /// <summary>Running on a pCPU now (it is then in no queue).</summary>
    public bool OnCpu { get; set; }

    /// <summary>The pCPU whose queue it sits in, or which it last ran on; -1 before its first run.</summary>
    public int Processor { get; set; } = -1;

    public ulong Affinity { get; set; } = affinity;

    /// <summary>As set: Xen keeps the soft mask the toolstack gave and uses its overlap with the hard one.</summary>
    public ulong SoftAffinity { get; set; } = affinity;

    public ulong CpuTimeNs { get; set; }

    public bool IsRunnable => Vcpu.State == VcpuState.Runnable && Vcpu.Domain.State == DomainState.Running;

    public bool MayRunOn(int pcpu) => (Affinity >> pcpu & 1) != 0;

    public CreditPriority ByCredit => Credit >= 0 ? CreditPriority.Under : CreditPriority.Over;
}
