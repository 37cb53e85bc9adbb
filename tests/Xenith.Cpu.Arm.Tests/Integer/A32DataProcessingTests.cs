using Xenith.Cpu.Arm.Tests.Support;
using static Xenith.Cpu.Arm.Tests.Integer.IntegerCode;

namespace Xenith.Cpu.Arm.Tests.Integer;

public class A32DataProcessingTests
{
    private const uint Base = CpuHarness.CodeBase;

    /// <summary>One A32 instruction with r1, r2, r3 and the flags set up; returns r0 and NZCV.</summary>
    private static (uint R0, string Flags) Exec(uint insn, uint r1, uint r2, uint r3 = 0, string flagsIn = "nzcv", uint r0 = 0xDEAD)
    {
        using var h = A32(insn);
        var c = h.Cpu;
        c.R[0] = r0; c.R[1] = r1; c.R[2] = r2; c.R[3] = r3;
        c.N = flagsIn[0] == 'N'; c.Z = flagsIn[1] == 'Z'; c.C = flagsIn[2] == 'C'; c.V = flagsIn[3] == 'V';
        RunTo(h, Base + 4);
        return (c.R[0], Flags(c));
    }

    [Theory]
    [InlineData(0xE0910002u, 0x7FFFFFFFu, 1u, 0x80000000u, "NzcV")] // adds r0, r1, r2: signed overflow
    [InlineData(0xE0910002u, 0xFFFFFFFFu, 1u, 0u, "nZCv")] // adds: carry out, zero
    [InlineData(0xE0510002u, 0u, 1u, 0xFFFFFFFFu, "Nzcv")] // subs r0, r1, r2: borrow clears C
    [InlineData(0xE0510002u, 5u, 5u, 0u, "nZCv")] // subs: equal sets C
    [InlineData(0xE0510002u, 0x80000000u, 1u, 0x7FFFFFFFu, "nzCV")] // subs: signed overflow
    [InlineData(0xE0710002u, 1u, 3u, 2u, "nzCv")] // rsbs r0, r1, r2
    [InlineData(0xE0010002u, 0xF0F0u, 0xFF00u, 0xF000u, "nzcv")] // and r0, r1, r2 (flags untouched)
    [InlineData(0xE1D10002u, 0xFFFFu, 0x0F0Fu, 0xF0F0u, "nzcv")] // bics r0, r1, r2
    [InlineData(0xE1F00002u, 0u, 0u, 0xFFFFFFFFu, "Nzcv")] // mvns r0, r2
    public void ArithmeticAndLogicalFlags(uint insn, uint r1, uint r2, uint expected, string flags)
    {
        var (r0, f) = Exec(insn, r1, r2);
        Assert.Equal(expected, r0);
        Assert.Equal(flags, f);
    }

    [Theory]
    [InlineData(0xE0B10002u, "nzcv", 0x11u)] // adcs r0, r1, r2 with C clear
    [InlineData(0xE0B10002u, "nzCv", 0x12u)] // adcs with C set
    [InlineData(0xE0D10002u, "nzCv", 0x0Fu)] // sbcs r0, r1, r2 with C set: r1 - r2
    [InlineData(0xE0D10002u, "nzcv", 0x0Eu)] // sbcs with C clear: r1 - r2 - 1
    [InlineData(0xE0F10002u, "nzcv", 0xFFFFFFF0u)] // rscs r0, r1, r2: r2 - r1 - 1
    public void CarryInOperations(uint insn, string flagsIn, uint expected)
    {
        var (r0, _) = Exec(insn, 0x10, 1, flagsIn: flagsIn);
        Assert.Equal(expected, r0);
    }

    [Theory]
    [InlineData(0xE1B00081u, 0x80000001u, 2u, "nzCv")] // lsls r0, r1, #1
    [InlineData(0xE1B00021u, 0x80000000u, 0u, "nZCv")] // lsrs r0, r1, #32
    [InlineData(0xE1B00041u, 0x80000000u, 0xFFFFFFFFu, "NzCv")] // asrs r0, r1, #32
    [InlineData(0xE1B000E1u, 0x00000003u, 0x80000001u, "NzCv")] // rors r0, r1, #1
    [InlineData(0xE1B00061u, 0x00000002u, 0x80000001u, "Nzcv")] // rrxs r0, r1 with C set in
    public void ImmediateShiftCarry(uint insn, uint r1, uint expected, string flags)
    {
        var (r0, f) = Exec(insn, r1, 0, flagsIn: "nzCv");
        Assert.Equal(expected, r0);
        Assert.Equal(flags, f);
    }

    [Theory]
    [InlineData(0xE1B00211u, 0u, 0x80000001u, 0x80000001u, "NzCv")] // lsls r0, r1, r2 by 0: C unchanged
    [InlineData(0xE1B00211u, 32u, 0x80000001u, 0u, "nZCv")] // by 32: C = bit 0
    [InlineData(0xE1B00211u, 33u, 0x80000001u, 0u, "nZcv")] // by 33: C = 0
    [InlineData(0xE1B00211u, 0x120u, 0x80000001u, 0u, "nZCv")] // only the bottom byte counts (0x20)
    [InlineData(0xE1B00231u, 32u, 0x80000000u, 0u, "nZCv")] // lsrs by 32: C = bit 31
    [InlineData(0xE1B00251u, 200u, 0x80000000u, 0xFFFFFFFFu, "NzCv")] // asrs by 200
    [InlineData(0xE1B00271u, 32u, 0x80000001u, 0x80000001u, "NzCv")] // rors by 32: value kept, C = bit 31
    [InlineData(0xE1B00271u, 36u, 0x00000010u, 0x00000001u, "nzcv")] // rors by 36 = by 4
    public void RegisterShiftCarry(uint insn, uint r2, uint r1, uint expected, string flags)
    {
        var (r0, f) = Exec(insn, r1, r2, flagsIn: "nzCv");
        Assert.Equal(expected, r0);
        Assert.Equal(flags, f);
    }

    [Fact]
    public void RegisterShiftedArithmetic()
    {
        // add r0, r1, r2, lsl r3
        var (r0, _) = Exec(0xE0810312, 1, 3, r3: 4);
        Assert.Equal(49u, r0);
    }

    [Fact]
    public void LogicalImmediateTakesCarryFromTheRotation()
    {
        // ands r0, r1, #0x80000000 (rotated): C = bit 31 of the constant
        var (r0, f) = Exec(0xE2110102, 0x80000000, 0);
        Assert.Equal(0x80000000u, r0);
        Assert.Equal("NzCv", f);
        // ands r0, r1, #1 (no rotation): C unchanged
        (r0, f) = Exec(0xE2110001, 0x80000001, 0, flagsIn: "nzCV");
        Assert.Equal(1u, r0);
        Assert.Equal("nzCV", f);
    }

    [Theory]
    [InlineData(0xE3510005u, 5u, "nZCv")] // cmp r1, #5
    [InlineData(0xE3710001u, 0xFFFFFFFFu, "nZCv")] // cmn r1, #1
    [InlineData(0xE3110002u, 1u, "nZcv")] // tst r1, #2
    [InlineData(0xE3310001u, 1u, "nZcv")] // teq r1, #1
    public void ComparesOnlySetFlags(uint insn, uint r1, string flags)
    {
        var (r0, f) = Exec(insn, r1, 0);
        Assert.Equal(0xDEADu, r0);
        Assert.Equal(flags, f);
    }

    [Fact]
    public void PcReadsAsAddressPlusEightAndAdrIsResolved()
    {
        using var h = A32(0xE1A0000F, 0xE28F1008, 0xE24F2008); // mov r0, pc; add r1, pc, #8; sub r2, pc, #8
        RunTo(h, Base + 12);
        Assert.Equal(Base + 8, h.Cpu.R[0]);
        Assert.Equal(Base + 4 + 16, h.Cpu.R[1]);
        Assert.Equal(Base + 8, h.Cpu.R[2]);
    }

    [Fact]
    public void MovwMovt()
    {
        using var h = A32(0xE3050678, 0xE3410234); // movw r0, #0x5678; movt r0, #0x1234
        h.Cpu.R[0] = 0xFFFFFFFF;
        RunTo(h, Base + 8);
        Assert.Equal(0x12345678u, h.Cpu.R[0]);
    }

    [Fact]
    public void ConditionFailedDoesNothing()
    {
        using var h = A32(0x03A00001); // moveq r0, #1
        h.Cpu.Z = false;
        RunTo(h, Base + 4);
        Assert.Equal(0u, h.Cpu.R[0]);
    }

    [Fact]
    public void RegisterShiftedRegisterWithPcIsUndefined()
    {
        using var h = A32(0xE08F0312); // add r0, pc, r2, lsl r3
        RunTo(h, Base);
    }

    [Fact]
    public void CompareWithNonZeroRdIsUndefined()
    {
        using var h = A32(0xE3511005); // cmp r1, #5 with Rd = r1 (SBZ field set)
        RunTo(h, Base);
    }
}
