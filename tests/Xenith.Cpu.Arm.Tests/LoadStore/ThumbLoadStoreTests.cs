using Xenith.Cpu.Arm.Tests.Support;

namespace Xenith.Cpu.Arm.Tests.LoadStore;

public class ThumbLoadStoreTests
{
    private const uint Data = 0x8000;

    private static CpuHarness Run(Action<CpuHarness> setup, params ushort[] code)
    {
        var h = new CpuHarness();
        h.T32(code);
        setup(h);
        Assert.Equal(ExitReason.Undefined, h.Run());
        return h;
    }

    [Fact]
    public void T16ImmediateRegisterAndSpRelativeForms()
    {
        using var h = Run(h =>
        {
            h.Cpu.Write32(Data + 4, 0x11223344);
            h.Cpu.R[1] = Data;
            h.Cpu.R[2] = 4;
            h.Cpu.R[13] = Data;
            h.Cpu.R[6] = 0x99;
        },
            0x6848,  // ldr r0, [r1, #4]
            0x5A8B,  // ldrh r3, [r1, r2]
            0x568C,  // ldrsb r4, [r1, r2]
            0x9D01,  // ldr r5, [sp, #4]
            0x9602); // str r6, [sp, #8]
        Assert.Equal(0x11223344u, h.Cpu.R[0]);
        Assert.Equal(0x3344u, h.Cpu.R[3]);
        Assert.Equal(0x44u, h.Cpu.R[4]);
        Assert.Equal(0x11223344u, h.Cpu.R[5]);
        Assert.True(h.Cpu.Read32(Data + 8, out uint v));
        Assert.Equal(0x99u, v);
    }

    [Fact]
    public void T16LiteralAlignsThePc()
    {
        // At 0x1002 the PC reads 0x1006, aligned to 0x1004: ldr r0, [pc, #4] loads from 0x1008.
        using var h = new CpuHarness();
        h.T32(0xBF00, 0x4801, 0xDEFF, 0xBF00, 0x5678, 0x1234); // nop; ldr r0, [pc, #4]; udf; nop; .word
        Assert.Equal(ExitReason.Undefined, h.Run());
        Assert.Equal(0x12345678u, h.Cpu.R[0]);
    }

    [Fact]
    public void T16LdmWithBaseInListDoesNotWriteBack()
    {
        using var h = Run(h =>
        {
            h.Cpu.R[1] = Data;
            h.Cpu.Write32(Data, 0xA);
            h.Cpu.Write32(Data + 4, 0xB);
        },
            0xC903); // ldmia r1, {r0, r1}
        Assert.Equal(0xAu, h.Cpu.R[0]);
        Assert.Equal(0xBu, h.Cpu.R[1]);
    }

    [Fact]
    public void T16StmiaWritesBack()
    {
        using var h = Run(h =>
        {
            h.Cpu.R[1] = Data;
            h.Cpu.R[2] = 2;
            h.Cpu.R[3] = 3;
        },
            0xC10C); // stmia r1!, {r2, r3}
        Assert.Equal(Data + 8, h.Cpu.R[1]);
        Assert.True(h.Cpu.Read32(Data + 4, out uint v));
        Assert.Equal(3u, v);
    }

    [Fact]
    public void PushPopWithPcReturnsToArm()
    {
        using var h = new CpuHarness();
        h.T32(0xB510, 0x2400, 0xBD10); // push {r4, lr}; movs r4, #0; pop {r4, pc}
        h.Cpu.R[13] = Data;
        h.Cpu.R[4] = 0x44;
        h.Cpu.R[14] = 0x3000; // bit 0 clear: return to A32
        h.Cpu.Write32(0x3000, 0xE1400070); // hvc #0
        Assert.Equal(ExitReason.Hvc, h.Run());
        Assert.False(h.Cpu.T);
        Assert.Equal(0x44u, h.Cpu.R[4]);
        Assert.Equal(Data, h.Cpu.R[13]);
    }

    [Fact]
    public void T32WideFormsAndIndexing()
    {
        using var h = Run(h =>
        {
            h.Cpu.Write32(Data + 0x100, 0xFEEDFACE);
            h.Cpu.R[1] = Data;
            h.Cpu.R[2] = 0x40;
            h.Cpu.R[7] = 0x77;
        },
            0xF8D1, 0x0100,  // ldr.w r0, [r1, #256]
            0xF851, 0x3022,  // ldr.w r3, [r1, r2, lsl #2]
            0xF841, 0x7D04,  // str r7, [r1, #-4]!
            0xF931, 0x4B02,  // ldrsh r4, [r1], #2
            0xF811, 0x5C01); // ldrb r5, [r1, #-1]
        Assert.Equal(0xFEEDFACEu, h.Cpu.R[0]);
        Assert.Equal(0xFEEDFACEu, h.Cpu.R[3]);
        Assert.Equal(0x77u, h.Cpu.R[4]);
        Assert.Equal(Data - 2, h.Cpu.R[1]);
        Assert.Equal(0u, h.Cpu.R[5]);
        Assert.True(h.Cpu.Read32(Data - 4, out uint v));
        Assert.Equal(0x77u, v);
    }

    [Fact]
    public void T32PushPopWide()
    {
        using var h = Run(h =>
        {
            h.Cpu.R[13] = Data;
            h.Cpu.R[8] = 8;
            h.Cpu.R[9] = 9;
        },
            0xE92D, 0x0300,  // push.w {r8, r9}
            0xE8BD, 0x0C00); // pop.w {sl, fp}
        Assert.Equal(8u, h.Cpu.R[10]);
        Assert.Equal(9u, h.Cpu.R[11]);
        Assert.Equal(Data, h.Cpu.R[13]);
    }

    [Fact]
    public void T32LdrdStrdAndLiteral()
    {
        using var h = Run(h =>
        {
            h.Cpu.R[1] = Data;
            h.Cpu.R[2] = 0x2222;
            h.Cpu.R[3] = 0x3333;
        },
            0xE9E1, 0x2302,  // strd r2, r3, [r1, #8]!
            0xE9D1, 0x4500); // ldrd r4, r5, [r1]
        Assert.Equal(Data + 8, h.Cpu.R[1]);
        Assert.Equal(0x2222u, h.Cpu.R[4]);
        Assert.Equal(0x3333u, h.Cpu.R[5]);
    }

    [Fact]
    public void T32ExclusiveWithOffset()
    {
        using var h = Run(h =>
        {
            h.Cpu.R[1] = Data;
            h.Cpu.Write32(Data + 8, 7);
        },
            0xE851, 0x0F02,  // ldrex r0, [r1, #8]
            0xE841, 0x0302); // strex r3, r0, [r1, #8]
        Assert.Equal(7u, h.Cpu.R[0]);
        Assert.Equal(0u, h.Cpu.R[3]);
    }

    [Fact]
    public void TbbAndTbhBranchThroughTables()
    {
        using var h = new CpuHarness();
        // 0x1000 tbb [pc, r0]; table at 0x1004: {2, 4}; 0x1006: udf; 0x1008: movs r1, #1; udf; 0x100c: movs r1, #2; udf
        h.T32(0xE8DF, 0xF000, 0x0402, 0xDEFE, 0x2101, 0xDEFD, 0x2102, 0xDEFC);
        h.Cpu.R[0] = 1;
        Assert.Equal(ExitReason.Undefined, h.Run());
        Assert.Equal(2u, h.Cpu.R[1]);

        using var h2 = new CpuHarness();
        // tbh [r2, r0, lsl #1] with a table in data memory: entry 1 = 4 halfwords → 0x1004 + 8.
        h2.T32(0xE8D2, 0xF010, 0xDEFE, 0xDEFE, 0xDEFE, 0xDEFE, 0x2107);
        h2.Cpu.R[0] = 1;
        h2.Cpu.R[2] = Data;
        h2.Cpu.Write16(Data + 2, 4);
        Assert.Equal(ExitReason.Undefined, h2.Run());
        Assert.Equal(7u, h2.Cpu.R[1]);
    }

    [Fact]
    public void T32PreloadsAreNops()
    {
        using var h = Run(h => h.Cpu.R[1] = 0xF0000000,
            0xF891, 0xF004,  // pld [r1, #4]
            0xF8B1, 0xF004,  // pldw [r1, #4]
            0xF991, 0xF004); // pli [r1, #4]
        Assert.Equal(3ul, h.Cpu.Instructions);
    }

    [Fact]
    public void LdrToPcInsideItBlockMustBeLast()
    {
        using var h = new CpuHarness();
        h.T32(0xBF04, 0xF8D1, 0xF000, 0x2000); // itt eq; ldr.w pc, [r1]; movs r0, #0
        h.Cpu.Z = true;
        Assert.Equal(ExitReason.Undefined, h.Run());
        Assert.Equal(CpuHarness.CodeBase + 2, h.Cpu.Pc);
    }
}
