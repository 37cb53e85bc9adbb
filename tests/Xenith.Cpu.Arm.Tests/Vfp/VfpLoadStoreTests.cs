using Xenith.Cpu.Arm.Tests.Support;
using static Xenith.Cpu.Arm.Tests.Vfp.VfpKit;

namespace Xenith.Cpu.Arm.Tests.Vfp;

/// <summary>VLDR/VSTR, VLDM/VSTM (register ranges, write-back), VPUSH/VPOP and FLDMX/FSTMX.</summary>
public class VfpLoadStoreTests
{
    private const uint Data = 0x2000;

    private static void Fill(CpuHarness h, uint addr, int words)
    {
        for (int i = 0; i < words; i++)
            Poke32(h, addr + (uint)(4 * i), 0xA0000000u + (uint)i);
    }

    private static uint Word(CpuHarness h, uint addr) => Peek32(h, addr);

    [Fact]
    public void VldrVstrWithOffsets()
    {
        using var h = Enabled();
        var c = h.Cpu;
        Fill(h, Data - 8, 4);
        c.R[0] = Data;
        c.D[1] = 0x1111_2222_3333_4444;
        SetS(c, 5, 0x5555_6666);
        RunA32(h,
            0xedd00a01,  // vldr s1, [r0, #4]
            0xed104b02,  // vldr d4, [r0, #-8]
            0xed001b02,  // vstr d1, [r0, #-8]
            0xedc02a00); // vstr s5, [r0]
        Assert.Equal(0xA0000003u, GetS(c, 1));
        Assert.Equal(0xA0000001_A0000000ul, c.D[4]);
        Assert.Equal(0x3333_4444u, Word(h, Data - 8));
        Assert.Equal(0x1111_2222u, Word(h, Data - 4));
        Assert.Equal(0x5555_6666u, Word(h, Data));
        Assert.Equal(Data, c.R[0]);
    }

    [Fact]
    public void A32LiteralLoadUsesPcPlus8()
    {
        using var h = Enabled();
        h.A32(0xed9f0b02); // vldr d0, [pc, #8] at 0x1000: address 0x1010
        Poke64(h, 0x1010, 0x0102_0304_0506_0708);
        Assert.Equal(ExitReason.Hvc, h.Run());
        Assert.Equal(0x0102_0304_0506_0708ul, h.Cpu.D[0]);
    }

    [Fact]
    public void T32LiteralLoadAlignsThePc()
    {
        using var h = Enabled();
        h.T32(0xbf00, 0xed9f, 0x0a02); // nop; vldr s0, [pc, #8] at 0x1002: Align(0x1006, 4) + 8 = 0x100c
        Poke32(h, 0x100C, 0x600DF00D);
        Assert.Equal(ExitReason.Undefined, h.Run());
        Assert.Equal(0x600DF00Du, GetS(h.Cpu, 0));
    }

    [Fact]
    public void VldmIncrementAfterWithWriteBack()
    {
        using var h = Enabled();
        var c = h.Cpu;
        Fill(h, Data, 8);
        c.R[0] = Data;
        RunA32(h, 0xecb00b08); // vldmia r0!, {d0-d3}
        for (int i = 0; i < 4; i++)
            Assert.Equal(((ulong)(0xA0000001u + 2 * (uint)i) << 32) | (0xA0000000u + 2 * (uint)i), c.D[i]);
        Assert.Equal(Data + 32, c.R[0]);
    }

    [Fact]
    public void VstmSinglesWithoutWriteBackAndVldmDecrementBefore()
    {
        using var h = Enabled();
        var c = h.Cpu;
        SetS(c, 2, 2);
        SetS(c, 3, 3);
        SetS(c, 4, 4);
        c.R[0] = Data;
        c.R[1] = Data + 12;
        RunA32(h,
            0xec801a03,  // vstmia r0, {s2-s4}
            0xed312a02); // vldmdb r1!, {s4-s5}
        Assert.Equal(2u, Word(h, Data));
        Assert.Equal(3u, Word(h, Data + 4));
        Assert.Equal(4u, Word(h, Data + 8));
        Assert.Equal(Data, c.R[0]);
        Assert.Equal(3u, GetS(c, 4));
        Assert.Equal(4u, GetS(c, 5));
        Assert.Equal(Data + 4, c.R[1]);
    }

    [Fact]
    public void PushAndPop()
    {
        using var h = Enabled();
        var c = h.Cpu;
        c.R[13] = Data + 0x100;
        c.D[8] = 0x8888_8888_0000_0008;
        c.D[9] = 0x9999_9999_0000_0009;
        RunA32(h,
            0xed2d8b04,  // vpush {d8-d9}
            0xecbd0a03); // vpop {s0-s2}
        Assert.Equal(0x0000_0008u, Word(h, Data + 0xF0));
        Assert.Equal(0x8888_8888u, Word(h, Data + 0xF4));
        Assert.Equal(0x0000_0009u, Word(h, Data + 0xF8));
        Assert.Equal(0x9999_9999u, Word(h, Data + 0xFC));
        Assert.Equal(8u, GetS(c, 0));
        Assert.Equal(0x8888_8888u, GetS(c, 1));
        Assert.Equal(9u, GetS(c, 2));
        Assert.Equal(Data + 0xFC, c.R[13]);
    }

    [Fact]
    public void FldmxAndFstmxMoveTheBaseByImm8Words()
    {
        using var h = Enabled();
        var c = h.Cpu;
        Fill(h, Data, 4);
        c.R[0] = Data;
        c.R[1] = Data + 0x100;
        RunA32(h,
            0xecb00b05,  // fldmiax r0!, {d0-d1}: base += 20
            0xed210b05); // fstmdbx r1!, {d0-d1}: base -= 20, stores from base - 20
        Assert.Equal(0xA0000001_A0000000ul, c.D[0]);
        Assert.Equal(0xA0000003_A0000002ul, c.D[1]);
        Assert.Equal(Data + 20, c.R[0]);
        Assert.Equal(Data + 0x100 - 20, c.R[1]);
        Assert.Equal(0xA0000000u, Word(h, Data + 0x100 - 20));
        Assert.Equal(0xA0000003u, Word(h, Data + 0x100 - 8));
    }

    [Fact]
    public void DoubleLoadLittleEndian()
    {
        using var h = Enabled();
        var c = h.Cpu;
        h.Memory.Write(Data, [0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77]);
        c.R[0] = Data;
        RunA32(h, 0xed900b00); // vldr d0, [r0]
        Assert.Equal(0x7766_5544_3322_1100ul, c.D[0]);
    }

    [Fact]
    public void UnalignedAccessIsAnAlignmentFault()
    {
        using var h = Enabled();
        var c = h.Cpu;
        c.R[0] = Data + 2;
        h.A32(0xed900a00); // vldr s0, [r0]
        Assert.Equal(ExitReason.DataAbort, h.Run());
        Assert.Equal(CpuHarness.CodeBase, c.Pc);
    }

    [Fact]
    public void DoubleNeedsOnlyWordAlignment()
    {
        using var h = Enabled();
        var c = h.Cpu;
        Fill(h, Data, 4);
        c.R[0] = Data + 4;
        RunA32(h, 0xed900b00); // vldr d0, [r0]
        Assert.Equal(0xA0000002_A0000001ul, c.D[0]);
    }
}
