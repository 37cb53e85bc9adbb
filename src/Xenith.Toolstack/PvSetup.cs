using Xenith.Abi;
using Xenith.Hypervisor.Domains;

namespace Xenith.Toolstack;

/// <summary>
/// What libxl and libxenguest add for an ARM guest before it runs (spec 2.2): the console and XenStore rings in
/// the magic pages, initialised empty, one unbound event channel for each offered to domain 0 (store = port 1,
/// console = port 2, as allocation gives the lowest free port), and the HVM params that publish them.
/// </summary>
public static class PvSetup
{
    public const ulong ConsoleGfn = DomainLayout.MagicBase >> 12;
    public const ulong StoreGfn = ConsoleGfn + 1;

    /// <summary>The console and XenStore backends live in domain 0.</summary>
    public const uint BackendDomain = 0;

    public sealed record Result(uint StorePort, uint ConsolePort);

    /// <summary>Call under the hypervisor's gate, before the domain's first instruction.</summary>
    public static unsafe Result Apply(Domain d)
    {
        foreach (ulong gfn in (ReadOnlySpan<ulong>)[ConsoleGfn, StoreGfn])
        {
            byte* page = d.P2m.HostAddress(gfn << 12);
            if (page == null)
                throw new InvalidOperationException($"d{d.Id}: magic page 0x{gfn:x} is not populated");
            new Span<byte>(page, 4096).Clear();
        }
        if (d.Events.AllocUnbound(BackendDomain, out uint store) != 0 || d.Events.AllocUnbound(BackendDomain, out uint console) != 0)
            throw new InvalidOperationException($"d{d.Id}: no free event channel for the console and XenStore");
        d.HvmParams[HvmParam.StorePfn] = StoreGfn;
        d.HvmParams[HvmParam.StoreEvtchn] = store;
        d.HvmParams[HvmParam.ConsolePfn] = ConsoleGfn;
        d.HvmParams[HvmParam.ConsoleEvtchn] = console;
        return new Result(store, console);
    }
}
