using Xenith.Cpu.Arm.Tests.Support;

namespace Xenith.Cpu.Arm.Tests.Sys;

/// <summary>MRS/MSR (plain and banked) and CPS: what each mode may read and change.</summary>
public class StatusRegisterTests
{
    private const uint UserCpsr = 0x10;
    private const uint SvcMasked = 0x1D3; // SVC, A I F masked

    [Fact]
    public void MrsCpsrHidesExecutionStateBits()
    {
        using var h = new CpuHarness();
        h.A32(0xE10F0000); // mrs r0, CPSR
        h.Cpu.Nzcv = 0xA0000000;
        Assert.Equal(ExitReason.Hvc, h.Run());
        Assert.Equal(0xA00001D3u, h.Cpu.R[0]);
    }

    [Fact]
    public void MrsSpsrReadsTheCurrentModesSpsr()
    {
        using var h = new CpuHarness();
        h.Cpu.Spsr = 0x600F0030;
        h.A32(0xE14F1000); // mrs r1, SPSR
        Assert.Equal(ExitReason.Hvc, h.Run());
        Assert.Equal(0x600F0030u, h.Cpu.R[1]);
    }

    [Fact]
    public void MsrInUserModeWritesOnlyFlagsGeAndE()
    {
        using var h = new CpuHarness();
        h.A32(0xE12FF000, 0xEF000000); // msr CPSR_fsxc, r0; svc #0
        h.Cpu.Cpsr = UserCpsr | 0x1C0;
        h.Cpu.R[0] = 0xF80F001F; // NZCVQ, GE, mode System, A I F clear
        Assert.Equal(ExitReason.Svc, h.Run());
        Assert.Equal(Mode.User, h.Cpu.Mode);
        Assert.Equal(0xF80F01D0u, h.Cpu.Cpsr);
    }

    [Fact]
    public void MsrInSvcChangesModeAndBanksButNeverT()
    {
        using var h = new CpuHarness();
        h.Cpu.R[13] = 0x5000;
        h.A32(0xE129F000); // msr CPSR_fc, r0
        h.Cpu.R[0] = 0x4000003F; // Z, mode System, T set (must be ignored), A I F clear
        Assert.Equal(ExitReason.Hvc, h.Run());
        Assert.Equal(Mode.System, h.Cpu.Mode);
        Assert.False(h.Cpu.T);
        Assert.True(h.Cpu.Z);
        Assert.False(h.Cpu.I);
        Assert.True(h.Cpu.A); // A is in the extension byte, not written by _fc
        Assert.Equal(0u, h.Cpu.R[13]);
        Assert.Equal(0x5000u, h.Cpu.GetBankedRegister(Mode.Supervisor, 13));
    }

    [Fact]
    public void MsrImmediateFlagsOnly()
    {
        using var h = new CpuHarness();
        h.A32(0xE328F20F); // msr CPSR_f, #0xf0000000
        Assert.Equal(ExitReason.Hvc, h.Run());
        Assert.Equal(0xF00001D3u, h.Cpu.Cpsr);
    }

    [Fact]
    public void MsrToAnInvalidModeLeavesTheModeAlone()
    {
        using var h = new CpuHarness();
        h.A32(0xE321F015); // msr CPSR_c, #0x15 (not a mode)
        Assert.Equal(ExitReason.Hvc, h.Run());
        Assert.Equal(Mode.Supervisor, h.Cpu.Mode);
        Assert.False(h.Cpu.I);
    }

    [Fact]
    public void MsrSpsrWritesTheSelectedBytes()
    {
        using var h = new CpuHarness();
        h.Cpu.Spsr = 0x11111111;
        h.A32(0xE169F003); // msr SPSR_fc, r3
        h.Cpu.R[3] = 0xAABBCCDD;
        Assert.Equal(ExitReason.Hvc, h.Run());
        Assert.Equal(0xAA1111DDu, h.Cpu.Spsr);
    }

    [Fact]
    public void MrsSpsrInUserModeIsUndefined()
    {
        using var h = new CpuHarness();
        h.A32(0xE14F1000);
        h.Cpu.Cpsr = UserCpsr;
        Assert.Equal(ExitReason.Undefined, h.Run());
        Assert.Equal(CpuHarness.CodeBase, h.Cpu.Pc);
    }

    [Fact]
    public void BankedMrsAndMsrReachAnotherModesRegisters()
    {
        using var h = new CpuHarness();
        var c = h.Cpu;
        c.SetBankedRegister(Mode.Irq, 13, 0x500);
        c.SetSpsr(Mode.Irq, 0x1F);
        // mrs r0, SP_irq; msr SP_irq, r1; mrs r2, SPSR_irq; msr ELR_hyp, r1
        h.A32(0xE1010300, 0xE121F301, 0xE1402300, 0xE12EF301);
        c.R[1] = 0x600;
        c.Cpsr = (uint)Mode.Hyp | 0x1C0; // ELR_hyp needs Hyp (or Monitor)
        Assert.Equal(ExitReason.Hvc, h.Run());
        Assert.Equal(0x500u, c.R[0]);
        Assert.Equal(0x600u, c.GetBankedRegister(Mode.Irq, 13));
        Assert.Equal(0x1Fu, c.R[2]);
        Assert.Equal(0x600u, c.ElrHyp);
    }

    [Fact]
    public void BankedAccessToUserR8FromFiqSeesTheUserCopy()
    {
        using var h = new CpuHarness();
        var c = h.Cpu;
        c.R[8] = 0x88;
        c.Cpsr = (uint)Mode.Fiq | 0x1C0;
        c.R[8] = 0xF8;
        h.A32(0xE1000200); // mrs r0, R8_usr
        Assert.Equal(ExitReason.Hvc, h.Run());
        Assert.Equal(0x88u, c.R[0]);
    }

    [Theory]
    [InlineData(0xE1000200u, Mode.Supervisor)] // R8_usr from SVC: the current register, UNPREDICTABLE
    [InlineData(0xE1030300u, Mode.Supervisor)] // SP_svc from SVC
    [InlineData(0xE10F0300u, Mode.Supervisor)] // SP_hyp outside Monitor
    [InlineData(0xE1010300u, Mode.User)] // any banked access from User
    public void BankedAccessToCurrentOrForbiddenRegistersIsUndefined(uint insn, Mode mode)
    {
        using var h = new CpuHarness();
        h.A32(insn);
        h.Cpu.Cpsr = (uint)mode | 0x1C0;
        Assert.Equal(ExitReason.Undefined, h.Run());
    }

    [Fact]
    public void BankedAccessIsUndefinedWithoutVirtualizationExtensions()
    {
        using var h = new CpuHarness(CpuProfile.CortexA8);
        h.A32(0xE1010300);
        Assert.Equal(ExitReason.Undefined, h.Run());
    }

    [Fact]
    public void CpsChangesMasksAndMode()
    {
        using var h = new CpuHarness();
        h.A32(0xF1080080, 0xF102001F); // cpsie i; cps #31
        Assert.Equal(ExitReason.Hvc, h.Run());
        Assert.False(h.Cpu.I);
        Assert.True(h.Cpu.F);
        Assert.Equal(Mode.System, h.Cpu.Mode);
        Assert.Equal(0x15Fu, h.Cpu.Cpsr);
    }

    [Fact]
    public void CpsIsANopInUserMode()
    {
        using var h = new CpuHarness();
        h.A32(0xF10E01D3, 0xEF000000); // cpsid aif, #19; svc #0
        h.Cpu.Cpsr = UserCpsr;
        Assert.Equal(ExitReason.Svc, h.Run());
        Assert.Equal(UserCpsr, h.Cpu.Cpsr);
    }

    [Fact]
    public void T16CpsidAndT32Mrs()
    {
        using var h = new CpuHarness();
        h.Cpu.Cpsr = SvcMasked & ~0x80u;
        h.T32(0xB672, 0xF3EF, 0x8400); // cpsid i; mrs r4, CPSR
        Assert.Equal(ExitReason.Undefined, h.Run());
        Assert.True(h.Cpu.I);
        Assert.Equal(0x1D3u, h.Cpu.R[4]); // T is not visible to MRS
    }

    [Fact]
    public void T32MsrBankedAndApsrForms()
    {
        using var h = new CpuHarness();
        h.Cpu.Cpsr = SvcMasked | 0x20;
        h.Cpu.R[1] = 0x70000000;
        h.T32(0xF381, 0x8800, 0xF381, 0x8130); // msr CPSR_f, r1; msr SP_irq, r1
        Assert.Equal(ExitReason.Undefined, h.Run());
        Assert.Equal(0x70000000u, h.Cpu.Nzcv);
        Assert.Equal(0x70000000u, h.Cpu.GetBankedRegister(Mode.Irq, 13));
    }
}
