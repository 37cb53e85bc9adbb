using Xenith.Abi;

namespace Xenith.Hypervisor.Scheduling;

/// <summary>
/// One row of xl vcpu-list: the pCPU the vCPU is on (or last ran on; -1 never ran), whether it is running now,
/// its runstate, CPU time consumed (ns), and hard and soft affinity masks.
/// </summary>
public readonly record struct VcpuSchedInfo(int Pcpu, bool Running, RunstateState State, ulong CpuTimeNs, ulong Affinity, ulong SoftAffinity);
