using System.ComponentModel;
using System.Diagnostics;

namespace Xenith;

/// <summary>Runs <c>make -s -C DIR ...</c> for the guest programs (guest/xen, guest/linux) that commands build on demand.</summary>
internal static class Make
{
    /// <summary>Null when make succeeded, else what it (or the attempt to start it) said.</summary>
    public static string? Run(string dir, params string[] args)
    {
        var psi = new ProcessStartInfo("make", ["-s", "-C", dir, .. args]) { RedirectStandardError = true, RedirectStandardOutput = true };
        try
        {
            using var p = Process.Start(psi) ?? throw new Win32Exception("make did not start");
            var stdout = p.StandardOutput.ReadToEndAsync();
            string err = p.StandardError.ReadToEnd();
            p.WaitForExit();
            return p.ExitCode == 0 ? null : $"make -C {dir} failed:\n{err}{stdout.Result}".TrimEnd();
        }
        catch (Win32Exception e)
        {
            return $"cannot run make in {dir}: {e.Message} (scripts/deps.sh installs it)";
        }
    }
}
