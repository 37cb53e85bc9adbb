using Xenith.Abi;
using Xenith.Hypervisor.Builder;
using Xenith.Hypervisor.Domains;

namespace Xenith.Hypervisor.Tests;

/// <summary>A domU reaches the hypervisor with HVC #0xEA1: version, console output, -ENOSYS, shutdown.</summary>
public class HypercallTests
{
    [Fact]
    public void A_minimal_guest_prints_and_powers_off()
    {
        using var machine = new XenMachine(64ul << 20, deterministic: true);
        var log = new List<string>();
        machine.Log += log.Add;
        var d = DomainBuilder.Build(machine, new DomainConfig("hello", GuestImage.Build("hello"), 16ul << 20));
        machine.Run();

        Assert.Equal(["(d1) hello from a domU"], log);
        Assert.Equal(DomainState.Shutdown, d.State);
        Assert.Equal(ShutdownReason.Poweroff, d.Reason);
        var r = d.Vcpus[0].Cpu.R;
        Assert.Equal(0x0004_0011u, r[4]); // Xen 4.17
        Assert.Equal(0u, r[5]);
        Assert.Equal((uint)XenErrno.ENOSYS.Neg(), r[6]);
    }

    [Fact]
    public void The_builder_starts_vcpu0_with_the_linux_boot_protocol()
    {
        using var machine = new XenMachine(64ul << 20, deterministic: true);
        var d = DomainBuilder.Build(machine, new DomainConfig("boot", GuestImage.Build("hello"), 16ul << 20, Vcpus: 2, Cmdline: "console=hvc0"));
        var cpu = d.Vcpus[0].Cpu;
        Assert.Equal(0x4000_8000u, cpu.Pc);
        Assert.Equal(0u, cpu.R[0]);
        Assert.Equal(0xFFFF_FFFFu, cpu.R[1]);
        Assert.Equal(0x4000_01D3u, cpu.Cpsr);
        Assert.Equal(VcpuState.Down, d.Vcpus[1].State);
        // The device tree sits on a page boundary after the kernel (16 MiB is too small for +128 MiB).
        Assert.Equal(0u, cpu.R[2] & 0xFFF);
        Assert.InRange(cpu.R[2], 0x4000_9000u, 0x4100_0000u);
        unsafe
        {
            byte* dtb = d.P2m.HostAddress(cpu.R[2]);
            Assert.Equal(0xD00DFEEDu, (uint)(dtb[0] << 24 | dtb[1] << 16 | dtb[2] << 8 | dtb[3]));
        }
    }
}
