using Xenith.Cpu.Arm.Tests.Support;
using static Xenith.Cpu.Arm.Tests.Vfp.VfpKit;

namespace Xenith.Cpu.Arm.Tests.Vfp;

/// <summary>VMOV between core and extension registers, VMRS and VMSR.</summary>
public class VfpTransferTests
{
    [Fact]
    public void CoreToSingleAndBack()
    {
        using var h = Enabled();
        var c = h.Cpu;
        c.R[0] = 0xDEADBEEF;
        c.D[15] = 0x0123_4567_89AB_CDEF;
        RunA32(h,
            0xee000a10,  // vmov s0, r0
            0xee101a10,  // vmov r1, s0
            0xee1f2a90); // vmov r2, s31
        Assert.Equal(0xDEADBEEFu, GetS(c, 0));
        Assert.Equal(0u, GetS(c, 1));
        Assert.Equal(0xDEADBEEFu, c.R[1]);
        Assert.Equal(0x0123_4567u, c.R[2]);
    }

    [Fact]
    public void TwoCoreRegistersAndDoubleword()
    {
        using var h = Enabled();
        var c = h.Cpu;
        c.R[0] = 0x1111_1111;
        c.R[1] = 0x2222_2222;
        c.D[31] = 0xAAAA_AAAA_BBBB_BBBB;
        RunA32(h,
            0xec410b10,  // vmov d0, r0, r1: r0 is the low word
            0xec532b10,  // vmov r2, r3, d0
            0xec554b3f); // vmov r4, r5, d31
        Assert.Equal(0x2222_2222_1111_1111ul, c.D[0]);
        Assert.Equal(0x1111_1111u, c.R[2]);
        Assert.Equal(0x2222_2222u, c.R[3]);
        Assert.Equal(0xBBBB_BBBBu, c.R[4]);
        Assert.Equal(0xAAAA_AAAAu, c.R[5]);
    }

    [Fact]
    public void TwoCoreRegistersAndSinglePair()
    {
        using var h = Enabled();
        var c = h.Cpu;
        c.R[0] = 5;
        c.R[1] = 6;
        SetS(c, 30, 0x30);
        SetS(c, 31, 0x31);
        RunA32(h,
            0xec410a30,  // vmov s1, s2, r0, r1
            0xec532a1f); // vmov r2, r3, s30, s31
        Assert.Equal(5u, GetS(c, 1));
        Assert.Equal(6u, GetS(c, 2));
        Assert.Equal(0x30u, c.R[2]);
        Assert.Equal(0x31u, c.R[3]);
    }

    [Fact]
    public void ScalarMoves()
    {
        using var h = Enabled();
        var c = h.Cpu;
        c.R[0] = 0xCAFEF00D;
        c.R[1] = 0x12345678;
        c.D[17] = 0x9999_9999_7777_7777;
        RunA32(h,
            0xee200b10,  // vmov.32 d0[1], r0
            0xee001b10,  // vmov.32 d0[0], r1
            0xee113b90,  // vmov.32 r3, d17[0]
            0xee304b10); // vmov.32 r4, d0[1]
        Assert.Equal(0xCAFEF00D_12345678ul, c.D[0]);
        Assert.Equal(0x7777_7777u, c.R[3]);
        Assert.Equal(0xCAFEF00Du, c.R[4]);
    }

    [Fact]
    public void FpscrWriteKeepsOnlyTheImplementedBits()
    {
        using var h = Enabled();
        var c = h.Cpu;
        c.R[0] = 0xFFFFFFFF;
        RunA32(h,
            0xeee10a10,  // vmsr fpscr, r0
            0xeef11a10); // vmrs r1, fpscr
        Assert.Equal(0xFFF7009Fu, c.R[1]);
        Assert.Equal(0xFFF7009Fu, c.Fpscr);
    }

    [Fact]
    public void VmrsToApsrCopiesOnlyTheFlags()
    {
        using var h = Enabled();
        var c = h.Cpu;
        c.Fpscr = 0xA000_0010;
        c.Nzcv = 0x5000_0000;
        RunA32(h, 0xeef1fa10); // vmrs APSR_nzcv, fpscr
        Assert.Equal(0xA000_0000u, c.Nzcv);
        Assert.False(c.Q);
    }

    [Fact]
    public void IdentificationRegistersComeFromTheProfile()
    {
        using var h = Enabled();
        var c = h.Cpu;
        c.R[3] = 0x12345678;
        RunA32(h,
            0xeef00a10,  // vmrs r0, fpsid
            0xeef71a10,  // vmrs r1, mvfr0
            0xeef62a10,  // vmrs r2, mvfr1
            0xeee03a10,  // vmsr fpsid, r3: ignored
            0xeef04a10); // vmrs r4, fpsid
        Assert.Equal(CpuProfile.CortexA15.Fpsid, c.R[0]);
        Assert.Equal(CpuProfile.CortexA15.Mvfr0, c.R[1]);
        Assert.Equal(CpuProfile.CortexA15.Mvfr1, c.R[2]);
        Assert.Equal(CpuProfile.CortexA15.Fpsid, c.R[4]);
    }

    [Fact]
    public void FpexcKeepsOnlyEn()
    {
        using var h = Enabled();
        var c = h.Cpu;
        c.R[0] = 0xFFFFFFFF;
        RunA32(h,
            0xeee80a10,  // vmsr fpexc, r0
            0xeef81a10); // vmrs r1, fpexc
        Assert.Equal(FpexcEn, c.R[1]);
    }

    [Fact]
    public void T32TransfersInAnItBlock()
    {
        using var h = Enabled();
        var c = h.Cpu;
        c.R[0] = 7;
        c.R[1] = 9;
        c.Z = true;
        h.T32(
            0xbf0c,          // ite eq
            0xee00, 0x0a10,  // vmoveq s0, r0
            0xee00, 0x1a90); // vmovne s1, r1
        Assert.Equal(ExitReason.Undefined, h.Run());
        Assert.Equal(CpuHarness.CodeBase + 10, c.Pc);
        Assert.Equal(7u, GetS(c, 0));
        Assert.Equal(0u, GetS(c, 1));
    }
}
