using Xenith.Cpu.Arm;
using Xenith.Cpu.Arm.Sys;
using Xenith.Hypervisor.Domains;
using Xenith.Hypervisor.Hypercalls;
using Xenith.Hypervisor.Memory;
using Xenith.Hypervisor.Scheduling;
using Xenith.Platform;

namespace Xenith.Hypervisor;

/// <summary>
/// The hypervisor: machine memory, the domains and their vCPUs, one clock, and the pCPUs that run the vCPUs and
/// serve their exits (hypercalls, PSCI, WFI). In real time every pCPU is a host thread; the credit scheduler
/// picks, for each, the vCPU that runs its next quantum. Hypervisor state is guarded by one lock, the
/// <see cref="Gate"/>: a pCPU holds it except while it executes guest code. In deterministic mode all pCPUs take
/// turns on the caller's thread, so that runs repeat exactly.
/// </summary>
public sealed partial class XenMachine : IDisposable
{
    /// <summary>HVC immediate of a Xen hypercall (XEN_HYPERCALL_TAG).</summary>
    public const uint HypercallTag = 0xEA1;

    /// <summary>Instructions a vCPU runs before the next one gets its turn.</summary>
    public const long Quantum = 20_000;

    private readonly object _gate = new();
    private readonly List<Domain> _domains = [];
    private readonly Dictionary<Domain, Psci> _psci = [];
    private readonly HypercallDispatcher _hypercalls;

    /// <summary>The hypercall table, for tests that call it directly (the hypercall fuzzer).</summary>
    internal HypercallDispatcher Hypercalls => _hypercalls;
    private ulong _retired;
    private bool _failed;
    private uint _nextDomainId = 1;

    /// <param name="pcpus">pCPUs the credit scheduler shares out: host threads in real time, turns on one thread when deterministic.</param>
    public XenMachine(ulong machineBytes, bool deterministic, int pcpus = 1)
    {
        Scheduler = new CreditScheduler(pcpus, parallel: !deterministic);
        Memory = new MachineMemory(machineBytes);
        Clock = deterministic ? MachineClock.Deterministic(() => _retired) : MachineClock.RealTime();
        _hypercalls = new HypercallDispatcher(this);
    }

    public MachineMemory Memory { get; }
    public MachineClock Clock { get; }
    public CreditScheduler Scheduler { get; }
    public IReadOnlyList<Domain> Domains => _domains;

    /// <summary>The ID the next domain will get (IDs are never reused), for tools that must name a peer before creating it.</summary>
    public uint NextDomainId
    {
        get
        {
            lock (_gate)
                return _nextDomainId;
        }
    }

    /// <summary>
    /// The hypervisor's lock (Monitor). Code outside the pCPU loop that acts on domains while the machine runs (the
    /// toolstack, backends) holds it, and calls <see cref="Kick"/> after making a vCPU runnable.
    /// </summary>
    public object Gate => _gate;

    /// <summary>Hypervisor log lines, including guests' console_io output as "(dN) text".</summary>
    public event Action<string>? Log;

    /// <summary>Creates a domain with <paramref name="memoryBytes"/> of RAM at the domU RAM base, all vCPUs down.</summary>
    public Domain CreateDomain(string name, ulong memoryBytes, int vcpus, CpuProfile profile)
    {
        lock (_gate)
        {
            if (vcpus is < 1 or > GicV2.MaxCpus)
                throw new ArgumentOutOfRangeException(nameof(vcpus), $"a GICv2 guest has 1 to {GicV2.MaxCpus} vCPUs");
            // A core without the Multiprocessing Extensions (Cortex-A8) never came in SMP parts: no MPIDR to tell vCPUs apart.
            if (vcpus > 1 && !SystemIdValues.For(profile).MpExtensions)
                throw new ArgumentOutOfRangeException(nameof(vcpus), $"{profile.Name} is a single-core CPU: a guest has 1 vCPU of it, not {vcpus}");
            var d = new Domain(_nextDomainId++, name, vcpus, profile, Memory, Clock, _gate);
            ulong pages = memoryBytes / MachineMemory.FrameSize;
            if (pages > Memory.FreeFrames)
                throw new InvalidOperationException($"domain {name}: {memoryBytes >> 20} MiB asked, {(ulong)Memory.FreeFrames * MachineMemory.FrameSize >> 20} MiB free");
            ulong first = DomainLayout.RamBase >> 12;
            for (ulong i = 0; i < pages; i++)
                d.P2m.Populate(first + i);
            // libxl's LIBXL_MAXMEM_CONSTANT: 1 MiB above the RAM for the magic pages and a little ballooning.
            d.MaxPages = pages + 256;
            d.ConsoleLine += (dom, line) => Log?.Invoke($"(d{dom.Id}) {line}");
            _domains.Add(d);
            foreach (var v in d.Vcpus)
                Scheduler.Add(v);
            _psci[d] = new Psci(new DomainPsci(d, StartVcpu));
            return d;
        }
    }

    /// <summary>
    /// Creates domain 0, the control domain: the host side, where the toolstack, xenstored and the backends run as
    /// C# code. It has an ID, event channels (whose events reach <see cref="Events.EventChannels.PortHandler"/>), a
    /// grant table and privilege, but its vCPUs never run guest code and its memory is the host's, not the pool's.
    /// </summary>
    public Domain CreateControlDomain(string name, int vcpus)
    {
        lock (_gate)
        {
            if (_domains.Any(d => d.Id == 0))
                throw new InvalidOperationException("domain 0 exists already");
            var d = new Domain(0, name, vcpus, CpuProfile.CortexA15, Memory, Clock, _gate);
            d.ConsoleLine += (dom, line) => Log?.Invoke($"(d{dom.Id}) {line}");
            _domains.Insert(0, d);
            return d;
        }
    }

    /// <summary>The domain with <paramref name="id"/> that is not destroyed, if any.</summary>
    public Domain? FindDomain(uint id)
    {
        lock (_gate)
            return _domains.FirstOrDefault(d => d.Id == id && !_destroyed.Contains(d));
    }

    /// <summary>Brings a vCPU up at <paramref name="entry"/> (bit 0: Thumb) with r0 = <paramref name="r0"/>, in the state Xen gives (SVC, masked, MMU off).</summary>
    public static void StartVcpu(Vcpu v, uint entry, uint r0)
    {
        ArmCpu cpu = v.Cpu;
        cpu.Reset(entry & ~1u);
        v.Runstate.Change(Xenith.Abi.RunstateState.Runnable);
        cpu.Cpsr = DomainLayout.InitialCpsr | ((entry & 1) != 0 ? 1u << 5 : 0);
        cpu.R[0] = r0;
        v.State = VcpuState.Runnable;
    }

    /// <summary>SCHEDOP_block: the vCPU waits for an interrupt.</summary>
    internal void Block(Vcpu v)
    {
        if (!v.WakeupPending)
            v.State = VcpuState.Blocked;
        v.Cpu.RequestExit();
    }

    /// <summary>The daemon's mode: <see cref="Run"/> goes on when no domain is left, for the toolstack to create more.</summary>
    public bool KeepServing { get; set; }

    /// <summary>Runs until every domain has shut down (unless <see cref="KeepServing"/>) or <paramref name="cancel"/> fires.</summary>
    public void Run(CancellationToken cancel = default)
    {
        using var registration = cancel.Register(() =>
        {
            lock (_gate)
            {
                foreach (var d in _domains)
                {
                    foreach (var v in d.Vcpus)
                        v.Cpu.RequestExit();
                }
                Monitor.PulseAll(_gate);
            }
        });
        int n = Scheduler.PcpuCount;
        if (Clock.IsDeterministic)
        {
            Serve(Enumerable.Range(0, n).ToArray(), cancel);
            return;
        }
        var threads = new Thread[n];
        Exception? failure = null;
        for (int p = 0; p < n; p++)
        {
            int pcpu = p;
            threads[p] = new Thread(() =>
            {
                try
                {
                    Serve([pcpu], cancel);
                }
                catch (Exception e)
                {
                    // A hypervisor bug on one pCPU stops the machine rather than leaving it half-running.
                    lock (_gate)
                    {
                        failure ??= e;
                        _failed = true;
                        Monitor.PulseAll(_gate);
                    }
                }
            }) { Name = $"pcpu{pcpu}", IsBackground = true };
            threads[p].Start();
        }
        foreach (var t in threads)
            t.Join();
        if (failure is not null)
            throw new InvalidOperationException("a pCPU thread failed", failure);
    }


    /// <summary>Wakes idle pCPUs to look again (after the toolstack or a backend made a vCPU runnable or changed a domain).</summary>
    public void Kick()
    {
        lock (_gate)
            Monitor.PulseAll(_gate);
    }

    /// <summary>The scheduler loop of <paramref name="pcpus"/>, all on this thread. Holds the gate except inside guest code.</summary>
    private void Serve(int[] pcpus, CancellationToken cancel)
    {
        lock (_gate)
        {
            while (!cancel.IsCancellationRequested && !_failed && (KeepServing || _domains.Any(d => d.IsAlive)))
            {
                DestroyEnded();
                WakeBlocked();
                bool ranAny = false;
                foreach (int p in pcpus)
                {
                    if (Scheduler.PickNext(p, NowNs) is not Vcpu v)
                        continue;
                    ranAny = true;
                    ulong start = NowNs;
                    RunSlice(v);
                    ulong end = NowNs;
                    Scheduler.Descheduled(v, p, end - start, end);
                }
                if (!ranAny)
                    Idle(cancel);
            }
            DestroyEnded();
            Monitor.PulseAll(_gate);
        }
    }

    private ulong NowNs => Events.EventPoll.SystemTimeNs(Clock);

    private void WakeBlocked()
    {
        foreach (var d in _domains)
        {
            if (d.State != DomainState.Running)
                continue;
            foreach (var v in d.Vcpus)
            {
                if (v.State != VcpuState.Blocked || !v.WakeupPending)
                    continue;
                v.State = VcpuState.Runnable;
                v.Runstate.Change(Xenith.Abi.RunstateState.Runnable);
                Scheduler.Wake(v);
            }
        }
    }

    private void RunSlice(Vcpu v)
    {
        Domain d = v.Domain;
        ArmCpu cpu = v.Cpu;
        d.Gic.CurrentCpu = v.Id;
        long budget = Quantum;
        if (Clock.IsDeterministic && NextDeadline() is ulong deadline)
            budget = Math.Min(budget, Clock.InstructionsUntil(deadline));
        ulong before = cpu.Instructions;
        v.Runstate.Scheduled();
        if (d.FirstRunTimestamp == 0)
            d.FirstRunTimestamp = System.Diagnostics.Stopwatch.GetTimestamp();
        d.Executing = true;
        ExitReason reason;
        Monitor.Exit(_gate);
        try
        {
            reason = cpu.Run(budget);
        }
        finally
        {
            Monitor.Enter(_gate);
            d.Executing = false;
        }
        ulong retired = cpu.Instructions - before;
        _retired += retired;
        if (CrashDetector.Observe(v, reason, budget, retired) is string stuck)
            d.Crash(stuck);
        UpdateTimers();
        switch (reason)
        {
            case ExitReason.Hvc when cpu.ExitImm == HypercallTag:
                _hypercalls.Dispatch(new HypercallContext(v));
                break;
            case ExitReason.Hvc when cpu.ExitImm == 0:
                if (!Vsmc.TryHandle(cpu))
                    _psci[d].Handle(cpu);
                break;
            case ExitReason.Hvc:
            case ExitReason.Smc:
                // Xen injects an undefined-instruction exception for other HVC immediates and for SMC.
                cpu.TakeUndefined(cpu.Pc - 4);
                break;
            case ExitReason.Wfi:
                if (!v.WakeupPending)
                    v.State = VcpuState.Blocked;
                break;
            case ExitReason.Wfe:
            case ExitReason.Budget:
            case ExitReason.Stop:
                break;
            default:
                d.Crash($"vCPU {v.Id} stopped with {reason} at PC 0x{cpu.Pc:x8}");
                break;
        }
        // A LDREX/STREX pair may only succeed within one slice (a context switch clears the monitor, as Xen's does).
        cpu.ExclusiveArmed = false;
        v.Runstate.Descheduled();
        // Another pCPU may now run this domain's other vCPUs, or a vCPU this exit woke.
        Monitor.PulseAll(_gate);
    }

    private void UpdateTimers()
    {
        foreach (var d in _domains)
        {
            foreach (var v in d.Vcpus)
                v.Timer.Update();
            d.Watchdogs.Check();
        }
    }

    private ulong? NextDeadline()
    {
        ulong? best = null;
        if (Scheduler.NextEventNs is ulong s)
            best = (ulong)((UInt128)s * Clock.Frequency / 1_000_000_000) + 1;
        foreach (var d in _domains)
        {
            if (!d.IsAlive)
                continue;
            if (d.Watchdogs.NextDeadline is ulong w && (best is null || w < best))
                best = w;
            foreach (var v in d.Vcpus)
            {
                if (v.Timer.NextDeadline is ulong t && (best is null || t < best))
                    best = t;
                if (v.State == VcpuState.Blocked && v.Poll?.Deadline is ulong p && (best is null || p < best))
                    best = p;
            }
        }
        return best;
    }

    /// <summary>
    /// This pCPU has nothing to run: move time on to the next timer (deterministic), or wait for it, for another
    /// pCPU to finish a slice, or for the toolstack (real time).
    /// </summary>
    private void Idle(CancellationToken cancel)
    {
        ulong? deadline = NextDeadline();
        bool canStillRun = _domains.Any(d => d.Executing || d.IsAlive && d.Vcpus.Any(v => v.State == VcpuState.Runnable));
        if (deadline is not ulong due)
        {
            if (canStillRun || KeepServing)
            {
                Monitor.Wait(_gate, 100);
                return;
            }
            foreach (var dom in _domains.Where(x => x.IsAlive))
                dom.Crash("every vCPU is blocked and no timer is armed: the domain can never run again");
            return;
        }
        if (Clock.IsDeterministic)
        {
            Clock.SkipTo(due);
        }
        else
        {
            ulong now = Clock.Now;
            if (due > now && !cancel.IsCancellationRequested)
                Monitor.Wait(_gate, TimeSpan.FromMilliseconds(Math.Min(100, Math.Ceiling(Clock.ToTimeSpan(due - now).TotalMilliseconds))));
        }
        UpdateTimers();
    }

    public void Dispose()
    {
        foreach (var d in _domains)
            d.P2m.Clear();
        Memory.Dispose();
    }
}
