using System.Globalization;
using Xenith.Rpc;
using Xenith.Toolstack;

namespace Xenith.Demo;

/// <summary>
/// <c>xenith demo [--size 64M]</c>: the classic experiment end to end. It boots the hypervisor with
/// dom0_mem=1024M dom0_max_vcpus=2 dom0_vcpus_pin, creates the guests with xl (over a private control socket),
/// prints xl list, runs every transfer path with the data checked byte for byte, and prints one table beside the
/// native and memcpy baselines of the same run. It leaves nothing running.
/// </summary>
internal static class DemoCommand
{
    private const string BootLine = "dom0_mem=1024M dom0_max_vcpus=2 dom0_vcpus_pin";

    public static int Run(string[] args)
    {
        try
        {
            return RunDemo(args);
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException or IOException or RpcException)
        {
            Console.Error.WriteLine($"xenith: demo: {e.Message}");
            return 1;
        }
    }

    private static int RunDemo(string[] args)
    {
        long size = 64L << 20;
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] == "--size" && i + 1 < args.Length)
            {
                // Xen's size syntax, but a bare number means MiB here.
                string v = args[++i];
                size = (long)Daemon.BootOptions.Dom0Mem("--size", v.Any(char.IsLetter) ? v : v + "M") << 10;
            }
            else
                throw new UsageException($"demo: unknown option '{args[i]}' (usage: xenith demo [--size 64M])");
        }
        size = Math.Max(4096, size / 4096 * 4096);
        var w = Console.Out;
        w.WriteLine($"xenith demo: {size >> 20} MiB per path, every byte checked");
        string guests = TransferSuite.BuildGuests(Repository.Root());
        var options = new ToolstackOptions(Environment.ProcessorCount, 1024ul << 20, 2, true, 1ul << 30, CommandLine: BootLine);
        w.WriteLine($"$ xenith boot {BootLine}");
        var rows = new List<TransferRow>();
        using (var host = new PrivateHost(options, "xenith-demo-"))
        {
            var suite = new TransferSuite(host.Toolstack, guests, host.Work);
            bool listed = false;
            suite.CreatePaused = cfg => Xl(host, w, "create", "-p", cfg);
            suite.Created = count =>
            {
                // Once, when two domains stand side by side.
                if (listed || count < 2)
                    return;
                listed = true;
                Xl(host, w, "list");
            };
            rows.Add(suite.Dom0ToDomU(size, 12345));
            rows.Add(suite.DomUToDomU(size, 12345));
            rows.Add(suite.GrantCopy(size, 12345));
        }
        var native = TransferSuite.Native(size, 12345);
        rows.Add(native);
        rows.Add(TransferSuite.Memcpy(size));
        w.WriteLine();
        TransferRow.Print(w, rows, native.MiBPerSecond);
        bool allCorrect = rows.All(r => r.Errors == 0);
        w.WriteLine();
        w.WriteLine(allCorrect
            ? $"demo: {rows.Count} paths, {size >> 20} MiB each, 100% correct on every path"
            : $"demo: FAILED: {string.Join(", ", rows.Where(r => r.Errors != 0).Select(r => r.Path))} lost or corrupted data");
        return allCorrect ? 0 : 1;
    }

    /// <summary>Runs ./xl on the demo's host, echoing the command and its output; returns the domid of a create.</summary>
    private static uint Xl(PrivateHost host, TextWriter w, params string[] args)
    {
        string shown = string.Join(' ', args.Select(a => a.StartsWith(host.Work, StringComparison.Ordinal) ? Path.GetFileName(a) : a));
        w.WriteLine($"$ xl {shown}");
        w.Write(host.Xl(args));
        // xl create prints no domain ID: ask for it by name, as a script would.
        return args[0] == "create" ? uint.Parse(host.Xl("domid", Path.GetFileNameWithoutExtension(args[^1])).Trim(), CultureInfo.InvariantCulture) : 0;
    }
}
