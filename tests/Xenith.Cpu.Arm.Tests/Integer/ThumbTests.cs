using Xenith.Cpu.Arm.Tests.Support;
using static Xenith.Cpu.Arm.Tests.Integer.IntegerCode;

namespace Xenith.Cpu.Arm.Tests.Integer;

public class ThumbTests
{
    private const uint Base = CpuHarness.CodeBase;

    [Fact]
    public void T16AddsSetsFlagsOutsideItBlocks()
    {
        using var h = T32(0x1888); // adds r0, r1, r2
        h.Cpu.R[1] = 0xFFFFFFFF; h.Cpu.R[2] = 1;
        RunTo(h, Base + 2);
        Assert.Equal(0u, h.Cpu.R[0]);
        Assert.Equal("nZCv", Flags(h.Cpu));
    }

    [Fact]
    public void T16AddInsideItBlockLeavesFlags()
    {
        using var h = T32(0xBF08, 0x1888); // it eq; addeq r0, r1, r2
        h.Cpu.Z = true;
        h.Cpu.R[1] = 0xFFFFFFFF; h.Cpu.R[2] = 1;
        RunTo(h, Base + 4);
        Assert.Equal(0u, h.Cpu.R[0]);
        Assert.Equal("nZcv", Flags(h.Cpu));
    }

    [Theory]
    [InlineData((ushort)0x0088, 0x40000001u, 0x4u, "nzCv")] // lsls r0, r1, #2
    [InlineData((ushort)0x0808, 0x80000000u, 0u, "nZCv")] // lsrs r0, r1, #32
    [InlineData((ushort)0x1EC8, 3u, 0u, "nZCv")] // subs r0, r1, #3
    [InlineData((ushort)0x4248, 1u, 0xFFFFFFFFu, "Nzcv")] // negs r0, r1
    [InlineData((ushort)0x43C8, 0u, 0xFFFFFFFFu, "Nzcv")] // mvns r0, r1
    public void T16Operations(ushort insn, uint r1, uint expected, string flags)
    {
        using var h = T32(insn);
        h.Cpu.R[1] = r1;
        RunTo(h, Base + 2);
        Assert.Equal(expected, h.Cpu.R[0]);
        Assert.Equal(flags, Flags(h.Cpu));
    }

    [Fact]
    public void T16RegisterShiftUsesRdnAsValue()
    {
        using var h = T32(0x41C8); // rors r0, r1
        h.Cpu.R[0] = 0x12345680; h.Cpu.R[1] = 8;
        RunTo(h, Base + 2);
        Assert.Equal(0x80123456u, h.Cpu.R[0]);
        Assert.True(h.Cpu.C);
    }

    [Fact]
    public void T16HighRegisterAddAndMov()
    {
        using var h = T32(0x4440, 0x4689); // add r0, r8; mov r9, r1
        h.Cpu.R[0] = 1; h.Cpu.R[8] = 2; h.Cpu.R[1] = 7;
        h.Cpu.N = true;
        RunTo(h, Base + 4);
        Assert.Equal(3u, h.Cpu.R[0]);
        Assert.Equal(7u, h.Cpu.R[9]);
        Assert.True(h.Cpu.N);
    }

    [Fact]
    public void T16AdrAlignsPc()
    {
        using var h = T32(0x2100, 0xA001); // movs r1, #0; adr r0, +4 at Base + 2: Align(Base + 6, 4) + 4
        RunTo(h, Base + 4);
        Assert.Equal(Base + 8, h.Cpu.R[0]);
    }

    [Fact]
    public void T16SpAdjustments()
    {
        using var h = T32(0xB084, 0xA802, 0xB001); // sub sp, #16; add r0, sp, #8; add sp, #4
        h.Cpu.R[13] = 0x8000;
        RunTo(h, Base + 6);
        Assert.Equal(0x7FF0u + 4, h.Cpu.R[13]);
        Assert.Equal(0x7FF8u, h.Cpu.R[0]);
    }

    [Theory]
    [InlineData(0u, Base + 8)]
    [InlineData(1u, Base + 2)]
    public void Cbz(uint r0, uint udfAt)
    {
        using var h = T32(0xB108); // cbz r0, Base + 6 (Base + 4 + 2)
        h.Cpu.R[0] = r0;
        PutT32(h, Base + 6, 0x2100, T32Udf); // movs r1, #0
        RunTo(h, udfAt);
    }

    [Fact]
    public void T16ConditionalBranchUsesItsOwnCondition()
    {
        using var h = T32(0xD001, 0x2001); // beq +6; movs r0, #1
        h.Cpu.Z = true;
        PutT32(h, Base + 6, T32Udf);
        RunTo(h, Base + 6);
        Assert.Equal(0u, h.Cpu.R[0]);
    }

    [Fact]
    public void T16BackwardBranch()
    {
        using var h = T32(T32Udf, 0xE7FD); // udf; b Base (Base + 2 + 4 - 6)
        h.Cpu.Pc = Base + 2;
        RunTo(h, Base);
    }

    [Fact]
    public void T16AddPcIsAPlainBranchInThumb()
    {
        using var h = T32(0x448F); // add pc, r1: PC reads Base + 4
        h.Cpu.R[1] = 0x21; // odd: bit 0 is dropped, no interworking
        PutT32(h, Base + 0x24, T32Udf);
        RunTo(h, Base + 0x24);
        Assert.True(h.Cpu.T);
    }

    [Fact]
    public void T16BxLrReturnsToArm()
    {
        using var h = T32(0x4770); // bx lr
        h.Cpu.R[14] = Base + 0x40;
        PutA32(h, Base + 0x40, A32Udf);
        RunTo(h, Base + 0x40);
        Assert.False(h.Cpu.T);
    }

    [Fact]
    public void T32BlLinksWithThumbBit()
    {
        using var h = T32(0xF000, 0xF802); // bl Base + 4 + 4
        PutT32(h, Base + 8, T32Udf);
        RunTo(h, Base + 8);
        Assert.Equal(Base + 5, h.Cpu.R[14]);
    }

    [Fact]
    public void T32BlxImmediateGoesToArmAtAlignedTarget()
    {
        using var h = T32(0x2100, 0xF000, 0xE804); // movs r1, #0; blx at Base + 2: Align(Base + 6, 4) + 8
        PutA32(h, Base + 12, A32Udf);
        RunTo(h, Base + 12);
        Assert.False(h.Cpu.T);
        Assert.Equal(Base + 7, h.Cpu.R[14]);
    }

    [Fact]
    public void T32ConditionalBranch()
    {
        using var h = T32(0xF040, 0x8002); // bne.w Base + 4 + 4
        h.Cpu.Z = false;
        PutT32(h, Base + 8, T32Udf);
        RunTo(h, Base + 8);
    }

    [Fact]
    public void T32ModifiedImmediates()
    {
        // mov.w r0, #0xff00ff00; movs.w r1, #0x80000000; orn r2, r3, #1
        using var h = T32(0xF04F, 0x20FF, 0xF05F, 0x4100, 0xF063, 0x0201);
        h.Cpu.R[3] = 0;
        RunTo(h, Base + 12);
        Assert.Equal(0xFF00FF00u, h.Cpu.R[0]);
        Assert.Equal(0x80000000u, h.Cpu.R[1]);
        Assert.Equal(0xFFFFFFFEu, h.Cpu.R[2]);
        Assert.Equal("NzCv", Flags(h.Cpu)); // C from the rotated constant
    }

    [Fact]
    public void T32ShiftedRegisterAndShiftByRegister()
    {
        // add.w r0, r1, r2, lsl #3; lsls.w r3, r1, r2
        using var h = T32(0xEB01, 0x00C2, 0xFA11, 0xF302);
        h.Cpu.R[1] = 0x80000001; h.Cpu.R[2] = 1;
        RunTo(h, Base + 8);
        Assert.Equal(0x80000009u, h.Cpu.R[0]);
        Assert.Equal(2u, h.Cpu.R[3]);
        Assert.Equal("nzCv", Flags(h.Cpu));
    }

    [Fact]
    public void T32PlainBinaryImmediates()
    {
        // addw r0, r1, #4095; movw r2, #0xffff; movt r2, #0x1234; adr.w r3 (addw r3, pc, #96) at Base + 12
        using var h = T32(0xF601, 0x70FF, 0xF64F, 0x72FF, 0xF2C1, 0x2234, 0xF20F, 0x0360);
        h.Cpu.R[1] = 1;
        RunTo(h, Base + 16);
        Assert.Equal(4096u, h.Cpu.R[0]);
        Assert.Equal(0x1234FFFFu, h.Cpu.R[2]);
        Assert.Equal(Base + 16 + 96, h.Cpu.R[3]);
    }

    [Fact]
    public void T32DataProcessingWithPcDestinationIsUndefined()
    {
        using var h = T32(0xEB02, 0x3FF9); // add.w pc, r2, r9, ror #15
        RunTo(h, Base);
    }
}
