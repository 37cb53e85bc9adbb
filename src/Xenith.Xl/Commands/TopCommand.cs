using System.Globalization;
using Spectre.Console;
using Xenith.Rpc;

namespace Xenith.Xl.Commands;

/// <summary>
/// <c>xl top</c>: xentop's view (a summary, then a row per domain with CPU seconds and %, memory, vCPUs),
/// redrawn every second in place with Spectre.Console until <c>q</c>. Without a terminal it prints one frame
/// (like <c>xentop -b -i 1</c>).
/// </summary>
internal static class TopCommand
{
    /// <summary>xentop's field widths.</summary>
    private static readonly int[] Widths = [10, 6, 10, 6, 10, 6, 10, 9, 5];

    public static int Run(XlContext xl, IReadOnlyList<string> args)
    {
        GetOpt.Parse(xl, "top", args, "", null, 0);
        var previous = new Dictionary<uint, ulong>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        if (!xl.Interactive)
        {
            xl.Out.Write(Snapshot(xl.Service, previous, 0).Text);
            return 0;
        }
        var console = AnsiConsole.Console;
        double last = 0;
        console.Live(new Text("")).AutoClear(false).Start(live =>
        {
            while (true)
            {
                double now = clock.Elapsed.TotalSeconds;
                var frame = Snapshot(xl.Service, previous, now - last);
                last = now;
                live.UpdateTarget(frame.Table);
                live.Refresh();
                var until = DateTime.UtcNow.AddSeconds(1);
                while (DateTime.UtcNow < until)
                {
                    if (Console.KeyAvailable && Console.ReadKey(intercept: true).Key is ConsoleKey.Q or ConsoleKey.Escape)
                        return;
                    Thread.Sleep(50);
                }
            }
        });
        return 0;
    }

    private static (Table Table, string Text) Snapshot(IToolstackService service, Dictionary<uint, ulong> previous, double seconds)
    {
        var host = service.GetHostInfo();
        var domains = service.ListDomains();
        ulong totalKb = host.TotalPages * host.XenPagesize / 1024;
        ulong freeKb = host.FreePages * host.XenPagesize / 1024;
        string summary =
            $"xentop - {DateTime.Now:HH:mm:ss}   Xen {host.XenMajor}.{host.XenMinor}{host.XenExtra}\n" +
            $"{domains.Count} domains: {domains.Count(d => d.Running)} running, {domains.Count(d => d.Blocked)} blocked, " +
            $"{domains.Count(d => d.Paused)} paused, {domains.Count(d => d.Shutdown && d.ShutdownReason == ShutdownReason.Crash)} crashed, " +
            $"{domains.Count(d => d.Dying)} dying, {domains.Count(d => d.Shutdown)} shutdown\n" +
            $"Mem: {totalKb}k total, {totalKb - freeKb}k used, {freeKb}k free    CPUs: {host.NrCpus} @ {host.CpuKhz / 1000}MHz\n";
        string[] columns = ["NAME", "STATE", "CPU(sec)", "CPU(%)", "MEM(k)", "MEM(%)", "MAXMEM(k)", "MAXMEM(%)", "VCPUS"];
        var table = new Table().Border(TableBorder.None).Title(Markup.Escape(summary.TrimEnd()));
        foreach (string c in columns)
            table.AddColumn(new TableColumn(c).RightAligned().NoWrap());
        table.Columns[0].LeftAligned();
        var text = new System.Text.StringBuilder(summary);
        text.Append(string.Join(' ', columns.Select((c, i) => c.PadLeft(Widths[i])))).Append('\n');
        foreach (var d in domains)
        {
            double cpuPercent = seconds > 0 && previous.TryGetValue(d.DomId, out ulong before) && d.CpuTimeNs >= before
                ? (d.CpuTimeNs - before) / 1e9 / seconds * 100
                : 0;
            previous[d.DomId] = d.CpuTimeNs;
            // xentop's order: dying, shutdown, blocked, crashed, paused, running.
            bool crashed = d.Shutdown && d.ShutdownReason == ShutdownReason.Crash;
            string state = $"{(d.Dying ? 'd' : '-')}{(d.Shutdown ? 's' : '-')}{(d.Blocked ? 'b' : '-')}" +
                           $"{(crashed ? 'c' : '-')}{(d.Paused ? 'p' : '-')}{(d.Running ? 'r' : '-')}";
            string[] row =
            [
                d.Name, state, (d.CpuTimeNs / 1_000_000_000).ToString(CultureInfo.InvariantCulture),
                cpuPercent.ToString("F1", CultureInfo.InvariantCulture), d.CurrentMemoryKb.ToString(CultureInfo.InvariantCulture),
                Percent(d.CurrentMemoryKb, totalKb), d.MaxMemoryKb.ToString(CultureInfo.InvariantCulture),
                Percent(d.MaxMemoryKb, totalKb), d.VcpusOnline.ToString(CultureInfo.InvariantCulture),
            ];
            table.AddRow(row.Select(Markup.Escape).ToArray());
            text.Append(string.Join(' ', row.Select((c, i) => c.PadLeft(Widths[i])))).Append('\n');
        }
        return (table, text.ToString());
    }

    private static string Percent(ulong part, ulong whole) =>
        whole == 0 ? "0.0" : (part * 100.0 / whole).ToString("F1", CultureInfo.InvariantCulture);
}
