using Xenith.Abi;
using Xenith.Hypervisor.Memory;
using Xenith.Rpc;
using Xenith.XenStore;

namespace Xenith.Toolstack;

/// <summary>
/// The toolstack's XenStore side: the entries of domain 0 and of each new guest (spec 8.6), and each guest's ring
/// introduced to xenstored. Lock order: the hypervisor's gate, then xenstored's own lock.
/// </summary>
public sealed partial class Toolstack
{
    private XenStoreClient? _xs;

    private XenStoreClient Xs => _xs ??= XenStore.OpenClient(0);

    private void WriteDom0Entries()
    {
        lock (_machine.Gate)
        {
            Xs.Write("/local/domain/0/name", "Domain-0");
            Xs.Write("/local/domain/0/domid", "0");
            Xs.Write("/local/domain/0/memory/target", Dec(Options.Dom0MemoryBytes >> 10));
            Xs.Write("/local/domain/0/memory/static-max", Dec(Options.Dom0MemoryBytes >> 10));
        }
    }

    private void ConnectStore(GuestRecord g, uint guestPort)
    {
        var d = g.Domain;
        if (_dom0.Events.BindInterdomain(d, guestPort, out uint local) != 0)
            throw new RpcException($"libxl: error: cannot bind the XenStore port of d{d.Id}", 1, LibxlError.Fail);
        g.StorePort = local;
        g.StorePage = ForeignPage.Map(_machine.Memory, d.P2m, PvSetup.StoreGfn);
        unsafe
        {
            var page = new PointerRingPage((nint)g.StorePage!.Pointer);
            g.Store = XenStore.IntroduceDomain((int)d.Id, page, () =>
            {
                lock (_machine.Gate)
                    _dom0.Events.Send(local);
            });
        }
    }

    /// <summary>What libxl writes for a new ARM guest (spec 8.6), with the permissions it gives.</summary>
    private void WriteGuestEntries(GuestRecord g, PvSetup.Result pv)
    {
        var d = g.Domain;
        int id = (int)d.Id;
        string home = $"/local/domain/{id}";
        string vm = $"/vm/{g.Uuid}";
        var own = new[] { new XsPerm(0, XsAccess.None), new XsPerm(id, XsAccess.Read) };
        var guestWritable = new[] { new XsPerm(id, XsAccess.None) };
        Xs.Transaction(tx =>
        {
            Xs.Write(home, "", tx);
            Xs.SetPermissions(home, own, tx);
            Xs.Write($"{home}/vm", vm, tx);
            Xs.Write($"{home}/name", g.Config.Name, tx);
            Xs.Write($"{home}/domid", Dec(d.Id), tx);
            for (int i = 0; i < d.Vcpus.Count; i++)
                Xs.Write($"{home}/cpu/{i}/availability", i < g.Config.Vcpus ? "online" : "offline", tx);
            Xs.Write($"{home}/memory/static-max", Dec((ulong)g.Config.MaxMemMiB << 10), tx);
            Xs.Write($"{home}/memory/target", Dec(g.TargetKb), tx);
            Xs.Write($"{home}/memory/videoram", "0", tx);
            foreach (string sub in (string[])["device", "control"])
            {
                Xs.Write($"{home}/{sub}", "", tx);
                Xs.SetPermissions($"{home}/{sub}", own, tx);
            }
            foreach (string sub in (string[])["device/suspend/event-channel", "control/shutdown", "control/feature-poweroff", "control/feature-reboot",
                "control/feature-suspend", "control/sysrq", "data", "drivers", "feature", "attr", "error"])
            {
                Xs.Write($"{home}/{sub}", "", tx);
                Xs.SetPermissions($"{home}/{sub}", guestWritable, tx);
            }
            Xs.Write($"{home}/control/platform-feature-multiprocessor-suspend", "1", tx);
            Xs.Write($"{home}/control/platform-feature-xs_reset_watches", "1", tx);
            Xs.Write($"{home}/store/port", Dec(pv.StorePort), tx);
            Xs.Write($"{home}/store/ring-ref", Dec(PvSetup.StoreGfn), tx);
            // Directories get their permissions before their keys: a new key copies its parent's (libxl does the same).
            string backend = $"/local/domain/0/backend/console/{id}/0";
            Xs.Write(backend, "", tx);
            Xs.SetPermissions(backend, own, tx);
            Xs.Write($"{home}/console/backend", backend, tx);
            Xs.Write($"{home}/console/backend-id", "0", tx);
            Xs.Write($"{home}/console/limit", "1048576", tx);
            Xs.Write($"{home}/console/type", "xenconsoled", tx);
            Xs.Write($"{home}/console/output", "pty", tx);
            Xs.Write($"{home}/console/port", Dec(pv.ConsolePort), tx);
            Xs.Write($"{home}/console/ring-ref", Dec(PvSetup.ConsoleGfn), tx);
            foreach (var (k, v) in (ReadOnlySpan<(string, string)>)[("frontend", $"{home}/console"), ("frontend-id", Dec(d.Id)), ("online", "1"), ("state", "1"), ("protocol", "vt100")])
                Xs.Write($"{backend}/{k}", v, tx);
            Xs.Write(vm, "", tx);
            Xs.SetPermissions(vm, own, tx);
            Xs.Write($"{vm}/name", g.Config.Name, tx);
            Xs.Write($"{vm}/uuid", g.Uuid.ToString(), tx);
            Xs.Write($"{vm}/start_time", Dec((ulong)(g.Created - DateTime.UnixEpoch).TotalSeconds), tx);
        });
    }

    private void RemoveGuestEntries(GuestRecord g)
    {
        int id = (int)g.Domain.Id;
        XenStore.ReleaseDomain(id);
        foreach (string path in (string[])[$"/local/domain/{id}", $"/vm/{g.Uuid}", $"/local/domain/0/backend/console/{id}"])
        {
            try
            {
                Xs.Rm(path);
            }
            catch (XenStoreException)
            {
                // Already gone.
            }
        }
        g.StorePage?.Dispose();
        g.StorePage = null;
    }

    public IReadOnlyList<string> XenStoreDirectory(string path)
    {
        lock (_machine.Gate)
            return Wrap(() => Xs.Directory(path));
    }

    public string? XenStoreRead(string path)
    {
        lock (_machine.Gate)
            return Wrap(() => Xs.TryReadString(path));
    }

    public void XenStoreWrite(string path, string value)
    {
        lock (_machine.Gate)
            Wrap(() => { Xs.Write(path, value); return 0; });
    }

    public void XenStoreRemove(string path)
    {
        lock (_machine.Gate)
            Wrap(() => { Xs.Rm(path); return 0; });
    }

    public async IAsyncEnumerable<XenStoreWatchEvent> XenStoreWatchAsync(string path, string token, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var events = System.Threading.Channels.Channel.CreateBounded<XenStoreWatchEvent>(1024);
        using var client = XenStore.OpenClient(0);
        lock (_machine.Gate)
            Wrap(() => { client.Watch(path, token, (p, t) => events.Writer.TryWrite(new XenStoreWatchEvent(p, t))); return 0; });
        while (!cancellationToken.IsCancellationRequested)
        {
            XenStoreWatchEvent e;
            try
            {
                e = await events.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                yield break;
            }
            yield return e;
        }
    }

    private static T Wrap<T>(Func<T> op)
    {
        try
        {
            return op();
        }
        catch (XenStoreException e)
        {
            throw new RpcException($"xenstore: {e.Message}", 1, LibxlError.Fail);
        }
    }
}
