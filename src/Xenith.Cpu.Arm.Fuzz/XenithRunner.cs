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

    public XenithRunner()
    {
        _memory.AddRam(Layout.CodeRegion, Layout.CodeRegionSize);
        _memory.AddRam(Layout.DataBase, Layout.DataSize);
        _cpu = new ArmCpu(_memory) { HostTraps = HostTraps.All };
        _cpu.Reset(Layout.CodeAddress);
    }

    public ArmCpu Cpu => _cpu;

    /// <summary>DFAR after a run that ended in a data abort.</summary>
    public uint FaultAddress { get; private set; }

    /// <summary>The last run executed more instructions than the case has (it branched into other code).</summary>
    public bool Overshoot { get; private set; }

    /// <summary>Set when the last run may have decoded blocks outside the case's own code (it branched away).</summary>
    private bool _mayHaveStrayBlocks = true;

    /// <summary>The code region as the guest sees it (RAM, host memory).</summary>
    public unsafe ReadOnlySpan<byte> CodeRegion => new(_memory.RamPage(Layout.CodeRegion), (int)Layout.CodeRegionSize);

    /// <summary>Zeroes the whole code region and drops every decoded block.</summary>
    public unsafe void ClearCodeRegion()
    {
        new Span<byte>(_memory.RamPage(Layout.CodeRegion), (int)Layout.CodeRegionSize).Clear();
        _cpu.FlushBlocks();
    }

    /// <summary>Writes the case's code plus terminator and returns the terminator's address.</summary>
    /// <remarks>Code goes in through the CPU's own stores, which drop the decoded blocks it overlaps; a full
    /// <see cref="ArmCpu.FlushBlocks"/> (which also empties the TLB) is only needed after a case left the
    /// code area, since blocks decoded elsewhere (say, in the data region) would not see the next case's bytes.</remarks>
    public uint WriteCode(FuzzCase c, int clearTo = 0)
    {
        var cpu = _cpu;
        cpu.Cpsr = Layout.BaseCpsr; // little-endian, privileged: a plain store
        if (_mayHaveStrayBlocks)
        {
            cpu.FlushBlocks();
            _mayHaveStrayBlocks = false;
        }
        uint a = Layout.CodeAddress;
        if (c.Isa == Isa.A32)
        {
            foreach (uint w in c.Code)
            {
                cpu.Write32(a, w);
                a += 4;
            }
            cpu.Write32(a, A32Udf);
        }
        else
        {
            foreach (uint hw in c.Code)
            {
                cpu.Write16(a, hw);
                a += 2;
            }
            cpu.Write16(a, T32Udf);
        }
        _codeEnd = a;
        // The previous case's longer code must not stay behind: PC-relative loads read it.
        for (uint z = a + (c.Isa == Isa.A32 ? 4u : 2u); z < Layout.CodeAddress + (uint)clearTo; z++)
            cpu.Write8(z, 0);
        return a;
    }

    private uint _codeEnd;

    /// <summary>Runs a case whose code <see cref="WriteCode"/> has written.</summary>
    public void Run(FuzzCase c, uint end, MachineState final)
    {
        var s = c.Initial;
        var cpu = _cpu;
        _memory.Write(Layout.DataBase, s.Data);
        cpu.Cpsr = (s.Cpsr & ~(1u << 5)) | (c.Isa == Isa.T32 ? 1u << 5 : 0);
        cpu.SetBankedRegister(Mode.User, 13, Layout.UserSp);
        cpu.SetBankedRegister(Mode.User, 14, Layout.UserLr);
        cpu.Spsr = s.Spsr;
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
        // Run's budget is checked between blocks: a branch into code without a terminator runs a whole block.
        Overshoot = cpu.Instructions - start > (ulong)c.Count;
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
        // A run that ends outside its own code went somewhere else and may have decoded blocks there.
        if (cpu.R[15] < Layout.CodeAddress || cpu.R[15] > _codeEnd)
            _mayHaveStrayBlocks = true;
        if (final.Outcome == Outcome.DataAbort)
        {
            final.Detail = (int)(cpu.Dfsr & 0x40F);
            FaultAddress = cpu.Dfar;
        }
        for (int i = 0; i < 16; i++)
            final.R[i] = cpu.R[i];
        final.Cpsr = cpu.Cpsr;
        final.Spsr = cpu.Spsr;
        cpu.D.CopyTo(final.D, 0);
        final.Fpscr = cpu.Fpscr;
        _memory.Read(Layout.DataBase, final.Data);
    }

    public void Dispose() => _memory.Dispose();
}
