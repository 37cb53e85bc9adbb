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
        if (Make.Run(dir) is string failed)
            throw new ImageException(failed);
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
