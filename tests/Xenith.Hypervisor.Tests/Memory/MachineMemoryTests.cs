using Xenith.Hypervisor.Memory;

namespace Xenith.Hypervisor.Tests.Memory;

/// <summary>The frame pool: allocation, zeroing, reference counts, exhaustion.</summary>
public class MachineMemoryTests
{
    [Fact]
    public unsafe void Frames_come_zeroed_and_return_to_the_pool_with_their_last_reference()
    {
        using var m = new MachineMemory(4 * 4096);
        Assert.Equal(4u, m.TotalFrames);
        Assert.True(m.TryAllocate(out uint a));
        m.Frame(a)[100] = 0x5A;
        m.AddRef(a);
        Assert.Equal(2, m.References(a));
        m.Release(a);
        Assert.Equal(3u, m.FreeFrames); // still held once
        m.Release(a);
        Assert.Equal(4u, m.FreeFrames);

        // The pool hands the same frame out again: it must not carry the old bytes.
        uint b;
        do
            Assert.True(m.TryAllocate(out b));
        while (b != a);
        Assert.Equal(0, m.Frame(b)[100]);
    }

    [Fact]
    public void An_empty_pool_refuses_and_double_frees_are_caught()
    {
        using var m = new MachineMemory(2 * 4096);
        Assert.True(m.TryAllocate(out uint a));
        Assert.True(m.TryAllocate(out _));
        Assert.False(m.TryAllocate(out _));
        m.Release(a);
        Assert.Throws<InvalidOperationException>(() => m.Release(a));
        Assert.Throws<InvalidOperationException>(() => m.AddRef(a));
    }
}
