using Xenith.Abi;
using Xenith.Hypervisor.Domains;
using Xenith.Hypervisor.Hypercalls;
using Xenith.Hypervisor.Memory;
using Xenith.Platform;

namespace Xenith.Hypervisor.Events;

/// <summary>A vCPU blocked in SCHEDOP_poll: the ports it waits on and when it gives up (machine clock ticks).</summary>
internal sealed class PollWait(Domain domain, uint[] ports, ulong? deadline, MachineClock clock)
{
    public ulong? Deadline { get; } = deadline;

    /// <summary>One of the ports is pending (masked or not), or the timeout has passed.</summary>
    public bool IsReady
    {
        get
        {
            if (Deadline is ulong t && clock.Now >= t)
                return true;
            foreach (uint p in ports)
            {
                if (domain.Events.IsPending(p))
                    return true;
            }
            return false;
        }
    }
}

/// <summary>
/// SCHEDOP_poll (spec 6.1): returns 0 at once when one of the ports is pending or an event can be delivered;
/// otherwise the vCPU blocks until a port becomes pending, an interrupt arrives, or the absolute timeout
/// (Xen system time in ns: the machine clock since start) passes, and then returns 0.
/// </summary>
internal static class EventPoll
{
    /// <summary>Xen's limit on sched_poll.nr_ports.</summary>
    public const uint MaxPorts = 128;

    public static long Handle(HypercallContext c, XenMachine machine)
    {
        Vcpu v = c.Vcpu;
        if (!GuestMemory.Read(v, c.Arg(1), out SchedPoll poll))
            return XenErrno.EFAULT.Neg();
        if (poll.NrPorts > MaxPorts)
            return XenErrno.EINVAL.Neg();
        // An upcall the guest would take right away ends the poll (local_events_need_delivery).
        if (!v.Cpu.I && v.WakeupPending)
            return 0;
        var ports = new uint[poll.NrPorts];
        uint list = (uint)poll.Ports;
        for (int i = 0; i < ports.Length; i++)
        {
            if (!GuestMemory.Read(v, list + (uint)(i * 4), out ports[i]))
                return XenErrno.EFAULT.Neg();
            if (!c.Domain.Events.IsValid(ports[i]))
                return XenErrno.EINVAL.Neg();
            if (c.Domain.Events.IsPending(ports[i]))
                return 0;
        }
        ulong? deadline = null;
        if (poll.Timeout != 0)
        {
            ulong t = NsToTicks(machine.Clock, poll.Timeout);
            if (t <= machine.Clock.Now)
                return 0;
            deadline = t;
        }
        v.Poll = new PollWait(c.Domain, ports, deadline, machine.Clock);
        if (!v.WakeupPending)
            v.State = VcpuState.Blocked;
        v.Cpu.RequestExit();
        return 0;
    }

    /// <summary>Xen system time: nanoseconds of the machine clock.</summary>
    public static ulong SystemTimeNs(MachineClock clock) => (ulong)((UInt128)clock.Now * 1_000_000_000 / clock.Frequency);

    private static ulong NsToTicks(MachineClock clock, ulong ns)
    {
        UInt128 t = (UInt128)ns * clock.Frequency / 1_000_000_000;
        return t > ulong.MaxValue ? ulong.MaxValue : (ulong)t;
    }
}
