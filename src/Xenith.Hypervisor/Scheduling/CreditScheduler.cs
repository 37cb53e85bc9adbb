using Xenith.Hypervisor.Domains;

namespace Xenith.Hypervisor.Scheduling;

/// <summary>
/// Xen's credit scheduler (sched_credit.c) on N simulated pCPUs: each domain has a weight (default 256) and a cap
/// (percent of one pCPU, 0 = none). Every 30 ms accounting period the CPU time of the period is shared out as
/// credit among the domains with runnable vCPUs in proportion to weight; running debits the exact time run
/// (finer than Xen's 10 ms tick sampling, same average). A vCPU with credit is UNDER, one without is OVER; a vCPU
/// woken from blocked while UNDER is BOOSTed ahead of both for up to one tick. Each pCPU has a run queue; a pCPU
/// whose best local choice is OVER (or nothing) steals a better vCPU from a peer's queue, within hard affinity.
/// </summary>
/// <remarks>
/// With parallel pCPUs (host threads, real time) an accounting period holds one period of CPU time per pCPU, as in
/// Xen, and a cap of C% is C% of one period. When the pCPUs take turns on one thread (deterministic mode) the
/// clock counts the instructions of all of them, so a period holds one period in total and a cap is divided by
/// the pCPU count. The vCPUs of a domain whose other vCPU is executing elsewhere are not picked (see
/// <see cref="Domain.Executing"/>).
/// </remarks>
public sealed partial class CreditScheduler : IScheduler
{
    public const ulong TickNs = 10_000_000;
    public const ulong SliceNs = 30_000_000;
    public const ulong AccountingPeriodNs = 30_000_000;
    public const int DefaultWeight = 256;

    private readonly Dictionary<Vcpu, CreditUnit> _units = [];
    private readonly List<CreditUnit> _order = [];
    private readonly Dictionary<Domain, (int Weight, int Cap)> _params = [];
    private readonly List<CreditUnit>[] _runq;
    private readonly CreditUnit?[] _current;
    private readonly ulong[] _sliceEnd;
    private ulong _nextAccounting = AccountingPeriodNs;

    private readonly bool _parallel;

    public CreditScheduler(int pcpus, bool parallel = false)
    {
        _parallel = parallel;
        if (pcpus is < 1 or > 64)
            throw new ArgumentOutOfRangeException(nameof(pcpus), "1 to 64 pCPUs");
        PcpuCount = pcpus;
        _runq = new List<CreditUnit>[pcpus];
        for (int i = 0; i < pcpus; i++)
            _runq[i] = [];
        _current = new CreditUnit?[pcpus];
        _sliceEnd = new ulong[pcpus];
    }

    public int PcpuCount { get; }

    /// <summary>Every pick, in order: the pCPU and the vCPU it runs for the next quantum (for tracing and tests).</summary>
    public event Action<int, Vcpu>? Dispatched;

    private ulong AllPcpus => PcpuCount == 64 ? ulong.MaxValue : (1ul << PcpuCount) - 1;

    public void Add(Vcpu v)
    {
        if (_units.ContainsKey(v))
            return;
        var u = new CreditUnit(v, AllPcpus);
        _units.Add(v, u);
        _order.Add(u);
        _params.TryAdd(v.Domain, (DefaultWeight, 0));
    }

    public ulong? NextEventNs => _order.Any(u => u.Parked && u.IsRunnable) ? _nextAccounting : null;

    public Vcpu? PickNext(int pcpu, ulong nowNs)
    {
        Account(nowNs);
        foreach (var u in _order)
        {
            if (u.IsRunnable && !u.Queued && !u.OnCpu)
                Enqueue(u);
        }
        CreditUnit? cur = _current[pcpu];
        bool yielded = false;
        if (cur is not null)
        {
            // The current vCPU keeps the pCPU until its slice ends, unless something of higher priority waits.
            bool keep = Eligible(cur, pcpu) && !cur.Yielded && nowNs < _sliceEnd[pcpu] && !(Best(pcpu, out _)?.Priority > cur.Priority);
            if (keep)
            {
                Dispatched?.Invoke(pcpu, cur.Vcpu);
                return cur.Vcpu;
            }
            _current[pcpu] = null;
            cur.OnCpu = false;
            yielded = cur.Yielded;
            cur.Yielded = false;
            if (cur.IsRunnable)
                Enqueue(cur);
        }
        CreditUnit? next = Best(pcpu, out List<CreditUnit>? queue);
        // A vCPU that yielded goes behind one runnable unit even of lower priority (__runq_insert with
        // CSCHED_FLAG_UNIT_YIELD): otherwise a boosted vCPU spinning on yield would keep the pCPU for a whole tick.
        if (next is not null && next == cur && yielded && BestOther(pcpu, cur) is ({ } other, { } otherQueue))
        {
            next = other;
            queue = otherQueue;
        }
        if (next is null)
            return null;
        queue!.Remove(next);
        next.Queued = false;
        next.OnCpu = true;
        next.Processor = pcpu;
        _current[pcpu] = next;
        _sliceEnd[pcpu] = nowNs + SliceNs;
        Dispatched?.Invoke(pcpu, next.Vcpu);
        return next.Vcpu;
    }

    public void Descheduled(Vcpu v, int pcpu, ulong ranNs, ulong nowNs)
    {
        var u = _units[v];
        u.CpuTimeNs += ranNs;
        u.Credit -= (long)Math.Min(ranNs, long.MaxValue / 2);
        if (u.Priority == CreditPriority.Boost)
        {
            u.BoostRan += ranNs;
            if (u.BoostRan >= TickNs)
                u.Priority = u.ByCredit;
        }
        else
        {
            u.Priority = u.ByCredit;
        }
        if (Cap(v.Domain) > 0 && u.Credit < 0)
            u.Parked = true;
        if (!u.IsRunnable && _current[pcpu] == u)
        {
            _current[pcpu] = null;
            u.OnCpu = false;
            u.Yielded = false;
            if (u.Priority == CreditPriority.Boost)
                u.Priority = u.ByCredit;
        }
        Account(nowNs);
    }

    public void Wake(Vcpu v)
    {
        if (!_units.TryGetValue(v, out var u))
            return;
        // Only a vCPU that has not used up its share is boosted (csched_unit_wake): a waking hog stays OVER.
        if (u.Priority == CreditPriority.Under && !u.Parked)
        {
            u.Priority = CreditPriority.Boost;
            u.BoostRan = 0;
        }
    }

    public void Yield(Vcpu v)
    {
        if (_units.TryGetValue(v, out var u))
            u.Yielded = true;
    }

    private static bool Eligible(CreditUnit u, int pcpu) => u.IsRunnable && !u.Parked && u.MayRunOn(pcpu) && !u.Vcpu.Domain.Executing;

    private void Enqueue(CreditUnit u)
    {
        if (u.Processor < 0 || !u.MayRunOn(u.Processor))
        {
            // Xen's balance steps: a pCPU in both masks first, then any the hard mask allows.
            ulong preferred = u.Affinity & u.SoftAffinity;
            u.Processor = FirstAllowed(preferred != 0 ? preferred : u.Affinity);
        }
        _runq[u.Processor].Add(u);
        u.Queued = true;
    }

    private int FirstAllowed(ulong mask)
    {
        for (int i = 0; i < PcpuCount; i++)
        {
            if ((mask >> i & 1) != 0)
                return i;
        }
        return 0;
    }

    /// <summary>The best eligible unit for <paramref name="pcpu"/>: its own queue first; a peer's only if strictly better (load balancing).</summary>
    private CreditUnit? Best(int pcpu, out List<CreditUnit>? queue)
    {
        CreditUnit? best = BestIn(_runq[pcpu], pcpu);
        queue = best is null ? null : _runq[pcpu];
        if (best is { Priority: >= CreditPriority.Under })
            return best;
        for (int k = 1; k < PcpuCount; k++)
        {
            var q = _runq[(pcpu + k) % PcpuCount];
            var peer = BestIn(q, pcpu);
            if (peer is not null && (best is null || peer.Priority > best.Priority))
            {
                best = peer;
                queue = q;
            }
        }
        return best;
    }

    /// <summary>The best eligible unit other than <paramref name="not"/>, from any queue (for a yield).</summary>
    private (CreditUnit? Unit, List<CreditUnit>? Queue) BestOther(int pcpu, CreditUnit not)
    {
        (CreditUnit? Unit, List<CreditUnit>? Queue) best = (null, null);
        for (int k = 0; k < PcpuCount; k++)
        {
            var q = _runq[(pcpu + k) % PcpuCount];
            foreach (var u in q)
            {
                if (u != not && Eligible(u, pcpu) && (best.Unit is null || u.Priority > best.Unit.Priority))
                    best = (u, q);
            }
        }
        return best;
    }

    private static CreditUnit? BestIn(List<CreditUnit> q, int pcpu)
    {
        q.RemoveAll(u =>
        {
            if (u.IsRunnable)
                return false;
            u.Queued = false;
            return true;
        });
        CreditUnit? best = null;
        foreach (var u in q)
        {
            if (Eligible(u, pcpu) && (best is null || u.Priority > best.Priority))
                best = u;
        }
        return best;
    }

    /// <summary>Every accounting period (csched_acct): share the period's CPU time among active domains by weight.</summary>
    private void Account(ulong nowNs)
    {
        if (nowNs < _nextAccounting)
            return;
        // After an idle skip several periods may have passed: one refill, as credit is clamped to a slice anyway.
        _nextAccounting = nowNs - (nowNs % AccountingPeriodNs) + AccountingPeriodNs;
        var active = new List<(Domain Domain, List<CreditUnit> Units)>();
        foreach (var u in _order)
        {
            if (!u.IsRunnable)
                continue;
            int i = active.FindIndex(a => a.Domain == u.Vcpu.Domain);
            if (i < 0)
                active.Add((u.Vcpu.Domain, [u]));
            else
                active[i].Units.Add(u);
        }
        ulong totalWeight = 0;
        foreach (var (d, _) in active)
            totalWeight += (ulong)Weight(d);
        ulong period = _parallel ? AccountingPeriodNs * (ulong)PcpuCount : AccountingPeriodNs;
        foreach (var (d, units) in active)
        {
            ulong share = period * (ulong)Weight(d) / totalWeight;
            int cap = Cap(d);
            if (cap > 0)
                share = Math.Min(share, AccountingPeriodNs * (ulong)cap / 100 / (_parallel ? 1ul : (ulong)PcpuCount));
            long each = (long)(share / (ulong)units.Count);
            foreach (var u in units)
            {
                u.Credit = Math.Min(u.Credit + each, (long)SliceNs);
                if (cap == 0)
                    u.Credit = Math.Max(u.Credit, -(long)SliceNs);
                if (u.Parked && u.Credit > 0)
                    u.Parked = false;
                if (u.Priority != CreditPriority.Boost)
                    u.Priority = u.ByCredit;
            }
        }
    }
}
