using System.Text;
using Xenith.Toolstack.Config;

namespace Xenith.Toolstack.Tests.Config;

/// <summary>
/// Each <c>golden/NAME.cfg</c> (with optional <c>NAME.args</c>, one command-line override per line) is loaded
/// as <c>xl create NAME.cfg ARGS</c> from <see cref="WorkingDirectory"/>; the model dump and warnings, or the
/// diagnostics, must equal <c>NAME.expected</c> byte for byte.
/// </summary>
public class GoldenTests
{
    public const string WorkingDirectory = "/srv/xen";

    private static string GoldenDir => Path.Combine(AppContext.BaseDirectory, "Config", "golden");

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (string f in Directory.GetFiles(GoldenDir, "*.cfg").Order(StringComparer.Ordinal))
            data.Add(Path.GetFileNameWithoutExtension(f));
        return data;
    }

    /// <summary>What a golden file holds for one case: the dump and "--- warnings", or "--- error" and its lines.</summary>
    public static string Render(string name)
    {
        string cfgPath = Path.Combine(GoldenDir, name + ".cfg");
        string argsPath = Path.Combine(GoldenDir, name + ".args");
        string[] overrides = File.Exists(argsPath) ? File.ReadAllLines(argsPath) : [];
        var sb = new StringBuilder();
        try
        {
            XlConfigResult r = XlConfigLoader.Parse(name + ".cfg", File.ReadAllText(cfgPath), overrides, WorkingDirectory);
            sb.Append(r.Config.Describe());
            if (r.Warnings.Count > 0)
            {
                sb.Append("--- warnings\n");
                foreach (string w in r.Warnings)
                    sb.Append(w).Append('\n');
            }
        }
        catch (XlConfigException e)
        {
            sb.Append("--- error\n");
            foreach (string line in e.Diagnostics)
                sb.Append(line).Append('\n');
        }
        return sb.ToString();
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Matches_expected(string name)
    {
        string actual = Render(name);
        // Setting XLCFG_GOLDEN_OUT writes what was produced there, for review before it becomes a golden file.
        if (Environment.GetEnvironmentVariable("XLCFG_GOLDEN_OUT") is { Length: > 0 } outDir)
            File.WriteAllText(Path.Combine(outDir, name + ".expected"), actual);
        string expectedPath = Path.Combine(GoldenDir, name + ".expected");
        Assert.True(File.Exists(expectedPath), $"no {name}.expected; produced:\n{actual}");
        Assert.Equal(File.ReadAllText(expectedPath), actual);
    }

    [Fact]
    public void Every_case_has_an_expectation_and_there_are_many()
    {
        string[] cfgs = Directory.GetFiles(GoldenDir, "*.cfg");
        Assert.True(cfgs.Length >= 30, $"only {cfgs.Length} golden cases");
        Assert.All(cfgs, c => Assert.True(File.Exists(Path.ChangeExtension(c, ".expected")), c));
    }
}
