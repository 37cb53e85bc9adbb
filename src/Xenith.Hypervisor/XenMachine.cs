using Xenith.Cpu.Arm;
using Xenith.Hypervisor.Domains;
using Xenith.Hypervisor.Hypercalls;
using Xenith.Hypervisor.Memory;
using Xenith.Hypervisor.Scheduling;
using Xenith.Platform;

namespace Xenith.Hypervisor;

/// <summary>
/// The hypervisor: machine memory, the domains and their vCPUs, one clock, and the loop that runs the vCPUs
/// and serves their exits (hypercalls, PSCI, WFI). The credit scheduler picks, for each simulated pCPU in turn,
/// the vCPU that runs its next quantum; all pCPUs still share the caller's thread (host threads come later).
/// </summary>
public sealed partial class XenMachine : IDisposable
{
    /// <summary>HVC immediate of a Xen hypercall (XEN_HYPERCALL_TAG).</summary>
    public const uint HypercallTag = 0xEA1;

    /// <summary>Instructions a vCPU runs before the next one gets its turn.</summary>
    public const long Quantum = 20_000;

    private readonly List<Domain> _domains = [];
    private readonly Dictionary<Domain, Psci> _psci = [];
    private readonly HypercallDispatcher _hypercalls;
    private ulong _retired;
    private uint _nextDomainId = 1;

    /// <param name="pcpus">Simulated pCPUs the credit scheduler shares out (all on the caller's thread for now).</param>
    public XenMachine(ulong machineBytes, bool deterministic, int pcpus = 1)
    {
        Scheduler = new CreditScheduler(pcpus);
        Memory = new MachineMemory(machineBytes);
        Clock = deterministic ? MachineClock.Deterministic(() => _retired) : MachineClock.RealTime();
        _hypercalls = new HypercallDispatcher(this);
    }

    public MachineMemory Memory { get; }
    public MachineClock Clock { get; }
    public CreditScheduler Scheduler { get; }
    public IReadOnlyList<Domain> Domains => _domains;

    /// <summary>Hypervisor log lines, including guests' console_io output as "(dN) text".</summary>
    public event Action<string>? Log;

    /// <summary>Creates a domain with <paramref name="memoryBytes"/> of RAM at the domU RAM base, all vCPUs down.</summary>
    public Domain CreateDomain(string name, ulong memoryBytes, int vcpus, CpuProfile profile)
    {
        if (vcpus is < 1 or > GicV2.MaxCpus)
            throw new ArgumentOutOfRangeException(nameof(vcpus), $"a GICv2 guest has 1 to {GicV2.MaxCpus} vCPUs");
        var d = new Domain(_nextDomainId++, name, vcpus, profile, Memory, Clock);
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

    /// <summary>Runs until every domain has shut down (or <paramref name="cancel"/> fires).</summary>
    public void Run(CancellationToken cancel = default)
    {
        using var registration = cancel.Register(() =>
        {
            foreach (var d in _domains)
            {
                foreach (var v in d.Vcpus)
                    v.Cpu.RequestExit();
            }
        });
        while (!cancel.IsCancellationRequested && _domains.Any(d => d.IsAlive))
        {
            DestroyEnded();
            WakeBlocked();
            bool ranAny = false;
            for (int p = 0; p < Scheduler.PcpuCount; p++)
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
        ExitReason reason = cpu.Run(budget);
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
        // vCPUs interleave on one thread: a LDREX/STREX pair may only succeed within one slice.
        cpu.ExclusiveArmed = false;
        v.Runstate.Descheduled();
    }

    private void UpdateTimers()
    {
        foreach (var d in _domains)
        {
            foreach (var v in d.Vcpus)
                v.Timer?.Update();
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
                if (v.Timer?.NextDeadline is ulong t && (best is null || t < best))
                    best = t;
                if (v.State == VcpuState.Blocked && v.Poll?.Deadline is ulong p && (best is null || p < best))
                    best = p;
            }
        }
        return best;
    }

    /// <summary>Every live vCPU is blocked: move time on to the next timer, or wait for it in real time.</summary>
    private void Idle(CancellationToken cancel)
    {
        ulong? deadline = NextDeadline();
        if (deadline is not ulong d)
        {
            foreach (var dom in _domains.Where(x => x.IsAlive))
                dom.Crash("every vCPU is blocked and no timer is armed: the domain can never run again");
            return;
        }
        if (Clock.IsDeterministic)
        {
            Clock.SkipTo(d);
        }
        else
        {
            ulong now = Clock.Now;
            if (d > now)
                cancel.WaitHandle.WaitOne(TimeSpan.FromMilliseconds(Math.Ceiling(Clock.ToTimeSpan(d - now).TotalMilliseconds)));
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
