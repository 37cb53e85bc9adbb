using Xenith.Abi;

namespace Xenith.Hypervisor.Domains;

/// <summary>
/// A domain's HVM parameters, the ones that exist on ARM (spec 3.7). The toolstack sets them; a domain may
/// read some and set none. Until the toolstack says otherwise they hold what Xen gives a domain it built
/// itself (dom0less): the event-channel upcall as PPI 31 in CALLBACK_IRQ, zero elsewhere (no console or
/// XenStore ring yet).
/// </summary>
public sealed class HvmParams
{
    /// <summary>HVM_NR_PARAMS: indexes from here on are -EINVAL.</summary>
    public const uint Count = 39;

    private readonly ulong[] _values = new ulong[Count];

    internal HvmParams() => _values[(int)HvmParam.CallbackIrq] = HvmCallback.ArmDomUValue;

    /// <summary>Whether <paramref name="index"/> is a parameter ARM has.</summary>
    public static bool Exists(uint index) => index < Count && Enum.IsDefined((HvmParam)index);

    /// <summary>Whether the domain itself may read it (MONITOR_RING_PFN is the toolstack's alone).</summary>
    public static bool GuestReadable(uint index) => Exists(index) && (HvmParam)index != HvmParam.MonitorRingPfn;

    public ulong this[HvmParam index]
    {
        get => _values[(int)index];
        set => _values[(int)index] = value;
    }
}
