using System.Text.RegularExpressions;

namespace Xenith.Images;

/// <summary>A package as the armhf archive offers it: its candidate version and its Depends field.</summary>
internal sealed record DebianPackage(string Name, string Version, string Depends);

/// <summary>
/// apt for Debian bookworm armhf, run without root and without touching the host's apt setup: a
/// private configuration (sources, state, caches) lives in one folder and apt finds it through
/// <c>APT_CONFIG</c>, the one configuration file apt reads before <c>Dir::Etc</c> is fixed, so the
/// host's <c>/etc/apt</c> (its sources, its apt.conf.d hooks, its dpkg architectures) plays no part.
/// Packages are verified by apt against the archive's signed indexes, with Debian's keyring.
/// </summary>
internal sealed partial class DebianPackages
{
    public const string Architecture = "armhf";
    public const string Keyring = "/usr/share/keyrings/debian-archive-keyring.gpg";

    /// <summary>The suites of the host's debian.sources: the release, its updates and its security fixes.</summary>
    public static readonly string[] Sources =
    [
        "http://deb.debian.org/debian bookworm main",
        "http://deb.debian.org/debian bookworm-updates main",
        "http://deb.debian.org/debian-security bookworm-security main",
    ];

    /// <summary>Part of the URL of every index of the release suite, which alone is required.</summary>
    private const string ReleaseSuitePath = "/debian/dists/bookworm/";

    private readonly string _configFile;

    public DebianPackages(string directory)
    {
        if (!File.Exists(Keyring))
            throw new ImageException($"the Debian archive keyring {Keyring} is missing (Debian: apt-get install debian-archive-keyring)");
        Directory = Path.GetFullPath(directory);
        foreach (var sub in new[] { "etc/apt.conf.d", "etc/preferences.d", "etc/sources.list.d", "etc/trusted.gpg.d",
                     "state/lists/partial", "cache/archives/partial" })
            System.IO.Directory.CreateDirectory(Path.Combine(Directory, sub));
        File.WriteAllText(Path.Combine(Directory, "etc/sources.list"), SourcesList());
        File.WriteAllText(Path.Combine(Directory, "etc/apt.conf"), "");
        string status = Path.Combine(Directory, "state/status");
        if (!File.Exists(status))
            File.WriteAllText(status, ""); // nothing is installed for this architecture
        _configFile = Path.Combine(Directory, "apt.conf");
        File.WriteAllText(_configFile, AptConfig(Directory, Environment.IsPrivilegedProcess));
    }

    public string Directory { get; }

    public static string SourcesList() =>
        string.Concat(Sources.Select(s => $"deb [arch={Architecture} signed-by={Keyring}] {s}\n"));

    /// <summary>The file <c>APT_CONFIG</c> names. Paths are absolute, so apt can run from any folder.</summary>
    public static string AptConfig(string directory, bool runningAsRoot)
    {
        string etc = Path.Combine(directory, "etc");
        var lines = new List<string>
        {
            $"Dir::Etc \"{etc}\";",
            "Dir::Etc::main \"apt.conf\";",
            "Dir::Etc::Parts \"apt.conf.d\";",
            "Dir::Etc::SourceList \"sources.list\";",
            "Dir::Etc::SourceParts \"sources.list.d\";",
            "Dir::Etc::Preferences \"preferences\";",
            "Dir::Etc::PreferencesParts \"preferences.d\";",
            "Dir::Etc::Trusted \"trusted.gpg\";",
            "Dir::Etc::TrustedParts \"trusted.gpg.d\";",
            $"Dir::State \"{Path.Combine(directory, "state")}\";",
            $"Dir::State::status \"{Path.Combine(directory, "state", "status")}\";",
            $"Dir::Cache \"{Path.Combine(directory, "cache")}\";",
            $"APT::Architecture \"{Architecture}\";",
            $"APT::Architectures {{ \"{Architecture}\"; }};",
            "Acquire::Languages \"none\";",
            "Acquire::Retries \"2\";",
        };
        // As root apt downloads as the user _apt, which cannot write into root's home.
        if (runningAsRoot)
            lines.Add("APT::Sandbox::User \"root\";");
        return string.Join('\n', lines) + "\n";
    }

    /// <summary>
    /// Refreshes the package indexes. Returns warnings for suites that could not be refreshed
    /// (updates, security); throws when the release suite itself could not be, e.g. offline.
    /// </summary>
    public IReadOnlyList<string> Update()
    {
        var run = Apt("apt-get", ["-q", "update"]);
        var (fatal, warnings) = ClassifyUpdate(run.ExitCode, run.Stdout + "\n" + run.Stderr);
        if (fatal != null)
            throw new ImageException($"apt-get update failed: {fatal}");
        return warnings;
    }

    /// <summary>
    /// Splits apt-get update's complaints into the fatal one (the release suite failed, or apt
    /// failed without naming a URL) and warnings (other suites).
    /// </summary>
    public static (string? Fatal, IReadOnlyList<string> Warnings) ClassifyUpdate(int exitCode, string output)
    {
        var warnings = new List<string>();
        string? fatal = null;
        foreach (Match m in FailedFetch().Matches(output))
        {
            string url = m.Groups["url"].Value, reason = m.Groups["reason"].Value.Trim();
            string text = reason.Length > 0 ? $"{url} ({reason})" : url;
            if (url.Contains(ReleaseSuitePath, StringComparison.Ordinal))
                fatal ??= $"cannot fetch {text}";
            else if (!warnings.Contains($"apt-get update could not fetch {text}; using the other suites"))
                warnings.Add($"apt-get update could not fetch {text}; using the other suites");
        }
        if (fatal == null && exitCode != 0 && warnings.Count == 0)
            fatal = FirstError(output) ?? $"apt-get exited with status {exitCode}";
        return (fatal, warnings);
    }

    /// <summary>The candidate of <paramref name="name"/> in the armhf archive.</summary>
    public DebianPackage Show(string name)
    {
        var run = Apt("apt-cache", ["show", "--no-all-versions", $"{name}:{Architecture}"]);
        if (run.ExitCode != 0)
            throw new ImageException($"apt-cache show {name}: {FirstError(run.Stderr) ?? "not found in bookworm armhf"}");
        return ParseStanza(run.Stdout) ?? throw new ImageException($"apt-cache show {name}: no Version field in its output");
    }

    /// <summary>The first stanza of apt-cache show output, or null without Package/Version.</summary>
    public static DebianPackage? ParseStanza(string text)
    {
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in text.Split('\n'))
        {
            if (line.Trim().Length == 0)
            {
                if (fields.Count > 0)
                    break;
                continue;
            }
            if (char.IsWhiteSpace(line[0]))
                continue; // continuation of a multi-line field (Description)
            int colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
                fields.TryAdd(line[..colon], line[(colon + 1)..].Trim());
        }
        if (!fields.TryGetValue("Package", out var name) || !fields.TryGetValue("Version", out var version))
            return null;
        return new DebianPackage(name, version, fields.GetValueOrDefault("Depends") ?? "");
    }

    /// <summary>
    /// The versioned package a Debian kernel metapackage stands for: <c>linux-image-armmp-lpae</c>
    /// depends on e.g. <c>linux-image-6.1.0-50-armmp-lpae (= 6.1.176-1)</c>, which holds the kernel.
    /// </summary>
    public static (string Name, string? Version) KernelDependency(DebianPackage meta)
    {
        foreach (var alternatives in meta.Depends.Split(','))
        {
            var m = VersionedDependency().Match(alternatives.Split('|')[0].Trim());
            if (m.Success && m.Groups["name"].Value.StartsWith("linux-image-", StringComparison.Ordinal))
                return (m.Groups["name"].Value, m.Groups["version"].Success ? m.Groups["version"].Value : null);
        }
        throw new ImageException($"{meta.Name} {meta.Version}: no linux-image-* package in Depends: {meta.Depends}");
    }

    /// <summary>Downloads <paramref name="name"/>=<paramref name="version"/> into <paramref name="directory"/>; returns the .deb path.</summary>
    public string Download(string name, string version, string directory)
    {
        var run = Apt("apt-get", ["-q", "download", $"{name}:{Architecture}={version}"], directory);
        if (run.ExitCode != 0)
            throw new ImageException($"apt-get download {name} {version} failed: {FirstError(run.Stderr + "\n" + run.Stdout) ?? $"status {run.ExitCode}"}");
        var debs = System.IO.Directory.GetFiles(directory, "*.deb");
        return debs.Length == 1 ? debs[0]
            : throw new ImageException($"apt-get download {name} {version}: expected one .deb in {directory}, found {debs.Length}");
    }

    /// <summary>Unpacks a .deb's files (not its maintainer scripts) into <paramref name="directory"/>.</summary>
    public static void Extract(string deb, string directory)
    {
        System.IO.Directory.CreateDirectory(directory);
        var run = RunTool("dpkg-deb", ["-x", deb, directory], null, null);
        if (run.ExitCode != 0)
            throw new ImageException($"dpkg-deb -x {Path.GetFileName(deb)} failed: {FirstError(run.Stderr) ?? $"status {run.ExitCode}"}");
    }

    private ToolRun Apt(string tool, string[] args, string? workingDirectory = null) =>
        RunTool(tool, args, workingDirectory, new Dictionary<string, string>
        {
            ["APT_CONFIG"] = _configFile,
            ["DEBIAN_FRONTEND"] = "noninteractive",
        });

    private static ToolRun RunTool(string tool, string[] args, string? workingDirectory, IReadOnlyDictionary<string, string>? environment) =>
        HostTool.Run(tool, args, "xenith images needs Debian's apt and dpkg tools", workingDirectory, environment);

    /// <summary>apt's first "E: ..." line without the prefix, or null.</summary>
    private static string? FirstError(string output) =>
        output.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("E: ", StringComparison.Ordinal))?[3..];

    // apt-get update: "W: Failed to fetch <url>  <reason>" (or "E:"), one per failed index.
    [GeneratedRegex(@"^[WE]: Failed to fetch (?<url>\S+)[ \t]*(?<reason>[^\r\n]*)", RegexOptions.Multiline)]
    private static partial Regex FailedFetch();

    [GeneratedRegex(@"^(?<name>[a-z0-9][a-z0-9+.-]*)(?::[a-z0-9]+)?\s*(?:\(\s*=\s*(?<version>[^\s)]+)\s*\))?")]
    private static partial Regex VersionedDependency();
}
