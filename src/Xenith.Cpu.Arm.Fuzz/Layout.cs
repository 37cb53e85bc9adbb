namespace Xenith.Cpu.Arm.Fuzz;

/// <summary>
/// The address space both machines get: a code region (the case runs from its middle page so
/// PC-relative loads either side stay mapped) and a data region that base registers point into.
/// Everything else is unmapped, so stray accesses fault identically in both.
/// </summary>
public static class Layout
{
    public const uint CodeRegion = 0x10000;
    public const uint CodeRegionSize = 0x3000;
    /// <summary>Where the first instruction of every case is placed.</summary>
    public const uint CodeAddress = 0x11000;
    public const uint DataBase = 0x20000;
    public const int DataSize = 0x2000;
    /// <summary>Base registers point near here: ±4095 offsets stay inside the data region.</summary>
    public const uint DataMiddle = DataBase + DataSize / 2;
    /// <summary>SVC mode, A I F masked, ARM state: Unicorn's reset CPSR.</summary>
    public const uint BaseCpsr = 0x000001d3;
    public const uint Cpacr = 0xFu << 20;
    public const uint FpexcEn = 1u << 30;
    /// <summary>SP and LR of the User/System bank at the start of every case (CPS, exception returns reach them).</summary>
    public const uint UserSp = DataMiddle + 0x200;
    public const uint UserLr = 0;

    /// <summary>True for a mode with an SPSR (not User or System).</summary>
    public static bool HasSpsr(uint cpsr) => (cpsr & 0x1F) is not (0x10 or 0x1F);
}

/// <summary>How a run ended, in terms both machines can report.</summary>
public enum Outcome : byte
{
    Completed,
    Undefined,
    Svc,
    Hvc,
    Smc,
    Breakpoint,
    DataAbort,
    PrefetchAbort,
    /// <summary>Something the oracle does not classify (an unexpected Unicorn error or exception number).</summary>
    Other,
}

/// <summary>Architectural state compared between the two machines (and the initial state of a case).</summary>
public sealed class MachineState
{
    public readonly uint[] R = new uint[16];
    public uint Cpsr;
    /// <summary>SPSR of the current mode (initially SPSR_svc); compared only when the final mode has one.</summary>
    public uint Spsr;
    public readonly ulong[] D = new ulong[32];
    public uint Fpscr;
    public readonly byte[] Data = new byte[Layout.DataSize];
    /// <summary>Seed <see cref="Data"/> was filled from (0: zeros), so a case can be written down in one line.</summary>
    public ulong MemSeed;
    public Outcome Outcome;
    /// <summary>Detail of <see cref="Outcome.Other"/> (Unicorn error or exception number) or a fault status.</summary>
    public int Detail;

    public void CopyFrom(MachineState s)
    {
        s.R.CopyTo(R, 0);
        Cpsr = s.Cpsr;
        Spsr = s.Spsr;
        s.D.CopyTo(D, 0);
        Fpscr = s.Fpscr;
        s.Data.CopyTo(Data, 0);
        MemSeed = s.MemSeed;
        Outcome = s.Outcome;
        Detail = s.Detail;
    }

    public MachineState Clone()
    {
        var c = new MachineState();
        c.CopyFrom(this);
        return c;
    }
}
