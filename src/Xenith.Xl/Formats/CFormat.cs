using System.Globalization;

namespace Xenith.Xl.Formats;

/// <summary>The few printf conversions xl's tables use, with C's rules (pad, never truncate).</summary>
internal static class CFormat
{
    /// <summary><c>%-Ns</c></summary>
    public static string Left(string s, int width) => s.PadRight(width);

    /// <summary><c>%Nd</c> / <c>%Ns</c></summary>
    public static string Right(object value, int width) =>
        Convert.ToString(value, CultureInfo.InvariantCulture)!.PadLeft(width);

    /// <summary>
    /// xl's <c>(float)ns / 1e9</c> printed with <c>%W.1f</c>: the nanoseconds are rounded to a float first, as
    /// in xl, so large times print the same digits.
    /// </summary>
    public static string Seconds(ulong ns, int width) =>
        ((double)(float)ns / 1e9).ToString("F1", CultureInfo.InvariantCulture).PadLeft(width);

    /// <summary>C's strtol for a base-10 string: leading blanks and sign, then digits; 0 when there are none.</summary>
    public static long StrToL(string s, out bool anyDigits)
    {
        int i = 0;
        while (i < s.Length && char.IsWhiteSpace(s[i]))
            i++;
        bool negative = false;
        if (i < s.Length && s[i] is '+' or '-')
            negative = s[i++] == '-';
        long value = 0;
        int start = i;
        while (i < s.Length && char.IsAsciiDigit(s[i]) && i - start < 18)
            value = value * 10 + (s[i++] - '0');
        anyDigits = i > start;
        return negative ? -value : value;
    }
}
