using Xenith.Cpu.Arm;
using Xenith.Memory;

namespace Xenith.Hypervisor.Domains;

/// <summary>
/// A domain device reached from guest code, taken under the hypervisor's gate: the vGIC and the virtual timer
/// are also driven by hypercalls and backends on other pCPU threads (event injection, timers), which hold the
/// gate. Guest RAM needs no gate; its shared words are updated with interlocked operations.
/// </summary>
internal sealed class GatedMmio(object gate, IMmioDevice device) : IMmioDevice
{
    public ulong Read(ulong offset, int size)
    {
        lock (gate)
            return device.Read(offset, size);
    }

    public void Write(ulong offset, int size, ulong value)
    {
        lock (gate)
            device.Write(offset, size, value);
    }
}

/// <summary>The vCPU's generic timer registers under the hypervisor's gate (see <see cref="GatedMmio"/>).</summary>
internal sealed class GatedTimer(object gate, IGenericTimer timer) : IGenericTimer
{
    public bool Read(TimerRegister register, bool pl0, out ulong value)
    {
        lock (gate)
            return timer.Read(register, pl0, out value);
    }

    public bool Write(TimerRegister register, bool pl0, ulong value)
    {
        lock (gate)
            return timer.Write(register, pl0, value);
    }
}
