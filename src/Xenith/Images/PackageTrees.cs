namespace Xenith.Images;

/// <summary>
/// The packages one <c>xenith images</c> run needs, each downloaded and unpacked once into the run's
/// scratch folder: the initramfs takes modules from both kernel packages that the kernel images also come from.
/// </summary>
internal sealed class PackageTrees(DebianPackages apt, string scratch, TextWriter log)
{
    private readonly Dictionary<string, string> _trees = new(StringComparer.Ordinal);

    /// <summary>The folder holding the unpacked files of <paramref name="name"/>=<paramref name="version"/>.</summary>
    public string Get(string name, string version)
    {
        string key = $"{name}={version}";
        if (_trees.TryGetValue(key, out var tree))
            return tree;
        log.WriteLine($"fetching {name} {version}");
        string folder = Path.Combine(scratch, $"pkg-{_trees.Count}");
        string debFolder = Directory.CreateDirectory(Path.Combine(folder, "deb")).FullName;
        string deb = apt.Download(name, version, debFolder);
        tree = Path.Combine(folder, "tree");
        DebianPackages.Extract(deb, tree);
        File.Delete(deb); // the unpacked tree is what is used; the kernel .debs are 40 MiB each
        _trees[key] = tree;
        return tree;
    }
}
