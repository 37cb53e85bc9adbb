using System.Globalization;
using Xenith.Abi;
using Xenith.Hypervisor.Domains;
using Xenith.XenStore;

namespace Xenith.Toolstack.Block;

/// <summary>
/// blkback's job for one virtual disk of one guest: the xenbus handshake on the backend directory (spec 8.7, 10.2),
/// the frontend's ring grant-mapped by domain 0 and its event channel bound, and the requests served from a raw
/// image. Everything runs on the backend's own thread: the frontend's state watch and its event only wake it, so
/// the hypervisor's gate is taken for XenStore, grant map/unmap and notifications, and never held across disk I/O.
/// </summary>
internal sealed partial class BlockBackend : IDisposable
{
    /// <summary>Largest ring-page-order accepted (Linux blkback's default, 16 pages).</summary>
    public const int MaxRingPageOrder = 4;

    private readonly BlockBackendHost _host;
    private readonly Domain _guest;
    private readonly DiskImage _image;
    private readonly XenStoreClient _xs;
    private readonly object _signal = new();
    // Held around each disk operation; Dispose takes it (after the gate) to close the image between two of them.
    private readonly object _io = new();
    private bool _kicked;
    private bool _closed;
    private XenbusState _state = XenbusState.Initialising;
    private Connection? _connection;

    /// <summary>The frontend's ring as domain 0 maps it, and the port it notifies us on.</summary>
    private sealed record Connection(BlkifBackRing Ring, List<(uint Handle, ulong Gfn)> Maps, uint Port);

    public BlockBackend(BlockBackendHost host, Domain guest, int virtualDevice, DiskImage image, bool cdrom)
    {
        _host = host;
        _guest = guest;
        _image = image;
        VirtualDevice = virtualDevice;
        IsCdrom = cdrom;
        FrontendPath = $"/local/domain/{guest.Id}/device/vbd/{Dec(virtualDevice)}";
        BackendPath = $"/local/domain/0/backend/vbd/{guest.Id}/{Dec(virtualDevice)}";
        _xs = host.Store.OpenClient(0);
    }

    public int VirtualDevice { get; }
    public bool IsCdrom { get; }
    public string FrontendPath { get; }
    public string BackendPath { get; }

    /// <summary>
    /// Under the gate, once the toolstack has written both directories: publishes the disk's properties and
    /// features, goes to InitWait, watches the frontend's state and starts the backend's thread.
    /// </summary>
    public void Start()
    {
        uint info = (_image.ReadOnly ? Blkif.VdiskReadonly : 0) | (IsCdrom ? Blkif.VdiskCdrom | Blkif.VdiskRemovable : 0);
        _xs.Transaction(tx =>
        {
            foreach (var (k, v) in (ReadOnlySpan<(string, string)>)[
                ("sectors", Dec(_image.Sectors)), ("info", Dec(info)), ("sector-size", Dec(Blkif.SectorSize)),
                ("feature-flush-cache", "1"), ("feature-barrier", "1"), ("max-ring-page-order", Dec(MaxRingPageOrder))])
                _xs.Write($"{BackendPath}/{k}", v, tx);
        });
        SwitchState(XenbusState.InitWait);
        _xs.Watch($"{FrontendPath}/state", "blkback", (_, _) => Kick());
        new Thread(Run) { Name = $"blkback d{_guest.Id} {Dec(VirtualDevice)}", IsBackground = true }.Start();
    }

    /// <summary>The frontend changed state or notified: the backend's thread has a look. Cheap; any thread.</summary>
    private void Kick()
    {
        lock (_signal)
        {
            _kicked = true;
            Monitor.Pulse(_signal);
        }
    }

    private void Run()
    {
        while (true)
        {
            lock (_signal)
            {
                while (!_kicked)
                    Monitor.Wait(_signal);
                _kicked = false;
            }
            try
            {
                if (!FollowFrontend())
                    return;
                while (Serve())
                {
                }
            }
            catch (Exception e)
            {
                // Whatever goes wrong in one device (XenStore, the host file, a bug here) stays with it: an exception
                // escaping this thread would end the whole daemon, with every other guest.
                lock (_host.Gate)
                {
                    _host.Log($"(XEN) blkback d{_guest.Id} {Dec(VirtualDevice)}: {e.Message}; the device is closed");
                    if (!_closed)
                    {
                        Disconnect();
                        SwitchState(XenbusState.Closed);
                    }
                }
                return;
            }
        }
    }

    /// <summary>Moves the backend along with the frontend's state (spec 8.7). False once the backend is disposed.</summary>
    private bool FollowFrontend()
    {
        lock (_host.Gate)
        {
            if (_closed)
                return false;
            string? s = _xs.TryReadString($"{FrontendPath}/state");
            var front = int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out int v) ? (XenbusState)v : XenbusState.Unknown;
            switch (front)
            {
                case XenbusState.Initialised or XenbusState.Connected when _state == XenbusState.InitWait:
                    if (Connect() is { } why)
                    {
                        _host.Log($"(XEN) blkback d{_guest.Id} {Dec(VirtualDevice)}: cannot connect: {why}");
                        SwitchState(XenbusState.Closing);
                    }
                    break;
                // blkback's dance: Closing is answered with Closing (a Linux frontend shutting down waits for exactly
                // that), and the frontend's Closed releases the ring.
                case XenbusState.Closing when _state is not (XenbusState.Closing or XenbusState.Closed):
                    SwitchState(XenbusState.Closing);
                    break;
                case XenbusState.Closed when _state != XenbusState.Closed:
                    Disconnect();
                    SwitchState(XenbusState.Closed);
                    break;
                case XenbusState.Initialising when _state == XenbusState.Closed:
                    // The frontend starts over (a new driver instance): offer the device again.
                    SwitchState(XenbusState.InitWait);
                    break;
            }
            return true;
        }
    }

    /// <summary>
    /// Under the gate: reads the frontend's ring-ref(s), event-channel and protocol, maps the ring pages from domain 0
    /// and binds the port, then goes to Connected. Returns why it could not (everything undone), or null.
    /// </summary>
    private string? Connect()
    {
        var inv = CultureInfo.InvariantCulture;
        string? protocol = _xs.TryReadString($"{FrontendPath}/protocol");
        if (protocol is not null && protocol != Blkif.ProtocolArm)
            return $"protocol \"{protocol}\" is not {Blkif.ProtocolArm}";
        int order = 0;
        if (_xs.TryReadString($"{FrontendPath}/ring-page-order") is { } o
            && (!int.TryParse(o, NumberStyles.None, inv, out order) || order > MaxRingPageOrder))
            return $"ring-page-order \"{o}\" is not 0..{MaxRingPageOrder}";
        var refs = new List<uint>();
        for (int i = 0; i < 1 << order; i++)
        {
            string key = order == 0 ? "ring-ref" : $"ring-ref{i}";
            if (!uint.TryParse(_xs.TryReadString($"{FrontendPath}/{key}"), NumberStyles.None, inv, out uint r))
                return $"no {key}";
            refs.Add(r);
        }
        if (!uint.TryParse(_xs.TryReadString($"{FrontendPath}/event-channel"), NumberStyles.None, inv, out uint remotePort))
            return "no event-channel";
        var maps = new List<(uint Handle, ulong Gfn)>();
        var pages = new List<nint>();
        foreach (uint r in refs)
        {
            if (MapGrant(r, readOnly: false) is not var (handle, gfn))
            {
                Unmap(maps);
                return $"cannot map ring grant {r}";
            }
            maps.Add((handle, gfn));
            pages.Add(_host.Pages.PageAt(gfn));
        }
        if (_host.Dom0.Events.BindInterdomain(_guest, remotePort, out uint port) != 0)
        {
            Unmap(maps);
            return $"cannot bind event channel {remotePort}";
        }
        _connection = new Connection(new BlkifBackRing(pages), maps, port);
        _host.RoutePort(port, Kick);
        SwitchState(XenbusState.Connected);
        _host.Log($"(XEN) blkback d{_guest.Id} {Dec(VirtualDevice)}: connected ({pages.Count} ring page(s), port {port}, {_image.Sectors} sectors{(_image.ReadOnly ? ", read-only" : "")})");
        // Requests the frontend queued before we were connected.
        Kick();
        return null;
    }

    /// <summary>Under the gate: domain 0 maps the guest's grant <paramref name="gref"/> at a gfn of its window.</summary>
    private (uint Handle, ulong Gfn)? MapGrant(uint gref, bool readOnly)
    {
        ulong gfn = _host.Pages.TakeGfn();
        uint flags = GntMap.HostMap | (readOnly ? GntMap.Readonly : 0);
        if (_host.Dom0.Grants.Map(_guest, gref, flags, gfn << 12, out uint handle, out _) != GrantStatus.Okay)
        {
            _host.Pages.ReturnGfn(gfn);
            return null;
        }
        return (handle, gfn);
    }

    private void Unmap(IEnumerable<(uint Handle, ulong Gfn)> maps)
    {
        foreach (var (handle, gfn) in maps)
        {
            _host.Dom0.Grants.Unmap(handle, gfn << 12);
            _host.Pages.ReturnGfn(gfn);
        }
    }

    /// <summary>Under the gate: the ring unmapped and the port closed (the frontend's end becomes unbound).</summary>
    private void Disconnect()
    {
        if (_connection is not { } c)
            return;
        _connection = null;
        _host.RoutePort(c.Port, null);
        _host.Dom0.Events.Close(c.Port);
        Unmap(c.Maps);
    }

    private void SwitchState(XenbusState s)
    {
        _state = s;
        _xs.Write($"{BackendPath}/state", Dec((int)s));
    }

    /// <summary>
    /// Under the gate (domain destroy): disconnects, drops the watch, and closes the image once a disk operation in
    /// progress has finished. The backend's thread ends at its next wake-up. The XenStore directories are the
    /// toolstack's to remove.
    /// </summary>
    public void Dispose()
    {
        if (_closed)
            return;
        _closed = true;
        Disconnect();
        _xs.Dispose();
        lock (_io)
            _image.Dispose();
        Kick();
    }

    private static string Dec(long v) => v.ToString(CultureInfo.InvariantCulture);

    private static string Dec(ulong v) => v.ToString(CultureInfo.InvariantCulture);
}
