using Xenith.Xl.Formats;

namespace Xenith.Xl.Commands;

/// <summary><c>xl info [-n] [-x] [field]</c>, <c>xl dmesg [-c]</c>, <c>xl uptime [-s] [Domain ...]</c>.</summary>
internal static class HostCommands
{
    public static int Info(XlContext xl, IReadOnlyList<string> args)
    {
        var (options, operands) = GetOpt.Parse(xl, "info", args, "nx", [new("numa", false, 'n'), new("xenstore", false, 'x')], 0);
        bool numa = options.Any(o => o.Option == 'n');
        bool xenstore = options.Any(o => o.Option == 'x');
        string? only = !numa && operands.Count > 0 ? operands[0] : null;
        xl.Out.Write(InfoFormat.Render(xl.Service.GetHostInfo(), xenstore, only));
        return 0;
    }

    public static int Dmesg(XlContext xl, IReadOnlyList<string> args)
    {
        var (options, _) = GetOpt.Parse(xl, "dmesg", args, "c", [new("clear", false, 'c')], 0);
        xl.Out.Write(xl.Service.ReadHypervisorLog(options.Any(o => o.Option == 'c')));
        return 0;
    }

    public static int Uptime(XlContext xl, IReadOnlyList<string> args) => Uptime(xl, args, DateTime.Now);

    public static int Uptime(XlContext xl, IReadOnlyList<string> args, DateTime now)
    {
        var (options, operands) = GetOpt.Parse(xl, "uptime", args, "s", null, 0);
        bool shortMode = options.Any(o => o.Option == 's');
        var wanted = operands.Take(100).Select(xl.FindDomain).ToList();
        var uptimes = xl.Service.ListUptimes().ToDictionary(u => u.DomId, u => u.Seconds);
        if (!shortMode)
            xl.Out.Write(UptimeFormat.Header + "\n");
        if (wanted.Count == 0)
            wanted = [0, .. uptimes.Keys.Where(d => d != 0).Order()];
        foreach (uint domid in wanted)
        {
            if (!uptimes.TryGetValue(domid, out ulong seconds))
            {
                if (domid != 0)
                    continue; // a domain with no start time prints nothing, as in xl
                xl.Err.WriteLine("Can not get Dom0 uptime.");
                return 255;
            }
            string name = xl.Service.DomainName(domid) ?? "";
            xl.Out.Write((shortMode ? UptimeFormat.ShortRow(name, domid, seconds, now) : UptimeFormat.Row(name, domid, seconds)) + "\n");
        }
        return 0;
    }
}
