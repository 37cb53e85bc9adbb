using Xenith.Abi;
using Xenith.Platform;

namespace Xenith.Hypervisor.Domains;

/// <summary>PSCI for a domain's vCPUs (HVC #0), as Xen's vPSCI: CPU_ON brings up a down vCPU, SYSTEM_OFF/RESET shut the domain down.</summary>
internal sealed class DomainPsci(Domain domain, Action<Vcpu, uint, uint> startVcpu) : IPsciPlatform
{
    public int CpuCount => domain.Vcpus.Count;

    public int CpuOn(int cpu, uint entry, uint contextId)
    {
        var v = domain.Vcpus[cpu];
        if (v.State != VcpuState.Down)
            return -4; // ALREADY_ON
        startVcpu(v, entry, contextId);
        return 0;
    }

    public void CpuOff(int cpu)
    {
        var v = domain.Vcpus[cpu];
        v.State = VcpuState.Down;
        v.Cpu.RequestExit();
    }

    public int AffinityInfo(int cpu) => domain.Vcpus[cpu].State == VcpuState.Down ? 1 : 0;

    public void SystemOff() => domain.Shutdown(ShutdownReason.Poweroff);

    public void SystemReset() => domain.Shutdown(ShutdownReason.Reboot);
}
