using Xenith.Memory;

namespace Xenith.Memory.Tests;

public unsafe class PhysicalMemoryTests
{
    private sealed class Recorder : IMmioDevice
    {
        public List<(ulong Offset, int Size, ulong Value)> Writes { get; } = [];
        public ulong Read(ulong offset, int size) => 0x1000 + offset + (ulong)size;
        public void Write(ulong offset, int size, ulong value) => Writes.Add((offset, size, value));
    }

    [Fact]
    public void RamPagesAreFoundByAnyAddressInsideThem()
    {
        using var m = new PhysicalMemory();
        m.AddRam(0x4000_0000, 0x2000);
        byte* first = m.RamPage(0x4000_0000);
        Assert.True(first != null);
        Assert.True(m.RamPage(0x4000_0FFF) == first);
        Assert.True(m.RamPage(0x4000_1000) == first + 0x1000);
        Assert.True(m.RamPage(0x4000_2000) == null);
        Assert.True(m.RamPage(0x3FFF_FFFF) == null);
    }

    [Fact]
    public void RamAbove4GiBIsReachable()
    {
        using var m = new PhysicalMemory();
        m.AddRam(0x1_0000_0000, 0x1000);
        m.Write(0x1_0000_0010, [1, 2, 3]);
        var back = new byte[3];
        m.Read(0x1_0000_0010, back);
        Assert.Equal(new byte[] { 1, 2, 3 }, back);
        Assert.True(m.RamPage(0x0000_0010) == null);
    }

    [Fact]
    public void CopiesCrossPagesAndRefuseNonRam()
    {
        using var m = new PhysicalMemory();
        m.AddRam(0, 0x2000);
        var data = Enumerable.Range(0, 0x20).Select(i => (byte)i).ToArray();
        m.Write(0xFF0, data);
        var back = new byte[0x20];
        m.Read(0xFF0, back);
        Assert.Equal(data, back);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => m.Write(0x1FF0, data));
        Assert.Contains("0x2000", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DevicesSeeOffsetsFromTheirBase()
    {
        using var m = new PhysicalMemory();
        var dev = new Recorder();
        m.AddDevice(0x0900_0000, 0x1000, dev);
        Assert.True(m.TryWrite(0x0900_0018, 4, 0xAB));
        Assert.Equal((0x18ul, 4, 0xABul), dev.Writes.Single());
        Assert.True(m.TryRead(0x0900_0004, 2, out ulong v));
        Assert.Equal(0x1000ul + 4 + 2, v);
        Assert.False(m.TryRead(0x0900_1000, 4, out _));
        Assert.False(m.TryWrite(0x0800_0000, 4, 0));
    }

    [Fact]
    public void MisalignedRamIsRejected()
    {
        using var m = new PhysicalMemory();
        Assert.Throws<ArgumentException>(() => m.AddRam(0x800, 0x1000));
        Assert.Throws<ArgumentException>(() => m.AddRam(0x1000, 0x800));
    }
}
