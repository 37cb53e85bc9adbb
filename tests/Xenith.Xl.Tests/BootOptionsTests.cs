using Xenith.Daemon;
using Xenith.Rpc;

namespace Xenith.Xl.Tests;

/// <summary><c>xenith boot</c>'s options, as on a Xen command line (spec 12.7), and the socket path rule.</summary>
public class BootOptionsTests
{
    private static BootOptions Parse(params string[] args) => BootOptions.Parse(args, 4, s => s ?? "/default.sock");

    [Theory]
    [InlineData("dom0_mem=1G", 1048576UL)]
    [InlineData("dom0_mem=1024M", 1048576UL)]
    [InlineData("dom0_mem=1024m", 1048576UL)]
    [InlineData("dom0_mem=524288", 524288UL)]
    [InlineData("dom0_mem=524288K", 524288UL)]
    [InlineData("dom0_mem=0x40000000B", 1048576UL)]
    [InlineData("dom0_mem=1t", 1073741824UL)]
    public void Dom0Mem_FollowsXensSizeRules_NoSuffixIsKiB(string option, ulong kb) =>
        Assert.Equal(kb, Parse(option).Dom0MemoryKb);

    [Theory]
    [InlineData("dom0_mem=12Q", "boot: parameter \"dom0_mem\" has invalid value \"12Q\", rc=-22!")]
    [InlineData("dom0_mem=", "boot: parameter \"dom0_mem\" has invalid value \"\", rc=-22!")]
    [InlineData("dom0_mem=512", "boot: dom0_mem=512: domain 0 needs at least 1M")]
    [InlineData("dom0_max_vcpus=4-2", "boot: parameter \"dom0_max_vcpus\" has invalid value \"4-2\", rc=-22!")]
    [InlineData("dom0_max_vcpus=0", "boot: parameter \"dom0_max_vcpus\" has invalid value \"0\", rc=-22!")]
    [InlineData("sched=credit2", "boot: sched=credit2: only the credit scheduler is implemented (sched=credit)")]
    [InlineData("sched=fifo", "boot: parameter \"sched\" has invalid value \"fifo\", rc=-22!")]
    [InlineData("loglvl=loud", "boot: parameter \"loglvl\" has invalid value \"loud\", rc=-22!")]
    [InlineData("dom0_vcpus_pin=maybe", "boot: parameter \"dom0_vcpus_pin\" has invalid value \"maybe\", rc=-22!")]
    [InlineData("--pcpus", "boot: --pcpus needs a value")]
    [InlineData("--frob", "boot: unknown option '--frob'")]
    public void BadValues_AreErrorsInXensWords(string option, string message) =>
        Assert.Equal(message, Assert.Throws<UsageException>(() => Parse(option)).Message);

    [Fact]
    public void Dom0Vcpus_IsThePcpuCountClampedIntoTheRange()
    {
        Assert.Equal(4, Parse().Dom0Vcpus);
        Assert.Equal(2, Parse("dom0_max_vcpus=2").Dom0Vcpus);
        Assert.Equal(3, Parse("dom0_max_vcpus=1-3").Dom0Vcpus);
        Assert.Equal(6, Parse("dom0_max_vcpus=6-8").Dom0Vcpus);
        Assert.Equal(2, Parse("--pcpus", "2", "dom0_max_vcpus=1-8").Dom0Vcpus);
    }

    [Fact]
    public void Flags_AndUnknownOptionsWarnAsXenDoes()
    {
        var o = Parse("dom0_vcpus_pin", "loglvl=all/warning", "guest_loglvl=debug", "gnttab_max_frames=128", "frobnicate=1", "-d");
        Assert.True(o.Dom0VcpusPin);
        Assert.Equal("all/warning", o.LogLevel);
        Assert.Equal("debug", o.GuestLogLevel);
        Assert.Equal(128, o.GnttabMaxFrames);
        Assert.True(o.Detach);
        Assert.Equal(["parameter \"frobnicate\" unknown!"], o.Warnings);
        Assert.Equal("dom0_vcpus_pin loglvl=all/warning guest_loglvl=debug gnttab_max_frames=128 frobnicate=1", o.XenCommandLine);
        Assert.False(Parse("no-dom0_vcpus_pin").Dom0VcpusPin);
        Assert.False(Parse("dom0_vcpus_pin=off").Dom0VcpusPin);
    }

    [Fact]
    public void QuotedCommandLine_IsSplitAtSpaces()
    {
        var o = Parse("dom0_mem=2G dom0_max_vcpus=1 sched=credit");
        Assert.Equal(2097152UL, o.Dom0MemoryKb);
        Assert.Equal(1, o.Dom0Vcpus);
        Assert.Equal("credit", o.Scheduler);
    }

    [Fact]
    public void XenithOptions()
    {
        Assert.Equal(4, Parse().Pcpus);
        Assert.Equal(3, Parse("--pcpus=3").Pcpus);
        var d = Parse("--deterministic");
        Assert.True(d.Deterministic);
        Assert.Equal(1, d.Pcpus);
        Assert.Equal("boot: --deterministic runs on one pCPU; drop --pcpus or give --pcpus 1",
            Assert.Throws<UsageException>(() => Parse("--deterministic", "--pcpus", "2")).Message);
        Assert.Equal("/x/y.sock", Parse("--socket", "/x/y.sock").SocketPath);
        Assert.Equal("/default.sock", Parse().SocketPath);
    }

    [Fact]
    public void SocketPath_OptionBeatsEnvironmentBeatsRuntimeDirBeatsTmp()
    {
        Assert.Equal("/opt/a.sock", SocketPath.Resolve("/opt/a.sock", "/env/b.sock", "/run/user/1000", 1000));
        Assert.Equal("/env/b.sock", SocketPath.Resolve(null, "/env/b.sock", "/run/user/1000", 1000));
        Assert.Equal("/run/user/1000/xenith/xenith.sock", SocketPath.Resolve("", "", "/run/user/1000", 1000));
        Assert.Equal("/tmp/xenith-1000/xenith.sock", SocketPath.Resolve(null, null, null, 1000));
    }
}
