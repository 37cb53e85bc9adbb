using Xenith.Cpu.Arm.Sys;

namespace Xenith.Cpu.Arm;

/// <summary>
/// The performance monitors, reduced to what software probes and what a cycle count needs: PMCR with no
/// event counters (N = 0) and the cycle counter, which counts retired instructions (one per "cycle").
/// Enable, overflow and interrupt-enable bits are kept; no overflow interrupt is raised.
/// </summary>
public sealed partial class ArmCpu
{
    private const uint PmcrE = 1, PmcrC = 4, PmcrD = 8, PmcrWritable = 0x3F & ~(2u | 4u); // P and C are actions
    private const uint CycleCounterBit = 1u << 31;

    public uint Pmcr, Pmcntenset, Pmovsr, Pmselr, Pmuserenr, Pmintenset;
    private ulong _pmccntr;      // value when it last stopped or was written
    private ulong _pmccntrStart; // Instructions when it last started

    private void ResetPmu()
    {
        Pmcr = Pmcntenset = Pmovsr = Pmselr = Pmuserenr = Pmintenset = 0;
        _pmccntr = 0;
    }

    private bool CycleCounterRunning => (Pmcr & PmcrE) != 0 && (Pmcntenset & CycleCounterBit) != 0;

    private uint CycleCount
    {
        get
        {
            ulong v = _pmccntr;
            if (CycleCounterRunning)
            {
                ulong n = Instructions - _pmccntrStart;
                v += (Pmcr & PmcrD) != 0 ? n / 64 : n;
            }
            return (uint)v;
        }
    }

    private uint ReadPmu(SysReg reg) => reg switch
    {
        // IMP = ARM, IDCODE = the low byte of the part number (A15 0x0F, A8 0x08), N = 0 event counters.
        SysReg.Pmcr => (0x41u << 24) | (((Profile.Midr >> 4) & 0xFF) << 16) | Pmcr,
        SysReg.Pmcntenset or SysReg.Pmcntenclr => Pmcntenset,
        SysReg.Pmovsr => Pmovsr,
        SysReg.Pmselr => Pmselr,
        SysReg.Pmccntr => CycleCount,
        SysReg.Pmuserenr => Pmuserenr,
        SysReg.Pmintenset or SysReg.Pmintenclr => Pmintenset,
        _ => 0, // PMCEIDn: no common events; PMXEV*: no event counters
    };

    private void WritePmu(SysReg reg, uint v)
    {
        // Fold the running count so that a start/stop or a divider change keeps the value seen so far.
        _pmccntr = CycleCount;
        _pmccntrStart = Instructions;
        switch (reg)
        {
            case SysReg.Pmcr:
                if ((v & PmcrC) != 0)
                    _pmccntr = 0;
                Pmcr = v & PmcrWritable;
                break;
            case SysReg.Pmcntenset: Pmcntenset |= v & CycleCounterBit; break;
            case SysReg.Pmcntenclr: Pmcntenset &= ~(v & CycleCounterBit); break;
            case SysReg.Pmovsr: Pmovsr &= ~(v & CycleCounterBit); break;
            case SysReg.Pmselr: Pmselr = v & 0x1F; break;
            case SysReg.Pmccntr: _pmccntr = v; break;
            case SysReg.Pmuserenr: Pmuserenr = v & 1; break;
            case SysReg.Pmintenset: Pmintenset |= v & CycleCounterBit; break;
            case SysReg.Pmintenclr: Pmintenset &= ~(v & CycleCounterBit); break;
            default: break; // PMSWINC, PMXEVTYPER, PMXEVCNTR: no event counters to act on
        }
    }
}
