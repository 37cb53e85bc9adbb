namespace Xenith.Cpu.Arm.Fuzz;

/// <summary>
/// Makes a mismatching case small: every register, FP register, flag group and the memory fill that
/// can be zeroed while the two machines still disagree is zeroed. Greedy, one component at a time.
/// </summary>
public static class Shrinker
{
    public static FuzzCase Shrink(CaseRunner runner, FuzzCase original)
    {
        var c = original.Clone();
        var s = c.Initial;
        bool StillFails() => runner.Run(c) == CaseRunner.Verdict.Mismatch;

        if (s.MemSeed != 0)
        {
            ulong keep = s.MemSeed;
            s.MemSeed = 0;
            Generator.FillData(s);
            if (!StillFails())
            {
                s.MemSeed = keep;
                Generator.FillData(s);
            }
        }
        for (int i = 0; i < 15; i++)
        {
            if (i == 13)
                continue; // SP keeps pointing into the data region
            uint keep = s.R[i];
            if (keep == 0)
                continue;
            s.R[i] = 0;
            if (!StillFails())
                s.R[i] = keep;
        }
        for (int i = 0; i < 32; i++)
        {
            ulong keep = s.D[i];
            if (keep == 0)
                continue;
            s.D[i] = 0;
            if (!StillFails())
                s.D[i] = keep;
        }
        if (s.Spsr != 0x1D3)
        {
            uint keep = s.Spsr;
            s.Spsr = 0x1D3;
            if (!StillFails())
                s.Spsr = keep;
        }
        foreach (uint bits in (ReadOnlySpan<uint>)[0xF8000000u, 0x000F0000u])
        {
            uint keep = s.Cpsr;
            if ((keep & bits) == 0)
                continue;
            s.Cpsr &= ~bits;
            if (!StillFails())
                s.Cpsr = keep;
        }
        foreach (uint bits in (ReadOnlySpan<uint>)[0xF0000000u, 0x0800009Fu, 0x07C00000u])
        {
            uint keep = s.Fpscr;
            if ((keep & bits) == 0)
                continue;
            s.Fpscr &= ~bits;
            if (!StillFails())
                s.Fpscr = keep;
        }
        // Leave the runner holding the shrunk case's results for the report.
        if (!StillFails())
        {
            c = original.Clone();
            runner.Run(c);
        }
        return c;
    }
}
