using Xenith.Cpu.Arm.Tests.Support;
using static Xenith.Cpu.Arm.Tests.Vfp.VfpKit;

namespace Xenith.Cpu.Arm.Tests.Vfp;

/// <summary>CPACR, FPEXC.EN and FPSCR.LEN gating, checked at execution as the ARM ARM's CheckVFPEnabled does.</summary>
public class VfpAccessTests
{
    private const uint Vadd = 0xee300a81;      // vadd.f32 s0, s1, s2
    private const uint VmrsFpexc = 0xeef80a10; // vmrs r0, fpexc
    private const uint VmsrFpexc = 0xeee81a10; // vmsr fpexc, r1
    private const uint VmrsFpscr = 0xeef10a10; // vmrs r0, fpscr

    private static ExitReason RunOne(CpuHarness h, params uint[] words)
    {
        h.Cpu.FlushBlocks(); // the harness rewrites the code behind the CPU's back
        h.A32(words);
        return h.Run();
    }

    [Fact]
    public void DisabledAtResetSoEverythingIsUndefined()
    {
        using var h = new CpuHarness();
        Assert.Equal(ExitReason.Undefined, RunOne(h, Vadd));
        Assert.Equal(CpuHarness.CodeBase, h.Cpu.Pc);
        Assert.Equal(0ul, h.Cpu.Instructions);
        Assert.Equal(ExitReason.Undefined, RunOne(h, VmrsFpexc)); // CPACR denies even FPEXC
        Assert.Equal(ExitReason.Undefined, RunOne(h, 0xee000a10)); // vmov s0, r0
    }

    [Fact]
    public void FpexcEnGatesAllButTheSystemRegistersAtPl1()
    {
        using var h = new CpuHarness();
        var c = h.Cpu;
        c.Cpacr = 0x5u << 20; // cp10 = cp11 = 01: PL1 only
        Assert.Equal(ExitReason.Undefined, RunOne(h, Vadd));
        Assert.Equal(ExitReason.Undefined, RunOne(h, VmrsFpscr));
        // The lazy-switch sequence: read FPEXC, set EN, then use the unit.
        c.R[1] = FpexcEn;
        Assert.Equal(ExitReason.Hvc, RunOne(h, VmrsFpexc, VmsrFpexc, Vadd, 0xeef01a10 /* vmrs r1, fpsid */));
        Assert.Equal(0u, c.R[0]);
        Assert.Equal(FpexcEn, c.Fpexc);
        Assert.Equal(CpuProfile.CortexA15.Fpsid, c.R[1]);
    }

    [Fact]
    public void UserModeNeedsFullAccess()
    {
        using var h = new CpuHarness();
        var c = h.Cpu;
        c.Fpexc = FpexcEn;
        c.Cpacr = 0x5u << 20;
        c.SwitchMode(Mode.User);
        Assert.Equal(ExitReason.Undefined, RunOne(h, Vadd));
        Assert.Equal(CpuHarness.CodeBase, c.Pc);
        c.Cpacr = CpacrFull;
        // Both execute; then the harness's closing HVC is itself UNDEFINED at PL0.
        Assert.Equal(ExitReason.Undefined, RunOne(h, Vadd, VmrsFpscr));
        Assert.Equal(CpuHarness.CodeBase + 8, c.Pc);
    }

    [Fact]
    public void UserModeCannotReachFpexcOrIdRegisters()
    {
        using var h = Enabled();
        h.Cpu.SwitchMode(Mode.User);
        foreach (uint w in new[] { VmrsFpexc, VmsrFpexc, 0xeef70a10 /* vmrs r0, mvfr0 */, 0xeef00a10 /* vmrs r0, fpsid */ })
        {
            Assert.Equal(ExitReason.Undefined, RunOne(h, w));
            Assert.Equal(CpuHarness.CodeBase, h.Cpu.Pc);
        }
    }

    [Fact]
    public void ReservedCpacrValueDeniesAccess()
    {
        using var h = Enabled();
        h.Cpu.Cpacr = 0xAu << 20; // 0b10 in both fields
        Assert.Equal(ExitReason.Undefined, RunOne(h, Vadd));
    }

    [Fact]
    public void HypModeIgnoresCpacr()
    {
        using var h = new CpuHarness();
        var c = h.Cpu;
        c.Fpexc = FpexcEn;
        c.SwitchMode(Mode.Hyp);
        Assert.Equal(ExitReason.Hvc, RunOne(h, Vadd));
    }

    [Fact]
    public void ShortVectorLengthUndefinesDataProcessingOnly()
    {
        using var h = Enabled();
        var c = h.Cpu;
        c.Fpscr = 1u << 16; // LEN = 1
        Assert.Equal(ExitReason.Undefined, RunOne(h, Vadd));
        Assert.Equal(ExitReason.Undefined, RunOne(h, 0xeeb00a60)); // vmov.f32 s0, s1
        Assert.Equal(ExitReason.Undefined, RunOne(h, 0xeeb70a00)); // vmov.f32 s0, #1.0
        c.Fpscr = 1u << 20; // STRIDE = 1
        Assert.Equal(ExitReason.Undefined, RunOne(h, 0xeea00a81)); // vfma.f32
        c.R[0] = 0x2000;
        // Compares, conversions, loads and transfers are not vectorised.
        Assert.Equal(ExitReason.Hvc, RunOne(h, 0xeeb40a60, 0xeebd0ae0, 0xed900a00, 0xee000a10));
    }

    [Fact]
    public void ConditionFailedVfpInstructionDoesNotTrap()
    {
        using var h = new CpuHarness(); // VFP disabled
        h.Cpu.Z = false;
        Assert.Equal(ExitReason.Hvc, RunOne(h, 0x0e300a81)); // vaddeq: condition fails, no UNDEFINED
    }
}
