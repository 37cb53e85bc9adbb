using Xenith.Cpu.Arm.Tests.Support;

namespace Xenith.Cpu.Arm.Tests.Sys;

/// <summary>SVC, HVC, SMC, BKPT, WFI/WFE exits; ERET, SUBS PC, LR, SRS and RFE.</summary>
public class ExceptionTests
{
    private const uint Base = CpuHarness.CodeBase;

    [Fact]
    public void SvcExitsWithItsImmediateAndTheNextPc()
    {
        using var h = new CpuHarness();
        h.A32(0xEF123456);
        Assert.Equal(ExitReason.Svc, h.Run());
        Assert.Equal(0x123456u, h.Cpu.ExitImm);
        Assert.Equal(Base + 4, h.Cpu.Pc);
    }

    [Fact]
    public void SvcVectorsWhenNotTrapped()
    {
        using var h = new CpuHarness();
        h.Cpu.HostTraps = HostTraps.None;
        h.Cpu.Vbar = 0x8000;
        h.A32(0xEF000001);
        h.Cpu.Cpsr = 0x10;
        h.Run(1);
        Assert.Equal(Mode.Supervisor, h.Cpu.Mode);
        Assert.Equal(0x8008u, h.Cpu.Pc);
        Assert.Equal(Base + 4, h.Cpu.R[14]);
        Assert.Equal(0x10u, h.Cpu.Spsr);
    }

    [Fact]
    public void HvcExitsWithImm16()
    {
        using var h = new CpuHarness();
        h.A32(0xE1412374); // hvc #0x1234
        Assert.Equal(ExitReason.Hvc, h.Run());
        Assert.Equal(0x1234u, h.Cpu.ExitImm);
        Assert.Equal(Base + 4, h.Cpu.Pc);
    }

    [Fact]
    public void HvcExitsOnCortexA8Too()
    {
        using var h = new CpuHarness(CpuProfile.CortexA8);
        h.A32(0xE1400071);
        Assert.Equal(ExitReason.Hvc, h.Run());
        Assert.Equal(1u, h.Cpu.ExitImm);
    }

    [Fact]
    public void HvcFromUserModeIsUndefined()
    {
        using var h = new CpuHarness();
        h.A32(0xE1400071);
        h.Cpu.Cpsr = 0x10;
        Assert.Equal(ExitReason.Undefined, h.Run());
        Assert.Equal(Base, h.Cpu.Pc);
    }

    [Fact]
    public void SmcExitsWithImm4()
    {
        using var h = new CpuHarness();
        h.A32(0xE1600075); // smc #5
        Assert.Equal(ExitReason.Smc, h.Run());
        Assert.Equal(5u, h.Cpu.ExitImm);
        Assert.Equal(Base + 4, h.Cpu.Pc);
    }

    [Fact]
    public void BkptExitsAtTheInstruction()
    {
        using var h = new CpuHarness();
        h.A32(0xE1200172); // bkpt #0x12
        Assert.Equal(ExitReason.Breakpoint, h.Run());
        Assert.Equal(0x12u, h.Cpu.ExitImm);
        Assert.Equal(Base, h.Cpu.Pc);
    }

    [Theory]
    [InlineData(0xE320F003u, ExitReason.Wfi)]
    [InlineData(0xE320F002u, ExitReason.Wfe)]
    public void WfiAndWfeExitWithTheNextPc(uint insn, ExitReason reason)
    {
        using var h = new CpuHarness();
        h.A32(0xE320F001, insn); // yield; wfi/wfe
        Assert.Equal(reason, h.Run());
        Assert.Equal(Base + 8, h.Cpu.Pc);
        Assert.Equal(2ul, h.Cpu.Instructions);
    }

    [Fact]
    public void ConditionFailedHvcDoesNotExit()
    {
        using var h = new CpuHarness();
        h.A32(0x01400075); // hvceq #5 with Z clear
        Assert.Equal(ExitReason.Hvc, h.Run());
        Assert.Equal(0u, h.Cpu.ExitImm);
        Assert.Equal(Base + 8, h.Cpu.Pc);
    }

    [Fact]
    public void T16SvcAndT32Hvc()
    {
        using var h = new CpuHarness();
        h.T32(0xDF07);
        Assert.Equal(ExitReason.Svc, h.Run());
        Assert.Equal(7u, h.Cpu.ExitImm);
        Assert.Equal(Base + 2, h.Cpu.Pc);

        using var h2 = new CpuHarness();
        h2.T32(0xF7E1, 0x8123); // hvc #0x1123
        Assert.Equal(ExitReason.Hvc, h2.Run());
        Assert.Equal(0x1123u, h2.Cpu.ExitImm);
        Assert.Equal(Base + 4, h2.Cpu.Pc);
    }

    [Fact]
    public void SvcInsideAnItBlockExitsWithItstateAdvanced()
    {
        using var h = new CpuHarness();
        h.T32(0xBF04, 0xDF05, 0xBF00); // itt eq; svceq #5; nopeq
        h.Cpu.Z = true;
        Assert.Equal(ExitReason.Svc, h.Run());
        Assert.Equal(Base + 4, h.Cpu.Pc);
        Assert.Equal(0x08, h.Cpu.IT); // one more EQ instruction to go
    }

    [Fact]
    public void T16BkptIsUnconditionalInsideAnItBlock()
    {
        using var h = new CpuHarness();
        h.T32(0xBF18, 0xBE07); // it ne; bkpt #7 (Z set: the NE condition fails)
        h.Cpu.Z = true;
        Assert.Equal(ExitReason.Breakpoint, h.Run());
        Assert.Equal(7u, h.Cpu.ExitImm);
        Assert.Equal(Base + 2, h.Cpu.Pc);
    }

    [Fact]
    public void EretReturnsToLrWithSpsrInPl1Modes()
    {
        using var h = new CpuHarness();
        h.A32(0xE160006E); // eret
        h.Cpu.R[14] = 0x2001; // bit 0 is dropped for the new state, taken from the SPSR
        h.Cpu.Spsr = 0x80000030; // N, Thumb, User
        h.Run(1);
        Assert.Equal(Mode.User, h.Cpu.Mode);
        Assert.True(h.Cpu.T);
        Assert.True(h.Cpu.N);
        Assert.Equal(0x2000u, h.Cpu.Pc);
    }

    [Fact]
    public void EretFromHypReturnsToElrHyp()
    {
        using var h = new CpuHarness();
        h.A32(0xE160006E);
        h.Cpu.Cpsr = (uint)Mode.Hyp | 0x1C0;
        h.Cpu.ElrHyp = 0x3000;
        h.Cpu.Spsr = 0x13;
        h.Cpu.R[14] = 0x4000;
        h.Run(1);
        Assert.Equal(Mode.Supervisor, h.Cpu.Mode);
        Assert.Equal(0x3000u, h.Cpu.Pc);
    }

    [Fact]
    public void EretIsUndefinedOnCortexA8AndInUserMode()
    {
        using (var h = new CpuHarness(CpuProfile.CortexA8))
        {
            h.A32(0xE160006E);
            Assert.Equal(ExitReason.Undefined, h.Run());
        }
        using (var h = new CpuHarness())
        {
            h.A32(0xE160006E);
            h.Cpu.Cpsr = 0x10;
            Assert.Equal(ExitReason.Undefined, h.Run());
        }
    }

    [Fact]
    public void T32SubsPcLrRestoresItState()
    {
        using var h = new CpuHarness();
        h.T32(0xF3DE, 0x8F04); // subs pc, lr, #4
        h.Cpu.R[14] = 0x2006;
        // SPSR: Thumb, SVC, ITSTATE 0x08 (one instruction, EQ) split over bits 26:25 and 15:10.
        h.Cpu.Spsr = 0x13 | 0x20 | (0x08u >> 2 << 10);
        h.Run(1);
        Assert.Equal(0x2002u, h.Cpu.Pc);
        Assert.True(h.Cpu.T);
        Assert.Equal(0x08, h.Cpu.IT);
    }

    [Fact]
    public void SrsThenRfeRoundTrips()
    {
        using var h = new CpuHarness();
        var c = h.Cpu;
        c.R[13] = 0x8000;
        c.R[14] = 0x1234;
        c.Spsr = 0x600001D0; // User, Z C
        h.A32(0xF96D0513, 0xF8BD0A00); // srsdb sp!, #19; rfeia sp!
        h.Run(2);
        Assert.True(c.Read32(0x7FF8, out uint lr) && lr == 0x1234);
        Assert.True(c.Read32(0x7FFC, out uint psr) && psr == 0x600001D0);
        Assert.Equal(Mode.User, c.Mode);
        Assert.Equal(0x1234u, c.Pc);
        Assert.True(c.Z && c.C);
        Assert.Equal(0x8000u, c.GetBankedRegister(Mode.Supervisor, 13));
    }

    [Fact]
    public void SrsToAnotherModesStack()
    {
        using var h = new CpuHarness();
        var c = h.Cpu;
        c.SetBankedRegister(Mode.Irq, 13, 0x9000);
        c.R[14] = 0xAAAA;
        c.Spsr = 0x1F;
        h.A32(0xF8CD0512); // srsia sp, #18 (no write-back)
        Assert.Equal(ExitReason.Hvc, h.Run());
        Assert.True(c.Read32(0x9000, out uint lr) && lr == 0xAAAA);
        Assert.True(c.Read32(0x9004, out uint psr) && psr == 0x1F);
        Assert.Equal(0x9000u, c.GetBankedRegister(Mode.Irq, 13));
    }

    [Fact]
    public void SrsInSystemModeAndRfeInUserModeAreUndefined()
    {
        using var h = new CpuHarness();
        h.A32(0xF96D0513);
        h.Cpu.Cpsr = 0x1DF;
        Assert.Equal(ExitReason.Undefined, h.Run());
        using var h2 = new CpuHarness();
        h2.A32(0xF8BD0A00);
        h2.Cpu.Cpsr = 0x10;
        Assert.Equal(ExitReason.Undefined, h2.Run());
    }

    [Fact]
    public void ExceptionReturnHelperAlignsForTheRestoredState()
    {
        using var h = new CpuHarness();
        h.Cpu.Spsr = 0x10; // ARM, User
        h.Cpu.ExceptionReturn(0x2003);
        Assert.Equal(0x2000u, h.Cpu.Pc);
        Assert.Equal(Mode.User, h.Cpu.Mode);
    }
}
