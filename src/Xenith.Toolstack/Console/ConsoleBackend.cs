using System.Text;
using Xenith.Abi;
using Xenith.Hypervisor.Domains;
using Xenith.Hypervisor.Memory;

namespace Xenith.Toolstack.Console;

/// <summary>
/// xenconsoled's job for one domain: the PV console ring in the guest's console magic page (spec 9). Guest output
/// is drained when the guest notifies, kept in a bounded log and handed to attached clients (xl console); input
/// from a client goes into the ring's in[] half. The backend end of the event channel is domain 0's port; all
/// methods run under the hypervisor's gate.
/// </summary>
public sealed unsafe class ConsoleBackend : IDisposable
{
    /// <summary>What the log keeps (console/limit, 1 MiB in libxl).</summary>
    public const int LogLimit = 1 << 20;

    private const int InOffset = 0, OutOffset = 1024, InConsOffset = 3072, InProdOffset = 3076, OutConsOffset = 3080, OutProdOffset = 3084;

    private readonly Domain _dom0;
    private readonly ForeignPage _page;
    private readonly uint _port;
    private readonly List<byte> _log = [];
    private readonly TextWriter? _file;

    private ConsoleBackend(Domain dom0, ForeignPage page, uint port, TextWriter? file)
    {
        _dom0 = dom0;
        _page = page;
        _port = port;
        _file = file;
    }

    /// <summary>Connects to <paramref name="guest"/>'s console (its ring page and the unbound port it offered domain 0).</summary>
    public static ConsoleBackend Connect(MachineMemory machine, Domain dom0, Domain guest, ulong ringGfn, uint guestPort, TextWriter? file = null)
    {
        var page = ForeignPage.Map(machine, guest.P2m, ringGfn) ?? throw new InvalidOperationException($"d{guest.Id}: console ring gfn 0x{ringGfn:x} is not RAM");
        long rc = dom0.Events.BindInterdomain(guest, guestPort, out uint local);
        if (rc != 0)
        {
            page.Dispose();
            throw new InvalidOperationException($"d{guest.Id}: cannot bind console port {guestPort}: {rc}");
        }
        var backend = new ConsoleBackend(dom0, page, local, file);
        backend.Drain();
        return backend;
    }

    /// <summary>domain 0's end of the console event channel.</summary>
    public uint Port => _port;

    /// <summary>The guest corrupted its ring indices; the backend stops reading (as xenconsoled drops such a domain).</summary>
    public bool Broken { get; private set; }

    /// <summary>Output since the last attach, for clients (xl console); raised under the gate.</summary>
    public event Action<byte[]>? Output;

    /// <summary>Everything the log still holds (the last <see cref="LogLimit"/> bytes).</summary>
    public byte[] Log => [.. _log];

    private ref uint Index(int offset) => ref *(uint*)(_page.Pointer + offset);

    /// <summary>The guest notified (or we just connected): take what it wrote.</summary>
    public void Drain()
    {
        if (Broken)
            return;
        uint cons = Volatile.Read(ref Index(OutConsOffset));
        uint prod = Volatile.Read(ref Index(OutProdOffset));
        uint count = prod - cons;
        if (count > XenCons.OutSize)
        {
            Broken = true;
            return;
        }
        if (count == 0)
            return;
        var data = new byte[count];
        byte* ring = _page.Pointer + OutOffset;
        for (uint i = 0; i < count; i++)
            data[i] = ring[(cons + i) & (XenCons.OutSize - 1)];
        Interlocked.MemoryBarrier();
        Volatile.Write(ref Index(OutConsOffset), prod);
        _dom0.Events.Send(_port);
        Append(data);
    }

    private void Append(byte[] data)
    {
        _log.AddRange(data);
        if (_log.Count > LogLimit)
            _log.RemoveRange(0, _log.Count - LogLimit);
        if (_file is not null)
        {
            _file.Write(Encoding.UTF8.GetString(data));
            _file.Flush();
        }
        Output?.Invoke(data);
    }

    /// <summary>Keystrokes for the guest: as many as fit in in[] (the rest is dropped, as a full tty would); returns how many.</summary>
    public int Input(ReadOnlySpan<byte> bytes)
    {
        if (Broken)
            return 0;
        uint cons = Volatile.Read(ref Index(InConsOffset));
        uint prod = Volatile.Read(ref Index(InProdOffset));
        if (prod - cons > XenCons.InSize)
        {
            Broken = true;
            return 0;
        }
        int n = 0;
        byte* ring = _page.Pointer + InOffset;
        while (n < bytes.Length && prod - cons < XenCons.InSize)
            ring[prod++ & (XenCons.InSize - 1)] = bytes[n++];
        Interlocked.MemoryBarrier();
        Volatile.Write(ref Index(InProdOffset), prod);
        if (n > 0)
            _dom0.Events.Send(_port);
        return n;
    }

    /// <summary>Raised when the backend goes away (the domain was destroyed): attached clients end.</summary>
    public event Action? Closed;

    public void Dispose()
    {
        Closed?.Invoke();
        _dom0.Events.Close(_port);
        _page.Dispose();
        _file?.Dispose();
    }
}
