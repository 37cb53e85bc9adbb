namespace Xenith.Toolstack.Config;

/// <summary>
/// The xl.cfg grammar of libxlu (<c>libxlu_cfg_y.y</c>): statements <c>KEY = VALUE</c> or <c>KEY += VALUE</c>
/// ended by a newline or <c>;</c>; a value is a string, a number or a bracketed list (nested lists allowed,
/// newlines anywhere inside, a trailing comma allowed). A later setting of a key replaces an earlier one;
/// <c>+=</c> appends to it (strings concatenate, lists join). Diagnostics follow xl's wording, including
/// bison's "syntax error, unexpected X, expecting Y" for the expected tokens of libxlu's parser.
/// Parsing stops at the first error, where xl would go on to report later ones too.
/// </summary>
public static class XlCfgParser
{
    /// <summary>Deeper lists than this are refused, so hostile input cannot exhaust the stack.</summary>
    public const int MaxListDepth = 32;

    /// <summary>Parses <paramref name="text"/>; <paramref name="source"/> names it in diagnostics (xl uses the path as given).</summary>
    public static XlCfgFile Parse(string source, string text) => new Run(source, text).File();

    /// <summary>
    /// The file followed by command-line <c>KEY=VALUE</c> overrides, joined as <c>xl create</c> joins them
    /// (a newline, each override on its own line, a newline), so the overrides win and their errors carry
    /// line numbers after the file's last line.
    /// </summary>
    public static XlCfgFile Parse(string source, string text, IReadOnlyList<string> overrides)
    {
        if (overrides.Count == 0)
            return Parse(source, text);
        return Parse(source, text + "\n" + string.Concat(overrides.Select(o => o + "\n")) + "\n");
    }

    private sealed class Run(string source, string text)
    {
        private readonly XlCfgLexer _lexer = new(text);
        private readonly List<XlCfgSetting> _settings = [];
        private XlCfgToken _last;

        public XlCfgFile File()
        {
            while (true)
            {
                XlCfgToken t = Next();
                switch (t.Kind)
                {
                    case XlCfgTokenKind.End:
                        return new XlCfgFile(source, _settings);
                    case XlCfgTokenKind.Newline or XlCfgTokenKind.Semicolon:
                        continue;
                    case XlCfgTokenKind.Ident:
                        Assignment(t);
                        XlCfgToken end = Next();
                        if (end.Kind == XlCfgTokenKind.End)
                            return new XlCfgFile(source, _settings);
                        if (end.Kind is not (XlCfgTokenKind.Newline or XlCfgTokenKind.Semicolon))
                            throw Syntax(end, "$end");
                        continue;
                    default:
                        throw Syntax(t, "$end or IDENT or NEWLINE or ';'");
                }
            }
        }

        private void Assignment(XlCfgToken name)
        {
            XlCfgToken op = Next();
            if (op.Kind is not (XlCfgTokenKind.Assign or XlCfgTokenKind.AddAssign))
                throw Syntax(op, "+= or '='");
            XlCfgValue value = Value(Next(), 0);
            var operation = op.Kind == XlCfgTokenKind.AddAssign ? XlCfgOperation.Add : XlCfgOperation.Assign;
            if (operation == XlCfgOperation.Add && _settings.LastOrDefault(s => s.Name == name.Value) is { } previous)
                value = Concat(previous.Value, value);
            _settings.Add(new XlCfgSetting(name.Value, operation, value, value.Line));
        }

        private XlCfgValue Concat(XlCfgValue previous, XlCfgValue added) => (previous, added) switch
        {
            (XlCfgString p, XlCfgString a) => a with { Value = p.Value + a.Value },
            (XlCfgList p, XlCfgList a) => a with { Items = [.. p.Items, .. a.Items] },
            _ => throw Error(_last, "can't add [list] to \"string\" or vice versa"),
        };

        private XlCfgValue Value(XlCfgToken t, int depth)
        {
            switch (t.Kind)
            {
                case XlCfgTokenKind.String or XlCfgTokenKind.Number:
                    return new XlCfgString(t.Value, t.Line);
                case XlCfgTokenKind.OpenBracket when depth < MaxListDepth:
                    return List(t.Line, depth + 1);
                case XlCfgTokenKind.OpenBracket:
                    throw Error(t, "lists nested too deeply");
                default:
                    throw Syntax(t, "STRING or NUMBER or '['");
            }
        }

        private XlCfgList List(int line, int depth)
        {
            var items = new List<XlCfgValue>();
            while (true)
            {
                XlCfgToken t = SkipNewlines();
                if (t.Kind == XlCfgTokenKind.CloseBracket)
                    return new XlCfgList(items, line);
                if (t.Kind is not (XlCfgTokenKind.String or XlCfgTokenKind.Number or XlCfgTokenKind.OpenBracket))
                    throw Syntax(t, "']'");
                items.Add(Value(t, depth));
                t = SkipNewlines();
                if (t.Kind == XlCfgTokenKind.CloseBracket)
                    return new XlCfgList(items, line);
                if (t.Kind != XlCfgTokenKind.Comma)
                    throw Syntax(t, "']'");
            }
        }

        private XlCfgToken SkipNewlines()
        {
            XlCfgToken t;
            do t = Next(); while (t.Kind == XlCfgTokenKind.Newline);
            return t;
        }

        private XlCfgToken Next()
        {
            XlCfgToken t = _lexer.Next();
            if (t.Kind == XlCfgTokenKind.Invalid)
                throw Error(t, t.Error!);
            if (t.Kind != XlCfgTokenKind.End)
                _last = t;
            else
                t = t with { Line = _last.Line == 0 ? 1 : _last.Line };
            return t;
        }

        private XlConfigException Syntax(XlCfgToken t, string expecting) =>
            Error(t, $"syntax error, unexpected {t.GrammarName}, expecting {expecting}");

        private XlConfigException Error(XlCfgToken t, string message)
        {
            string near = t.Kind switch
            {
                XlCfgTokenKind.End => "`'",
                XlCfgTokenKind.Newline when t.Text.Length == 0 => "<newline>",
                _ => $"`{t.Text}'",
            };
            var lines = new List<string> { $"{source}:{t.Line}: config parsing error near {near}: {message}" };
            // xl scans on after an error, so a Python hint anywhere in the file counts.
            for (int guard = 0; !_lexer.LikelyPython && _lexer.Next().Kind != XlCfgTokenKind.End && guard <= text.Length; guard++) { }
            if (_lexer.LikelyPython)
            {
                lines.Add("warning: Config file looks like it contains Python code.");
                lines.Add("warning:  Arbitrary Python is no longer supported.");
                lines.Add("warning:  See https://wiki.xen.org/wiki/PythonInXlConfig");
            }
            return new XlConfigException(lines);
        }
    }
}
