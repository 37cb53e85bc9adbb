using Xenith.Toolstack.Config;

namespace Xenith.Toolstack.Tests.Config;

public sealed class XlConfigLoaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("xlcfg-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_relative_config_path_and_its_relative_kernel_resolve_against_the_working_directory()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "guests"));
        File.WriteAllText(Path.Combine(_dir, "guests", "g.cfg"), "name = 'g'\nkernel = 'img/zImage'\n");
        XlConfigResult r = XlConfigLoader.Load("guests/g.cfg", ["vcpus=2"], _dir);
        Assert.Equal("img/zImage", r.Config.Kernel!.Given);
        Assert.Equal(Path.Combine(_dir, "img", "zImage"), r.Config.Kernel.Resolved);
        Assert.Equal(2, r.Config.Vcpus);
        Assert.Empty(r.Warnings);
    }

    [Fact]
    public void Errors_name_the_path_as_given()
    {
        File.WriteAllText(Path.Combine(_dir, "bad.cfg"), "name = 'g'\nmemory = 'lots'\n");
        var e = Assert.Throws<XlConfigException>(() => XlConfigLoader.Load("bad.cfg", [], _dir));
        Assert.Equal("bad.cfg:2: parameter `memory' is not a valid number", e.Message);
    }

    [Fact]
    public void A_missing_file_is_reported_as_xl_reports_it()
    {
        var e = Assert.Throws<XlConfigException>(() => XlConfigLoader.Load("nope.cfg", [], _dir));
        Assert.Equal("Failed to read config file: nope.cfg: No such file or directory", e.Message);
    }

    [Fact]
    public void Dev_null_means_a_config_from_overrides_alone()
    {
        XlConfigResult r = XlConfigLoader.Load("/dev/null", ["name='o'", "memory=48"], _dir);
        Assert.Equal(("o", 48L, 48L << 20), (r.Config.Name, r.Config.MemoryMiB, r.Config.MemoryBytes));
    }

    [Fact]
    public void An_oversized_file_is_refused_before_it_is_read()
    {
        string big = Path.Combine(_dir, "big.cfg");
        using (FileStream f = File.Create(big))
            f.SetLength(XlConfigLoader.MaxConfigBytes + 1);
        var e = Assert.Throws<XlConfigException>(() => XlConfigLoader.Load(big, [], _dir));
        Assert.Equal($"Failed to read config file: {big}: File too large", e.Message);
    }
}
