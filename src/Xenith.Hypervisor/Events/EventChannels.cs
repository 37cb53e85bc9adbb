using Xenith.Abi;
using Xenith.Hypervisor.Domains;

namespace Xenith.Hypervisor.Events;

/// <summary>
/// A domain's event channels with the 2-level ABI (spec 3.3, 4): the port table, the operations of
/// event_channel_op as Xen's common/event_channel.c performs them (same checks, same order, same errnos),
/// and delivery through the domain's shared_info. Results are 0 or a negative Xen errno. Hypervisor-side
/// code (VIRQs, backends acting for domain 0) uses the same methods as the hypercall.
/// </summary>
public sealed class EventChannels
{
    /// <summary>Ports the 2-level ABI can name on ARM: 64 words of 64 bits (spec 4.1).</summary>
    public const uint AbiPorts = Evtchn.TwoLevelNrChannels;

    // Cross-domain operations touch two tables; one gate for all keeps them simple and deadlock-free.
    private static readonly Lock Gate = new();

    private readonly Domain _domain;
    private readonly EventChannel[] _ports = new EventChannel[AbiPorts];
    private readonly uint[,] _virqPorts;
    private uint _maxPort = Evtchn.DefaultMaxEventChannels;

    internal EventChannels(Domain domain, int vcpus)
    {
        _domain = domain;
        _virqPorts = new uint[vcpus, Virqs.NrVirqs];
        _ports[0].State = ChannelState.Reserved;
    }

    private SharedInfoPage Shared => _domain.SharedInfo;

    /// <summary>
    /// max_evtchn_port: the highest port the domain may use. Xen builds dom0less domains with 1023, the
    /// toolstack's default max_event_channels; xl.cfg may raise it up to the ABI's 4095. Ports above it are
    /// invalid (-EINVAL) and allocation stops there (-ENOSPC).
    /// </summary>
    public uint MaxPort
    {
        get => _maxPort;
        set
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(value, AbiPorts);
            _maxPort = value;
        }
    }

    public bool IsValid(uint port) => port <= _maxPort;

    /// <summary>VIRQs bound per domain (or globally) rather than per vCPU: only vCPU 0 may bind them.</summary>
    public static bool IsGlobalVirq(uint virq) =>
        (Virq)virq is not (Virq.Timer or Virq.Debug or Virq.Xenoprof or Virq.Xenpmu);

    /// <summary>EVTCHNOP_alloc_unbound: a new port that <paramref name="remoteDomId"/> may bind to.</summary>
    public long AllocUnbound(uint remoteDomId, out uint port)
    {
        lock (Gate)
        {
            if (!TryGetFreePort(out port))
                return XenErrno.ENOSPC.Neg();
            _ports[port] = new EventChannel { State = ChannelState.Unbound, UnboundRemoteDomId = remoteDomId };
            return 0;
        }
    }

    /// <summary>
    /// EVTCHNOP_bind_interdomain: connects a new local port to <paramref name="remote"/>'s unbound port
    /// <paramref name="remotePort"/>, which must have been made for this domain. The new port starts pending.
    /// </summary>
    public long BindInterdomain(Domain remote, uint remotePort, out uint localPort)
    {
        lock (Gate)
        {
            if (!TryGetFreePort(out localPort))
                return XenErrno.ENOSPC.Neg();
            if (!remote.Events.IsValid(remotePort))
                return XenErrno.EINVAL.Neg();
            ref EventChannel r = ref remote.Events._ports[remotePort];
            // Binding a port of our own that is this very free port cannot happen: it is not unbound.
            if (r.State != ChannelState.Unbound || r.UnboundRemoteDomId != _domain.Id)
                return XenErrno.EINVAL.Neg();
            _ports[localPort] = new EventChannel { State = ChannelState.Interdomain, Remote = remote, RemotePort = remotePort };
            r.State = ChannelState.Interdomain;
            r.Remote = _domain;
            r.RemotePort = localPort;
            // A send on the unbound end was dropped: make up for it.
            SetPending(localPort);
            return 0;
        }
    }

    /// <summary>EVTCHNOP_bind_virq: a port for <paramref name="virq"/> delivered to <paramref name="vcpu"/>.</summary>
    public long BindVirq(uint virq, uint vcpu, out uint port)
    {
        port = 0;
        if (virq >= Virqs.NrVirqs)
            return XenErrno.EINVAL.Neg();
        if (IsGlobalVirq(virq) && vcpu != 0)
            return XenErrno.EINVAL.Neg();
        if (vcpu >= (uint)_domain.Vcpus.Count)
            return XenErrno.ENOENT.Neg();
        lock (Gate)
        {
            if (_virqPorts[vcpu, virq] != 0)
                return XenErrno.EEXIST.Neg();
            if (!TryGetFreePort(out port))
                return XenErrno.ENOSPC.Neg();
            _ports[port] = new EventChannel { State = ChannelState.Virq, NotifyVcpu = (int)vcpu, Virq = virq };
            _virqPorts[vcpu, virq] = port;
            return 0;
        }
    }

    /// <summary>EVTCHNOP_bind_ipi: a port whose sends come back to itself on <paramref name="vcpu"/>.</summary>
    public long BindIpi(uint vcpu, out uint port)
    {
        port = 0;
        if (vcpu >= (uint)_domain.Vcpus.Count)
            return XenErrno.ENOENT.Neg();
        lock (Gate)
        {
            if (!TryGetFreePort(out port))
                return XenErrno.ENOSPC.Neg();
            _ports[port] = new EventChannel { State = ChannelState.Ipi, NotifyVcpu = (int)vcpu };
            return 0;
        }
    }

    /// <summary>EVTCHNOP_bind_vcpu: moves the port's upcalls to <paramref name="vcpu"/>.</summary>
    public long BindVcpu(uint port, uint vcpu)
    {
        if (vcpu >= (uint)_domain.Vcpus.Count)
            return XenErrno.ENOENT.Neg();
        if (!IsValid(port))
            return XenErrno.EINVAL.Neg();
        lock (Gate)
        {
            ref EventChannel c = ref _ports[port];
            switch (c.State)
            {
                case ChannelState.Virq when IsGlobalVirq(c.Virq):
                case ChannelState.Unbound:
                case ChannelState.Interdomain:
                    c.NotifyVcpu = (int)vcpu;
                    return 0;
                default: // per-vCPU VIRQs and IPIs belong to their vCPU
                    return XenErrno.EINVAL.Neg();
            }
        }
    }

    /// <summary>EVTCHNOP_send: interdomain → the peer's port pending; IPI → this port pending; unbound → dropped.</summary>
    public long Send(uint port)
    {
        if (!IsValid(port))
            return XenErrno.EINVAL.Neg();
        lock (Gate)
        {
            EventChannel c = _ports[port];
            switch (c.State)
            {
                case ChannelState.Interdomain:
                    c.Remote!.Events.SetPending(c.RemotePort);
                    return 0;
                case ChannelState.Ipi:
                    SetPending(port);
                    return 0;
                case ChannelState.Unbound:
                    return 0;
                default:
                    return XenErrno.EINVAL.Neg();
            }
        }
    }

    /// <summary>
    /// EVTCHNOP_close: frees the port (its pending bit cleared, notify vCPU back to 0); an interdomain peer
    /// goes back to unbound, still for this domain.
    /// </summary>
    public long Close(uint port)
    {
        if (!IsValid(port))
            return XenErrno.EINVAL.Neg();
        lock (Gate)
        {
            return CloseLocked(port);
        }
    }

    private long CloseLocked(uint port)
    {
        ref EventChannel c = ref _ports[port];
        switch (c.State)
        {
            case ChannelState.Free:
            case ChannelState.Reserved:
                return XenErrno.EINVAL.Neg();
            case ChannelState.Virq:
                for (int v = 0; v < _virqPorts.GetLength(0); v++)
                {
                    if (_virqPorts[v, c.Virq] == port)
                        _virqPorts[v, c.Virq] = 0;
                }
                break;
            case ChannelState.Interdomain:
                {
                    ref EventChannel peer = ref c.Remote!.Events._ports[c.RemotePort];
                    peer.State = ChannelState.Unbound;
                    peer.Remote = null;
                    peer.RemotePort = 0;
                    peer.UnboundRemoteDomId = _domain.Id;
                    break;
                }
        }
        Shared.ClearPending(port);
        c = default;
        return 0;
    }

    /// <summary>EVTCHNOP_status for one of this domain's ports.</summary>
    public long Status(uint port, out EvtchnStatus status)
    {
        status = default;
        if (!IsValid(port))
            return XenErrno.EINVAL.Neg();
        lock (Gate)
        {
            EventChannel c = _ports[port];
            status.Port = port;
            status.Status = (uint)c.Status;
            status.Vcpu = (uint)c.NotifyVcpu;
            switch (c.State)
            {
                case ChannelState.Unbound:
                    status.UnboundDom = (ushort)c.UnboundRemoteDomId;
                    break;
                case ChannelState.Interdomain:
                    status.InterdomainDom = (ushort)c.Remote!.Id;
                    status.InterdomainPort = c.RemotePort;
                    break;
                case ChannelState.Virq:
                    status.Virq = c.Virq;
                    break;
            }
            return 0;
        }
    }

    /// <summary>EVTCHNOP_unmask: clears the mask bit and delivers an event that arrived while it was set.</summary>
    public long Unmask(uint port)
    {
        if (!IsValid(port))
            return XenErrno.EINVAL.Neg();
        lock (Gate)
        {
            Shared.Unmask(port, _ports[port].NotifyVcpu);
            return 0;
        }
    }

    /// <summary>EVTCHNOP_reset: closes every port of the domain.</summary>
    public long Reset()
    {
        lock (Gate)
        {
            for (uint p = 1; p < AbiPorts; p++)
            {
                if (_ports[p].State != ChannelState.Free)
                    CloseLocked(p);
            }
            return 0;
        }
    }

    /// <summary>Raises <paramref name="virq"/> on <paramref name="vcpu"/> (send_guest_vcpu_virq / send_guest_global_virq); false if nothing is bound.</summary>
    public bool RaiseVirq(Virq virq, int vcpu = 0)
    {
        lock (Gate)
        {
            bool global = IsGlobalVirq((uint)virq);
            uint port = _virqPorts[global ? 0 : vcpu, (int)virq];
            if (port == 0)
                return false;
            Shared.SetPending(port, global ? _ports[port].NotifyVcpu : vcpu);
            return true;
        }
    }

    /// <summary>The port's state, for hypervisor-side users and tests.</summary>
    public EvtchnStat StateOf(uint port) => IsValid(port) ? _ports[port].Status : EvtchnStat.Closed;

    public bool IsPending(uint port) => IsValid(port) && Shared.IsPending(port);

    /// <summary>
    /// Sets the port pending on its notify vCPU (what a send from the other end does). In a domain served by C#
    /// (domain 0: the toolstack's backends) the notification goes to <see cref="PortHandler"/> instead, once per send.
    /// </summary>
    internal void SetPending(uint port)
    {
        if (PortHandler is { } handler)
        {
            handler(port);
            return;
        }
        Shared.SetPending(port, _ports[port].NotifyVcpu);
    }

    /// <summary>
    /// For a domain whose side of its event channels is host code (domain 0): called, under the hypervisor's gate,
    /// for every event that arrives on one of its ports. Handlers must be quick and must not block.
    /// </summary>
    public Action<uint>? PortHandler { get; set; }

    /// <summary>get_free_port: the lowest free port (≥ 1).</summary>
    private bool TryGetFreePort(out uint port)
    {
        for (port = 1; port <= _maxPort; port++)
        {
            if (_ports[port].State == ChannelState.Free)
                return true;
        }
        port = 0;
        return false;
    }
}
