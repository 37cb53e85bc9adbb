namespace Xenith.Toolstack.Config;

internal enum XlCfgTokenKind
{
    End,
    Ident,
    String,
    Number,
    Newline,
    AddAssign,
    Assign,
    Semicolon,
    OpenBracket,
    CloseBracket,
    Comma,
    /// <summary>A character the grammar has no place for; <see cref="XlCfgToken.Error"/> says why.</summary>
    Invalid,
}

/// <param name="Text">The source text, used in "near `...'" of diagnostics.</param>
/// <param name="Value">Dequoted string or number text.</param>
internal readonly record struct XlCfgToken(XlCfgTokenKind Kind, string Text, string Value, int Line, string? Error = null)
{
    /// <summary>The name bison gives the token in "unexpected X" (libxlu's grammar spells them so).</summary>
    public string GrammarName => Kind switch
    {
        XlCfgTokenKind.End => "$end",
        XlCfgTokenKind.Ident => "IDENT",
        XlCfgTokenKind.String => "STRING",
        XlCfgTokenKind.Number => "NUMBER",
        XlCfgTokenKind.Newline => "NEWLINE",
        XlCfgTokenKind.AddAssign => "+=",
        XlCfgTokenKind.Assign => "'='",
        XlCfgTokenKind.Semicolon => "';'",
        XlCfgTokenKind.OpenBracket => "'['",
        XlCfgTokenKind.CloseBracket => "']'",
        XlCfgTokenKind.Comma => "','",
        _ => "$undefined",
    };
}
