using Xenith.Cpu.Arm.Tests.Support;

namespace Xenith.Cpu.Arm.Tests.Sys;

/// <summary>MRC/MCR/MRRC/MCRR through the system-register table, PL0 rights, barriers, SETEND.</summary>
public class SystemRegisterTests
{
    private static uint ReadOne(CpuHarness h, uint mrc)
    {
        h.A32(mrc);
        Assert.Equal(ExitReason.Hvc, h.Run());
        return h.Cpu.R[0];
    }

    [Theory]
    [InlineData(0xEE100F10u, 0x414fc0f0u)] // MIDR
    [InlineData(0xEE100F30u, 0x8444c004u)] // CTR
    [InlineData(0xEE100FB0u, 0x80000000u)] // MPIDR
    [InlineData(0xEE100FD0u, 0u)] // REVIDR
    [InlineData(0xEE100F11u, 0x00001131u)] // ID_PFR0
    [InlineData(0xEE100F31u, 0x00011011u)] // ID_PFR1
    [InlineData(0xEE100F51u, 0x02010555u)] // ID_DFR0
    [InlineData(0xEE100F91u, 0x10201105u)] // ID_MMFR0
    [InlineData(0xEE100FF1u, 0x02102211u)] // ID_MMFR3
    [InlineData(0xEE100F12u, 0x02101110u)] // ID_ISAR0
    [InlineData(0xEE100F92u, 0x10011142u)] // ID_ISAR4
    [InlineData(0xEE100FB2u, 0u)] // ID_ISAR5
    [InlineData(0xEE300F30u, 0x0a200023u)] // CLIDR
    [InlineData(0xEE300F10u, 0x701fe00au)] // CCSIDR (CSSELR = 0: L1 data)
    [InlineData(0xEE110F10u, 0x00c50078u)] // SCTLR reset value
    [InlineData(0xEE100E10u, 0u)] // DBGDIDR reads 0: no debug architecture
    public void CortexA15IdentificationRegisters(uint mrc, uint expected)
    {
        using var h = new CpuHarness();
        Assert.Equal(expected, ReadOne(h, mrc));
    }

    [Theory]
    [InlineData(0xEE100F10u, 0x410fc080u)] // MIDR
    [InlineData(0xEE100FB0u, 0u)] // MPIDR: no Multiprocessing Extensions
    [InlineData(0xEE100F12u, 0x00101111u)] // ID_ISAR0
    [InlineData(0xEE300F30u, 0x0a000003u)] // CLIDR
    public void CortexA8IdentificationRegisters(uint mrc, uint expected)
    {
        using var h = new CpuHarness(CpuProfile.CortexA8);
        Assert.Equal(expected, ReadOne(h, mrc));
    }

    [Fact]
    public void CsselrSelectsCcsidr()
    {
        using var h = new CpuHarness();
        h.A32(0xEE400F10, 0xEE301F10); // mcr p15, 2, r0, c0, c0, 0; mrc p15, 1, r1, c0, c0, 0
        h.Cpu.R[0] = 1; // L1 instruction cache
        Assert.Equal(ExitReason.Hvc, h.Run());
        Assert.Equal(0x201fe00au, h.Cpu.R[1]);
    }

    [Fact]
    public void MpidrCarriesTheCpuIndex()
    {
        using var h = new CpuHarness();
        h.Cpu.CpuIndex = 2;
        Assert.Equal(0x80000002u, ReadOne(h, 0xEE100FB0));
    }

    [Fact]
    public void MrcToApsrNzcvSetsFlags()
    {
        using var h = new CpuHarness();
        h.A32(0xEE10FF10); // mrc p15, 0, APSR_nzcv, c0, c0, 0 (MIDR: 0x4...)
        Assert.Equal(ExitReason.Hvc, h.Run());
        Assert.Equal(0x40000000u, h.Cpu.Nzcv);
    }

    [Fact]
    public void StorageRegistersReadBackWhatWasWritten()
    {
        using var h = new CpuHarness();
        // TTBR0, TTBCR, DACR, CONTEXTIDR, TPIDRPRW, VBAR: write r0, read into r1..r6
        h.A32(0xEE020F10, 0xEE020F50, 0xEE030F10, 0xEE0D0F30, 0xEE0D0F90, 0xEE0C0F10,
              0xEE121F10, 0xEE122F50, 0xEE133F10, 0xEE1D4F30, 0xEE1D5F90, 0xEE1C6F10);
        h.Cpu.R[0] = 0x12345677;
        Assert.Equal(ExitReason.Hvc, h.Run());
        Assert.Equal(0x12345677u, h.Cpu.R[1]);
        Assert.Equal(0x37u, h.Cpu.R[2]); // TTBCR with EAE = 0: only N, PD0 and PD1 exist
        Assert.Equal(0x12345677u, h.Cpu.R[3]);
        Assert.Equal(0x12345677u, h.Cpu.R[4]);
        Assert.Equal(0x12345677u, h.Cpu.R[5]);
        Assert.Equal(0x12345660u, h.Cpu.R[6]); // VBAR is 32-byte aligned
        Assert.Equal(0x12345660u, h.Cpu.Vbar);
    }

    [Fact]
    public void McrrAndMrrcMoveSixtyFourBitTtbr0()
    {
        using var h = new CpuHarness();
        h.A32(0xEC410F02, 0xEC532F02); // mcrr p15, 0, r0, r1, c2; mrrc p15, 0, r2, r3, c2
        h.Cpu.R[0] = 0x80001000;
        h.Cpu.R[1] = 0x00010002;
        Assert.Equal(ExitReason.Hvc, h.Run());
        Assert.Equal(0x0001000280001000ul, h.Cpu.Ttbr0);
        Assert.Equal(0x80001000u, h.Cpu.R[2]);
        Assert.Equal(0x00010002u, h.Cpu.R[3]);
    }

    [Fact]
    public void SixtyFourBitTtbrIsUndefinedWithoutLpae()
    {
        using var h = new CpuHarness(CpuProfile.CortexA8);
        h.A32(0xEC532F02);
        Assert.Equal(ExitReason.Undefined, h.Run());
    }

    [Fact]
    public void SctlrAndTlbMaintenanceWrites()
    {
        using var h = new CpuHarness();
        h.A32(0xEE010F10, 0xEE080F17, 0xEE070F15, 0xEE070F9A); // SCTLR; TLBIALL; ICIALLU; CP15DSB
        h.Cpu.R[0] = 0x00c5187a;
        Assert.Equal(ExitReason.Hvc, h.Run());
        Assert.Equal(0x00c5187au, h.Cpu.Sctlr);
    }

    [Theory]
    [InlineData(0xEE100F10u)] // MIDR
    [InlineData(0xEE110F10u)] // SCTLR
    [InlineData(0xEE0D0F70u)] // write TPIDRURO
    [InlineData(0xEE080F17u)] // TLBIALL
    [InlineData(0xEE1D0F90u)] // TPIDRPRW
    public void Pl0AccessToPl1RegistersIsUndefined(uint insn)
    {
        using var h = new CpuHarness();
        h.A32(insn);
        h.Cpu.Cpsr = 0x10;
        Assert.Equal(ExitReason.Undefined, h.Run());
        Assert.Equal(CpuHarness.CodeBase, h.Cpu.Pc);
    }

    [Fact]
    public void UserThreadIdRegisters()
    {
        using var h = new CpuHarness();
        h.Cpu.TpidrUro = 0xCAFE;
        // mcr TPIDRURW, r0; mrc r1, TPIDRURW; mrc r2, TPIDRURO; mcr CP15DMB; svc #0
        h.A32(0xEE0D0F50, 0xEE1D1F50, 0xEE1D2F70, 0xEE070FBA, 0xEF000000);
        h.Cpu.Cpsr = 0x10;
        h.Cpu.R[0] = 0xBEEF;
        Assert.Equal(ExitReason.Svc, h.Run());
        Assert.Equal(0xBEEFu, h.Cpu.R[1]);
        Assert.Equal(0xCAFEu, h.Cpu.R[2]);
        Assert.Equal(0xBEEFu, h.Cpu.TpidrUrw);
    }

    [Fact]
    public void TeehbrIsUserAccessibleUntilTeecrXedIsSet()
    {
        using var h = new CpuHarness();
        // mcr p14, 6, r0, c1, c0, 0 (TEEHBR); mrc p14, 6, r1, c1, c0, 0; svc #0
        h.A32(0xEEC10E10, 0xEED11E10, 0xEF000000);
        h.Cpu.Cpsr = 0x10;
        h.Cpu.R[0] = 0x4000;
        Assert.Equal(ExitReason.Svc, h.Run());
        Assert.Equal(0x4000u, h.Cpu.R[1]);

        using var h2 = new CpuHarness();
        h2.Cpu.Teecr = 1; // XED: PL0 access disabled
        h2.A32(0xEED11E10);
        h2.Cpu.Cpsr = 0x10;
        Assert.Equal(ExitReason.Undefined, h2.Run());
    }

    [Fact]
    public void UnlistedCacheMaintenanceWritesAreAcceptedAtPl1()
    {
        using var h = new CpuHarness();
        h.A32(0xEE070FDA); // mcr p15, 0, r0, c7, c10, 6 (nothing in ARMv7; QEMU's v7 CPUs treat all of c7 as NOPs)
        Assert.Equal(ExitReason.Hvc, h.Run());
    }

    [Theory]
    [InlineData(0xEE1F0F10u)] // c15: not in the table
    [InlineData(0xEE000F10u)] // MCR to MIDR: read-only
    [InlineData(0xEE180F17u)] // MRC from TLBIALL: write-only
    [InlineData(0xEE100A10u)] // cp10 is VFP's; cp13 and others are not implemented
    [InlineData(0xEE100D10u)]
    [InlineData(0xEC410F03u)] // MCRR with an unknown CRm
    public void UnknownOrWrongDirectionRegistersAreUndefined(uint insn)
    {
        using var h = new CpuHarness();
        h.A32(insn);
        if ((insn & 0xF00) == 0xA00)
            return; // routed to the VFP group: not ours to judge
        Assert.Equal(ExitReason.Undefined, h.Run());
    }

    [Fact]
    public void ClrexDisarmsTheMonitorAndBarriersRun()
    {
        using var h = new CpuHarness();
        h.Cpu.ExclusiveArmed = true;
        h.A32(0xF57FF04F, 0xF57FF05B, 0xF57FF01F, 0xF57FF06F); // dsb sy; dmb ish; clrex; isb sy
        Assert.Equal(ExitReason.Hvc, h.Run());
        Assert.False(h.Cpu.ExclusiveArmed);
        Assert.Equal(5ul, h.Cpu.Instructions);
    }

    [Fact]
    public void SetendBeSetsEAndDataReadsSwap()
    {
        using var h = new CpuHarness();
        Assert.True(h.Cpu.Write32(0x8000, 0x11223344));
        h.A32(0xF1010200); // setend be
        h.Run(1);
        Assert.True(h.Cpu.E);
        Assert.True(h.Cpu.Read32(0x8000, out uint v));
        Assert.Equal(0x44332211u, v);
    }

    [Fact]
    public void SetendBeThenALoadReadsBigEndian()
    {
        using var h = new CpuHarness();
        Assert.True(h.Cpu.Write32(0x8000, 0x11223344));
        h.A32(0xF1010200, 0xE5901000, 0xF1010000); // setend be; ldr r1, [r0]; setend le
        h.Cpu.R[0] = 0x8000;
        Assert.Equal(ExitReason.Hvc, h.Run());
        Assert.Equal(0x44332211u, h.Cpu.R[1]);
        Assert.False(h.Cpu.E);
    }

    [Fact]
    public void T16SetendBeThenALoadReadsBigEndian()
    {
        using var h = new CpuHarness();
        Assert.True(h.Cpu.Write32(0x8000, 0x11223344));
        h.T32(0xB658, 0x6801, 0xB650); // setend be; ldr r1, [r0]; setend le
        h.Cpu.R[0] = 0x8000;
        Assert.Equal(ExitReason.Undefined, h.Run());
        Assert.Equal(0x44332211u, h.Cpu.R[1]);
        Assert.False(h.Cpu.E);
    }
}
