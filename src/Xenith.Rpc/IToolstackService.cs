namespace Xenith.Rpc;

/// <summary>
/// Everything xl and <c>xenith xenstore</c> ask of the daemon: libxl's role, one method per operation. The
/// daemon implements it over the hypervisor; <see cref="RpcClient"/> implements it over the control socket.
/// Failures are <see cref="RpcException"/>s carrying xl's message; a domain ID that names no domain fails
/// with <see cref="LibxlError.DomainNotFound"/>. Domain names are resolved by the client
/// (<see cref="DomainIdByName"/>), as xl does, so operations take IDs.
/// </summary>
public interface IToolstackService
{
    /// <summary>Builds and starts (or leaves paused) a domain from an xl.cfg file.</summary>
    CreateResult Create(CreateRequest request);

    /// <summary>Every domain, domain 0 first, in domid order.</summary>
    IReadOnlyList<DomainInfo> ListDomains();

    /// <summary>One domain, or null when the ID names none.</summary>
    DomainInfo? GetDomain(uint domid);

    /// <summary>The domain's configuration as libxl's JSON (for <c>xl list -l</c>), or null when unknown.</summary>
    string? GetDomainConfigJson(uint domid);

    uint? DomainIdByName(string name);

    string? DomainName(uint domid);

    void Destroy(uint domid);

    /// <summary>Asks the guest to power off (or reboot) through its PV control interface.</summary>
    void Shutdown(uint domid, bool reboot);

    /// <summary>
    /// Waits until the domain has shut down (or, with <paramref name="untilDeath"/>, is gone); returns at once
    /// with <see cref="DomainEventKind.Death"/> when it no longer exists.
    /// </summary>
    Task<DomainEvent> WaitForDomainAsync(uint domid, bool untilDeath, CancellationToken cancellationToken);

    void Pause(uint domid);

    void Unpause(uint domid);

    void Rename(uint domid, string newName);

    /// <summary>Every domain's uptime; domain 0's is the host's.</summary>
    IReadOnlyList<DomainUptime> ListUptimes();

    /// <summary>Sets the balloon target (<c>memory/target</c>) in KiB.</summary>
    void SetMemoryTarget(uint domid, ulong targetKb);

    IReadOnlyList<VcpuInfo> ListVcpus(uint domid);

    /// <summary>Sets affinities of one vCPU, or of all when <paramref name="vcpu"/> is -1; null leaves one alone.</summary>
    void PinVcpu(uint domid, int vcpu, ulong? hardAffinity, ulong? softAffinity);

    SchedCredit GetSchedCredit(uint domid);

    /// <summary>Changes the weight and/or cap of a domain; null leaves a value alone.</summary>
    void SetSchedCredit(uint domid, int? weight, int? cap);

    SchedCreditParams GetSchedCreditParams();

    void SetSchedCreditParams(int? tsliceMs, int? ratelimitUs, int? migrationDelayUs);

    HostInfo GetHostInfo();

    /// <summary>The hypervisor's log (Xen's console ring), then empties it when <paramref name="clear"/>.</summary>
    string ReadHypervisorLog(bool clear);

    /// <summary>
    /// Attaches to a console: reading gives the guest's output (first what is buffered), writing sends
    /// keystrokes to the guest; a read of 0 bytes means the console is gone. Disposing detaches.
    /// </summary>
    Stream OpenConsole(uint domid, ConsoleType type, int number);

    /// <summary>Child names of a XenStore node, in order.</summary>
    IReadOnlyList<string> XenStoreDirectory(string path);

    /// <summary>A node's value, or null when it does not exist.</summary>
    string? XenStoreRead(string path);

    void XenStoreWrite(string path, string value);

    void XenStoreRemove(string path);

    /// <summary>Fires once at once (as xenstored does) and then on every change under the path.</summary>
    IAsyncEnumerable<XenStoreWatchEvent> XenStoreWatchAsync(string path, string token, CancellationToken cancellationToken);

    /// <summary>Shuts every domain down and stops the hypervisor; the daemon exits after answering.</summary>
    void Halt();
}
