namespace Xenith.Abi;

/// <summary>event_channel_op commands (EVTCHNOP_*, spec 4.2).</summary>
public enum EvtchnOp : uint
{
    /// <summary>EVTCHNOP_bind_interdomain.</summary>
    BindInterdomain = 0,
    /// <summary>EVTCHNOP_bind_virq.</summary>
    BindVirq = 1,
    /// <summary>EVTCHNOP_bind_pirq.</summary>
    BindPirq = 2,
    /// <summary>EVTCHNOP_close.</summary>
    Close = 3,
    /// <summary>EVTCHNOP_send.</summary>
    Send = 4,
    /// <summary>EVTCHNOP_status.</summary>
    Status = 5,
    /// <summary>EVTCHNOP_alloc_unbound.</summary>
    AllocUnbound = 6,
    /// <summary>EVTCHNOP_bind_ipi.</summary>
    BindIpi = 7,
    /// <summary>EVTCHNOP_bind_vcpu.</summary>
    BindVcpu = 8,
    /// <summary>EVTCHNOP_unmask.</summary>
    Unmask = 9,
    /// <summary>EVTCHNOP_reset.</summary>
    Reset = 10,
    /// <summary>EVTCHNOP_init_control (FIFO ABI probe).</summary>
    InitControl = 11,
    /// <summary>EVTCHNOP_expand_array (FIFO).</summary>
    ExpandArray = 12,
    /// <summary>EVTCHNOP_set_priority (FIFO).</summary>
    SetPriority = 13,
}

/// <summary>Port states reported by EVTCHNOP_status (EVTCHNSTAT_*, spec 4.1).</summary>
public enum EvtchnStat : uint
{
    /// <summary>EVTCHNSTAT_closed.</summary>
    Closed = 0,
    /// <summary>EVTCHNSTAT_unbound.</summary>
    Unbound = 1,
    /// <summary>EVTCHNSTAT_interdomain.</summary>
    Interdomain = 2,
    /// <summary>EVTCHNSTAT_pirq.</summary>
    Pirq = 3,
    /// <summary>EVTCHNSTAT_virq.</summary>
    Virq = 4,
    /// <summary>EVTCHNSTAT_ipi.</summary>
    Ipi = 5,
}

/// <summary>Event channel limits and FIFO ABI bits (spec 4.1, 4.3, 4.5).</summary>
public static class Evtchn
{
    /// <summary>EVTCHN_2L_NR_CHANNELS on ARM (64-bit xen_ulong_t): 8 × 8 × 64.</summary>
    public const uint TwoLevelNrChannels = 4096;
    /// <summary>Toolstack default max_event_channels.</summary>
    public const uint DefaultMaxEventChannels = 1023;
    /// <summary>EVTCHN_FIFO_NR_CHANNELS (2^17).</summary>
    public const uint FifoNrChannels = 1u << 17;
    /// <summary>EVTCHN_FIFO_LINK_BITS, returned in init_control.link_bits.</summary>
    public const byte FifoLinkBits = 17;
    /// <summary>EVTCHN_FIFO_PENDING bit of an event word.</summary>
    public const int FifoPending = 31;
    /// <summary>EVTCHN_FIFO_MASKED bit.</summary>
    public const int FifoMasked = 30;
    /// <summary>EVTCHN_FIFO_LINKED bit.</summary>
    public const int FifoLinked = 29;
    /// <summary>EVTCHN_FIFO_BUSY bit.</summary>
    public const int FifoBusy = 28;
    /// <summary>EVTCHN_FIFO_LINK_MASK: bits 16..0 name the next port.</summary>
    public const uint FifoLinkMask = (1u << 17) - 1;
    /// <summary>EVTCHN_FIFO_MAX_QUEUES.</summary>
    public const int FifoMaxQueues = 16;
    /// <summary>EVTCHN_FIFO_PRIORITY_DEFAULT (0 highest, 15 lowest).</summary>
    public const uint FifoPriorityDefault = 7;
    /// <summary>Event words per FIFO array page (4096 / 4).</summary>
    public const int FifoEventWordsPerPage = 1024;
    /// <summary>BIND_PIRQ__WILL_SHARE flag of bind_pirq.</summary>
    public const uint BindPirqWillShare = 1;
    /// <summary>GUEST_EVTCHN_PPI: the per-CPU interrupt that carries upcalls on ARM.</summary>
    public const int GuestEvtchnPpi = 31;
}

/// <summary>Virtual IRQ numbers (VIRQ_*, spec 4.6).</summary>
public enum Virq : uint
{
    /// <summary>VIRQ_TIMER (per vCPU; unused by ARM guests).</summary>
    Timer = 0,
    /// <summary>VIRQ_DEBUG (per vCPU).</summary>
    Debug = 1,
    /// <summary>VIRQ_CONSOLE (global).</summary>
    Console = 2,
    /// <summary>VIRQ_DOM_EXC (global): a domain died or crashed.</summary>
    DomExc = 3,
    /// <summary>VIRQ_TBUF (global).</summary>
    Tbuf = 4,
    /// <summary>VIRQ_DEBUGGER (global).</summary>
    Debugger = 6,
    /// <summary>VIRQ_XENOPROF (per vCPU).</summary>
    Xenoprof = 7,
    /// <summary>VIRQ_CON_RING (global).</summary>
    ConRing = 8,
    /// <summary>VIRQ_PCPU_STATE (global).</summary>
    PcpuState = 9,
    /// <summary>VIRQ_MEM_EVENT (global).</summary>
    MemEvent = 10,
    /// <summary>VIRQ_ARGO (per domain).</summary>
    Argo = 11,
    /// <summary>VIRQ_ENOMEM (global).</summary>
    Enomem = 12,
    /// <summary>VIRQ_XENPMU (per vCPU).</summary>
    Xenpmu = 13,
    /// <summary>VIRQ_ARCH_0 (none defined on ARM).</summary>
    Arch0 = 16,
    /// <summary>VIRQ_ARCH_1.</summary>
    Arch1 = 17,
    /// <summary>VIRQ_ARCH_2.</summary>
    Arch2 = 18,
    /// <summary>VIRQ_ARCH_3.</summary>
    Arch3 = 19,
    /// <summary>VIRQ_ARCH_4.</summary>
    Arch4 = 20,
    /// <summary>VIRQ_ARCH_5.</summary>
    Arch5 = 21,
    /// <summary>VIRQ_ARCH_6.</summary>
    Arch6 = 22,
    /// <summary>VIRQ_ARCH_7.</summary>
    Arch7 = 23,
}

/// <summary>VIRQ limits.</summary>
public static class Virqs
{
    /// <summary>NR_VIRQS: bind_virq with virq ≥ this → -EINVAL.</summary>
    public const uint NrVirqs = 24;
}
