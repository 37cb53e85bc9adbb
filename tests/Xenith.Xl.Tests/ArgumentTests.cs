using Xenith.Rpc;
using Xenith.Xl.Formats;

namespace Xenith.Xl.Tests;

/// <summary>xl's option parsing, messages and exit codes (xl_utils.c def_getopt, find_domain and each command).</summary>
public class ArgumentTests
{
    [Fact]
    public void UnknownOption_IsExit2WithXlsWords()
    {
        var (code, output, error) = XlRunner.Run(new FakeToolstack(), "list", "-q");
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Equal("option `q' not supported.\n", error);
    }

    [Fact]
    public void MissingOperand_PrintsHelpAndExits2()
    {
        var (code, output, error) = XlRunner.Run(new FakeToolstack(), "destroy");
        Assert.Equal(2, code);
        Assert.Equal("'xl destroy' requires at least 1 argument.\n\n", error);
        // The table's usage string ends in a newline of its own, so xl prints three.
        Assert.StartsWith("Usage: xl [-vtTf] destroy [options] <Domain>\n\n\nTerminate a domain immediately.\n", output);
    }

    [Fact]
    public void MissingOptionArgument_IsNotSupported()
    {
        var (code, _, error) = XlRunner.Run(new FakeToolstack(), "sched-credit", "-d");
        Assert.Equal(2, code);
        Assert.Equal("option `d' not supported.\n", error);
    }

    [Fact]
    public void HelpOption_PrintsUsageAndExits0()
    {
        var (code, output, _) = XlRunner.Run(new FakeToolstack(), "pause", "-h");
        Assert.Equal(0, code);
        Assert.Equal("Usage: xl [-vtTf] pause <Domain>\n\nPause execution of a domain.\n\n", output);
    }

    [Fact]
    public void UnknownCommand_IsExit1()
    {
        var (code, _, error) = XlRunner.Run(new FakeToolstack(), "frobnicate");
        Assert.Equal(1, code);
        Assert.Equal("command not implemented\n", error);
    }

    [Fact]
    public void UnknownDomainName_IsAnInvalidIdentifier()
    {
        var fake = new FakeToolstack();
        var (code, _, error) = XlRunner.Run(fake, "destroy", "nosuch");
        Assert.Equal(1, code);
        Assert.Equal("nosuch is an invalid domain identifier (rc=-6)\n", error);
        Assert.Empty(fake.Calls);
    }

    [Fact]
    public void UnknownDomainId_FailsInTheToolstack()
    {
        var (code, _, error) = XlRunner.Run(new FakeToolstack(), "destroy", "42");
        Assert.Equal(1, code);
        Assert.Equal("Domain 42 does not exist.\ndestroy failed (rc=-21)\n", error);
        var list = XlRunner.Run(new FakeToolstack(), "list", "42");
        Assert.Equal(1, list.Code);
        Assert.Equal("Error: Domain '42' does not exist.\n", list.Err);
    }

    [Fact]
    public void Destroy_RefusesDomain0WithoutForce()
    {
        var fake = new FakeToolstack();
        var (code, _, error) = XlRunner.Run(fake, "destroy", "Domain-0");
        Assert.Equal(1, code);
        Assert.StartsWith("Not destroying domain 0; use -f to force.\n", error);
        Assert.Empty(fake.Calls);
    }

    [Fact]
    public void OptionsMayFollowOperands_AsGnuGetoptPermutes()
    {
        var fake = new FakeToolstack();
        var (code, _, error) = XlRunner.Run(fake, "shutdown", "debian", "-w");
        Assert.Equal(0, code);
        Assert.Equal("Shutting down domain 1\nWaiting for 1 domains\nDomain 1 has been shut down, reason code 0\n", error);
        Assert.Equal(["shutdown 1", "wait 1 False"], fake.Calls);
    }

    [Fact]
    public void ShutdownAllWaitTwice_WaitsForDeathAndSkipsDomain0()
    {
        var fake = new FakeToolstack();
        var (code, _, error) = XlRunner.Run(fake, "reboot", "-a", "-ww");
        Assert.Equal(0, code);
        Assert.Equal(
            "Rebooting domain 1\nWaiting for 1 domains\nDomain 1 has been shut down, reason code 0\n" +
            "Domain 1 continue waiting for death\nDomain 1 has been destroyed\n", error);
        Assert.Equal(["reboot 1", "wait 1 False", "wait 1 True"], fake.Calls);
    }

    [Fact]
    public void Shutdown_WithoutDomainOrAll()
    {
        var (code, _, error) = XlRunner.Run(new FakeToolstack(), "shutdown");
        Assert.Equal(1, code);
        Assert.Equal("You must specify -a or a domain id.\n\n", error);
    }

    [Fact]
    public void Create_PassesPathOverridesAndCwd_AndPrintsWarnings()
    {
        var fake = new FakeToolstack();
        var (code, output, error) = XlRunner.Run(fake, "create", "hello.cfg", "-p", "memory=64", "name=hi");
        Assert.Equal(0, code);
        Assert.Equal("", output);
        Assert.Equal("Parsing config from hello.cfg\nWARNING: ignoring \"kernel_extra\": unknown key\n", error);
        Assert.Equal(["create hello.cfg [memory=64 name=hi] cwd=/home/user/vms paused=True"], fake.Calls);
    }

    [Fact]
    public void Create_ParseErrorPrintsFileLineDiagnosticsAndExitCode()
    {
        var fake = new FakeToolstack
        {
            CreateError = new RpcException("Failed to parse config: Invalid argument", 1, LibxlError.Invalid,
                ["hello.cfg:3: config parsing error near `=': syntax error, unexpected '='"]),
        };
        var (code, _, error) = XlRunner.Run(fake, "create", "hello.cfg");
        Assert.Equal(1, code);
        Assert.Equal(
            "Parsing config from hello.cfg\n" +
            "hello.cfg:3: config parsing error near `=': syntax error, unexpected '='\n" +
            "Failed to parse config: Invalid argument\n", error);
    }

    [Fact]
    public void DomidAndDomname()
    {
        Assert.Equal("1\n", XlRunner.Run(new FakeToolstack(), "domid", "debian").Out);
        Assert.Equal("debian\n", XlRunner.Run(new FakeToolstack(), "domname", "1").Out);
        var missing = XlRunner.Run(new FakeToolstack(), "domid", "nosuch");
        Assert.Equal(1, missing.Code);
        Assert.Equal("Can't get domid of domain name 'nosuch', maybe this domain does not exist.\n", missing.Err);
        var bad = XlRunner.Run(new FakeToolstack(), "domname", "abc");
        Assert.Equal(1, bad.Code);
        Assert.Equal("Invalid domain id.\n\n", bad.Err);
    }

    [Theory]
    [InlineData("256", 262144L)]
    [InlineData("1g", 1048576L)]
    [InlineData("512k", 512L)]
    [InlineData("2048b", 2L)]
    [InlineData("1T", 1073741824L)]
    [InlineData("12x", -1L)]
    [InlineData("12mb", -1L)]
    [InlineData("m", -1L)]
    public void MemSizes_AreXlsParseMemSizeKb(string text, long kb) =>
        Assert.Equal(kb, Commands.DomainCommands.ParseMemSizeKb(text));

    [Fact]
    public void MemSet_SendsKiB_AndRejectsBadSizes()
    {
        var fake = new FakeToolstack();
        Assert.Equal(0, XlRunner.Run(fake, "mem-set", "debian", "256m").Code);
        Assert.Equal(["mem-set 1 262144"], fake.Calls);
        var bad = XlRunner.Run(fake, "mem-set", "debian", "lots");
        Assert.Equal(1, bad.Code);
        Assert.Equal("invalid memory size: lots\n", bad.Err);
    }

    [Fact]
    public void VcpuPin_ParsesRangesAndDashes()
    {
        var fake = new FakeToolstack();
        Assert.Equal(0, XlRunner.Run(fake, "vcpu-pin", "debian", "1", "0-2,^1", "-").Code);
        Assert.Equal(0, XlRunner.Run(fake, "vcpu-pin", "debian", "all", "all").Code);
        Assert.Equal(["vcpu-pin 1 1 5 -", "vcpu-pin 1 -1 ffffffffffffffff -"], fake.Calls);
        var bad = XlRunner.Run(fake, "vcpu-pin", "debian", "x", "1");
        Assert.Equal(1, bad.Code);
        Assert.Equal("Error: Invalid argument x as VCPU.\n", bad.Err);
        var range = XlRunner.Run(fake, "vcpu-pin", "debian", "0", "3-1");
        Assert.Equal(1, range.Code);
        Assert.Equal("Invalid pcpu range: 3-1.\n", range.Err);
    }

    [Theory]
    [InlineData(0xfUL, 4, "all")]
    [InlineData(0UL, 4, "none")]
    [InlineData(0b101111UL, 8, "0-3,5")]
    [InlineData(0b1110UL, 4, "1-3")]
    [InlineData(ulong.MaxValue, 2, "all")]
    public void CpuBitmaps_PrintAsXlDoes(ulong map, int nrCpus, string text) =>
        Assert.Equal(text, CpuBitmap.Format(map, nrCpus));

    [Fact]
    public void PauseUnpauseRename()
    {
        var fake = new FakeToolstack();
        Assert.Equal(0, XlRunner.Run(fake, "pause", "debian").Code);
        Assert.Equal(0, XlRunner.Run(fake, "unpause", "1").Code);
        Assert.Equal(0, XlRunner.Run(fake, "rename", "debian", "bookworm").Code);
        Assert.Equal(["pause 1", "unpause 1", "rename 1 bookworm"], fake.Calls);
    }

    [Fact]
    public void Help_ListsCommandsInXensLayout()
    {
        var (code, output, _) = XlRunner.Run(new FakeToolstack(), "help");
        Assert.Equal(0, code);
        Assert.StartsWith("Usage xl [-vfNtT] <subcommand> [args]\n\nxl full list of subcommands:\n\n" +
                          " create              Create a domain from config file <filename>\n" +
                          " list                List information about all/some domains\n", output);
    }

    [Fact]
    public void DryRun_IsRefusedByCommandsThatCannot()
    {
        var (code, _, error) = XlRunner.Run(new FakeToolstack(), "-N", "destroy", "debian");
        Assert.Equal(1, code);
        Assert.Equal("command does not implement -N (dryrun) option\n", error);
    }
}
