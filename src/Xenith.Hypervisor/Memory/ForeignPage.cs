namespace Xenith.Hypervisor.Memory;

/// <summary>
/// A privileged mapping of one page of another domain (xenforeignmemory_map, as xenconsoled and xenstored use for
/// the magic pages): the backend reads and writes the frame directly. It holds a reference to the machine frame,
/// so a guest that gives the page back (decrease_reservation) or is destroyed cannot have it reused under the
/// backend; the frame returns to the pool when the mapping is disposed. Take and dispose it under the gate.
/// </summary>
public sealed unsafe class ForeignPage : IDisposable
{
    private readonly MachineMemory _machine;
    private bool _disposed;

    private ForeignPage(MachineMemory machine, uint mfn)
    {
        _machine = machine;
        Mfn = mfn;
        machine.AddRef(mfn);
    }

    public uint Mfn { get; }

    public byte* Pointer => _disposed ? throw new ObjectDisposedException(nameof(ForeignPage)) : _machine.Frame(Mfn);

    public Span<byte> Span => new(Pointer, MachineMemory.FrameSize);

    /// <summary>Maps <paramref name="gfn"/> of <paramref name="p2m"/>; null if it is not RAM.</summary>
    public static ForeignPage? Map(MachineMemory machine, P2m p2m, ulong gfn) =>
        p2m.TryGet(gfn, out P2mEntry e) && e.Type == P2mType.Ram ? new ForeignPage(machine, e.Mfn) : null;

    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        _machine.Release(Mfn);
    }
}
