using Xenith.Cpu.Arm.Tests.Support;
using static Xenith.Cpu.Arm.Tests.Integer.IntegerCode;

namespace Xenith.Cpu.Arm.Tests.Integer;

public class A32BranchTests
{
    private const uint Base = CpuHarness.CodeBase;

    [Fact]
    public void BranchForwardSkipsInstructions()
    {
        using var h = A32(0xEA000000, 0xE3A00001, 0xE3A01002); // b +8; mov r0, #1; mov r1, #2
        RunTo(h, Base + 12);
        Assert.Equal(0u, h.Cpu.R[0]);
        Assert.Equal(2u, h.Cpu.R[1]);
    }

    [Fact]
    public void ConditionalBranchNotTakenFallsThrough()
    {
        using var h = A32(0x0A000000, 0xE3A00001); // beq +8; mov r0, #1
        h.Cpu.Z = false;
        RunTo(h, Base + 8);
        Assert.Equal(1u, h.Cpu.R[0]);
    }

    [Fact]
    public void BlSetsLinkAndBxReturns()
    {
        // 0: bl 0x10; 4: mov r1, #7; 8: udf ... 0x10: mov r0, #5; 0x14: bx lr
        using var h = A32(0xEB000002, 0xE3A01007, A32Udf, 0, 0xE3A00005, 0xE12FFF1E);
        RunTo(h, Base + 8);
        Assert.Equal(5u, h.Cpu.R[0]);
        Assert.Equal(7u, h.Cpu.R[1]);
        Assert.Equal(Base + 4, h.Cpu.R[14]);
    }

    [Fact]
    public void BxToOddAddressEntersThumb()
    {
        using var h = A32(0xE12FFF10); // bx r0
        h.Cpu.R[0] = Base + 0x101;
        PutT32(h, Base + 0x100, T32Udf);
        RunTo(h, Base + 0x100);
        Assert.True(h.Cpu.T);
    }

    [Fact]
    public void BlxImmediateSwitchesToThumbWithHalfwordTarget()
    {
        using var h = A32(0xFB000000); // blx +8 with H = 1: target = Base + 8 + 2
        PutT32(h, Base + 10, T32Udf);
        RunTo(h, Base + 10);
        Assert.True(h.Cpu.T);
        Assert.Equal(Base + 4, h.Cpu.R[14]);
    }

    [Fact]
    public void BlxRegisterLinksAndInterworks()
    {
        using var h = A32(0xE12FFF33); // blx r3
        h.Cpu.R[3] = Base + 0x41;
        PutT32(h, Base + 0x40, T32Udf);
        RunTo(h, Base + 0x40);
        Assert.True(h.Cpu.T);
        Assert.Equal(Base + 4, h.Cpu.R[14]);
    }

    [Fact]
    public void MovPcInterworksInA32()
    {
        using var h = A32(0xE1A0F00E); // mov pc, lr
        h.Cpu.R[14] = Base + 0x81;
        PutT32(h, Base + 0x80, T32Udf);
        RunTo(h, Base + 0x80);
        Assert.True(h.Cpu.T);
    }

    [Fact]
    public void SubsPcLrIsAnExceptionReturn()
    {
        using var h = A32(0xE25EF004); // subs pc, lr, #4
        var c = h.Cpu;
        c.Cpsr = (uint)Mode.Supervisor | 0x1C0;
        c.SetSpsr(Mode.Supervisor, 0xA0000000u | 0x20 | (uint)Mode.User); // N, C, Thumb, User
        c.R[14] = Base + 0x104;
        PutT32(h, Base + 0x100, T32Udf);
        RunTo(h, Base + 0x100);
        Assert.Equal(Mode.User, c.Mode);
        Assert.True(c.T);
        Assert.Equal("NzCv", Flags(c));
    }

    [Fact]
    public void ExceptionReturnRestoresItState()
    {
        using var h = A32(0xE1B0F00E); // movs pc, lr
        var c = h.Cpu;
        c.Cpsr = (uint)Mode.Irq | 0x1C0;
        uint it = 0x08; // IT EQ with one instruction left
        c.SetSpsr(Mode.Irq, (uint)Mode.Supervisor | 0x20 | ((it & 3) << 25) | ((it >> 2) << 10));
        c.R[14] = Base + 0x100;
        PutT32(h, Base + 0x100, 0x2005, T32Udf); // movs r0, #5: inside the IT block it is MOV, condition EQ
        c.R[0] = 1;
        RunTo(h, Base + 0x102);
        Assert.Equal(Mode.Supervisor, c.Mode);
        Assert.Equal(1u, c.R[0]); // EQ failed (Z clear in the restored flags)
    }

    [Fact]
    public void ExceptionReturnInUserModeIsUndefined()
    {
        using var h = A32(0xE1B0F00E); // movs pc, lr
        h.Cpu.Cpsr = (uint)Mode.User;
        RunTo(h, Base);
    }
}
