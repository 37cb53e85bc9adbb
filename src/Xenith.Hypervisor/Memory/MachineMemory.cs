using System.Runtime.InteropServices;

namespace Xenith.Hypervisor.Memory;

/// <summary>
/// The machine's RAM as Xen sees it: a pool of 4 KiB frames in one native allocation, numbered by machine
/// frame number (MFN). Frames are reference counted: a domain's p2m holds one reference per mapping, so a
/// frame another domain has mapped through a grant is freed only when the last mapping goes.
/// </summary>
public sealed unsafe class MachineMemory : IDisposable
{
    public const int FrameSize = 4096;

    private readonly byte* _base;
    private readonly int[] _refs;
    private readonly Stack<uint> _free = new();

    public MachineMemory(ulong bytes)
    {
        if (bytes == 0 || bytes % FrameSize != 0 || bytes / FrameSize > uint.MaxValue)
            throw new ArgumentOutOfRangeException(nameof(bytes), "machine memory must be a positive number of 4 KiB frames");
        TotalFrames = (uint)(bytes / FrameSize);
        _base = (byte*)NativeMemory.AlignedAlloc((nuint)bytes, FrameSize);
        _refs = new int[TotalFrames];
        // Hand out low frames first: easier to read in logs.
        for (uint mfn = TotalFrames; mfn-- > 0;)
            _free.Push(mfn);
    }

    public uint TotalFrames { get; }

    public uint FreeFrames => (uint)_free.Count;

    /// <summary>Takes a zeroed frame with one reference; false when the pool is empty.</summary>
    public bool TryAllocate(out uint mfn)
    {
        if (!_free.TryPop(out mfn))
            return false;
        _refs[mfn] = 1;
        NativeMemory.Clear(Frame(mfn), FrameSize);
        return true;
    }

    public void AddRef(uint mfn)
    {
        if (_refs[mfn] <= 0)
            throw new InvalidOperationException($"mfn {mfn:x} is free");
        _refs[mfn]++;
    }

    /// <summary>Drops one reference; the frame returns to the pool with the last one.</summary>
    public void Release(uint mfn)
    {
        if (_refs[mfn] <= 0)
            throw new InvalidOperationException($"mfn {mfn:x} is already free");
        if (--_refs[mfn] == 0)
            _free.Push(mfn);
    }

    public int References(uint mfn) => _refs[mfn];

    /// <summary>Host address of a frame's first byte.</summary>
    public byte* Frame(uint mfn) => _base + (nuint)mfn * FrameSize;

    public void Dispose() => NativeMemory.AlignedFree(_base);
}
