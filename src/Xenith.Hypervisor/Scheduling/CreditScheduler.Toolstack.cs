using Xenith.Hypervisor.Domains;

namespace Xenith.Hypervisor.Scheduling;

/// <summary>The operations xl sched-credit, xl vcpu-pin and xl vcpu-list need.</summary>
public sealed partial class CreditScheduler
{
    public int GetWeight(Domain d) => Weight(d);
    public int GetCap(Domain d) => Cap(d);

    public void SetWeight(Domain d, int weight)
    {
        // XEN_DOMCTL_SCHEDOP_putinfo refuses weights outside 1..65535 with -EINVAL.
        if (weight is < 1 or > 65535)
            throw new ArgumentOutOfRangeException(nameof(weight), "1 to 65535");
        _params[d] = (weight, Cap(d));
    }

    public void SetCap(Domain d, int cap)
    {
        if (cap < 0 || cap > 100 * PcpuCount)
            throw new ArgumentOutOfRangeException(nameof(cap), $"0 to {100 * PcpuCount}");
        _params[d] = (Weight(d), cap);
        long budget = (long)(AccountingPeriodNs * (ulong)cap / 100 / (ulong)PcpuCount);
        foreach (var u in _order.Where(u => u.Vcpu.Domain == d))
        {
            if (cap == 0)
                u.Parked = false;
            else
                u.Credit = Math.Min(u.Credit, budget); // no head start beyond one period of the cap
        }
    }

    public void Pin(Vcpu v, ulong pcpuMask)
    {
        ulong mask = pcpuMask & AllPcpus;
        if (mask == 0)
            throw new ArgumentException("the mask names no existing pCPU", nameof(pcpuMask));
        var u = _units[v];
        u.Affinity = mask;
        if (u.Queued && !u.MayRunOn(u.Processor))
        {
            _runq[u.Processor].Remove(u);
            u.Queued = false;
            Enqueue(u);
        }
        // A vCPU running on a pCPU it may no longer use leaves it at that pCPU's next pick.
    }

    public void PinSoft(Vcpu v, ulong pcpuMask)
    {
        ulong mask = pcpuMask & AllPcpus;
        if (mask == 0)
            throw new ArgumentException("the mask names no existing pCPU", nameof(pcpuMask));
        _units[v].SoftAffinity = mask;
    }

    public VcpuSchedInfo GetVcpuInfo(Vcpu v)
    {
        var u = _units[v];
        return new VcpuSchedInfo(u.Processor, u.OnCpu, v.Runstate.State, u.CpuTimeNs, u.Affinity, u.SoftAffinity);
    }

    /// <summary>The credit priority of <paramref name="v"/> now (for tests and xl debug-keys r).</summary>
    public CreditPriority PriorityOf(Vcpu v) => _units[v].Priority;

    private int Weight(Domain d) => _params.TryGetValue(d, out var p) ? p.Weight : DefaultWeight;
    private int Cap(Domain d) => _params.TryGetValue(d, out var p) ? p.Cap : 0;
}
