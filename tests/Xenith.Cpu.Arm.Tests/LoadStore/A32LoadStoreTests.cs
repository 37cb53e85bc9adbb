using Xenith.Cpu.Arm.Tests.Support;

namespace Xenith.Cpu.Arm.Tests.LoadStore;

public class A32LoadStoreTests
{
    private const uint Data = 0x8000;

    private static CpuHarness Run(Action<CpuHarness> setup, params uint[] code)
    {
        var h = new CpuHarness();
        h.A32(code);
        setup(h);
        Assert.Equal(ExitReason.Hvc, h.Run());
        return h;
    }

    [Fact]
    public void LdrImmediateOffsetPreAndPostIndex()
    {
        using var h = Run(h =>
        {
            h.Cpu.Write32(Data + 4, 0x11111111);
            h.Cpu.Write32(Data + 8, 0x22222222);
            h.Cpu.Write32(Data - 4, 0x33333333);
            h.Cpu.R[1] = Data;
        },
            0xE5910004,  // ldr r0, [r1, #4]
            0xE5B12008,  // ldr r2, [r1, #8]!
            0xE4113C04); // ldr r3, [r1], #-3076
        Assert.Equal(0x11111111u, h.Cpu.R[0]);
        Assert.Equal(0x22222222u, h.Cpu.R[2]);
        Assert.Equal(0x22222222u, h.Cpu.R[3]);
        Assert.Equal(Data + 8 - 3076, h.Cpu.R[1]);
    }

    [Fact]
    public void StrRegisterOffsetWithShiftAndNegativeIndex()
    {
        using var h = Run(h =>
        {
            h.Cpu.R[0] = 0xCAFEF00D;
            h.Cpu.R[1] = Data;
            h.Cpu.R[2] = 3;
        },
            0xE7810102,  // str r0, [r1, r2, lsl #2]
            0xE7210102); // str r0, [r1, -r2, lsl #2]!
        Assert.True(h.Cpu.Read32(Data + 12, out uint a));
        Assert.True(h.Cpu.Read32(Data - 12, out uint b));
        Assert.Equal(0xCAFEF00Du, a);
        Assert.Equal(0xCAFEF00Du, b);
        Assert.Equal(Data - 12, h.Cpu.R[1]);
    }

    [Fact]
    public void ByteAndHalfwordLoadsExtendCorrectly()
    {
        using var h = Run(h =>
        {
            h.Cpu.Write32(Data, 0x80F1_8283);
            h.Cpu.R[1] = Data;
        },
            0xE5D10000,  // ldrb r0, [r1]
            0xE1D120D0,  // ldrsb r2, [r1]
            0xE1D130B2,  // ldrh r3, [r1, #2]
            0xE1D140F2,  // ldrsh r4, [r1, #2]
            0xE1D150F1); // ldrsh r5, [r1, #1] (unaligned, allowed with SCTLR.A = 0)
        Assert.Equal(0x83u, h.Cpu.R[0]);
        Assert.Equal(0xFFFFFF83u, h.Cpu.R[2]);
        Assert.Equal(0x80F1u, h.Cpu.R[3]);
        Assert.Equal(0xFFFF80F1u, h.Cpu.R[4]);
        Assert.Equal(0xFFFFF182u, h.Cpu.R[5]);
    }

    [Fact]
    public void StoreByteAndHalfwordWriteOnlyTheirBytes()
    {
        using var h = Run(h =>
        {
            h.Cpu.Write32(Data, 0xFFFFFFFF);
            h.Cpu.R[0] = 0x12345678;
            h.Cpu.R[1] = Data;
        },
            0xE5C10000,  // strb r0, [r1]
            0xE1C100B2); // strh r0, [r1, #2]
        Assert.True(h.Cpu.Read32(Data, out uint v));
        Assert.Equal(0x5678FF78u, v);
    }

    [Fact]
    public void LdrLiteralUsesPcPlus8()
    {
        using var h = new CpuHarness();
        h.A32(0xE59F0000, 0xE1400070, 0xDEADBEEF); // ldr r0, [pc, #0]; hvc; .word
        Assert.Equal(ExitReason.Hvc, h.Run());
        Assert.Equal(0xDEADBEEFu, h.Cpu.R[0]);
    }

    [Fact]
    public void LdrToPcInterworks()
    {
        using var h = new CpuHarness();
        h.A32(0xE591F000); // ldr pc, [r1]
        h.Cpu.R[1] = Data;
        h.Cpu.Write32(Data, 0x2001);
        h.Cpu.Write16(0x2000, 0xDEFF); // udf in T32
        Assert.Equal(ExitReason.Undefined, h.Run());
        Assert.True(h.Cpu.T);
        Assert.Equal(0x2000u, h.Cpu.Pc);
    }

    [Fact]
    public void LdrdStrdTransferTwoWords()
    {
        using var h = Run(h =>
        {
            h.Cpu.R[2] = 0xAAAA0001;
            h.Cpu.R[3] = 0xBBBB0002;
            h.Cpu.R[1] = Data;
        },
            0xE1E120F8,  // strd r2, [r1, #8]!
            0xE0C140D8); // ldrd r4, [r1], #8  (r4, r5)
        Assert.Equal(0xAAAA0001u, h.Cpu.R[4]);
        Assert.Equal(0xBBBB0002u, h.Cpu.R[5]);
        Assert.Equal(Data + 16, h.Cpu.R[1]);
    }

    [Fact]
    public void LdrdUnalignedRaisesAlignmentFault()
    {
        using var h = new CpuHarness();
        h.A32(0xE1C100D2); // ldrd r0, [r1, #2]
        h.Cpu.R[1] = Data;
        Assert.Equal(ExitReason.DataAbort, h.Run());
        Assert.Equal(CpuHarness.CodeBase, h.Cpu.Pc);
        Assert.Equal(Data + 2, h.Cpu.FaultAddress);
        Assert.Equal(1u, h.Cpu.Dfsr & 0xF);
    }

    [Fact]
    public void LoadTypeSwpIsUndefined()
    {
        using var h = new CpuHarness();
        h.A32(0xE1010092); // swp r0, r2, [r1]
        Assert.Equal(ExitReason.Undefined, h.Run());
    }

    [Fact]
    public void PreloadNeverFaults()
    {
        using var h = Run(h => h.Cpu.R[1] = 0xF0000000,
            0xF5D1F004,  // pld [r1, #4]
            0xF591F004,  // pldw [r1, #4]
            0xF4D1F004,  // pli [r1, #4]
            0xF7D1F002); // pld [r1, r2]
        Assert.Equal(4ul + 1, h.Cpu.Instructions);
    }

    [Fact]
    public void FaultingLoadLeavesBaseUnchanged()
    {
        using var h = new CpuHarness();
        h.A32(0xE5B10004); // ldr r0, [r1, #4]!
        h.Cpu.R[1] = 0xF0000000;
        h.Cpu.R[0] = 7;
        Assert.Equal(ExitReason.DataAbort, h.Run());
        Assert.Equal(0xF0000000u, h.Cpu.R[1]);
        Assert.Equal(7u, h.Cpu.R[0]);
        Assert.Equal(0xF0000004u, h.Cpu.FaultAddress);
    }
}
