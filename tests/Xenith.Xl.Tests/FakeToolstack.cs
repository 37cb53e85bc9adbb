using System.Runtime.CompilerServices;
using Xenith.Rpc;

namespace Xenith.Xl.Tests;

/// <summary>A toolstack with fixed answers, recording what it was asked.</summary>
internal sealed class FakeToolstack : IToolstackService
{
    public static readonly Guid DebianUuid = Guid.Parse("5a1e9c2b-0f3d-4c6e-9a7b-1d2e3f405162");

    public List<DomainInfo> Domains { get; } =
    [
        new(0, "Domain-0", Guid.Empty, 1024 * 1024, 1024 * 1024, 2, 2, true, false, false, false, false, ShutdownReason.Poweroff,
            12_300_000_000),
        new(1, "debian", DebianUuid, 512 * 1024, 512 * 1024, 1, 2, false, true, false, false, false, ShutdownReason.Poweroff,
            3_400_000_000),
    ];

    public Dictionary<uint, List<VcpuInfo>> Vcpus { get; } = new()
    {
        [0] = [new VcpuInfo(0, 0, true, 0, true, false, 12_300_000_000, 0xf, 0xf)],
        [1] = [new VcpuInfo(1, 0, true, 1, false, true, 3_400_000_000, 0x2, 0xf), new VcpuInfo(1, 1, false, 0, false, false, 0, 0xf, 0xf)],
    };

    public HostInfo Host { get; set; } = new("xenhost", "6.1.0-13-amd64", "#1 SMP Debian 6.1.55-1", "x86_64", 4, 3, 1, 4, 1,
        1_000_000, [0x1, 0x2, 0, 0, 0, 0, 0, 0xdeadbeef], ["hvm", "hap", "gnttab-v1"], 0,
        262144, 131072, 0, 0, 0, 0, 4, 19, ".0", "xen-3.0-armv7l", "credit", 4096, 0, "unavailable",
        "dom0_mem=1024M dom0_max_vcpus=2", "gcc (Debian 12.2.0-14) 12.2.0", "xenith", "example.org", "Wed Nov 25 2026",
        "0123abcd", 1);

    public List<string> Calls { get; } = [];

    public RpcException? CreateError { get; set; }

    public byte[] ConsoleOutput { get; set; } = "hello from guest\n"u8.ToArray();

    public FakeConsole? LastConsole { get; private set; }

    public TaskCompletionSource WaitCancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool Halted { get; private set; }

    public Dictionary<string, string> Store { get; } = new() { ["/local/domain/1/name"] = "debian" };

    public CreateResult Create(CreateRequest request)
    {
        Calls.Add($"create {request.ConfigPath} [{string.Join(' ', request.Overrides)}] cwd={request.ClientCwd} paused={request.Paused}");
        if (CreateError != null)
            throw CreateError;
        return new CreateResult(7, "hello", ["WARNING: ignoring \"kernel_extra\": unknown key"]);
    }

    public IReadOnlyList<DomainInfo> ListDomains() => Domains;

    public DomainInfo? GetDomain(uint domid) => Domains.FirstOrDefault(d => d.DomId == domid);

    public string? GetDomainConfigJson(uint domid) => domid == 1 ? "{\"c_info\":{\"name\":\"debian\"}}" : null;

    public uint? DomainIdByName(string name) => Domains.FirstOrDefault(d => d.Name == name)?.DomId;

    public string? DomainName(uint domid) => GetDomain(domid)?.Name;

    public void Destroy(uint domid)
    {
        Calls.Add($"destroy {domid}");
        Require(domid);
    }

    public void Shutdown(uint domid, bool reboot)
    {
        Calls.Add($"{(reboot ? "reboot" : "shutdown")} {domid}");
        Require(domid);
    }

    public async Task<DomainEvent> WaitForDomainAsync(uint domid, bool untilDeath, CancellationToken cancellationToken)
    {
        Calls.Add($"wait {domid} {untilDeath}");
        if (domid == 99)
        {
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                WaitCancelled.TrySetResult();
                throw;
            }
        }
        return untilDeath
            ? new DomainEvent(domid, DomainEventKind.Death, ShutdownReason.Poweroff)
            : new DomainEvent(domid, DomainEventKind.Shutdown, ShutdownReason.Poweroff);
    }

    public void Pause(uint domid) => Calls.Add($"pause {domid}");

    public void Unpause(uint domid) => Calls.Add($"unpause {domid}");

    public void Rename(uint domid, string newName) => Calls.Add($"rename {domid} {newName}");

    public IReadOnlyList<DomainUptime> ListUptimes() => [new(0, 2 * 86400 + 3 * 3600 + 4 * 60 + 5), new(1, 86400 + 59)];

    public void SetMemoryTarget(uint domid, ulong targetKb) => Calls.Add($"mem-set {domid} {targetKb}");

    public IReadOnlyList<VcpuInfo> ListVcpus(uint domid) => Vcpus.TryGetValue(domid, out var v) ? v : throw RpcException.DomainNotFound(domid);

    public void PinVcpu(uint domid, int vcpu, ulong? hardAffinity, ulong? softAffinity) =>
        Calls.Add($"vcpu-pin {domid} {vcpu} {hardAffinity?.ToString("x") ?? "-"} {softAffinity?.ToString("x") ?? "-"}");

    public SchedCredit GetSchedCredit(uint domid) => domid == 0 ? new SchedCredit(256, 0) : new SchedCredit(512, 50);

    public void SetSchedCredit(uint domid, int? weight, int? cap) => Calls.Add($"sched-credit {domid} {weight} {cap}");

    public SchedCreditParams GetSchedCreditParams() => new("Pool-0", 30, 1000, 0);

    public void SetSchedCreditParams(int? tsliceMs, int? ratelimitUs, int? migrationDelayUs) =>
        Calls.Add($"sched-params {tsliceMs} {ratelimitUs} {migrationDelayUs}");

    public HostInfo GetHostInfo() => Host;

    public string ReadHypervisorLog(bool clear)
    {
        Calls.Add($"dmesg {clear}");
        return "(XEN) Xen version 4.19\n";
    }

    public Stream OpenConsole(uint domid, ConsoleType type, int number)
    {
        Require(domid);
        LastConsole = new FakeConsole(ConsoleOutput);
        return LastConsole;
    }

    public IReadOnlyList<string> XenStoreDirectory(string path) =>
        Store.Keys.Where(k => k.StartsWith(path.TrimEnd('/') + "/", StringComparison.Ordinal))
            .Select(k => k[(path.TrimEnd('/').Length + 1)..].Split('/')[0]).Distinct().ToList();

    public string? XenStoreRead(string path) => Store.TryGetValue(path, out var v) ? v : null;

    public void XenStoreWrite(string path, string value) => Store[path] = value;

    public void XenStoreRemove(string path) => Store.Remove(path);

    public async IAsyncEnumerable<XenStoreWatchEvent> XenStoreWatchAsync(string path, string token,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        yield return new XenStoreWatchEvent(path, token);
        await Task.Yield();
        yield return new XenStoreWatchEvent(path + "/name", token);
    }

    public void Halt() => Halted = true;

    private void Require(uint domid)
    {
        if (GetDomain(domid) == null)
            throw RpcException.DomainNotFound(domid);
    }
}

/// <summary>A console: gives its output, then blocks until detached; collects keystrokes.</summary>
internal sealed class FakeConsole(byte[] output) : Stream
{
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<byte> _input = [];
    private int _position;

    public TaskCompletionSource NewlineTyped { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Closed => _closed.Task;

    public string Typed
    {
        get
        {
            lock (_input)
                return System.Text.Encoding.ASCII.GetString(_input.ToArray());
        }
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_position < output.Length)
        {
            int n = Math.Min(buffer.Length, output.Length - _position);
            output.AsMemory(_position, n).CopyTo(buffer);
            _position += n;
            return n;
        }
        await _closed.Task.WaitAsync(cancellationToken);
        return 0;
    }

    public override int Read(byte[] buffer, int offset, int count) =>
        ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        lock (_input)
            _input.AddRange(buffer.ToArray());
        if (buffer.Contains((byte)'\n'))
            NewlineTyped.TrySetResult();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        _closed.TrySetResult();
        base.Dispose(disposing);
    }
}
