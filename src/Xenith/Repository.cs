namespace Xenith;

/// <summary>
/// The Xenith source tree this program was built from (or <c>$XENITH_ROOT</c>): the demo, the benchmarks and the
/// image builder compile guest programs from it.
/// </summary>
internal static class Repository
{
    /// <summary>The tree above this program (or <c>$XENITH_ROOT</c>), or null when it was copied out of one.</summary>
    public static string? Find()
    {
        string? dir = Environment.GetEnvironmentVariable("XENITH_ROOT") ?? AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "guest", "xen", "Makefile")))
            dir = Path.GetDirectoryName(dir);
        return dir;
    }

    public static string Root() =>
        Find() ?? throw new UsageException("run xenith from its repository (guest/xen/Makefile not found above it; set XENITH_ROOT)");
}
