namespace Xenith.Toolstack.Config;

/// <summary>
/// What <c>xl create cfg [KEY=VALUE ...]</c> does with its config: read the file (<c>/dev/null</c> meaning an
/// empty one, so a guest can come from overrides alone), append the overrides, parse, build the model.
/// </summary>
public static class XlConfigLoader
{
    /// <summary>A bound on what is read, so a wrong path to a disk image fails fast instead of filling memory.</summary>
    public const int MaxConfigBytes = 1 << 20;

    /// <param name="path">The config path as given on the command line; diagnostics name it so.</param>
    /// <param name="workingDirectory">xl's working directory: relative paths resolve against it.</param>
    public static XlConfigResult Load(string path, IReadOnlyList<string> overrides, string workingDirectory)
    {
        string text = path == "/dev/null" ? "" : Read(path, workingDirectory);
        return Parse(path, text, overrides, workingDirectory);
    }

    /// <summary>The same on text already in hand (the daemon receives it from the client).</summary>
    public static XlConfigResult Parse(string source, string text, IReadOnlyList<string> overrides, string workingDirectory)
    {
        XlCfgFile cfg = XlCfgParser.Parse(source, text, overrides);
        return XlDomainConfigParser.Parse(cfg, workingDirectory);
    }

    private static string Read(string path, string workingDirectory)
    {
        string full = Path.GetFullPath(path, workingDirectory);
        try
        {
            using FileStream f = File.OpenRead(full);
            if (f.Length > MaxConfigBytes)
                throw new XlConfigException($"Failed to read config file: {path}: File too large");
            using var reader = new StreamReader(f);
            return reader.ReadToEnd();
        }
        catch (FileNotFoundException)
        {
            throw new XlConfigException($"Failed to read config file: {path}: No such file or directory");
        }
        catch (DirectoryNotFoundException)
        {
            throw new XlConfigException($"Failed to read config file: {path}: No such file or directory");
        }
        catch (UnauthorizedAccessException)
        {
            throw new XlConfigException($"Failed to read config file: {path}: Permission denied");
        }
        catch (IOException e)
        {
            throw new XlConfigException($"Failed to read config file: {path}: {e.Message}");
        }
    }
}
