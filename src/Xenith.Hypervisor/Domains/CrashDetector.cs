using Xenith.Cpu.Arm;

namespace Xenith.Hypervisor.Domains;

/// <summary>
/// Finds vCPUs caught in an exception loop with no way out and names them, so the hypervisor can crash their
/// domain instead of spinning on them forever. Xen has no such rule (a guest that faults on its own vectors
/// just burns its time slices); this one is Xenith's:
/// <para>
/// <see cref="ArmCpu.Run"/> counts a pass per instruction run or exception taken, and a faulting instruction
/// does not retire. A slice that uses its whole budget without retiring one instruction therefore took an
/// exception on every pass: the exception entry itself faulted again (vectors in a hole, an undefined
/// instruction at the undefined vector, ...). When such slices add up to <see cref="Threshold"/> exception
/// entries in a row, with no retired instruction in between, the vCPU is declared stuck. A guest whose handler
/// runs even one instruction per fault (a retry loop, a hang in <c>b .</c>) is left alone, as Xen leaves it.
/// </para>
/// </summary>
public sealed class CrashDetector
{
    /// <summary>Back-to-back exception entries, with nothing retired, that mark a vCPU as stuck (five full quanta).</summary>
    public const long Threshold = 5 * XenMachine.Quantum;

    private readonly Dictionary<Vcpu, long> _entries = [];

    /// <summary>
    /// Accounts one slice of <paramref name="v"/> that ran with <paramref name="budget"/>, retired
    /// <paramref name="retired"/> instructions and ended with <paramref name="reason"/>. Returns why the vCPU is
    /// stuck once it is, else null.
    /// </summary>
    public string? Observe(Vcpu v, ExitReason reason, long budget, ulong retired)
    {
        if (retired != 0)
        {
            _entries.Remove(v);
            return null;
        }
        // Other exits (a host stop request, an HVC) say nothing about how many passes ran.
        if (reason != ExitReason.Budget || budget <= 0)
            return null;
        long entries = _entries.GetValueOrDefault(v) + budget;
        if (entries < Threshold)
        {
            _entries[v] = entries;
            return null;
        }
        _entries.Remove(v);
        ArmCpu cpu = v.Cpu;
        return $"vCPU {v.Id} is in an exception loop: {entries} exception entries without retiring an instruction " +
               $"(PC 0x{cpu.Pc:x8}, mode {cpu.Mode}, VBAR 0x{cpu.Vbar:x8}, SCTLR 0x{cpu.Sctlr:x8})";
    }

    /// <summary>Stuck-entry counts of a vCPU so far (0 once it retires an instruction).</summary>
    public long EntriesOf(Vcpu v) => _entries.GetValueOrDefault(v);

    /// <summary>Drops what is known about a domain's vCPUs (it is being destroyed).</summary>
    public void Forget(Domain d)
    {
        foreach (var v in d.Vcpus)
            _entries.Remove(v);
    }
}
