using System.Diagnostics;
using System.Text;
using Xenith.Images;
using Xenith.Rpc;
using Xenith.Toolstack;

namespace Xenith.Tests.Linux;

/// <summary>
/// A Debian kernel and the busybox initramfs as an xl-created domU of an in-process toolstack, with its PV console
/// open: what the domU tests share.
/// </summary>
internal sealed class DomURun : IDisposable
{
    private readonly string _dir;
    private readonly Stream _console;
    private readonly StringBuilder _seen = new();
    private int _consumed;
    private readonly Stopwatch _sinceCreate;

    /// <param name="extraConfig">More xl.cfg lines (vcpus, cpu, ...).</param>
    public DomURun(string kernel, string extraConfig, int pcpus = 2)
    {
        string images = BoardRun.ImageDirectory;
        _dir = Directory.CreateTempSubdirectory("xenith-domu-").FullName;
        ConfigPath = Path.Combine(_dir, "busybox.cfg");
        File.WriteAllText(ConfigPath,
            $"name = \"busybox\"\nkernel = \"{Path.Combine(images, kernel)}\"\n" +
            $"ramdisk = \"{Path.Combine(images, ImageCache.Initramfs)}\"\nmemory = 256\nextra = \"console=hvc0\"\n{extraConfig}");
        Toolstack = new global::Xenith.Toolstack.Toolstack(new ToolstackOptions(pcpus, 512ul << 20, 1, false, 512ul << 20));
        _sinceCreate = Stopwatch.StartNew();
        var created = Toolstack.Create(new CreateRequest(ConfigPath, [], _dir, Paused: false));
        DomId = created.DomId;
        End = Toolstack.WaitForDomainAsync(DomId, untilDeath: false, CancellationToken.None);
        _console = Toolstack.OpenConsole(DomId, ConsoleType.Pv, 0);
    }

    public string ConfigPath { get; }

    public global::Xenith.Toolstack.Toolstack Toolstack { get; }

    public uint DomId { get; }

    /// <summary>The domain's end (shutdown or crash) as the toolstack reports it.</summary>
    public Task<DomainEvent> End { get; }

    /// <summary>Everything the console has shown so far.</summary>
    public string Seen => _seen.ToString();

    /// <summary>
    /// Reads the console until <paramref name="text"/> appears after what earlier calls consumed (the end of their
    /// match: output that came in the same read as an earlier marker is not skipped); returns that part.
    /// </summary>
    public async Task<string> ReadUntil(string text, TimeSpan guard)
    {
        int from = _consumed;
        var buf = new byte[4096];
        using var cancel = new CancellationTokenSource(guard);
        int at;
        while ((at = _seen.ToString(from, _seen.Length - from).IndexOf(text, StringComparison.Ordinal)) < 0)
        {
            int n;
            try
            {
                n = await _console.ReadAsync(buf, cancel.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            if (n == 0)
                break;
            _seen.Append(Encoding.UTF8.GetString(buf, 0, n));
        }
        _consumed = at < 0 ? _seen.Length : from + at + text.Length;
        return _seen.ToString(from, _consumed - from);
    }

    /// <summary>Boots to the busybox prompt; returns the boot log and how long it took from xl create.</summary>
    public async Task<(string Log, TimeSpan Took)> BootToShell()
    {
        string log = await ReadUntil("/ # ", TimeSpan.FromMinutes(5));
        Assert.True(log.Contains("BUSYBOX-READY", StringComparison.Ordinal), "no shell; the console said:\n" + log);
        return (log, _sinceCreate.Elapsed);
    }

    /// <summary>Types a command and reads until <paramref name="until"/>.</summary>
    public Task<string> Run(string command, string until)
    {
        _console.Write(Encoding.ASCII.GetBytes(command + "\r"));
        return ReadUntil(until, TimeSpan.FromMinutes(1));
    }

    /// <summary>Types <paramref name="command"/> (by default <c>poweroff -f</c>), and returns the reason the toolstack saw the domain end with.</summary>
    public async Task<ShutdownReason> PowerOff(string command = "poweroff -f")
    {
        _console.Write(Encoding.ASCII.GetBytes(command + "\r"));
        var ended = await End.WaitAsync(TimeSpan.FromMinutes(1));
        return ended.Reason;
    }

    public void Dispose()
    {
        _console.Dispose();
        Toolstack.Dispose();
        Directory.Delete(_dir, recursive: true);
    }
}
