using Xenith.Cpu.Arm;
using Xenith.Hypervisor.Events;
using Xenith.Platform;

namespace Xenith.Hypervisor.Domains;

/// <summary>
/// One virtual CPU: an ARMv7 core whose physical bus is its domain's p2m, with its own generic timer
/// (the virtual counter offset by the domain's start time) wired to the domain's vGIC.
/// </summary>
/// <remarks>
/// The timer comes with every vCPU whatever the CPU model: the domU device tree promises the virtual timer (spec 2.4),
/// and under Xenith it is the hypervisor's device, not the core's, so a Cortex-A8 guest has one too while its ID
/// registers still describe an A8.
/// </remarks>
public sealed class Vcpu
{
    internal Vcpu(Domain domain, int id, CpuProfile profile, MachineClock clock, object gate)
    {
        Domain = domain;
        Id = id;
        Cpu = new ArmCpu(domain.P2m, profile) { CpuIndex = id };
        Runstate = new RunstateArea(this, clock);
        Timer = new GenericTimer(clock, (irq, level) => domain.Gic.SetPpi(id, irq, level)) { VirtualOffset = clock.Now };
        Cpu.GenericTimer = new GatedTimer(gate, Timer);
    }

    public Domain Domain { get; }
    public int Id { get; }
    public ArmCpu Cpu { get; }
    public GenericTimer Timer { get; }
    public VcpuState State { get; internal set; } = VcpuState.Down;

    /// <summary>Runstate accounting and the guest's registered runstate area.</summary>
    public RunstateArea Runstate { get; }

    /// <summary>SCHEDOP_poll in progress (cleared when the vCPU runs again).</summary>
    internal PollWait? Poll { get; set; }

    /// <summary>
    /// Something would interrupt this vCPU (WFI ends on it whatever CPSR.I says), or the port it polls is ready. A vCPU
    /// in SCHEDOP_poll with IRQs masked waits for its ports only: on ARM, event delivery is enabled by CPSR.I, and
    /// Xen's do_poll ends early only when local_events_need_delivery (CPSR.I clear and an interrupt pending).
    /// </summary>
    public bool WakeupPending => Poll is { } p
        ? p.IsReady || !Cpu.I && InterruptPending
        : InterruptPending;

    private bool InterruptPending => Domain.Gic.IsWakeupPending(Id) || Cpu.IrqLine || Cpu.FiqLine;
}
