using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Xenith.Toolstack.Tests.Domains;

/// <summary>Builds the SDK guests (guest/xen) into a folder of this test project's own, once per run.</summary>
internal static class GuestImages
{
    private static readonly Lazy<string> Out = new(Build);

    public static string Dir => Out.Value;

    public static string Path(string program) => System.IO.Path.Combine(Dir, program + ".elf");

    public static string RepoRoot([CallerFilePath] string path = "")
    {
        string dir = System.IO.Path.GetDirectoryName(path)!;
        while (!File.Exists(System.IO.Path.Combine(dir, "guest", "xen", "Makefile")))
            dir = System.IO.Path.GetDirectoryName(dir) ?? throw new InvalidOperationException("guest/xen not found above the test sources");
        return dir;
    }

    private static string Build()
    {
        string xen = System.IO.Path.Combine(RepoRoot(), "guest", "xen");
        const string sub = "out/toolstack";
        string[] programs = ["hello", "console", "evtchn", "gnttab", "version", "sched", "memory", "vcpu", "multicall", "hostile", "xenstore", "vchan_send", "vchan_recv", "block"];
        var psi = new ProcessStartInfo("make", ["-s", "-C", xen, "OUT=" + sub, .. programs.Select(p => $"{sub}/{p}.elf")])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        using var p = Process.Start(psi)!;
        string err = p.StandardError.ReadToEnd() + p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
            throw new InvalidOperationException($"make -C guest/xen failed:\n{err}");
        return System.IO.Path.Combine(xen, sub);
    }
}
