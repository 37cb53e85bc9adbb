using System.ComponentModel;
using System.Diagnostics;

namespace Xenith.Images;

/// <summary>What a host tool printed and how it ended.</summary>
internal sealed record ToolRun(int ExitCode, string Stdout, string Stderr);

/// <summary>
/// Runs the Debian host tools <c>xenith images</c> builds with (apt, dpkg-deb, mke2fs, debugfs): no
/// standard input, messages in the C locale (they are parsed), a time limit.
/// </summary>
internal static class HostTool
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(20);

    /// <summary>
    /// Folders searched after PATH: e2fsprogs installs into /usr/sbin (and /sbin), which an ordinary
    /// user's PATH on Debian does not hold.
    /// </summary>
    private static readonly string[] SystemFolders = ["/usr/sbin", "/sbin"];

    /// <param name="missing">The error when the tool cannot be started, e.g. which Debian package brings it.</param>
    /// <param name="environment">Variables added to the tool's environment.</param>
    public static ToolRun Run(string tool, IEnumerable<string> args, string missing,
        string? workingDirectory = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var psi = new ProcessStartInfo(Locate(tool))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var a in args)
            psi.ArgumentList.Add(a);
        psi.Environment["LC_ALL"] = "C";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            psi.Environment[name] = value;

        Process? process;
        try
        {
            process = Process.Start(psi);
        }
        catch (Win32Exception)
        {
            process = null;
        }
        using var p = process ?? throw new ImageException($"cannot run {tool}: {missing}");
        p.StandardInput.Close();
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(Timeout))
        {
            p.Kill(entireProcessTree: true);
            throw new ImageException($"{tool} {string.Join(' ', args)} did not finish within {Timeout.TotalMinutes} minutes");
        }
        p.WaitForExit();
        return new ToolRun(p.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>The tool's path: a PATH lookup by the process API, else a system folder that holds it.</summary>
    private static string Locate(string tool)
    {
        bool onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
            .Any(dir => dir.Length > 0 && File.Exists(Path.Combine(dir, tool)));
        if (onPath)
            return tool;
        return SystemFolders.Select(dir => Path.Combine(dir, tool)).FirstOrDefault(File.Exists) ?? tool;
    }
}
