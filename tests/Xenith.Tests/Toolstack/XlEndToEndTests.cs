using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace Xenith.Tests.Toolstack;

/// <summary>
/// The toolstack as a new user meets it, as processes: <c>xenith boot -d</c> with Xen's boot options, then <c>xl
/// create examples/hello.cfg</c>, <c>xl list</c> in Xen's format, <c>xl console</c> both ways, <c>xl destroy</c>
/// and <c>xenith halt</c>, all on a private control socket.
/// </summary>
public partial class XlEndToEndTests
{
    private static string RepoRoot([CallerFilePath] string path = "")
    {
        string dir = Path.GetDirectoryName(path)!;
        while (!File.Exists(Path.Combine(dir, "examples", "hello.cfg")))
            dir = Path.GetDirectoryName(dir) ?? throw new InvalidOperationException("examples/hello.cfg not found");
        return dir;
    }

    private sealed record Result(int ExitCode, string Out, string Err);

    private static Result Run(string socket, string dll, string stdin, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { WorkingDirectory = RepoRoot(), RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, dll));
        foreach (string a in args)
            psi.ArgumentList.Add(a);
        psi.Environment["XENITH_SOCKET"] = socket;
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEndAsync();
        var error = p.StandardError.ReadToEndAsync();
        foreach (char c in stdin)
        {
            // Typed, with the pauses a person leaves, so the guest sees the line after its prompt.
            if (c == '\u0001')
            {
                Thread.Sleep(1500);
                continue;
            }
            p.StandardInput.Write(c);
            p.StandardInput.Flush();
        }
        p.StandardInput.Close();
        if (!p.WaitForExit(TimeSpan.FromSeconds(120)))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"{dll} {string.Join(' ', args)} did not finish");
        }
        return new Result(p.ExitCode, output.Result, error.Result);
    }

    [GeneratedRegex(@"^Domain-0 +0 +1024 +2 +r----- +\d+\.\d$", RegexOptions.Multiline)]
    private static partial Regex Dom0Row();

    [GeneratedRegex(@"^hello +1 +16 +1 +[r-][b-]---- +\d+\.\d$", RegexOptions.Multiline)]
    private static partial Regex HelloRow();

    [Fact]
    public void Boot_create_list_console_destroy_halt()
    {
        // examples/hello.cfg names guest/xen/out/hello.elf (the xenith script builds it on boot; here we do).
        var make = Process.Start(new ProcessStartInfo("make", ["-s", "-C", Path.Combine(RepoRoot(), "guest", "xen"), "out/hello.elf"]))!;
        make.WaitForExit();
        Assert.Equal(0, make.ExitCode);
        // A short path: Unix socket paths are limited to about 100 bytes.
        string dir = Directory.CreateTempSubdirectory("xe2e").FullName;
        string socket = Path.Combine(dir, "x.sock");
        try
        {
            var boot = Run(socket, "xenith.dll", "", "boot", "-d", "dom0_mem=1024M", "dom0_max_vcpus=2", "dom0_vcpus_pin");
            Assert.True(boot.ExitCode == 0, boot.Out + boot.Err);

            var create = Run(socket, "xl.dll", "", "create", "examples/hello.cfg");
            Assert.True(create.ExitCode == 0, create.Out + create.Err);
            Assert.Contains("Parsing config from examples/hello.cfg", create.Err + create.Out);

            var list = Run(socket, "xl.dll", "", "list");
            Assert.Equal(0, list.ExitCode);
            Assert.StartsWith("Name                                        ID   Mem VCPUs\tState\tTime(s)\n", list.Out, StringComparison.Ordinal);
            Assert.Matches(Dom0Row(), list.Out);
            Assert.Matches(HelloRow(), list.Out);

            // Ctrl-] (0x1d) detaches, as on Xen.
            var console = Run(socket, "xl.dll", "\u0001hi there\r\u0001\u001d", "console", "hello");
            Assert.True(console.ExitCode == 0, console.Out + console.Err);
            Assert.Contains("Hello from Xenith! I am domain 1", console.Out);
            Assert.Contains("you said: hi there", console.Out);

            Assert.Equal(0, Run(socket, "xl.dll", "", "destroy", "hello").ExitCode);
            var after = Run(socket, "xl.dll", "", "list");
            Assert.DoesNotMatch(HelloRow(), after.Out);
            Assert.Matches(Dom0Row(), after.Out);
            var unknown = Run(socket, "xl.dll", "", "destroy", "hello");
            Assert.NotEqual(0, unknown.ExitCode);

            // hello listens on control/shutdown: xl shutdown -w asks it and waits until it is gone.
            Assert.Equal(0, Run(socket, "xl.dll", "", "create", "examples/hello.cfg").ExitCode);
            var shutdown = Run(socket, "xl.dll", "", "shutdown", "-w", "hello");
            Assert.True(shutdown.ExitCode == 0, shutdown.Out + shutdown.Err);
            Assert.DoesNotContain("hello", Run(socket, "xl.dll", "", "list").Out, StringComparison.Ordinal);
        }
        finally
        {
            var halt = Run(socket, "xenith.dll", "", "halt");
            Directory.Delete(dir, recursive: true);
            Assert.True(halt.ExitCode == 0, halt.Out + halt.Err);
        }
    }
}
