using System.IO.Compression;
using System.Text;
using Xenith.Images;

namespace Xenith.Tests.Images;

public class InitramfsBuilderTests
{
    private static readonly byte[] FakeBusybox = [0x7F, (byte)'E', (byte)'L', (byte)'F', 1, 2, 3, 4, 5, 6, 7];

    private static List<NewcEntry> Unpack(byte[] gz)
    {
        using var input = new GZipStream(new MemoryStream(gz), CompressionMode.Decompress);
        using var cpio = new MemoryStream();
        input.CopyTo(cpio);
        return NewcReader.Read(cpio.ToArray());
    }

    [Fact]
    public void ArchiveHoldsBusyboxInitAndTheConsoleNode()
    {
        var entries = Unpack(InitramfsBuilder.Build(FakeBusybox)).ToDictionary(e => e.Name);

        Assert.Equal(FakeBusybox, entries["bin/busybox"].Data);
        Assert.Equal(0x81EDu, entries["bin/busybox"].Mode);
        Assert.Equal("busybox"u8.ToArray(), entries["bin/sh"].Data);
        Assert.Equal(0xA1FFu, entries["bin/sh"].Mode);
        Assert.Equal((0x2180u, 5u, 1u), (entries["dev/console"].Mode, entries["dev/console"].RdevMajor, entries["dev/console"].RdevMinor));
        Assert.Equal((1u, 3u), (entries["dev/null"].RdevMajor, entries["dev/null"].RdevMinor));
        Assert.Equal(0x43FFu, entries["tmp"].Mode); // directory, sticky, rwxrwxrwx
        foreach (var dir in new[] { "proc", "sys", "dev", "etc" })
            Assert.Equal(0x41EDu, entries[dir].Mode);

        var init = entries["init"];
        Assert.Equal(0x81EDu, init.Mode);
        string script = Encoding.UTF8.GetString(init.Data);
        Assert.Equal(InitramfsBuilder.InitScript, script);
        Assert.StartsWith("#!/bin/sh\n", script, StringComparison.Ordinal);
        Assert.Contains("echo \"BUSYBOX-READY uptime=$uptime\"\n", script, StringComparison.Ordinal);
        Assert.Contains("*\" xenith.autotest=1 \"*)", script, StringComparison.Ordinal);
        Assert.Contains("echo AUTOTEST-DONE\n", script, StringComparison.Ordinal);
        Assert.EndsWith("setsid cttyhack sh\npoweroff -f\n", script, StringComparison.Ordinal);
        Assert.DoesNotContain('\r', script);
    }

    [Fact]
    public void ParentDirectoriesComeBeforeTheirEntries()
    {
        // The kernel's initramfs unpacker does not create missing parents: "bin/busybox" before "bin" would be dropped.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in Unpack(InitramfsBuilder.Build(FakeBusybox)))
        {
            string? parent = Path.GetDirectoryName(entry.Name);
            Assert.True(string.IsNullOrEmpty(parent) || seen.Contains(parent), $"{entry.Name} comes before {parent}");
            seen.Add(entry.Name);
        }
        Assert.Contains("usr/sbin", seen);
    }

    [Fact]
    public void SameBusyboxGivesTheSameBytesAndAnotherBusyboxDoesNot()
    {
        byte[] a = InitramfsBuilder.Build(FakeBusybox);
        Assert.Equal(a, InitramfsBuilder.Build(FakeBusybox));
        Assert.NotEqual(a, InitramfsBuilder.Build([.. FakeBusybox, 8]));
        Assert.Matches("^init-[0-9a-f]{12}$", InitramfsBuilder.LayoutId);
    }
}
