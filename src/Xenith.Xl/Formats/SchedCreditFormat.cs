using Xenith.Rpc;

namespace Xenith.Xl.Formats;

/// <summary><c>xl sched-credit</c>: the pool line, then <c>%-33s %4d %6d %4d</c> per domain.</summary>
internal static class SchedCreditFormat
{
    public static readonly string Header = $"{"Name",-33} {"ID",4} {"Weight",6} {"Cap",4}";

    public static string Pool(SchedCreditParams p) =>
        $"Cpupool {p.PoolName}: tslice={p.TsliceMs}ms ratelimit={p.RatelimitUs}us migration-delay={p.MigrationDelayUs}us";

    public static string Row(string name, uint domid, SchedCredit c) =>
        $"{CFormat.Left(name, 33)} {CFormat.Right(domid, 4)} {CFormat.Right(c.Weight, 6)} {CFormat.Right(c.Cap, 4)}";
}
