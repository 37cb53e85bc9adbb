using Xenith.Abi;
using Xenith.Hypervisor.Domains;

namespace Xenith.Hypervisor.Events;

/// <summary>A port's state as Xen keeps it (ECS_*): the five EVTCHNSTAT_* states plus free and reserved.</summary>
internal enum ChannelState : byte
{
    Free,
    /// <summary>Port 0: never allocated, reported as closed.</summary>
    Reserved,
    Unbound,
    Interdomain,
    Pirq,
    Virq,
    Ipi,
}

/// <summary>One port of a domain's event-channel table.</summary>
internal struct EventChannel
{
    public ChannelState State;
    /// <summary>The vCPU whose vcpu_info and PPI 31 receive this port's upcalls.</summary>
    public int NotifyVcpu;
    /// <summary>Unbound: the domain allowed to bind to it.</summary>
    public uint UnboundRemoteDomId;
    /// <summary>Interdomain: the peer domain and port.</summary>
    public Domain? Remote;
    public uint RemotePort;
    /// <summary>Virq: which VIRQ_*.</summary>
    public uint Virq;

    public readonly EvtchnStat Status => State switch
    {
        ChannelState.Unbound => EvtchnStat.Unbound,
        ChannelState.Interdomain => EvtchnStat.Interdomain,
        ChannelState.Pirq => EvtchnStat.Pirq,
        ChannelState.Virq => EvtchnStat.Virq,
        ChannelState.Ipi => EvtchnStat.Ipi,
        _ => EvtchnStat.Closed,
    };
}
