using Xenith.Hypervisor.Memory;
using Xenith.Memory;

namespace Xenith.Hypervisor.Tests.Memory;

/// <summary>The p2m as a vCPU's physical bus: RAM pages, shared frames, read-only grants, devices, holes.</summary>
public class P2mTests
{
    private sealed class Register : IMmioDevice
    {
        public ulong Value;
        public ulong Read(ulong offset, int size) => Value + offset;
        public void Write(ulong offset, int size, ulong value) => Value = value;
    }

    [Fact]
    public unsafe void Ram_is_reached_by_pointer_and_a_hole_answers_nothing()
    {
        using var m = new MachineMemory(8 * 4096);
        var p = new P2m(m);
        Assert.True(p.Populate(0x40000));
        Assert.False(p.Populate(0x40000)); // taken
        Assert.True(p.RamPage(0x4000_0123) != null);
        Assert.True(p.RamPage(0x4000_1000) == null);
        Assert.False(p.TryRead(0x4000_1000, 4, out _));
        Assert.False(p.TryWrite(0x4000_1000, 4, 1));
    }

    [Fact]
    public unsafe void A_frame_mapped_twice_is_shared_and_freed_after_both_go()
    {
        using var m = new MachineMemory(8 * 4096);
        var a = new P2m(m);
        var b = new P2m(m);
        a.Populate(0x40000);
        a.TryGet(0x40000, out var e);
        b.Map(0x50000, e.Mfn, P2mType.GrantRw);
        a.RamPage(0x4000_0000)[7] = 0x42;
        Assert.Equal(0x42, b.RamPage(0x5000_0000)[7]);

        uint free = m.FreeFrames;
        a.Unmap(0x40000);
        Assert.Equal(free, m.FreeFrames); // b still maps it
        b.Unmap(0x50000);
        Assert.Equal(free + 1, m.FreeFrames);
    }

    [Fact]
    public unsafe void A_read_only_grant_reads_through_the_bus_and_refuses_stores()
    {
        using var m = new MachineMemory(8 * 4096);
        var a = new P2m(m);
        var b = new P2m(m);
        a.Populate(0x40000);
        a.TryGet(0x40000, out var e);
        a.RamPage(0x4000_0000)[4] = 0x99;
        b.Map(0x50000, e.Mfn, P2mType.GrantRo);
        Assert.True(b.RamPage(0x5000_0000) == null); // no pointer: it would take stores
        Assert.True(b.TryRead(0x5000_0004, 1, out ulong v));
        Assert.Equal(0x99ul, v);
        Assert.False(b.TryWrite(0x5000_0004, 1, 0));
        Assert.Equal(0x99, a.RamPage(0x4000_0000)[4]);
    }

    [Fact]
    public void Devices_answer_in_their_window_and_changes_are_announced()
    {
        using var m = new MachineMemory(8 * 4096);
        var p = new P2m(m);
        var reg = new Register();
        p.AddDevice(0x0300_1000, 0x1000, reg);
        int changes = 0;
        p.Changed += () => changes++;
        Assert.True(p.TryWrite(0x0300_1000, 4, 7));
        Assert.True(p.TryRead(0x0300_1004, 4, out ulong v));
        Assert.Equal(11ul, v);
        p.Populate(0x40000);
        p.Unmap(0x40000);
        Assert.Equal(2, changes);
    }
}
