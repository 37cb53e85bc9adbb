using Xenith.Toolstack.Config;

namespace Xenith.Toolstack.Tests.Config;

public class CpuAffinityTests
{
    [Theory]
    [InlineData("all", ulong.MaxValue, "all")]
    [InlineData("0-3,5,^1", 0b101101UL, "0,2-3,5")]
    [InlineData("all,^0", ulong.MaxValue - 1, "1-63")]
    [InlineData("3", 0b1000UL, "3")]
    [InlineData("2-2", 0b100UL, "2")]
    [InlineData("nodes:0,^4-62", 1UL << 63 | 0b1111UL, "0-3,63")]
    [InlineData("node:0", ulong.MaxValue, "all")]
    [InlineData("62-100", 3UL << 62, "62-63")]
    [InlineData("64-18446744073709551614", 0UL, "none")]
    [InlineData(",,1,,", 0b10UL, "1")]
    public void Specs_become_bitmaps(string spec, ulong mask, string text)
    {
        CpuAffinity? a = CpuAffinity.Parse(spec, out string? error);
        Assert.Null(error);
        Assert.Equal(mask, a!.Value.Mask);
        Assert.Equal(text, a.Value.ToString());
    }

    [Theory]
    [InlineData("^all", "Can't combine \"^\" and \"all\".")]
    [InlineData("^nodes:all", "Can't combine \"^\" and \"all\".")]
    [InlineData("3-1", "Invalid pcpu range: 3-1.")]
    [InlineData("1-", "Invalid pcpu range: 1-.")]
    [InlineData("a", "Invalid pcpu range: a.")]
    [InlineData("1 ", "Invalid pcpu range: 1 .")]
    [InlineData("99999999999999999999999", "Invalid pcpu range: 99999999999999999999999.")]
    [InlineData("nodes:1", "Invalid NUMA node: 1 (this host has node 0 only).")]
    public void Bad_specs_give_xl_messages(string spec, string message)
    {
        Assert.Null(CpuAffinity.Parse(spec, out string? error));
        Assert.Equal(message, error);
    }
}
