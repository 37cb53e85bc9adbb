using Xenith.Rpc;
using Xenith.XenStore;

namespace Xenith.Toolstack.Tests.Domains;

/// <summary>
/// The PV block backend with the SDK's block program (guest/xen/block.c) as the frontend: xvda read-write over
/// a.img (256 sectors of pattern 1), xvdb read-only over b.img (64 sectors of pattern 99).
/// </summary>
public class BlockDeviceTests
{
    private const int SectorsA = 256, SectorsB = 64;
    private const string Disks = "disk = [ 'file:a.img,xvda,w', 'format=raw, vdev=xvdb, access=r, target=b.img' ]\n";

    /// <summary>block.c's pattern(salt, sector, i).</summary>
    private static byte[] Pattern(int salt, int sectors)
    {
        var b = new byte[sectors * 512];
        for (int s = 0; s < sectors; s++)
            for (int i = 0; i < 512; i++)
                b[s * 512 + i] = (byte)(s * 131 + i * 7 + salt);
        return b;
    }

    /// <summary>What a.img must hold after block.c's writes: sectors 40..55 and 200 are its written(sector, i).</summary>
    private static byte[] AfterWrites()
    {
        var b = Pattern(1, SectorsA);
        foreach (int s in Enumerable.Range(40, 16).Append(200))
            for (int i = 0; i < 512; i++)
                b[s * 512 + i] = (byte)(s * 29 + i * 13 + 0x80);
        return b;
    }

    private static (string A, string B) Images(ToolstackHost host) =>
        (host.WriteFile("a.img", Pattern(1, SectorsA)), host.WriteFile("b.img", Pattern(99, SectorsB)));

    /// <summary>Nobody has the file open any more (the runtime's advisory lock would refuse FileShare.None).</summary>
    private static void AssertClosed(string path)
    {
        using var f = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        Assert.True(f.Length > 0);
    }

    private static string Lines(List<string> lines)
    {
        lock (lines)
            return string.Join('\n', lines);
    }

    [Fact]
    public async Task Block_program_passes_and_after_destroy_the_image_holds_exactly_what_it_wrote()
    {
        using var host = new ToolstackHost();
        var ts = host.Toolstack;
        var (a, b) = Images(host);
        var lines = new List<string>();
        ts.HypervisorLog += l => { lock (lines) lines.Add(l); };
        var created = host.Create(host.Config("block", "block", Disks + $"extra = \"blk.sectors={SectorsA}\"\n"));
        Assert.DoesNotContain(created.Warnings, w => w.Contains("disk", StringComparison.Ordinal));
        var death = await ts.WaitForDomainAsync(created.DomId, untilDeath: true, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(90));
        string all = Lines(lines);
        Assert.Equal(ShutdownReason.Poweroff, death.Reason);
        Assert.DoesNotContain(" FAIL ", all);
        Assert.Contains("(d1) PASS blk.write.read-back.data", all);
        Assert.Contains("(d1) PASS blk.hostile.12-segments", all);
        Assert.Contains("(d1) PASS blk.ro.write-refused", all);
        Assert.Matches(@"\(d1\) SUMMARY: [1-9]\d* passed, 0 failed, 0 skipped", all);
        AssertClosed(a);
        AssertClosed(b);
        Assert.Equal(AfterWrites(), File.ReadAllBytes(a));
        Assert.Equal(Pattern(99, SectorsB), File.ReadAllBytes(b));
        Assert.Null(ts.XenStoreRead("/local/domain/0/backend/vbd/1/51712/state"));
    }

    [Fact]
    public async Task Destroying_a_domain_under_a_connected_block_backend_releases_its_mappings_and_closes_the_image()
    {
        using var host = new ToolstackHost();
        var ts = host.Toolstack;
        var (a, _) = Images(host);
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        ts.HypervisorLog += l =>
        {
            if (l.Contains("# blk.hold", StringComparison.Ordinal))
                held.TrySetResult();
        };
        var dom0 = ts.Machine.FindDomain(0)!;
        int before;
        lock (ts.Machine.Gate)
            before = dom0.Grants.MappingCount;
        var created = host.Create(host.Config("held", "block", Disks + $"extra = \"blk.sectors={SectorsA} blk.hold=1\"\n"));
        await held.Task.WaitAsync(TimeSpan.FromSeconds(90));
        lock (ts.Machine.Gate)
        {
            // The rings of xvda (connected, one page) and nothing else: data pages are mapped only per request.
            Assert.Equal(before + 1, dom0.Grants.MappingCount);
            Assert.Equal("4", ts.XenStoreRead($"/local/domain/0/backend/vbd/{created.DomId}/51712/state"));
        }
        ts.Destroy(created.DomId);
        lock (ts.Machine.Gate)
            Assert.Equal(before, dom0.Grants.MappingCount);
        AssertClosed(a);
        Assert.Equal(AfterWrites(), File.ReadAllBytes(a));
        Assert.Null(ts.XenStoreRead($"/local/domain/0/backend/vbd/{created.DomId}"));
        Assert.Equal(["Domain-0"], ts.ListDomains().Select(d => d.Name));
    }

    [Fact]
    public void Block_xenstore_entries_have_libxls_keys_values_and_permissions()
    {
        using var host = new ToolstackHost();
        var ts = host.Toolstack;
        var (a, b) = Images(host);
        var created = host.CreatePaused(host.Config("entries", "block", Disks));
        uint id = created.DomId;
        string front = $"/local/domain/{id}/device/vbd/51712", back = $"/local/domain/0/backend/vbd/{id}/51712";
        using var xs = ts.XenStore.OpenClient(0);
        lock (ts.Machine.Gate)
        {
            Assert.Equal(["51712", "51728"], xs.Directory($"/local/domain/{id}/device/vbd").Order(StringComparer.Ordinal));
            foreach (var (k, v) in new[] { ("backend", back), ("backend-id", "0"), ("state", "1"), ("virtual-device", "51712"), ("device-type", "disk"), ("trusted", "1") })
                Assert.Equal(v, xs.TryReadString($"{front}/{k}"));
            Assert.Equal([new XsPerm((int)id, XsAccess.None), new XsPerm(0, XsAccess.Read)], xs.GetPermissions(front));
            Assert.Equal([new XsPerm((int)id, XsAccess.None), new XsPerm(0, XsAccess.Read)], xs.GetPermissions($"{front}/state"));
            foreach (var (k, v) in new[] { ("frontend", front), ("frontend-id", id.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("params", a),
                ("mode", "w"), ("type", "phy"), ("online", "1"), ("removable", "0"), ("bootable", "1"), ("dev", "xvda"), ("device-type", "disk"),
                ("sectors", "256"), ("info", "0"), ("sector-size", "512"), ("feature-flush-cache", "1"), ("feature-barrier", "1"),
                ("max-ring-page-order", "4"), ("state", "2") })
                Assert.Equal(v, xs.TryReadString($"{back}/{k}"));
            Assert.Equal([new XsPerm(0, XsAccess.None), new XsPerm((int)id, XsAccess.Read)], xs.GetPermissions(back));
            Assert.Equal([new XsPerm(0, XsAccess.None), new XsPerm((int)id, XsAccess.Read)], xs.GetPermissions($"{back}/sectors"));
            string backB = $"/local/domain/0/backend/vbd/{id}/51728";
            Assert.Equal(b, xs.TryReadString($"{backB}/params"));
            Assert.Equal("r", xs.TryReadString($"{backB}/mode"));
            Assert.Equal("4", xs.TryReadString($"{backB}/info"));
            Assert.Equal("64", xs.TryReadString($"{backB}/sectors"));
        }
        ts.Destroy(id);
        Assert.Null(ts.XenStoreRead($"/local/domain/0/backend/vbd/{id}"));
        Assert.Null(ts.XenStoreRead(front));
        AssertClosed(a);
    }

    [Fact]
    public void A_missing_disk_image_fails_xl_create_naming_its_path_and_creates_nothing()
    {
        using var host = new ToolstackHost();
        var ts = host.Toolstack;
        string present = host.WriteFile("present.img", new byte[4096]);
        string cfg = host.Config("nodisk", "block", "disk = [ 'file:present.img,xvda,w', 'file:missing.img,xvdb,w' ]\n");
        var e = Assert.Throws<RpcException>(() => host.Create(cfg));
        string missing = Path.Combine(Path.GetDirectoryName(cfg)!, "missing.img");
        Assert.StartsWith("libxl: error: failed to open disk xvdb missing.img", e.Message, StringComparison.Ordinal);
        Assert.Contains(missing, e.Message, StringComparison.Ordinal);
        Assert.Equal(["Domain-0"], ts.ListDomains().Select(d => d.Name));
        Assert.Equal(["0"], ts.XenStoreDirectory("/local/domain"));
        // The image opened before the failure was closed again.
        AssertClosed(present);
    }
}
