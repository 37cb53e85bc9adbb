namespace Xenith.Daemon;

/// <summary>The daemon's files: the socket's folder (private to the user) and the log beside the socket.</summary>
internal static class DaemonFiles
{
    public static void PrepareDirectory(string socketPath)
    {
        string? dir = Path.GetDirectoryName(socketPath);
        if (string.IsNullOrEmpty(dir) || Directory.Exists(dir))
            return;
        // Private to the user: whoever can reach the socket controls every domain.
        if (OperatingSystem.IsWindows())
            Directory.CreateDirectory(dir);
        else
            Directory.CreateDirectory(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    public static string LogPath(string socketPath) =>
        Path.Combine(Path.GetDirectoryName(socketPath) ?? ".", Path.GetFileNameWithoutExtension(socketPath) + ".log");

    /// <summary>The last lines of a file (reading at most its last 64 KiB).</summary>
    public static IReadOnlyList<string> Tail(string path, int lines)
    {
        try
        {
            using var f = File.OpenRead(path);
            f.Seek(Math.Max(0, f.Length - 65536), SeekOrigin.Begin);
            using var r = new StreamReader(f);
            var all = r.ReadToEnd().Split('\n');
            return all.TakeLast(lines + 1).Where(l => l.Length > 0).ToList();
        }
        catch (IOException)
        {
            return [];
        }
    }
}
