using Xenith.Abi;
using Xenith.Hypervisor.Events;
using Xenith.Hypervisor.Memory;
using Xenith.Platform;

namespace Xenith.Hypervisor.Domains;

/// <summary>
/// A vCPU's runstate accounting (running/runnable/blocked/offline nanoseconds of Xen system time) and the
/// guest copy of it that VCPUOP_register_runstate_memory_area asks for (spec 3.8). The copy is written at
/// registration and at every state change, through the vCPU's own MMU context (the area is a VA), with
/// XEN_RUNSTATE_UPDATE set in state_entry_time while the rest is rewritten.
/// </summary>
public sealed class RunstateArea
{
    private readonly Vcpu _vcpu;
    private readonly MachineClock _clock;
    private readonly ulong[] _time = new ulong[4];

    internal RunstateArea(Vcpu vcpu, MachineClock clock)
    {
        _vcpu = vcpu;
        _clock = clock;
        EntryTime = EventPoll.SystemTimeNs(clock);
    }

    public RunstateState State { get; private set; } = RunstateState.Offline;

    /// <summary>When the current state began (ns).</summary>
    public ulong EntryTime { get; private set; }

    /// <summary>Guest VA of the registered area (0: none).</summary>
    public uint GuestAddress { get; private set; }

    /// <summary>Nanoseconds spent in <paramref name="state"/> before the current stretch.</summary>
    public ulong TimeIn(RunstateState state) => _time[(int)state];

    /// <summary>Enters <paramref name="state"/> now, accounting the time of the one left.</summary>
    public void Change(RunstateState state)
    {
        ulong now = EventPoll.SystemTimeNs(_clock);
        if (now > EntryTime)
            _time[(int)State] += now - EntryTime;
        EntryTime = Math.Max(now, EntryTime);
        State = state;
        WriteGuestCopy();
    }

    /// <summary>The vCPU is about to run.</summary>
    internal void Scheduled()
    {
        _vcpu.Poll = null;
        Change(RunstateState.Running);
    }

    /// <summary>The vCPU stopped running: its next state follows what the scheduler now thinks of it.</summary>
    internal void Descheduled() => Change(_vcpu.State switch
    {
        VcpuState.Down => RunstateState.Offline,
        VcpuState.Blocked => RunstateState.Blocked,
        _ => RunstateState.Runnable,
    });

    /// <summary>VCPUOP_register_runstate_memory_area: 0 turns updates off. The current state is written at once.</summary>
    internal void Register(uint va)
    {
        GuestAddress = va;
        Change(State);
    }

    private void WriteGuestCopy()
    {
        if (GuestAddress == 0)
            return;
        var info = new VcpuRunstateInfo { State = (int)State, StateEntryTime = EntryTime | Runstate.XenRunstateUpdate };
        unsafe
        {
            for (int i = 0; i < 4; i++)
                info.Time[i] = _time[i];
        }
        // A fault (the guest unmapped the area) is ignored, as Xen does.
        if (!GuestMemory.Write(_vcpu, GuestAddress + 8, info.StateEntryTime))
            return;
        GuestMemory.Write(_vcpu, GuestAddress, info);
        GuestMemory.Write(_vcpu, GuestAddress + 8, EntryTime);
    }
}
