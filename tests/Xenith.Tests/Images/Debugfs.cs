using System.Diagnostics;
using System.Globalization;

namespace Xenith.Tests.Images;

/// <summary>One inode of an ext4 image as debugfs's <c>ls -p</c> lists it.</summary>
internal sealed record Ext4Entry(string Path, int Mode, int Uid, int Gid);

/// <summary>Reads ext4 images back with e2fsprogs' debugfs (read-only), independently of how they were made.</summary>
internal static class Debugfs
{
    public static string Run(string image, string request)
    {
        var psi = new ProcessStartInfo(File.Exists("/usr/sbin/debugfs") ? "/usr/sbin/debugfs" : "debugfs")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var a in new[] { "-R", request, image })
            psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stderr = p.StandardError.ReadToEndAsync();
        string stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, $"debugfs -R '{request}' exited {p.ExitCode}: {stderr.Result}");
        return stdout;
    }

    /// <summary>A file's bytes, through <c>dump</c> to a temporary file.</summary>
    public static byte[] Read(string image, string path)
    {
        string output = Path.GetTempFileName();
        try
        {
            Run(image, $"dump {path} {output}");
            return File.ReadAllBytes(output);
        }
        finally
        {
            File.Delete(output);
        }
    }

    /// <summary>Every inode under the root folder, walked with <c>ls -p</c> (lines <c>/ino/mode/uid/gid/name/size/</c>).</summary>
    public static List<Ext4Entry> Walk(string image)
    {
        var entries = new List<Ext4Entry> { RootFolder(image) };
        var folders = new Queue<string>(["/"]);
        while (folders.Count > 0)
        {
            string folder = folders.Dequeue();
            foreach (var line in Run(image, $"ls -p {folder}").Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                var f = line.Split('/');
                // lost+found's preallocated blocks list as nameless entries of inode 0.
                if (f.Length < 6 || f[5] is "." or ".." or "" || f[1] == "0")
                    continue;
                string path = (folder == "/" ? "" : folder) + "/" + f[5];
                var entry = new Ext4Entry(path, Convert.ToInt32(f[2], 8),
                    int.Parse(f[3], CultureInfo.InvariantCulture), int.Parse(f[4], CultureInfo.InvariantCulture));
                entries.Add(entry);
                if ((entry.Mode & 0xF000) == 0x4000)
                    folders.Enqueue(path);
            }
        }
        return entries;
    }

    /// <summary>The root folder, from <c>stat /</c> ("Mode:  0755", "User:     0   Group:     0").</summary>
    private static Ext4Entry RootFolder(string image)
    {
        string stat = Run(image, "stat /");
        string After(string name)
        {
            int at = stat.IndexOf(name, StringComparison.Ordinal);
            Assert.True(at >= 0, $"no {name} in debugfs stat /");
            return stat[(at + name.Length)..].TrimStart().Split(' ')[0];
        }
        return new Ext4Entry("/", 0x4000 | Convert.ToInt32(After("Mode:"), 8),
            int.Parse(After("User:"), CultureInfo.InvariantCulture), int.Parse(After("Group:"), CultureInfo.InvariantCulture));
    }
}
