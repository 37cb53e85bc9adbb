using System.Globalization;

namespace Xenith.Toolstack.Config;

/// <summary>
/// A parsed xl.cfg (libxlu's <c>XLU_Config</c>): the settings in file order. Lookups return the last
/// setting of a name, as later lines (and command-line overrides) win in xl.
/// </summary>
public sealed class XlCfgFile(string source, IReadOnlyList<XlCfgSetting> settings)
{
    public string Source { get; } = source;

    public IReadOnlyList<XlCfgSetting> Settings { get; } = settings;

    public XlCfgSetting? Find(string name)
    {
        for (int i = Settings.Count - 1; i >= 0; i--)
        {
            if (Settings[i].Name == name)
                return Settings[i];
        }
        return null;
    }

    /// <summary>Names in order of their first appearance.</summary>
    public IEnumerable<string> Names => Settings.Select(s => s.Name).Distinct();

    /// <summary>xlu_cfg_get_string: a list where a single value belongs is ignored with xl's warning.</summary>
    public bool TryGetString(string name, ICollection<string> warnings, out string value, out int line)
    {
        value = "";
        line = 0;
        XlCfgSetting? s = Find(name);
        if (s is null)
            return false;
        line = s.Line;
        if (s.Value is not XlCfgString str)
        {
            warnings.Add($"{Source}:{s.Line}: warning: parameter `{name}' is a list but should be a single value");
            return false;
        }
        value = str.Value;
        return true;
    }

    /// <summary>
    /// xlu_cfg_get_bounded_long: C <c>strtol(…, 0)</c> rules (leading blanks, sign, <c>0x</c> hex, leading-0
    /// octal). Where xl only warns and ignores a bad number, this refuses the config, with libxlu's text.
    /// </summary>
    public bool TryGetLong(string name, long min, long max, out long value, out int line)
    {
        value = 0;
        line = 0;
        XlCfgSetting? s = Find(name);
        if (s is null)
            return false;
        line = s.Line;
        if (s.Value is not XlCfgString str)
            throw new XlConfigException($"{Source}:{s.Line}: parameter `{name}' is a list but should be a single value");
        if (s.Operation == XlCfgOperation.Add)
            throw new XlConfigException($"{Source}:{s.Line}: can't use += with numbers for parameter `{name}'");
        switch (CNumber.StrToL(str.Value, out value))
        {
            case CNumber.Result.Invalid:
                throw new XlConfigException($"{Source}:{s.Line}: parameter `{name}' is not a valid number");
            case CNumber.Result.OutOfRange:
                throw new XlConfigException($"{Source}:{s.Line}: parameter `{name}' could not be parsed as a number: Numerical result out of range");
        }
        if (value < min)
            throw new XlConfigException($"{Source}:{s.Line}: value `{value}' is smaller than minimum bound '{min}'");
        if (value > max)
            throw new XlConfigException($"{Source}:{s.Line}: value `{value}' is greater than maximum bound '{max}'");
        return true;
    }

    /// <summary>xlu_cfg_get_defbool: a number, non-zero meaning true.</summary>
    public bool TryGetBool(string name, out bool value, out int line)
    {
        bool found = TryGetLong(name, long.MinValue, long.MaxValue, out long l, out line);
        value = l != 0;
        return found;
    }

    /// <summary>
    /// xlu_cfg_get_list with every item a string. A single value where a list belongs is ignored with xl's
    /// warning; a nested list as an item is refused (xl would silently drop it and all items after it).
    /// </summary>
    public bool TryGetStringList(string name, ICollection<string> warnings, out IReadOnlyList<string> items, out int line)
    {
        items = [];
        line = 0;
        XlCfgSetting? s = Find(name);
        if (s is null)
            return false;
        line = s.Line;
        if (s.Value is not XlCfgList list)
        {
            warnings.Add($"{Source}:{s.Line}: warning: parameter `{name}' is a single value but should be a list");
            return false;
        }
        var result = new List<string>(list.Items.Count);
        foreach (XlCfgValue item in list.Items)
        {
            if (item is not XlCfgString str)
                throw new XlConfigException($"{Source}:{item.Line}: parameter `{name}': item {result.Count} is a list but should be a string");
            result.Add(str.Value);
        }
        items = result;
        return true;
    }
}

/// <summary>C's <c>strtol(s, &amp;end, 0)</c> on 64-bit Linux, the whole string required.</summary>
internal static class CNumber
{
    public enum Result { Ok, Invalid, OutOfRange }

    public static Result StrToL(string s, out long value)
    {
        value = 0;
        int i = 0;
        while (i < s.Length && s[i] is ' ' or '\t' or '\n' or '\v' or '\f' or '\r')
            i++;
        bool negative = false;
        if (i < s.Length && s[i] is '+' or '-')
            negative = s[i++] == '-';
        int radix = 10;
        if (i + 1 < s.Length && s[i] == '0' && s[i + 1] is 'x' or 'X' && i + 2 < s.Length && Uri.IsHexDigit(s[i + 2]))
        {
            radix = 16;
            i += 2;
        }
        else if (i < s.Length && s[i] == '0')
        {
            radix = 8;
        }
        int digitsStart = i;
        UInt128 magnitude = 0;
        bool overflow = false;
        for (; i < s.Length; i++)
        {
            int d = s[i] is >= '0' and <= '9' ? s[i] - '0'
                : s[i] is >= 'a' and <= 'z' ? s[i] - 'a' + 10
                : s[i] is >= 'A' and <= 'Z' ? s[i] - 'A' + 10 : 99;
            if (d >= radix)
                break;
            if (!overflow)
            {
                magnitude = magnitude * (uint)radix + (uint)d;
                overflow = magnitude > (UInt128)long.MaxValue + 1;
            }
        }
        if (i == digitsStart || i != s.Length)
            return Result.Invalid;
        if (overflow || (!negative && magnitude > long.MaxValue))
            return Result.OutOfRange;
        value = negative ? -(long)(magnitude - 1) - 1 : (long)magnitude;
        return Result.Ok;
    }

    public static string Format(long v) => v.ToString(CultureInfo.InvariantCulture);
}
