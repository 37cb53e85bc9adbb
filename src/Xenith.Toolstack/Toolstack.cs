using System.Diagnostics;
using Xenith.Hypervisor;
using Xenith.Hypervisor.Domains;
using Xenith.Rpc;
using Xenith.XenStore;

namespace Xenith.Toolstack;

/// <summary>
/// libxl's role in the daemon: domain 0 and the hypervisor it controls, the guests it built from xl.cfg files, their
/// console and XenStore backends, and their lifecycle (on_poweroff and friends). xl reaches it through
/// <see cref="IToolstackService"/>. Everything that touches the hypervisor runs under its gate.
/// </summary>
public sealed partial class Toolstack : IToolstackService, IDisposable
{
    private readonly XenMachine _machine;
    private readonly Domain _dom0;
    private readonly Dictionary<uint, GuestRecord> _guests = [];
    private readonly List<string> _log = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _runner;
    private readonly Thread _lifecycle;
    private readonly System.Collections.Concurrent.BlockingCollection<Domain> _ended = [];
    private readonly DateTime _started = DateTime.UtcNow;
    private readonly Stopwatch _uptime = Stopwatch.StartNew();

    public Toolstack(ToolstackOptions options)
    {
        Options = options;
        _machine = new XenMachine(options.GuestMemoryBytes, options.Deterministic, options.Pcpus) { KeepServing = true, DestroyOnShutdown = false };
        _machine.Log += AppendLog;
        _dom0 = _machine.CreateControlDomain("Domain-0", options.Dom0Vcpus);
        _dom0.Events.PortHandler = OnDom0Event;
        XenStore = new XenStoreDaemon();
        WriteDom0Entries();
        _runner = new Thread(() => _machine.Run(_stop.Token)) { Name = "hypervisor", IsBackground = true };
        _lifecycle = new Thread(LifecycleLoop) { Name = "lifecycle", IsBackground = true };
        _runner.Start();
        _lifecycle.Start();
        AppendLog($"(XEN) Xenith hypervisor: {options.Pcpus} pCPUs, dom0 {options.Dom0MemoryBytes >> 20} MiB, {options.Dom0Vcpus} vCPUs, scheduler credit");
    }

    public ToolstackOptions Options { get; }

    /// <summary>xenstored, hosted in domain 0.</summary>
    public XenStoreDaemon XenStore { get; }

    public XenMachine Machine => _machine;

    /// <summary>Raised when <see cref="Halt"/> has stopped everything (the daemon then exits).</summary>
    public event Action? Halted;

    private void AppendLog(string line)
    {
        lock (_log)
        {
            _log.Add(line);
            if (_log.Count > 10_000)
                _log.RemoveRange(0, _log.Count - 10_000);
        }
        HypervisorLog?.Invoke(line);
    }

    /// <summary>Every hypervisor log line as it is written (the daemon's foreground output).</summary>
    public event Action<string>? HypervisorLog;

    public string ReadHypervisorLog(bool clear)
    {
        lock (_log)
        {
            string text = _log.Count == 0 ? "" : string.Join('\n', _log) + "\n";
            if (clear)
                _log.Clear();
            return text;
        }
    }

    /// <summary>An event for one of domain 0's ports: which backend it is for.</summary>
    private void OnDom0Event(uint port)
    {
        if (DispatchExtraPort(port))
            return;
        foreach (var g in _guests.Values)
        {
            if (g.Console?.Port == port)
            {
                g.Console.Drain();
                return;
            }
            if (g.StorePort == port)
            {
                g.Store?.Kick();
                return;
            }
        }
    }

    private GuestRecord Guest(uint domid) =>
        _guests.TryGetValue(domid, out var g) ? g : throw new RpcException($"Domain {domid} does not exist.", 1, LibxlError.DomainNotFound);

    public void Halt()
    {
        lock (_machine.Gate)
        {
            foreach (var g in _guests.Values)
            {
                if (g.Domain.IsAlive)
                    g.Domain.Shutdown(Xenith.Abi.ShutdownReason.Poweroff);
            }
        }
        _stop.Cancel();
        _runner.Join();
        _ended.CompleteAdding();
        Halted?.Invoke();
    }

    public void Dispose()
    {
        if (!_stop.IsCancellationRequested)
            Halt();
        _lifecycle.Join();
        lock (_machine.Gate)
        {
            foreach (var g in _guests.Values)
            {
                g.Console?.Dispose();
                DetachDisks(g);
            }
        }
        _machine.Dispose();
        _stop.Dispose();
        _ended.Dispose();
    }
}
