using System.Text;

namespace Xenith.Toolstack.Config;

/// <summary>
/// Tokens of xl.cfg as libxlu's flex scanner cuts them: lower-case identifiers (with <c>.</c> and <c>_</c>),
/// numbers <c>[0-9][0-9a-fx]*</c> (checked later, when a key wants a number), single- or double-quoted
/// strings on one line with C escapes, <c>= += ; , [ ]</c>, and newlines (a <c>#</c> comment ends with its
/// newline). Anything else is a lexical error whose text runs to the next blank, as xl reports it.
/// </summary>
internal sealed class XlCfgLexer(string text)
{
    private int _pos;
    private int _line = 1;

    /// <summary>The scanner met one of <c>+ - . ( ) :</c>, which suggests an old Python-syntax config.</summary>
    public bool LikelyPython { get; private set; }

    public XlCfgToken Next()
    {
        while (_pos < text.Length && text[_pos] is ' ' or '\t' or '\r')
            _pos++;
        if (_pos >= text.Length)
            return new XlCfgToken(XlCfgTokenKind.End, "", "", _line);

        int start = _pos;
        char c = text[_pos];
        if (c is >= 'a' and <= 'z')
        {
            while (++_pos < text.Length && (text[_pos] is >= 'a' and <= 'z' or >= '0' and <= '9' or '_' or '.')) { }
            return Word(XlCfgTokenKind.Ident, start);
        }
        if (c is >= '0' and <= '9')
        {
            while (++_pos < text.Length && (text[_pos] is >= '0' and <= '9' or >= 'a' and <= 'f' or 'x')) { }
            return Word(XlCfgTokenKind.Number, start);
        }
        switch (c)
        {
            case ',': return Single(XlCfgTokenKind.Comma);
            case '[': return Single(XlCfgTokenKind.OpenBracket);
            case ']': return Single(XlCfgTokenKind.CloseBracket);
            case '=': return Single(XlCfgTokenKind.Assign);
            case ';': return Single(XlCfgTokenKind.Semicolon);
            case '+' when _pos + 1 < text.Length && text[_pos + 1] == '=':
                _pos += 2;
                return new XlCfgToken(XlCfgTokenKind.AddAssign, "+=", "+=", _line);
            case '\n':
                _pos++;
                return new XlCfgToken(XlCfgTokenKind.Newline, "", "", _line++);
            case '#':
                // libxlu wants the newline after a comment; a comment on the last line without one is also accepted here.
                int eol = text.IndexOf('\n', _pos);
                _pos = eol < 0 ? text.Length : eol + 1;
                string comment = text[start..(eol < 0 ? text.Length : eol)].TrimEnd(' ', '\t', '\r');
                return new XlCfgToken(XlCfgTokenKind.Newline, comment, "", eol < 0 ? _line : _line++);
            case '"' or '\'':
                if (QuotedEnd(c) is int end)
                {
                    _pos = end + 1;
                    string raw = text[start.._pos];
                    return Dequote(raw, out string? error) is string value && error is null
                        ? new XlCfgToken(XlCfgTokenKind.String, raw, value, _line)
                        : new XlCfgToken(XlCfgTokenKind.Invalid, raw, "", _line, error);
                }
                break;
        }
        return LexicalError(start);
    }

    private XlCfgToken Word(XlCfgTokenKind kind, int start)
    {
        string word = text[start.._pos];
        return new XlCfgToken(kind, word, word, _line);
    }

    private XlCfgToken Single(XlCfgTokenKind kind)
    {
        string s = text.Substring(_pos++, 1);
        return new XlCfgToken(kind, s, s, _line);
    }

    /// <summary>Index of the closing quote on the same line, honouring backslash escapes; null if none.</summary>
    private int? QuotedEnd(char quote)
    {
        for (int i = _pos + 1; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '\n')
                return null;
            if (c == quote)
                return i;
            if (c == '\\')
            {
                if (i + 1 >= text.Length || text[i + 1] == '\n')
                    return null;
                i++;
            }
        }
        return null;
    }

    private XlCfgToken LexicalError(int start)
    {
        if (text[start] is '+' or '-' or '.' or '(' or ')' or ':')
            LikelyPython = true;
        // The bad character and whatever non-blank text follows it, as flex's error state collects it.
        _pos = start + 1;
        while (_pos < text.Length && text[_pos] is not (' ' or '\t' or '\n'))
            _pos++;
        return new XlCfgToken(XlCfgTokenKind.Invalid, text[start.._pos].TrimEnd('\r'), "", _line, "lexical error");
    }

    /// <summary>Inner text of a quoted string with libxlu's escapes: <c>\" \' \\ \a \b \f \n \r \t \v \xHH \ooo</c>.</summary>
    internal static string? Dequote(string raw, out string? error)
    {
        error = null;
        var sb = new StringBuilder(raw.Length);
        int end = raw.Length - 1;
        for (int p = 1; p < end;)
        {
            char c = raw[p++];
            if (c != '\\')
            {
                sb.Append(c);
                continue;
            }
            char nc = raw[p++];
            switch (nc)
            {
                case '"' or '\'' or '\\': sb.Append(nc); break;
                case 'a': sb.Append('\a'); break;
                case 'b': sb.Append('\b'); break;
                case 'f': sb.Append('\f'); break;
                case 'n': sb.Append('\n'); break;
                case 'r': sb.Append('\r'); break;
                case 't': sb.Append('\t'); break;
                case 'v': sb.Append('\v'); break;
                case 'x':
                    int hex = 0, hexDigits = 0;
                    while (hexDigits < 2 && p < end && Uri.IsHexDigit(raw[p]))
                    {
                        hex = hex * 16 + Convert.ToInt32(raw[p++].ToString(), 16);
                        hexDigits++;
                    }
                    if (hexDigits == 0)
                    {
                        error = "invalid digit after backslash hexnumerical character escape in quoted string";
                        return null;
                    }
                    sb.Append((char)hex);
                    break;
                case >= '0' and <= '7':
                    int oct = nc - '0';
                    for (int n = 1; n < 3 && p < end && raw[p] is >= '0' and <= '7'; n++)
                        oct = oct * 8 + (raw[p++] - '0');
                    sb.Append((char)oct);
                    break;
                default:
                    // Sic: libxlu's message says "backlash".
                    error = "invalid character after backlash in quoted string";
                    return null;
            }
        }
        return sb.ToString();
    }
}
