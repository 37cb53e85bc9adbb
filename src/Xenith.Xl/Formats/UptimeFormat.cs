namespace Xenith.Xl.Formats;

/// <summary><c>xl uptime</c>: a <c>%-33s %4d %s</c> table, or with -s one <c>uptime(1)</c>-style line per domain.</summary>
internal static class UptimeFormat
{
    public static readonly string Header = $"{"Name",-33} {"ID",4} Uptime";

    public static string Duration(ulong seconds, bool shortMode)
    {
        ulong day = seconds / 86400;
        ulong hour = seconds % 86400 / 3600;
        ulong min = seconds % 3600 / 60;
        ulong sec = seconds % 60;
        string days = day > 1 ? $"{day} days, " : day == 1 ? $"{day} day, " : "";
        return shortMode ? $"{days}{hour,2}:{min:D2}" : $"{days}{hour,2}:{min:D2}:{sec:D2}";
    }

    public static string Row(string name, uint domid, ulong seconds) =>
        $"{CFormat.Left(name, 33)} {CFormat.Right(domid, 4)} {Duration(seconds, false)}";

    public static string ShortRow(string name, uint domid, ulong seconds, DateTime now) =>
        $" {now:HH:mm:ss} up {Duration(seconds, true)}, {name} ({domid})";
}
