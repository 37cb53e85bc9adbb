using Xenith.Hypervisor.Domains;
using Xenith.Memory;

namespace Xenith.Hypervisor.Events;

/// <summary>
/// The vGIC CPU interface as the domain sees it, watching for the end of the event-channel upcall: when the
/// guest writes PPI 31 to GICC_EOIR (or GICC_DIR), the upcall level is re-sampled from evtchn_upcall_pending
/// first, so an upcall the handler has consumed is not taken again, and one that came in meanwhile is (spec 3.4).
/// </summary>
internal sealed class UpcallEoiHook(IMmioDevice cpuInterface, Domain domain) : IMmioDevice
{
    private const ulong GiccEoir = 0x10, GiccDir = 0x1000;

    public ulong Read(ulong offset, int size) => cpuInterface.Read(offset, size);

    public void Write(ulong offset, int size, ulong value)
    {
        if (offset is GiccEoir or GiccDir && (value & 0x3FF) == DomainLayout.EventChannelPpi)
            domain.SharedInfo.ResampleUpcall(domain.Gic.CurrentCpu);
        cpuInterface.Write(offset, size, value);
    }
}
