using Xenith.Rpc;
using Xenith.Toolstack.Vchan;
using Xenith.XenStore;

namespace Xenith.Toolstack;

/// <summary>
/// Domain 0's vchan ends (issue 6): the toolstack process plays the part of a dom0 program using libxenvchan, with
/// the same grant, event-channel and XenStore steps a guest takes. Lock order: the hypervisor's gate, then
/// xenstored.
/// </summary>
public sealed partial class Toolstack
{
    private Dom0Resources? _dom0Resources;

    /// <summary>Extra handlers for dom0 ports that are no guest's console or store (vchan ports). Under the gate.</summary>
    private readonly Dictionary<uint, Action> _extraPortHandlers = [];

    /// <summary>This SDK's convention for P: /local/domain/&lt;server&gt;/data/vchan/&lt;client&gt;/&lt;port&gt;.</summary>
    public static string VchanPath(uint server, uint client, uint port) => $"/local/domain/{server}/data/vchan/{client}/{port}";

    /// <summary>
    /// libxenvchan_server_init in domain 0 for <paramref name="peer"/>: ring orders as libxenvchan picks them for
    /// the minimum sizes, pages granted to the peer, an unbound port, and P/ring-ref and P/event-channel written in
    /// one transaction with permissions [n0, r&lt;peer&gt;]. The peer connects whenever it likes.
    /// </summary>
    public Dom0VchanServer OpenVchanServer(uint peer, string path, int leftMin, int rightMin, VchanOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var (leftOrder, rightOrder) = VchanLayout.ChooseOrders(leftMin, rightMin);
        int leftPages = VchanLayout.GrantCount(leftOrder), rightPages = VchanLayout.GrantCount(rightOrder);
        lock (_machine.Gate)
        {
            var peerDomain = _machine.FindDomain(peer);
            if (peer == 0 || peerDomain is null || !peerDomain.IsAlive)
                throw new RpcException($"vchan: domain {peer} is not a running guest", 1, LibxlError.DomainNotFound);
            var res = _dom0Resources ??= new Dom0Resources(_dom0, _machine.Memory);
            var gfns = new List<ulong>();
            var grefs = new List<uint>();
            var pages = new List<nint>();
            uint port = 0;
            try
            {
                // Page 0 is the control page; then the left ring's pages, then the right ring's (grants[] order).
                for (int i = 0; i < 1 + leftPages + rightPages; i++)
                {
                    var (gfn, page) = res.AllocatePage();
                    gfns.Add(gfn);
                    pages.Add(page);
                    grefs.Add(res.AllocateRef());
                }
                if (_dom0.Events.AllocUnbound(peer, out port) != 0)
                    throw new RpcException($"vchan: no free dom0 port for domain {peer}", 1, LibxlError.Fail);
                var control = new VchanInterface(pages[0]);
                var left = leftPages == 0 ? VchanRing.InControlPage(control, leftOrder) : VchanRing.FromPages(leftOrder, pages.GetRange(1, leftPages));
                var right = rightPages == 0 ? VchanRing.InControlPage(control, rightOrder) : VchanRing.FromPages(rightOrder, pages.GetRange(1 + leftPages, rightPages));
                var signal = new Dom0EventSignal(_machine.Gate, _dom0.Events, port);
                var endpoint = VchanEndpoint.CreateServer(control, left, right, signal, grefs.GetRange(1, leftPages + rightPages), options);
                // Ring pages first, the control page last: a peer that maps ring-ref finds a complete page.
                for (int i = 1; i < gfns.Count; i++)
                    res.Grant(grefs[i], peer, gfns[i], readOnly: false);
                res.Grant(grefs[0], peer, gfns[0], readOnly: false);
                _extraPortHandlers[port] = signal.Raise;
                var perms = new[] { new XsPerm(0, XsAccess.None), new XsPerm((int)peer, XsAccess.Read) };
                Xs.Transaction(tx =>
                {
                    Xs.Write($"{path}/ring-ref", Dec(grefs[0]), tx);
                    Xs.SetPermissions($"{path}/ring-ref", perms, tx);
                    Xs.Write($"{path}/event-channel", Dec(port), tx);
                    Xs.SetPermissions($"{path}/event-channel", perms, tx);
                });
                AppendLog($"(XEN) vchan: dom0 serves d{peer} at {path} (port {port}, ring-ref {grefs[0]}, orders {leftOrder}/{rightOrder})");
                return new Dom0VchanServer(ReleaseVchanServer, peer, path, [.. gfns], [.. grefs], signal, endpoint);
            }
            catch
            {
                _extraPortHandlers.Remove(port);
                res.Release(gfns, grefs, port);
                throw;
            }
        }
    }

    /// <summary>
    /// libxenvchan_client_init in domain 0: waits (at most <paramref name="wait"/>) for the server's P/ring-ref and
    /// P/event-channel, binds its port, grant-maps the control page and the rings it lists (left writable, right
    /// read-only), checks the orders and marks the client live.
    /// </summary>
    public Dom0VchanClient OpenVchanClient(uint server, string path, TimeSpan wait, VchanOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var until = DateTime.UtcNow + wait;
        uint gref, remotePort;
        // Polling the keys from the host is enough here: bounded by the wait, one read pair per 10 ms.
        while (!TryReadVchanKeys(path, out gref, out remotePort))
        {
            if (DateTime.UtcNow >= until)
                throw new TimeoutException($"vchan: no server at {path} within {wait.TotalSeconds} s");
            Thread.Sleep(10);
        }
        lock (_machine.Gate)
        {
            var serverDomain = _machine.FindDomain(server);
            if (server == 0 || serverDomain is null || !serverDomain.IsAlive)
                throw new RpcException($"vchan: domain {server} is not a running guest", 1, LibxlError.DomainNotFound);
            var res = _dom0Resources ??= new Dom0Resources(_dom0, _machine.Memory);
            if (_dom0.Events.BindInterdomain(serverDomain, remotePort, out uint port) != 0)
                throw new VchanProtocolException($"vchan: cannot bind d{server}'s port {remotePort} named at {path}");
            var maps = new List<(uint Handle, ulong Gfn)>();
            try
            {
                nint Map(uint r, bool readOnly)
                {
                    ulong gfn = res.TakeGfn();
                    uint flags = Xenith.Abi.GntMap.HostMap | (readOnly ? Xenith.Abi.GntMap.Readonly : 0);
                    var st = _dom0.Grants.Map(serverDomain, r, flags, gfn << 12, out uint handle, out _);
                    if (st != Xenith.Abi.GrantStatus.Okay)
                    {
                        res.ReturnGfn(gfn);
                        throw new VchanProtocolException($"vchan: mapping d{server}'s grant {r} failed: {st}");
                    }
                    maps.Add((handle, gfn));
                    return res.PageAt(gfn);
                }
                var control = new VchanInterface(Map(gref, false));
                int leftOrder = control.LeftOrder, rightOrder = control.RightOrder;
                if (VchanLayout.Validate(leftOrder, rightOrder) is { } why)
                    throw new VchanProtocolException($"vchan control page at {path}: {why}");
                int leftPages = VchanLayout.GrantCount(leftOrder), rightPages = VchanLayout.GrantCount(rightOrder);
                var leftList = new List<nint>();
                var rightList = new List<nint>();
                for (int i = 0; i < leftPages + rightPages; i++)
                {
                    uint r = control.GetGrant(i);
                    (i < leftPages ? leftList : rightList).Add(Map(r, readOnly: i >= leftPages));
                }
                var left = leftPages == 0 ? VchanRing.InControlPage(control, leftOrder) : VchanRing.FromPages(leftOrder, leftList);
                var right = rightPages == 0 ? VchanRing.InControlPage(control, rightOrder) : VchanRing.FromPages(rightOrder, rightList);
                var signal = new Dom0EventSignal(_machine.Gate, _dom0.Events, port, bound: true);
                _extraPortHandlers[port] = signal.Raise;
                // ConnectClient kicks the server: Notify takes the gate again, which this thread holds (re-entrant).
                var endpoint = VchanEndpoint.ConnectClient(control, left, right, signal, options);
                AppendLog($"(XEN) vchan: dom0 is the client of d{server} at {path} (port {port}, orders {leftOrder}/{rightOrder})");
                return new Dom0VchanClient(ReleaseVchanClient, server, path, signal, endpoint, maps);
            }
            catch
            {
                _extraPortHandlers.Remove(port);
                UnmapAll(maps);
                _dom0.Events.Close(port);
                throw;
            }
        }
    }

    private bool TryReadVchanKeys(string path, out uint gref, out uint port)
    {
        gref = port = 0;
        string? r, p;
        lock (_machine.Gate)
        {
            r = Xs.TryReadString($"{path}/ring-ref");
            p = Xs.TryReadString($"{path}/event-channel");
        }
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        return uint.TryParse(r, System.Globalization.NumberStyles.None, inv, out gref) && gref != 0
            && uint.TryParse(p, System.Globalization.NumberStyles.None, inv, out port) && port != 0;
    }

    /// <summary>Under the gate: ends dom0's grant mappings and returns their gfns.</summary>
    private void UnmapAll(IEnumerable<(uint Handle, ulong Gfn)> maps)
    {
        foreach (var (handle, gfn) in maps)
        {
            _dom0.Grants.Unmap(handle, gfn << 12);
            _dom0Resources!.ReturnGfn(gfn);
        }
    }

    private void ReleaseVchanClient(Dom0VchanClient client)
    {
        lock (_machine.Gate)
        {
            _extraPortHandlers.Remove(client.Port);
            UnmapAll(client.Mappings);
            if (_dom0.Events.StateOf(client.Port) != Xenith.Abi.EvtchnStat.Closed)
                _dom0.Events.Close(client.Port);
        }
    }

    /// <summary>Dom0VchanServer.Dispose's second half: its XenStore keys, port handler, grants, pages and port.</summary>
    private void ReleaseVchanServer(Dom0VchanServer server)
    {
        lock (_machine.Gate)
        {
            _extraPortHandlers.Remove(server.Port);
            try
            {
                Xs.Rm(server.Path);
            }
            catch (XenStoreException)
            {
                // Already gone (the daemon may have removed the tree): nothing to remove.
            }
            _dom0Resources!.Release(server.Gfns, server.Grefs, server.Port);
        }
    }

    /// <summary>Domain 0's handler for a port that is not a guest's console or store; false when there is none.</summary>
    private bool DispatchExtraPort(uint port)
    {
        if (!_extraPortHandlers.TryGetValue(port, out var handler))
            return false;
        handler();
        return true;
    }
}
