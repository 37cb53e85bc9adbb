using Xenith.Abi;
using System.Text;
using Xenith.Cpu.Arm;
using Xenith.Hypervisor.Events;
using Xenith.Hypervisor.Grants;
using Xenith.Hypervisor.Memory;
using Xenith.Platform;

namespace Xenith.Hypervisor.Domains;

/// <summary>
/// A guest: its stage-2 memory, vCPUs, virtual GIC and lifecycle. The hypervisor owns it; hypercall
/// handlers act on it through the calling vCPU.
/// </summary>
public sealed class Domain
{
    /// <summary>Where Xen puts the virtual GICv2 of an ARM domU (public/arch-arm.h, GUEST_GICD_BASE/GUEST_GICC_BASE).</summary>
    public const ulong GicDistributorBase = 0x0300_1000, GicDistributorSize = 0x1000;
    public const ulong GicCpuInterfaceBase = 0x0300_2000, GicCpuInterfaceSize = 0x2000;

    /// <summary>Interrupt IDs of the virtual GIC: the 32 private ones and 32 SPIs.</summary>
    public const int GicIrqCount = 64;

    private readonly Vcpu[] _vcpus;
    private readonly StringBuilder _consoleLine = new();

    internal Domain(uint id, string name, int vcpuCount, CpuProfile profile, MachineMemory machine, MachineClock clock, object gate)
    {
        Id = id;
        Name = name;
        P2m = new P2m(machine);
        Grants = new Gnttab(this, machine);
        SharedInfo = new SharedInfoPage(this, vcpuCount, machine, clock);
        Events = new EventChannels(this, vcpuCount);
        Watchdogs = new DomainWatchdogs(this, clock);
        _vcpus = new Vcpu[vcpuCount];
        Gic = new GicV2(vcpuCount, GicIrqCount, SetIrqLine, SetFiqLine);
        P2m.AddDevice(GicDistributorBase, GicDistributorSize, new GatedMmio(gate, Gic.Distributor));
        P2m.AddDevice(GicCpuInterfaceBase, GicCpuInterfaceSize, new GatedMmio(gate, new UpcallEoiHook(Gic.CpuInterface, this)));
        for (int i = 0; i < vcpuCount; i++)
            _vcpus[i] = new Vcpu(this, i, profile, clock, gate);
        var cpus = _vcpus.Select(v => v.Cpu).ToArray();
        ArmCpu.ShareDecodedCode(cpus);
        foreach (var c in cpus)
            c.Cluster = cpus;
        // A changed mapping invalidates what the vCPUs cached about guest physical memory.
        P2m.Changed += () =>
        {
            foreach (var c in cpus)
                c.FlushBlocks();
        };
    }

    // The vGIC may drive a line while the vCPUs are still being built.
    private void SetIrqLine(int cpu, bool level)
    {
        if (_vcpus[cpu] is { } v)
            v.Cpu.IrqLine = level;
    }

    private void SetFiqLine(int cpu, bool level)
    {
        if (_vcpus[cpu] is { } v)
            v.Cpu.FiqLine = level;
    }

    public uint Id { get; }
    public string Name { get; private set; }
    /// <summary>The domain handle (UUID) XENVER_guest_handle reports; derived from the ID so runs repeat.</summary>
    public Guid Handle => new((int)Id, 0x7865, 0x6E69, [0x74, 0x68, 0, 0, 0, 0, 0, 0]);
    public P2m P2m { get; }
    public Gnttab Grants { get; }
    public SharedInfoPage SharedInfo { get; }
    public EventChannels Events { get; }
    public HvmParams HvmParams { get; } = new();
    public DomainWatchdogs Watchdogs { get; }
    public GicV2 Gic { get; }
    public IReadOnlyList<Vcpu> Vcpus => _vcpus;
    public DomainState State { get; private set; } = DomainState.Running;
    public ShutdownReason? Reason { get; private set; }
    /// <summary>A reason latched by SCHEDOP_shutdown_code: it wins over the one a later shutdown gives.</summary>
    internal ShutdownReason? LatchedReason { get; set; }
    /// <summary>Pages of RAM the domain may own (XENMEM_maximum_reservation).</summary>
    public ulong MaxPages { get; set; }

    /// <summary>Lines the guest wrote with console_io, for the hypervisor log (and tests).</summary>
    public event Action<Domain, string>? ConsoleLine;

    public bool IsAlive => State is DomainState.Running or DomainState.Paused;

    /// <summary>
    /// One of the domain's vCPUs is executing guest code on a pCPU thread, outside the hypervisor's gate. The
    /// vCPUs of one domain take turns (they share decoded code, TLB maintenance and p2m flushes, which are not
    /// thread-safe); different domains run in parallel. Read and written under the gate.
    /// </summary>
    public bool Executing { get; internal set; }

    /// <summary>When a vCPU of the domain first began a slice of guest code (<see cref="System.Diagnostics.Stopwatch"/> ticks; 0 before).</summary>
    public long FirstRunTimestamp { get; internal set; }

    public void Shutdown(ShutdownReason reason)
    {
        if (!IsAlive)
            return;
        Reason = LatchedReason ?? reason;
        State = Reason == ShutdownReason.Crash ? DomainState.Crashed : DomainState.Shutdown;
        foreach (var v in _vcpus)
        {
            v.State = VcpuState.Down;
            v.Cpu.RequestExit();
        }
        Ended?.Invoke(this);
    }

    /// <summary>Raised (under the hypervisor's gate) when the domain has shut down or crashed.</summary>
    public event Action<Domain>? Ended;

    /// <summary>xl pause: the vCPUs stop at their next exit and are not scheduled until <see cref="Unpause"/>.</summary>
    public void Pause()
    {
        if (State != DomainState.Running)
            return;
        State = DomainState.Paused;
        foreach (var v in _vcpus)
            v.Cpu.RequestExit();
    }

    public void Unpause()
    {
        if (State == DomainState.Paused)
            State = DomainState.Running;
    }

    /// <summary>xl rename.</summary>
    public void Rename(string name) => Name = name;

    /// <summary>Ends the domain because of a fault it cannot recover from; <paramref name="why"/> goes to the log.</summary>
    public void Crash(string why)
    {
        ConsoleLine?.Invoke(this, $"domain crashed: {why}");
        LatchedReason = null;
        Shutdown(ShutdownReason.Crash);
    }

    /// <summary>Console output from the guest: printable bytes are collected and handed on line by line, as Xen does for a domU.</summary>
    internal void ConsoleWrite(ReadOnlySpan<byte> bytes)
    {
        foreach (byte b in bytes)
        {
            if (b == '\n')
            {
                ConsoleLine?.Invoke(this, _consoleLine.ToString());
                _consoleLine.Clear();
            }
            else if (b is >= 0x20 and < 0x7F || b == '\t')
            {
                _consoleLine.Append((char)b);
            }
        }
    }
}
