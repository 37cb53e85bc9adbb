using Xenith.Images;

namespace Xenith.Tests.Images;

public class HostToolTests
{
    [Fact]
    public void A_missing_tool_is_one_line_naming_the_tool_and_its_package()
    {
        var e = Assert.Throws<ImageException>(() => HostTool.Run("xenith-no-such-mke2fs", ["-V"], "apt-get install e2fsprogs"));
        Assert.Equal("cannot run xenith-no-such-mke2fs: apt-get install e2fsprogs", e.Message);
    }
}
