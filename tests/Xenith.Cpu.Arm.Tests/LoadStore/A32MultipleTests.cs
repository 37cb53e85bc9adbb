using Xenith.Cpu.Arm.Tests.Support;

namespace Xenith.Cpu.Arm.Tests.LoadStore;

public class A32MultipleTests
{
    private const uint Data = 0x8000;

    [Theory]
    [InlineData(0xE8A1000Cu, 0x8000u, 0x8008u)] // stmia r1!, {r2, r3}
    [InlineData(0xE9A1000Cu, 0x8004u, 0x8008u)] // stmib r1!, {r2, r3}
    [InlineData(0xE821000Cu, 0x7FFCu, 0x7FF8u)] // stmda r1!, {r2, r3}
    [InlineData(0xE921000Cu, 0x7FF8u, 0x7FF8u)] // stmdb r1!, {r2, r3}
    public void StmAddressingModes(uint insn, uint firstAddress, uint finalBase)
    {
        using var h = new CpuHarness();
        h.A32(insn);
        h.Cpu.R[1] = Data;
        h.Cpu.R[2] = 0x22;
        h.Cpu.R[3] = 0x33;
        Assert.Equal(ExitReason.Hvc, h.Run());
        Assert.True(h.Cpu.Read32(firstAddress, out uint a));
        Assert.True(h.Cpu.Read32(firstAddress + 4, out uint b));
        Assert.Equal(0x22u, a);
        Assert.Equal(0x33u, b);
        Assert.Equal(finalBase, h.Cpu.R[1]);
    }

    [Theory]
    [InlineData(0xE8B1000Cu, 0x8000u, 0x8008u)] // ldmia r1!, {r2, r3}
    [InlineData(0xE9B1000Cu, 0x8004u, 0x8008u)] // ldmib r1!, {r2, r3}
    [InlineData(0xE831000Cu, 0x7FFCu, 0x7FF8u)] // ldmda r1!, {r2, r3}
    [InlineData(0xE931000Cu, 0x7FF8u, 0x7FF8u)] // ldmdb r1!, {r2, r3}
    public void LdmAddressingModes(uint insn, uint firstAddress, uint finalBase)
    {
        using var h = new CpuHarness();
        h.A32(insn);
        h.Cpu.R[1] = Data;
        h.Cpu.Write32(firstAddress, 0xA);
        h.Cpu.Write32(firstAddress + 4, 0xB);
        Assert.Equal(ExitReason.Hvc, h.Run());
        Assert.Equal(0xAu, h.Cpu.R[2]);
        Assert.Equal(0xBu, h.Cpu.R[3]);
        Assert.Equal(finalBase, h.Cpu.R[1]);
    }

    [Fact]
    public void PushThenPopRestoresRegistersAndReturns()
    {
        using var h = new CpuHarness();
        // push {r4, lr}; mov r4, #0; pop {r4, pc}  — returns to lr, which points at the hvc.
        h.A32(0xE92D4010, 0xE3A04000, 0xE8BD8010);
        h.Cpu.R[13] = Data;
        h.Cpu.R[4] = 0x44;
        h.Cpu.R[14] = CpuHarness.CodeBase + 12;
        Assert.Equal(ExitReason.Hvc, h.Run());
        Assert.Equal(0x44u, h.Cpu.R[4]);
        Assert.Equal(Data, h.Cpu.R[13]);
        Assert.Equal(CpuHarness.CodeBase + 16, h.Cpu.Pc);
    }

    [Fact]
    public void FaultingLdmChangesNoRegister()
    {
        using var h = new CpuHarness();
        // ldmia r1!, {r0, r2}: the second word is outside RAM.
        h.A32(0xE8B10005);
        h.Cpu.R[1] = CpuHarness.RamSize - 4;
        h.Cpu.R[0] = 1;
        h.Cpu.R[2] = 2;
        Assert.Equal(ExitReason.DataAbort, h.Run());
        Assert.Equal(1u, h.Cpu.R[0]);
        Assert.Equal(2u, h.Cpu.R[2]);
        Assert.Equal(CpuHarness.RamSize - 4, h.Cpu.R[1]);
        Assert.Equal(CpuHarness.RamSize, h.Cpu.FaultAddress);
    }

    [Fact]
    public void LdmWithBaseInListLoadsTheBase()
    {
        using var h = new CpuHarness();
        h.A32(0xE8910006); // ldmia r1, {r1, r2}
        h.Cpu.R[1] = Data;
        h.Cpu.Write32(Data, 0x1234);
        h.Cpu.Write32(Data + 4, 0x5678);
        Assert.Equal(ExitReason.Hvc, h.Run());
        Assert.Equal(0x1234u, h.Cpu.R[1]);
        Assert.Equal(0x5678u, h.Cpu.R[2]);
    }

    [Fact]
    public void StmStoresPcPlus8()
    {
        using var h = new CpuHarness();
        h.A32(0xE8818000); // stmia r1, {pc}
        h.Cpu.R[1] = Data;
        Assert.Equal(ExitReason.Hvc, h.Run());
        Assert.True(h.Cpu.Read32(Data, out uint v));
        Assert.Equal(CpuHarness.CodeBase + 8, v);
    }

    [Fact]
    public void StmUserStoresUserBankedRegisters()
    {
        using var h = new CpuHarness();
        h.Cpu.SwitchMode(Mode.User);
        h.Cpu.R[13] = 0x1313;
        h.Cpu.R[14] = 0x1414;
        h.Cpu.SwitchMode(Mode.Irq);
        h.A32(0xE8C16000); // stmia r1, {sp, lr}^
        h.Cpu.R[1] = Data;
        h.Cpu.R[13] = 0xAAAA;
        Assert.Equal(ExitReason.Hvc, h.Run());
        Assert.True(h.Cpu.Read32(Data, out uint sp));
        Assert.True(h.Cpu.Read32(Data + 4, out uint lr));
        Assert.Equal(0x1313u, sp);
        Assert.Equal(0x1414u, lr);
        Assert.Equal(0xAAAAu, h.Cpu.R[13]);
    }

    [Fact]
    public void LdmUserLoadsUserBankedRegisters()
    {
        using var h = new CpuHarness();
        h.Cpu.SwitchMode(Mode.Supervisor);
        h.A32(0xE8D16000); // ldmia r1, {sp, lr}^
        h.Cpu.R[1] = Data;
        h.Cpu.R[13] = 0x5555;
        h.Cpu.Write32(Data, 0x1313);
        h.Cpu.Write32(Data + 4, 0x1414);
        Assert.Equal(ExitReason.Hvc, h.Run());
        Assert.Equal(0x5555u, h.Cpu.R[13]);
        Assert.Equal(0x1313u, h.Cpu.GetBankedRegister(Mode.User, 13));
        Assert.Equal(0x1414u, h.Cpu.GetBankedRegister(Mode.User, 14));
    }

    [Fact]
    public void LdmExceptionReturnRestoresCpsrFromSpsr()
    {
        using var h = new CpuHarness();
        h.A32(0xE8F18001); // ldmia r1!, {r0, pc}^
        h.Cpu.R[1] = Data;
        h.Cpu.Spsr = (uint)Mode.User | (1u << 5) | (1u << 31); // User, Thumb, N
        h.Cpu.Write32(Data, 0x77);
        h.Cpu.Write32(Data + 4, 0x2001);
        h.Cpu.Write16(0x2000, 0xDEFF); // udf in T32
        Assert.Equal(ExitReason.Undefined, h.Run());
        Assert.Equal(Mode.User, h.Cpu.Mode);
        Assert.True(h.Cpu.T);
        Assert.True(h.Cpu.N);
        Assert.Equal(0x2000u, h.Cpu.Pc);
        Assert.Equal(0x77u, h.Cpu.R[0]);
        Assert.Equal(Data + 8, h.Cpu.GetBankedRegister(Mode.Supervisor, 1));
    }

    [Fact]
    public void LdmExceptionReturnInUserModeIsUndefined()
    {
        using var h = new CpuHarness();
        h.Cpu.SwitchMode(Mode.User);
        h.A32(0xE8F18001);
        h.Cpu.R[1] = Data;
        Assert.Equal(ExitReason.Undefined, h.Run());
        Assert.Equal(Data, h.Cpu.R[1]);
    }
    [Fact]
    public void LdmExceptionReturnToAnInvalidModeKeepsTheMode()
    {
        using var h = new CpuHarness();
        h.A32(0xE8D18000, 0xE1400070); // ldmia r1, {pc}^ → returns to the hvc below
        h.Cpu.R[1] = Data;
        h.Cpu.Spsr = 0x40000000; // mode 00000 is not a mode; Z set
        h.Cpu.Write32(Data, CpuHarness.CodeBase + 4);
        Assert.Equal(ExitReason.Hvc, h.Run());
        Assert.Equal(Mode.Supervisor, h.Cpu.Mode);
        Assert.True(h.Cpu.Z);
        Assert.False(h.Cpu.I);
    }
}
