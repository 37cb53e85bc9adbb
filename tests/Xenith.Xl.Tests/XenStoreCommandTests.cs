using Xenith.Daemon;

namespace Xenith.Xl.Tests;

/// <summary><c>xenith xenstore</c> over the contract (a fake store).</summary>
public class XenStoreCommandTests
{
    [Fact]
    public void Ls_PrintsTheTreeAsXenstoreLs()
    {
        var fake = new FakeToolstack();
        fake.Store["/local/domain/1/console/tty"] = "line1\nline2";
        var output = new StringWriter { NewLine = "\n" };
        Assert.Equal(0, XenStoreCommand.Run(fake, "ls", ["/local"], output));
        Assert.Equal(
            "domain = \"\"\n" +
            " 1 = \"\"\n" +
            "  name = \"debian\"\n" +
            "  console = \"\"\n" +
            "   tty = \"line1\\nline2\"\n",
            output.ToString());
    }

    [Fact]
    public void WriteReadRm()
    {
        var fake = new FakeToolstack();
        var output = new StringWriter { NewLine = "\n" };
        Assert.Equal(0, XenStoreCommand.Run(fake, "write", ["/a", "1", "/b", "2"], output));
        Assert.Equal(0, XenStoreCommand.Run(fake, "read", ["/a", "/b"], output));
        Assert.Equal(0, XenStoreCommand.Run(fake, "rm", ["/a"], output));
        Assert.Equal("1\n2\n", output.ToString());
        Assert.False(fake.Store.ContainsKey("/a"));
        Assert.Equal("xenstore write: expected PATH VALUE pairs",
            Assert.Throws<UsageException>(() => XenStoreCommand.Run(fake, "write", ["/a"], output)).Message);
    }
}
