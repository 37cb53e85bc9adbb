using Xenith.Cpu.Arm.Tests.Support;

namespace Xenith.Cpu.Arm.Tests.Vfp;

/// <summary>Shared set-up for the VFP instruction tests: a harness with the unit enabled, S/D register access.</summary>
internal static class VfpKit
{
    /// <summary>CPACR.cp10/cp11 = full access.</summary>
    public const uint CpacrFull = 0xFu << 20;
    public const uint FpexcEn = 1u << 30;

    /// <summary>A harness with CPACR full access and FPEXC.EN set (both are off at reset).</summary>
    public static CpuHarness Enabled(CpuProfile? profile = null)
    {
        var h = new CpuHarness(profile);
        h.Cpu.Cpacr = CpacrFull;
        h.Cpu.Fpexc = FpexcEn;
        return h;
    }

    /// <summary>Runs A32 words up to the harness's closing HVC; fails if anything else ends the run.</summary>
    public static void RunA32(CpuHarness h, params uint[] words)
    {
        h.A32(words);
        Assert.Equal(ExitReason.Hvc, h.Run());
    }

    public static uint GetS(ArmCpu c, int n) => (uint)(c.D[n >> 1] >> ((n & 1) * 32));

    public static void SetS(ArmCpu c, int n, uint v)
    {
        int sh = (n & 1) * 32;
        c.D[n >> 1] = (c.D[n >> 1] & ~(0xFFFF_FFFFul << sh)) | ((ulong)v << sh);
    }

    public static void Poke32(CpuHarness h, uint pa, uint v) => h.Memory.Write(pa, BitConverter.GetBytes(v));
    public static void Poke64(CpuHarness h, uint pa, ulong v) => h.Memory.Write(pa, BitConverter.GetBytes(v));

    public static uint Peek32(CpuHarness h, uint pa)
    {
        var b = new byte[4];
        h.Memory.Read(pa, b);
        return BitConverter.ToUInt32(b);
    }

    public static uint F(float f) => BitConverter.SingleToUInt32Bits(f);
    public static ulong F(double f) => BitConverter.DoubleToUInt64Bits(f);
}
