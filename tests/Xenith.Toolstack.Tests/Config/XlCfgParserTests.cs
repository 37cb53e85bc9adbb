using Xenith.Toolstack.Config;

namespace Xenith.Toolstack.Tests.Config;

public class XlCfgParserTests
{
    private static string Str(XlCfgFile f, string name) => ((XlCfgString)f.Find(name)!.Value).Value;

    [Fact]
    public void Later_setting_wins_and_lines_are_kept()
    {
        XlCfgFile f = XlCfgParser.Parse("t.cfg", "a = 1\nb = 'x'\na = 2\n");
        Assert.Equal("2", Str(f, "a"));
        Assert.Equal(3, f.Find("a")!.Line);
        Assert.Equal(["a", "b"], f.Names);
        Assert.Equal(3, f.Settings.Count);
    }

    [Fact]
    public void Add_assign_concatenates_strings_and_joins_lists()
    {
        XlCfgFile f = XlCfgParser.Parse("t.cfg", "s = 'a'\ns += \"b\"\nl = [1]\nl += [2, 3]\nn += 'first'\n");
        Assert.Equal("ab", Str(f, "s"));
        var l = (XlCfgList)f.Find("l")!.Value;
        Assert.Equal(["1", "2", "3"], l.Items.Cast<XlCfgString>().Select(i => i.Value));
        // += on a name never set is a plain assignment.
        Assert.Equal("first", Str(f, "n"));
        Assert.Equal(XlCfgOperation.Add, f.Find("n")!.Operation);
    }

    [Fact]
    public void Lists_nest_span_lines_and_take_a_trailing_comma()
    {
        XlCfgFile f = XlCfgParser.Parse("t.cfg", "l = [\n  'a', # one\n\n  [ 1, [] ],\n]\n");
        var l = (XlCfgList)f.Find("l")!.Value;
        Assert.Equal(2, l.Items.Count);
        Assert.Equal(1, l.Line);
        var inner = (XlCfgList)l.Items[1];
        Assert.Equal("1", ((XlCfgString)inner.Items[0]).Value);
        Assert.Empty(((XlCfgList)inner.Items[1]).Items);
        Assert.Equal(4, inner.Line);
    }

    [Theory]
    [InlineData(@"'a\'b'", "a'b")]
    [InlineData(@"""a\""b""", "a\"b")]
    [InlineData(@"'\\\a\b\f\n\r\t\v'", "\\\a\b\f\n\r\t\v")]
    [InlineData(@"'\x41\x4a\x7'", "AJ\x07")]
    [InlineData(@"'\101\60\0'", "A0\0")]
    [InlineData(@"'# not a comment'", "# not a comment")]
    public void Strings_dequote_with_libxlu_escapes(string literal, string expected)
    {
        XlCfgFile f = XlCfgParser.Parse("t.cfg", $"s = {literal}\n");
        Assert.Equal(expected, Str(f, "s"));
    }

    [Fact]
    public void Last_line_may_lack_a_newline_even_after_a_comment_and_crlf_is_accepted()
    {
        Assert.Equal("1", Str(XlCfgParser.Parse("t.cfg", "a = 1"), "a"));
        Assert.Equal("1", Str(XlCfgParser.Parse("t.cfg", "a = 1 # c"), "a"));
        XlCfgFile crlf = XlCfgParser.Parse("t.cfg", "a = 1\r\nb = [ 2,\r\n 3 ]\r\n");
        Assert.Equal(2, ((XlCfgList)crlf.Find("b")!.Value).Items.Count);
    }

    [Fact]
    public void Overrides_follow_the_file_and_errors_in_them_count_lines_past_its_end()
    {
        XlCfgFile f = XlCfgParser.Parse("g.cfg", "name = 'a'\nmemory = 64", ["memory=128", "name=\"b\""]);
        Assert.Equal("128", Str(f, "memory"));
        Assert.Equal(3, f.Find("memory")!.Line);
        Assert.Equal("b", Str(f, "name"));

        var e = Assert.Throws<XlConfigException>(() => XlCfgParser.Parse("g.cfg", "name = 'a'\n", ["name=b"]));
        Assert.Equal("g.cfg:3: config parsing error near `b': syntax error, unexpected IDENT, expecting STRING or NUMBER or '['", e.Message);
    }

    [Fact]
    public void Deep_nesting_is_refused_not_recursed()
    {
        string deep = "a = " + new string('[', 10_000) + "\n";
        var e = Assert.Throws<XlConfigException>(() => XlCfgParser.Parse("d.cfg", deep));
        Assert.Equal("d.cfg:1: config parsing error near `[': lists nested too deeply", e.Message);
    }

    [Fact]
    public void Numbers_are_text_until_a_key_wants_one()
    {
        XlCfgFile f = XlCfgParser.Parse("t.cfg", "a = 0x1f\nb = 1abc\n");
        Assert.Equal("0x1f", Str(f, "a"));
        Assert.Equal("1abc", Str(f, "b"));
        var e = Assert.Throws<XlConfigException>(() => f.TryGetLong("b", 0, 10, out _, out _));
        Assert.Equal("t.cfg:2: parameter `b' is not a valid number", e.Message);
    }

    [Theory]
    [InlineData("512", 512)]
    [InlineData("0x200", 512)]
    [InlineData("0X1f", 31)]
    [InlineData("010", 8)]
    [InlineData("0", 0)]
    [InlineData("  -12", -12)]
    [InlineData("+7", 7)]
    [InlineData("9223372036854775807", long.MaxValue)]
    [InlineData("-9223372036854775808", long.MinValue)]
    public void Numbers_follow_strtol_base_0(string text, long expected)
    {
        Assert.Equal(CNumber.Result.Ok, CNumber.StrToL(text, out long v));
        Assert.Equal(expected, v);
    }

    [Theory]
    [InlineData("", "Invalid")]
    [InlineData("0x", "Invalid")]
    [InlineData("08", "Invalid")]
    [InlineData("12 ", "Invalid")]
    [InlineData("1.5", "Invalid")]
    [InlineData("9223372036854775808", "OutOfRange")]
    [InlineData("-9223372036854775809", "OutOfRange")]
    public void Bad_numbers_are_told_apart(string text, string expected) =>
        Assert.Equal(expected, CNumber.StrToL(text, out _).ToString());
}
