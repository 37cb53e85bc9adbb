namespace Xenith.Images;

/// <summary>
/// One product of <c>xenith images</c> and exactly what it was made from: the Debian package and
/// version, plus <see cref="Extra"/> for inputs that are not packages (the initramfs layout).
/// </summary>
internal sealed record ImageInput(string File, string Package, string Version, string? Extra = null)
{
    /// <summary>The versions.txt line, e.g. "vmlinuz-armmp-lpae linux-image-6.1.0-50-armmp-lpae 6.1.176-1".</summary>
    public string Line => Extra == null ? $"{File} {Package} {Version}" : $"{File} {Package} {Version} {Extra}";
}

/// <summary>
/// versions.txt: one <see cref="ImageInput.Line"/> per file in the image folder. A file counts as
/// current only when it exists and its line matches what would be built now, so an interrupted
/// build or a newer package version rebuilds just the files concerned.
/// </summary>
internal sealed class ImageManifest
{
    private readonly SortedDictionary<string, string> _lines = new(StringComparer.Ordinal);

    public IEnumerable<string> Lines => _lines.Values;

    public static ImageManifest Parse(string text)
    {
        var manifest = new ImageManifest();
        foreach (var raw in text.Split('\n'))
        {
            string line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
                continue;
            int space = line.IndexOf(' ', StringComparison.Ordinal);
            if (space > 0)
                manifest._lines[line[..space]] = line;
        }
        return manifest;
    }

    public bool Matches(ImageInput input) => _lines.TryGetValue(input.File, out var line) && line == input.Line;

    /// <summary>The recorded line for a file, or null.</summary>
    public string? LineFor(string file) => _lines.GetValueOrDefault(file);

    public void Record(ImageInput input) => _lines[input.File] = input.Line;

    public void Forget(string file) => _lines.Remove(file);

    public string Format() => string.Concat(_lines.Values.Select(l => l + "\n"));
}
