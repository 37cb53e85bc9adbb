using Xenith.Hypervisor.Domains;

namespace Xenith.Hypervisor.Hypercalls;

/// <summary>The calling vCPU and its argument registers (r0-r4); the result goes to r0.</summary>
public readonly struct HypercallContext(Vcpu vcpu)
{
    public Vcpu Vcpu { get; } = vcpu;
    public Domain Domain => Vcpu.Domain;
    public uint Arg(int i) => Vcpu.Cpu.R[i];
}
