using Xenith.Hypervisor.Domains;
using Xenith.Platform.Fdt;

namespace Xenith.Hypervisor.Builder;

/// <summary>
/// The device tree libxl gives an ARM domU (tools/libs/light/libxl_arm.c; spec 2.4): Xen's model and
/// compatibles, PSCI over HVC, the vGICv2 at 0x03001000 with phandle 65000, the generic timer, and the
/// <c>/hypervisor</c> node (grant-table window, event-channel PPI 31) that tells Linux it runs on Xen.
/// </summary>
public static class DomUDeviceTree
{
    /// <summary>GUEST_PHANDLE_GIC.</summary>
    public const uint GicPhandle = 65000;

    /// <summary>GIC interrupt flags libxl uses: all CPUs (0xF &lt;&lt; 8), level-low (8).</summary>
    private const uint IrqFlags = 0xF08;
    private const uint Ppi = 1;

    public static byte[] Build(Domain domain, ulong ramBytes, string? bootargs, (ulong Start, ulong End)? initrd)
    {
        var w = new FdtWriter();
        w.BeginNode("");
        w.Property("model", "XENVM-4.17");
        w.Property("compatible", "xen,xenvm-4.17", "xen,xenvm");
        w.Property("interrupt-parent", GicPhandle);
        w.Property("#address-cells", 2u);
        w.Property("#size-cells", 2u);

        w.BeginNode("chosen");
        if (!string.IsNullOrEmpty(bootargs))
            w.Property("bootargs", bootargs);
        if (initrd is var (start, end))
        {
            w.PropertyU64("linux,initrd-start", start);
            w.PropertyU64("linux,initrd-end", end);
        }
        w.EndNode();

        w.BeginNode("cpus");
        w.Property("#address-cells", 1u);
        w.Property("#size-cells", 0u);
        foreach (var v in domain.Vcpus)
        {
            uint reg = (uint)(v.Id & 0xF) | (uint)(v.Id >> 4 << 8);
            w.BeginNode($"cpu@{reg:x}");
            w.Property("device_type", "cpu");
            // libxl writes "arm,cortex-a15" for every arm32 guest; a Cortex-A8 guest is told what it runs on.
            w.Property("compatible", "arm," + v.Cpu.Profile.Name);
            w.Property("enable-method", "psci");
            w.Property("reg", reg);
            w.EndNode();
        }
        w.EndNode();

        w.BeginNode("psci");
        w.Property("compatible", "arm,psci-1.0", "arm,psci-0.2", "arm,psci");
        w.Property("method", "hvc");
        w.Property("cpu_off", 1u);
        w.Property("cpu_on", 2u);
        w.EndNode();

        w.BeginNode($"memory@{DomainLayout.RamBase:x}");
        w.Property("device_type", "memory");
        w.PropertyPairs("reg", (DomainLayout.RamBase, ramBytes));
        w.EndNode();

        w.BeginNode($"interrupt-controller@{Domain.GicDistributorBase:x}");
        w.Property("compatible", "arm,cortex-a15-gic", "arm,cortex-a9-gic");
        w.Property("#interrupt-cells", 3u);
        w.Property("#address-cells", 0u);
        w.Property("interrupt-controller");
        w.PropertyPairs("reg", (Domain.GicDistributorBase, Domain.GicDistributorSize), (Domain.GicCpuInterfaceBase, Domain.GicCpuInterfaceSize));
        w.Property("linux,phandle", GicPhandle);
        w.Property("phandle", GicPhandle);
        w.EndNode();

        w.BeginNode("timer");
        w.Property("compatible", "arm,armv7-timer");
        w.Property("interrupts", Ppi, 13, IrqFlags, Ppi, 14, IrqFlags, Ppi, 11, IrqFlags);
        w.Property("interrupt-parent", GicPhandle);
        w.EndNode();

        w.BeginNode("hypervisor");
        w.Property("compatible", "xen,xen-4.17", "xen,xen");
        w.PropertyPairs("reg", (DomainLayout.GrantTableBase, DomainLayout.GrantTableSize));
        w.Property("interrupts", Ppi, (uint)(DomainLayout.EventChannelPpi - 16), IrqFlags);
        w.Property("interrupt-parent", GicPhandle);
        w.EndNode();

        w.EndNode();
        return w.Finish();
    }
}
