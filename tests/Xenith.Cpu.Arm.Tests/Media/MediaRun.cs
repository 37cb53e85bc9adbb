using Xenith.Cpu.Arm.Tests.Support;

namespace Xenith.Cpu.Arm.Tests.Media;

/// <summary>Runs one media instruction with given r0..rN and returns the harness to inspect.</summary>
internal static class MediaRun
{
    public static CpuHarness A32(uint word, params uint[] regs) => A32(null, word, regs);

    public static CpuHarness A32(CpuProfile? profile, uint word, params uint[] regs)
    {
        var h = new CpuHarness(profile);
        h.A32(word);
        SetRegs(h, regs);
        Assert.Equal(ExitReason.Hvc, h.Run());
        return h;
    }

    /// <summary>T32: halfwords of one instruction (the harness's trailing UDF ends the run).</summary>
    public static CpuHarness T32(ushort[] halfwords, params uint[] regs)
    {
        var h = new CpuHarness();
        h.T32(halfwords);
        SetRegs(h, regs);
        Assert.Equal(ExitReason.Undefined, h.Run());
        Assert.Equal(CpuHarness.CodeBase + (uint)(2 * halfwords.Length), h.Cpu.Pc);
        return h;
    }

    private static void SetRegs(CpuHarness h, uint[] regs)
    {
        for (int i = 0; i < regs.Length; i++)
            h.Cpu.R[i] = regs[i];
    }
}
