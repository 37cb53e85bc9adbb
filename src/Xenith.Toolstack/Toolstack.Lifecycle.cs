using Xenith.Hypervisor.Domains;
using Xenith.Rpc;
using Xenith.Toolstack.Config;
using AbiReason = Xenith.Abi.ShutdownReason;

namespace Xenith.Toolstack;

/// <summary>
/// Domain lifecycle as xl drives it: destroy, shutdown requests through the guest's PV control node, waits, pause,
/// rename, and what happens when a guest ends by itself (on_poweroff / on_reboot / on_watchdog / on_crash).
/// </summary>
public sealed partial class Toolstack
{
    /// <summary>How destroyed domains ended, for a wait that comes after the fact (domain IDs are not reused).</summary>
    private readonly Dictionary<uint, Rpc.ShutdownReason> _lastReasons = [];

    /// <summary>Ended domains arrive here from the pCPU that saw them end; actions run on this thread, under the gate.</summary>
    private void LifecycleLoop()
    {
        foreach (Domain d in _ended.GetConsumingEnumerable())
        {
            lock (_machine.Gate)
            {
                if (!_guests.TryGetValue(d.Id, out var g) || g.Domain != d || g.Handled)
                    continue;
                g.Handled = true;
                var reason = (Rpc.ShutdownReason)(d.Reason ?? AbiReason.Poweroff);
                Notify(g, new DomainEvent(d.Id, DomainEventKind.Shutdown, reason));
                AppendLog($"(XEN) d{d.Id}: {g.Config.Name} shut down ({reason.ToString().ToLowerInvariant()})");
                XlShutdownAction action = d.Reason switch
                {
                    AbiReason.Reboot => g.Config.OnReboot,
                    AbiReason.Crash => g.Config.OnCrash,
                    AbiReason.Watchdog => g.Config.OnWatchdog,
                    AbiReason.SoftReset => g.Config.OnSoftReset,
                    _ => g.Config.OnPoweroff,
                };
                try
                {
                    Apply(g, action);
                }
                catch (RpcException e)
                {
                    AppendLog($"(XEN) d{d.Id}: {action.Name()} failed: {e.Message}");
                }
            }
        }
    }

    private void Apply(GuestRecord g, XlShutdownAction action)
    {
        switch (action)
        {
            case XlShutdownAction.Preserve:
                break;
            case XlShutdownAction.Restart or XlShutdownAction.CoredumpRestart:
                DestroyLocked(g);
                Build(g.Config, paused: false);
                break;
            case XlShutdownAction.RenameRestart:
                g.Domain.Rename($"{g.Config.Name}--{g.Domain.Id}");
                Build(g.Config, paused: false);
                break;
            default:
                DestroyLocked(g);
                break;
        }
    }

    private static void Notify(GuestRecord g, DomainEvent e)
    {
        g.Waiters.RemoveAll(w =>
        {
            if (w.UntilDeath && e.Kind != DomainEventKind.Death)
                return false;
            w.Done.TrySetResult(e);
            return true;
        });
    }

    public void Destroy(uint domid)
    {
        if (domid == 0)
            throw new RpcException("Cannot destroy privileged domain 0.", 1, LibxlError.Invalid);
        lock (_machine.Gate)
        {
            var g = Guest(domid);
            if (g.Domain.IsAlive)
            {
                g.Handled = true;
                g.Domain.Shutdown(AbiReason.Poweroff);
            }
            DestroyLocked(g);
        }
    }

    /// <summary>Tears the domain down: backends off, XenStore entries gone, memory back to the pool.</summary>
    private void DestroyLocked(GuestRecord g)
    {
        if (g.Dying)
            return;
        g.Dying = true;
        g.Console?.Dispose();
        g.Console = null;
        DetachDisks(g);
        if (g.Store is not null && _dom0.Events.StateOf(g.StorePort) != Xenith.Abi.EvtchnStat.Closed)
            _dom0.Events.Close(g.StorePort);
        RemoveGuestEntries(g);
        _machine.DestroyDomain(g.Domain);
        _guests.Remove(g.Domain.Id);
        _lastReasons[g.Domain.Id] = (Rpc.ShutdownReason)(g.Domain.Reason ?? AbiReason.Poweroff);
        Notify(g, new DomainEvent(g.Domain.Id, DomainEventKind.Death, (Rpc.ShutdownReason)(g.Domain.Reason ?? AbiReason.Poweroff)));
        AppendLog($"(XEN) d{g.Domain.Id}: destroyed");
    }

    public void Shutdown(uint domid, bool reboot)
    {
        lock (_machine.Gate)
        {
            var g = domid == 0 ? throw new RpcException("Cannot shut down domain 0 from xl; use xenith halt.", 1, LibxlError.Invalid) : Guest(domid);
            string home = $"/local/domain/{domid}";
            string feature = reboot ? "feature-reboot" : "feature-poweroff";
            // libxl_domain_shutdown: only a guest that said it listens (control/feature-*) is asked.
            if (Xs.TryReadString($"{home}/control/{feature}") != "1")
                throw new RpcException("PV control interface not available", 1, LibxlError.NoParavirt);
            Xs.Write($"{home}/control/shutdown", reboot ? "reboot" : "poweroff");
            AppendLog($"(XEN) d{domid}: {g.Config.Name}: asked to {(reboot ? "reboot" : "power off")}");
        }
    }

    public Task<DomainEvent> WaitForDomainAsync(uint domid, bool untilDeath, CancellationToken cancellationToken)
    {
        lock (_machine.Gate)
        {
            if (!_guests.TryGetValue(domid, out var g))
                return Task.FromResult(new DomainEvent(domid, DomainEventKind.Death, _lastReasons.GetValueOrDefault(domid, Rpc.ShutdownReason.Poweroff)));
            if (!untilDeath && !g.Domain.IsAlive)
                return Task.FromResult(new DomainEvent(domid, DomainEventKind.Shutdown, (Rpc.ShutdownReason)(g.Domain.Reason ?? AbiReason.Poweroff)));
            var tcs = new TaskCompletionSource<DomainEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
            g.Waiters.Add((tcs, untilDeath));
            cancellationToken.Register(() => tcs.TrySetCanceled(cancellationToken));
            return tcs.Task;
        }
    }

    public void Pause(uint domid)
    {
        lock (_machine.Gate)
            Guest(domid).Domain.Pause();
    }

    public void Unpause(uint domid)
    {
        lock (_machine.Gate)
        {
            Guest(domid).Domain.Unpause();
            Monitor.PulseAll(_machine.Gate);
        }
    }

    public void Rename(uint domid, string newName)
    {
        lock (_machine.Gate)
        {
            if (domid == 0)
                throw new RpcException("Cannot rename domain 0.", 1, LibxlError.Invalid);
            if (_guests.Values.Any(x => x.Domain.Name == newName) || newName == _dom0.Name)
                throw new RpcException($"domain with name \"{newName}\" already exists.", 1, LibxlError.Invalid);
            var g = Guest(domid);
            g.Domain.Rename(newName);
            Xs.Write($"/local/domain/{domid}/name", newName);
            Xs.Write($"/vm/{g.Uuid}/name", newName);
        }
    }
}
