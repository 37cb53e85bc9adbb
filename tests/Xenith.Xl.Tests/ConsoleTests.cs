using System.Text;

namespace Xenith.Xl.Tests;

/// <summary>xl console's terminal side: the escape byte detaches; the guest's output reaches the terminal.</summary>
public class ConsoleTests
{
    [Fact]
    public void Escape_DetachesAndIsNotSentToTheGuest()
    {
        var console = new FakeConsole([]);
        var stdin = new MemoryStream("ls\n\x1dmore"u8.ToArray());
        TerminalBridge.Run(console, TerminalBridge.DefaultEscape, interactive: false, stdin, new MemoryStream());
        Assert.Equal("ls\n", console.Typed);
    }

    [Fact]
    public void GuestOutput_ReachesTheTerminalUntilTheConsoleEnds()
    {
        var console = new EndingConsole("login: "u8.ToArray());
        var stdout = new MemoryStream();
        TerminalBridge.Run(console, TerminalBridge.DefaultEscape, interactive: false, new BlockingStream(), stdout);
        Assert.Equal("login: ", Encoding.ASCII.GetString(stdout.ToArray()));
    }

    [Theory]
    [InlineData("^]", 0x1d)]
    [InlineData("^a", 0x01)]
    [InlineData("^A", 0x01)]
    [InlineData("~", 0x7e)]
    public void EscapeCharacters_ParseAsXenconsole(string text, byte expected) =>
        Assert.Equal(expected, TerminalBridge.ParseEscape(text));

    [Fact]
    public void BadEscape_IsRejected() => Assert.Null(TerminalBridge.ParseEscape("^]]"));

    [Fact]
    public void Console_OnAMissingDomain_SaysUnableToAttach()
    {
        var (code, _, error) = XlRunner.Run(new FakeToolstack(), "console", "9");
        Assert.Equal(1, code);
        Assert.Equal("Domain 9 does not exist.\nUnable to attach console\n", error);
        var type = XlRunner.Run(new FakeToolstack(), "console", "-t", "vga", "debian");
        Assert.Equal(1, type.Code);
        Assert.Equal("console type supported are: pv, serial, vuart\n", type.Err);
    }

    /// <summary>Gives its bytes, then ends (the domain went away).</summary>
    private sealed class EndingConsole(byte[] output) : MemoryStream(output);

    /// <summary>A terminal nobody types on.</summary>
    private sealed class BlockingStream : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            Thread.Sleep(Timeout.Infinite);
            return 0;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
