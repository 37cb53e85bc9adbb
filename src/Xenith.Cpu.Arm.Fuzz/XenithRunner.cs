using System.Runtime.InteropServices;
using Xenith.Memory;

namespace Xenith.Cpu.Arm.Fuzz;

/// <summary>
/// Runs a case in Xenith: one <see cref="ArmCpu"/> on the fuzz <see cref="Layout"/>, every exception
/// trapped to the host. A terminator (UDF) follows the code so a block never runs past the case.
/// </summary>
public sealed class XenithRunner : IDisposable
{
    internal const uint A32Udf = 0xE7F000F0; // udf #0
    internal const ushort T32Udf = 0xDE00; // udf #0

    private readonly PhysicalMemory _memory = new();
    private readonly ArmCpu _cpu;
    private readonly byte[] _codeBuf = new byte[256];

    public XenithRunner()
    {
        _memory.AddRam(Layout.CodeRegion, Layout.CodeRegionSize);
        _memory.AddRam(Layout.DataBase, Layout.DataSize);
        _cpu = new ArmCpu(_memory) { HostTraps = HostTraps.All };
        _cpu.Reset(Layout.CodeAddress);
    }

    public ArmCpu Cpu => _cpu;

    /// <summary>Writes the case's code plus terminator and returns the terminator's address.</summary>
    public uint WriteCode(FuzzCase c)
    {
        int n = 0;
        if (c.Isa == Isa.A32)
        {
            foreach (uint w in c.Code)
            {
                BitConverter.TryWriteBytes(_codeBuf.AsSpan(n), w);
                n += 4;
            }
            BitConverter.TryWriteBytes(_codeBuf.AsSpan(n), A32Udf);
            n += 4;
        }
        else
        {
            foreach (uint hw in c.Code)
            {
                BitConverter.TryWriteBytes(_codeBuf.AsSpan(n), (ushort)hw);
                n += 2;
            }
            BitConverter.TryWriteBytes(_codeBuf.AsSpan(n), T32Udf);
            n += 2;
        }
        _memory.Write(Layout.CodeAddress, _codeBuf.AsSpan(0, n));
        // Writing through PhysicalMemory does not invalidate decoded blocks.
        _cpu.FlushBlocks();
        return Layout.CodeAddress + (uint)(n - (c.Isa == Isa.A32 ? 4 : 2));
    }

    /// <summary>Runs a case whose code <see cref="WriteCode"/> has written.</summary>
    public void Run(FuzzCase c, uint end, MachineState final)
    {
        var s = c.Initial;
        var cpu = _cpu;
        _memory.Write(Layout.DataBase, s.Data);
        cpu.Cpsr = (s.Cpsr & ~(1u << 5)) | (c.Isa == Isa.T32 ? 1u << 5 : 0);
        for (int i = 0; i < 15; i++)
            cpu.R[i] = s.R[i];
        cpu.R[15] = Layout.CodeAddress;
        s.D.CopyTo(cpu.D, 0);
        cpu.Cpacr = Layout.Cpacr;
        cpu.Fpexc = Layout.FpexcEn;
        cpu.Fpscr = s.Fpscr;
        cpu.ExclusiveArmed = false;

        ulong start = cpu.Instructions;
        ExitReason exit;
        while (true)
        {
            long left = c.Count - (long)(cpu.Instructions - start);
            exit = cpu.Run(left);
            // WFI/WFE exit to the host but are hints to Unicorn: carry on with the rest of the case.
            if (exit is ExitReason.Wfi or ExitReason.Wfe && cpu.Instructions - start < (ulong)c.Count)
                continue;
            break;
        }
        final.Detail = 0;
        final.Outcome = exit switch
        {
            ExitReason.Budget or ExitReason.Wfi or ExitReason.Wfe => Outcome.Completed,
            ExitReason.Undefined when cpu.R[15] == end && cpu.Instructions - start == (ulong)c.Count => Outcome.Completed,
            ExitReason.Undefined => Outcome.Undefined,
            ExitReason.Svc => Outcome.Svc,
            ExitReason.Hvc => Outcome.Hvc,
            ExitReason.Smc => Outcome.Smc,
            ExitReason.Breakpoint => Outcome.Breakpoint,
            ExitReason.DataAbort => Outcome.DataAbort,
            ExitReason.PrefetchAbort => Outcome.PrefetchAbort,
            _ => Outcome.Other,
        };
        if (final.Outcome == Outcome.DataAbort)
            final.Detail = (int)(cpu.Dfsr & 0x40F);
        for (int i = 0; i < 16; i++)
            final.R[i] = cpu.R[i];
        final.Cpsr = cpu.Cpsr;
        cpu.D.CopyTo(final.D, 0);
        final.Fpscr = cpu.Fpscr;
        _memory.Read(Layout.DataBase, final.Data);
    }

    public void Dispose() => _memory.Dispose();
}
