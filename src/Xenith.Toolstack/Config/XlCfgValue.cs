namespace Xenith.Toolstack.Config;

/// <summary>A value in an xl.cfg file as libxlu keeps it: a string (numbers stay text) or a list.</summary>
public abstract record XlCfgValue(int Line);

/// <summary>A quoted string or a bare number, kept as written (dequoted).</summary>
public sealed record XlCfgString(string Value, int Line) : XlCfgValue(Line);

/// <summary>A bracketed list; items may themselves be lists (libxlu accepts nesting).</summary>
public sealed record XlCfgList(IReadOnlyList<XlCfgValue> Items, int Line) : XlCfgValue(Line);

public enum XlCfgOperation
{
    Assign,
    /// <summary><c>KEY += VALUE</c>: concatenated with the previous setting of KEY.</summary>
    Add,
}

/// <summary>One <c>KEY = VALUE</c> statement. <see cref="Line"/> is the line of the value's first token, as libxlu records it.</summary>
public sealed record XlCfgSetting(string Name, XlCfgOperation Operation, XlCfgValue Value, int Line);
