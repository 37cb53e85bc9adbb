using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Xenith.Tests.Toolstack;

/// <summary><c>xenith demo</c> as a process, small: it lists the domains as xl does and every path is 100% correct.</summary>
public class DemoTests
{
    private static string RepoRoot([CallerFilePath] string path = "")
    {
        string dir = Path.GetDirectoryName(path)!;
        while (!File.Exists(Path.Combine(dir, "guest", "xen", "Makefile")))
            dir = Path.GetDirectoryName(dir)!;
        return dir;
    }

    [Fact]
    public async Task The_demo_prints_xl_list_and_a_table_with_every_path_correct()
    {
        var psi = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "xenith.dll"), "demo", "--size", "2"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        psi.Environment["XENITH_ROOT"] = RepoRoot();
        psi.Environment["XENITH_XL"] = Path.Combine(AppContext.BaseDirectory, "xl.dll");
        using var p = Process.Start(psi)!;
        var err = p.StandardError.ReadToEndAsync();
        string output = await p.StandardOutput.ReadToEndAsync();
        await p.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(5));
        Assert.True(p.ExitCode == 0, output + await err);
        Assert.Contains("$ xl list", output);
        Assert.Matches(@"(?m)^Domain-0 +0 +1024 +2 +r-----", output);
        Assert.Matches(@"(?m)^dom0 -> domU, vchan \(the paper's path\) +2097152 +100\.00%", output);
        Assert.Matches(@"(?m)^domU -> domU, vchan +2097152 +100\.00% .* us$", output);
        Assert.Matches(@"(?m)^domU -> domU, grant copy \(hypervisor\) +2097152 +100\.00%", output);
        Assert.Matches(@"(?m)^host threads, vchan ring \(native\) +2097152 +100\.00% .* 1\.0000 ", output);
        Assert.Contains("100% correct on every path", output);
    }
}
