namespace Xenith.Platform.Board;

/// <summary>The board's side of PSCI: CPU power states and the machine's power (<see cref="Psci"/> decodes the calls).</summary>
public sealed partial class VirtBoard
{
    private const int PsciSuccess = 0, PsciInvalidParameters = -2, PsciAlreadyOn = -4;
    private const int AffinityOn = 0, AffinityOff = 1;

    public int CpuCount => _cpus.Length;

    /// <summary>
    /// Starts a CPU that is off: SVC mode, interrupts masked, MMU and caches off, at <paramref name="entry"/>
    /// (bit 0 selects T32) with r0 = <paramref name="contextId"/>. It runs from the board's next turn.
    /// </summary>
    public int CpuOn(int cpu, uint entry, uint contextId)
    {
        if ((uint)cpu >= (uint)_cpus.Length)
            return PsciInvalidParameters;
        if (_power[cpu] != CpuPower.Off)
            return PsciAlreadyOn;
        var c = _cpus[cpu];
        _retiredBefore[cpu] += c.Instructions;
        c.Reset(entry & ~1u);
        c.T = (entry & 1) != 0;
        c.R[0] = contextId;
        _power[cpu] = CpuPower.Running;
        return PsciSuccess;
    }

    public void CpuOff(int cpu)
    {
        if ((uint)cpu < (uint)_cpus.Length)
            _power[cpu] = CpuPower.Off;
    }

    public int AffinityInfo(int cpu)
    {
        if ((uint)cpu >= (uint)_cpus.Length)
            return PsciInvalidParameters;
        return _power[cpu] == CpuPower.Off ? AffinityOff : AffinityOn;
    }

    public void SystemOff() => _exit = BoardExit.PowerOff;

    public void SystemReset() => _exit = BoardExit.Reset;
}
