using System.Diagnostics;
using System.Security.Cryptography;

namespace Xenith.Images;

/// <summary>
/// guest/linux's tools for a Linux domU (xen-vchan-recv, ...): static ARM executables built with the same
/// arm-none-eabi-gcc as the other guests, which the initramfs carries in /bin.
/// </summary>
internal static class LinuxTools
{
    public sealed record Tool(string Name, byte[] Data);

    /// <summary>Builds them (make -C guest/linux) and returns each; none when xenith runs outside its source tree.</summary>
    /// <exception cref="ImageException">make failed.</exception>
    public static IReadOnlyList<Tool> Build()
    {
        if (Repository.Find() is not string root)
            return [];
        string dir = Path.Combine(root, "guest", "linux");
        var psi = new ProcessStartInfo("make", ["-s", "-C", dir]) { RedirectStandardError = true, RedirectStandardOutput = true };
        Process p;
        try
        {
            p = Process.Start(psi) ?? throw new ImageException("make did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new ImageException($"cannot run make for guest/linux: {e.Message} (scripts/deps.sh installs it)");
        }
        using (p)
        {
            var stdout = p.StandardOutput.ReadToEndAsync();
            string err = p.StandardError.ReadToEnd();
            p.WaitForExit();
            if (p.ExitCode != 0)
                throw new ImageException($"make -C {dir} failed: {err.Trim()}{stdout.Result.Trim()}");
        }
        return [.. Directory.GetFiles(Path.Combine(dir, "out")).Order(StringComparer.Ordinal).Select(f => new Tool(Path.GetFileName(f), File.ReadAllBytes(f)))];
    }

    /// <summary>A short hash of the tools, for versions.txt: a rebuilt tool rebuilds the initramfs.</summary>
    public static string Fingerprint(IReadOnlyList<Tool> tools)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var t in tools)
        {
            sha.AppendData(System.Text.Encoding.UTF8.GetBytes(t.Name + "\n"));
            sha.AppendData(t.Data);
        }
        return "tools-" + Convert.ToHexStringLower(sha.GetHashAndReset())[..12];
    }
}
