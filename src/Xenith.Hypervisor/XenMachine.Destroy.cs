using Xenith.Hypervisor.Domains;

namespace Xenith.Hypervisor;

/// <summary>
/// Destroying domains (Xen's domain_kill and domain_destroy): what a domain that has shut down or crashed still
/// holds goes back, without disturbing the domains it shared with.
/// </summary>
public sealed partial class XenMachine
{
    // Destroyed domains whose grants another domain still has in use: their grant table and shared_info frames
    // stay until the last use ends, as Xen keeps a dying domain's struct until its last page reference goes.
    private readonly List<Domain> _zombies = [];
    private readonly HashSet<Domain> _destroyed = [];

    /// <summary>
    /// What xl's on_poweroff/on_reboot/on_crash = "destroy" does: <see cref="Run"/> destroys a domain once it has
    /// shut down or crashed (between rounds of the vCPU loop). Off, ended domains keep their memory for inspection.
    /// </summary>
    public bool DestroyOnShutdown { get; set; }

    /// <summary>Detects vCPUs stuck in an exception loop (Xenith's rule, see <see cref="CrashDetector"/>).</summary>
    public CrashDetector CrashDetector { get; } = new();

    /// <summary>
    /// Destroys a domain that has shut down or crashed: the grant mappings it holds are released (the granters'
    /// pins dropped), its event channels are closed (interdomain peers see their end go unbound), and its p2m is
    /// emptied, so its RAM returns to the pool except frames another domain still maps through a grant (machine
    /// frames are reference counted). Its grant table and shared_info frames follow once no other domain uses one
    /// of its grants; then it leaves <see cref="Domains"/> and its ID no longer names a domain. Call it between
    /// runs or from the run loop, never from a hypercall handler. A second call does nothing.
    /// </summary>
    public void DestroyDomain(Domain d)
    {
        lock (_gate)
        {
            if (d.IsAlive)
                throw new InvalidOperationException($"d{d.Id} is still running: shut it down first");
            // Its vCPU may still be finishing a slice on another pCPU, with the RAM in its TLB.
            while (d.Executing)
                Monitor.Wait(_gate);
            if (!_domains.Contains(d) || !_destroyed.Add(d))
                return;
            d.Grants.ReleaseMappings();
            d.Events.Reset();
            d.P2m.Clear();
            CrashDetector.Forget(d);
            _zombies.Add(d);
            Reap();
        }
    }

    /// <summary>Destroys every domain that has ended, if <see cref="DestroyOnShutdown"/>, and frees what zombies may; run between rounds.</summary>
    private void DestroyEnded()
    {
        if (DestroyOnShutdown)
        {
            foreach (var d in _domains.Where(d => !d.IsAlive && !d.Executing && !_destroyed.Contains(d)).ToList())
                DestroyDomain(d);
        }
        if (_zombies.Count != 0)
            Reap();
    }

    /// <summary>Frees the last frames of destroyed domains whose grants nobody uses any more.</summary>
    private void Reap()
    {
        for (int i = _zombies.Count - 1; i >= 0; i--)
        {
            Domain d = _zombies[i];
            if (d.Grants.ActiveCount != 0)
                continue;
            d.Grants.ReleaseFrames();
            Memory.Release(d.SharedInfo.Mfn);
            _zombies.RemoveAt(i);
            _domains.Remove(d);
            _psci.Remove(d);
        }
    }
}
