using System.Text;
using Xenith.Rpc;

namespace Xenith.Toolstack.Tests.Domains;

/// <summary>A toolstack on real pCPU threads for one test, with helpers to write configs and read consoles.</summary>
internal sealed class ToolstackHost : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("xenith-ts-").FullName;

    public ToolstackHost(int pcpus = 2) =>
        Toolstack = new Toolstack(new ToolstackOptions(pcpus, 512ul << 20, 2, false, 160ul << 20, CommandLine: "dom0_mem=512M dom0_max_vcpus=2"));

    public Toolstack Toolstack { get; }

    /// <summary>Writes NAME.cfg for an SDK program and returns its path.</summary>
    public string Config(string name, string program, string extra = "") => ConfigFor(name, GuestImages.Path(program), extra);

    /// <summary>Writes NAME.cfg for any kernel file and returns its path.</summary>
    public string ConfigFor(string name, string kernel, string extra = "")
    {
        string path = Path.Combine(_dir, name + ".cfg");
        File.WriteAllText(path, $"name = \"{name}\"\nkernel = \"{kernel}\"\nmemory = 16\n{extra}");
        return path;
    }

    /// <summary>Writes a file into the test's folder and returns its path.</summary>
    public string WriteFile(string name, byte[] bytes)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    public CreateResult Create(string cfg, params string[] overrides) =>
        Toolstack.Create(new CreateRequest(cfg, overrides, _dir, Paused: false));

    /// <summary>xl create -p: built, not yet running (so a wait can be set up before anything happens).</summary>
    public CreateResult CreatePaused(string cfg) => Toolstack.Create(new CreateRequest(cfg, [], _dir, Paused: true));

    /// <summary>Reads the console until <paramref name="text"/> has appeared (or the guard time passes); returns all read.</summary>
    public static string ReadUntil(Stream console, string text, int seconds = 60)
    {
        var sb = new StringBuilder();
        var buf = new byte[4096];
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        while (!sb.ToString().Contains(text, StringComparison.Ordinal))
        {
            int n;
            try
            {
                n = console.ReadAsync(buf, cancel.Token).AsTask().GetAwaiter().GetResult();
            }
            catch (OperationCanceledException)
            {
                break;
            }
            if (n == 0)
                break;
            sb.Append(Encoding.UTF8.GetString(buf, 0, n));
        }
        return sb.ToString();
    }

    public void Dispose()
    {
        Toolstack.Dispose();
        Directory.Delete(_dir, recursive: true);
    }
}
