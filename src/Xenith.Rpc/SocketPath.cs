namespace Xenith.Rpc;

/// <summary>
/// Where the control socket lives: <c>--socket PATH</c>, else <c>$XENITH_SOCKET</c>, else a per-user default
/// (<c>$XDG_RUNTIME_DIR/xenith/xenith.sock</c>, or <c>/tmp/xenith-$UID/xenith.sock</c> without a runtime
/// directory). Both <c>xenith</c> and <c>xl</c> resolve it the same way, so hosts can run side by side.
/// </summary>
public static class SocketPath
{
    public const string EnvironmentVariable = "XENITH_SOCKET";

    public static string Resolve(string? option) =>
        Resolve(option, Environment.GetEnvironmentVariable(EnvironmentVariable),
            Environment.GetEnvironmentVariable("XDG_RUNTIME_DIR"), UserId());

    /// <summary>The rule itself, with its inputs given (for tests).</summary>
    public static string Resolve(string? option, string? environment, string? runtimeDirectory, uint userId)
    {
        if (!string.IsNullOrEmpty(option))
            return Path.GetFullPath(option);
        if (!string.IsNullOrEmpty(environment))
            return Path.GetFullPath(environment);
        if (!string.IsNullOrEmpty(runtimeDirectory))
            return Path.Combine(runtimeDirectory, "xenith", "xenith.sock");
        return $"/tmp/xenith-{userId}/xenith.sock";
    }

    private static uint UserId()
    {
        // The owner of /proc/self is this process's real user; no libc call needed.
        try
        {
            var status = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("Uid:", StringComparison.Ordinal));
            if (status != null && uint.TryParse(status.Split('\t', StringSplitOptions.RemoveEmptyEntries)[1], out uint uid))
                return uid;
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
        return 0;
    }
}
