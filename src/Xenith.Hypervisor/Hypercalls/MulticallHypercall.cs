using Xenith.Abi;
using Xenith.Cpu.Arm;
using Xenith.Hypervisor.Memory;

namespace Xenith.Hypervisor.Hypercalls;

/// <summary>
/// multicall (13): list VA in r0, count in r1 (spec 1.5). Entries run in order through the ordinary
/// dispatcher with their op and args[0..4] in r12 and r0-r4; each result is written back sign-extended.
/// A bounded number of entries run per call; the rest follow in a continuation (the HVC runs again on the
/// remaining list), so a long list cannot hold the hypervisor.
/// </summary>
internal static class MulticallHypercall
{
    public const uint EntriesPerCall = 64;

    [ThreadStatic]
    private static bool t_inProgress;

    [ThreadStatic]
    private static uint[]? t_preempted;

    /// <summary>A multicall is running on this thread: handlers must not continue themselves (see <see cref="Preempt"/>).</summary>
    public static bool InProgress => t_inProgress;

    /// <summary>
    /// The call running inside a multicall stopped early and goes on with <paramref name="args"/> (Xen's
    /// MCSF_call_preempted): its entry's args are rewritten with them and the multicall continues from that entry,
    /// so a long batch inside a multicall is bounded per HVC like one outside.
    /// </summary>
    public static void Preempt(params uint[] args) => t_preempted = args;

    public static long Handle(HypercallContext c, HypercallDispatcher dispatcher)
    {
        if (t_inProgress)
            return XenErrno.EINVAL.Neg(); // a multicall inside a multicall
        ArmCpu cpu = c.Vcpu.Cpu;
        uint list = c.Arg(0), nr = c.Arg(1);
        Span<uint> saved = [cpu.R[1], cpu.R[2], cpu.R[3], cpu.R[4], cpu.R[12]];
        bool continued = false;
        t_inProgress = true;
        try
        {
            for (uint i = 0; i < nr; i++)
            {
                if (i == EntriesPerCall)
                {
                    Restore(cpu, saved);
                    continued = true;
                    cpu.R[1] = nr - i;
                    cpu.Pc -= 4;
                    return list + i * MulticallEntry.Size;
                }
                uint entry = list + i * MulticallEntry.Size;
                if (!GuestMemory.Read(c.Vcpu, entry, out MulticallEntry e))
                    return XenErrno.EFAULT.Neg();
                cpu.R[12] = (uint)e.Op;
                unsafe
                {
                    // A 32-bit guest's arguments are 32 bits: the high halves are dropped.
                    for (int a = 0; a < 5; a++)
                        cpu.R[a] = (uint)e.Args[a];
                }
                dispatcher.Dispatch(c);
                if (t_preempted is { } args)
                {
                    t_preempted = null;
                    for (int a = 0; a < args.Length; a++)
                    {
                        if (!GuestMemory.Write(c.Vcpu, entry + 16 + (uint)a * 8, (ulong)args[a]))
                            return XenErrno.EFAULT.Neg();
                    }
                    Restore(cpu, saved);
                    continued = true;
                    cpu.R[1] = nr - i;
                    cpu.Pc -= 4;
                    return entry;
                }
                long result = (int)cpu.R[0];
                if (!GuestMemory.Write(c.Vcpu, entry + 8, result))
                    return XenErrno.EFAULT.Neg();
                if (!c.Domain.IsAlive)
                    break;
            }
            return 0;
        }
        finally
        {
            t_inProgress = false;
            t_preempted = null;
            if (!continued)
                Restore(cpu, saved);
        }
    }

    private static void Restore(ArmCpu cpu, ReadOnlySpan<uint> saved)
    {
        cpu.R[1] = saved[0];
        cpu.R[2] = saved[1];
        cpu.R[3] = saved[2];
        cpu.R[4] = saved[3];
        cpu.R[12] = saved[4];
    }
}
