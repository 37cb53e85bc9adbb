using Xenith.Cpu.Arm.Tests.Support;

namespace Xenith.Cpu.Arm.Tests.LoadStore;

public class ExclusiveTests
{
    private const uint Data = 0x8000;

    [Fact]
    public void LdrexStrexSucceedsOnceThenFails()
    {
        using var h = new CpuHarness();
        h.A32(
            0xE1910F9F,  // ldrex r0, [r1]
            0xE2800001,  // add r0, r0, #1
            0xE1812F90,  // strex r2, r0, [r1]
            0xE1813F90); // strex r3, r0, [r1]  (monitor now open: fails)
        h.Cpu.R[1] = Data;
        h.Cpu.Write32(Data, 41);
        Assert.Equal(ExitReason.Hvc, h.Run());
        Assert.Equal(0u, h.Cpu.R[2]);
        Assert.Equal(1u, h.Cpu.R[3]);
        Assert.True(h.Cpu.Read32(Data, out uint v));
        Assert.Equal(42u, v);
        Assert.False(h.Cpu.ExclusiveArmed);
    }

    /// <summary>STREX is a compare-and-swap against what LDREX read: a store that changed the location in between
    /// (here the CPU's own STR, on a real system another vCPU thread or the hypervisor) makes it fail.</summary>
    [Theory]
    [InlineData(0xE1910F9Fu, 0xE5815000u, 0xE1812F90u)] // ldrex r0, [r1]; str r5, [r1]; strex r2, r0, [r1]
    [InlineData(0xE1D10F9Fu, 0xE5C15000u, 0xE1C12F90u)] // ldrexb / strb / strexb
    [InlineData(0xE1F10F9Fu, 0xE1C150B0u, 0xE1E12F90u)] // ldrexh / strh / strexh
    public void StrexFailsWhenTheLocationChangedSinceLdrex(uint ldrex, uint store, uint strex)
    {
        using var h = new CpuHarness();
        h.A32(ldrex, store, strex);
        h.Cpu.R[1] = Data;
        h.Cpu.R[5] = 0x77;
        h.Cpu.Write32(Data, 0x11);
        Assert.Equal(ExitReason.Hvc, h.Run());
        Assert.Equal(1u, h.Cpu.R[2]);
        Assert.True(h.Cpu.Read32(Data, out uint v));
        Assert.Equal(0x77u, v);
    }

    [Fact]
    public void StrexdFailsWhenEitherWordChangedSinceLdrexd()
    {
        using var h = new CpuHarness();
        // ldrexd r4, r5, [r1]; str r6, [r1, #4]; strexd r0, r2, r3, [r1]
        h.A32(0xE1B14F9F, 0xE5816004, 0xE1A10F92);
        h.Cpu.R[1] = Data;
        h.Cpu.R[6] = 0x99;
        h.Cpu.R[2] = 0x0A0A0A0A;
        Assert.Equal(ExitReason.Hvc, h.Run());
        Assert.Equal(1u, h.Cpu.R[0]);
        Assert.True(h.Cpu.Read32(Data, out uint lo));
        Assert.Equal(0u, lo);
    }

    [Fact]
    public void StrexToAnotherAddressFailsAndStoresNothing()
    {
        using var h = new CpuHarness();
        h.A32(0xE1910F9F, 0xE1842F90); // ldrex r0, [r1]; strex r2, r0, [r4]
        h.Cpu.R[1] = Data;
        h.Cpu.R[4] = Data + 8;
        h.Cpu.R[0] = 5;
        Assert.Equal(ExitReason.Hvc, h.Run());
        Assert.Equal(1u, h.Cpu.R[2]);
        Assert.True(h.Cpu.Read32(Data + 8, out uint v));
        Assert.Equal(0u, v);
    }

    [Fact]
    public void UnalignedExclusivesRaiseAlignmentFaults()
    {
        using var h = new CpuHarness();
        h.A32(0xE1F10F9F); // ldrexh r0, [r1]
        h.Cpu.R[1] = Data + 1;
        Assert.Equal(ExitReason.DataAbort, h.Run());
        Assert.Equal(1u, h.Cpu.Dfsr & 0xF);

        using var h2 = new CpuHarness();
        h2.A32(0xE1812F90); // strex r2, r0, [r1], monitor not armed: the alignment check comes first
        h2.Cpu.R[1] = Data + 2;
        Assert.Equal(ExitReason.DataAbort, h2.Run());
        Assert.Equal(1u, h2.Cpu.Dfsr & 0xF);
    }

    [Fact]
    public void LdrexdStrexdMoveADoubleword()
    {
        using var h = new CpuHarness();
        h.A32(0xE1B14F9F, 0xE1A10F92); // ldrexd r4, r5, [r1]; strexd r0, r2, r3, [r1]
        h.Cpu.R[1] = Data;
        h.Cpu.R[2] = 0x0A0A0A0A;
        h.Cpu.R[3] = 0x0B0B0B0B;
        h.Cpu.Write32(Data, 0x11);
        h.Cpu.Write32(Data + 4, 0x22);
        Assert.Equal(ExitReason.Hvc, h.Run());
        Assert.Equal(0x11u, h.Cpu.R[4]);
        Assert.Equal(0x22u, h.Cpu.R[5]);
        Assert.Equal(0u, h.Cpu.R[0]);
        Assert.True(h.Cpu.Read32(Data, out uint lo));
        Assert.True(h.Cpu.Read32(Data + 4, out uint hi));
        Assert.Equal(0x0A0A0A0Au, lo);
        Assert.Equal(0x0B0B0B0Bu, hi);
    }

    [Fact]
    public void ByteExclusivesZeroExtend()
    {
        using var h = new CpuHarness();
        h.A32(0xE1D10F9F, 0xE1C12F93); // ldrexb r0, [r1]; strexb r2, r3, [r1]
        h.Cpu.R[1] = Data + 3;
        h.Cpu.R[3] = 0x1FF;
        h.Cpu.Write32(Data, 0x80000000);
        Assert.Equal(ExitReason.Hvc, h.Run());
        Assert.Equal(0x80u, h.Cpu.R[0]);
        Assert.Equal(0u, h.Cpu.R[2]);
        Assert.True(h.Cpu.Read32(Data, out uint v));
        Assert.Equal(0xFF000000u, v);
    }
}
