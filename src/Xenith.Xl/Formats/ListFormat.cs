using System.Globalization;
using Xenith.Rpc;

namespace Xenith.Xl.Formats;

/// <summary><c>xl list</c>'s table (spec 12.1): a tab-separated header, then one printf row per domain.</summary>
internal static class ListFormat
{
    private const string ShutdownReasonLetters = "-rscwS";

    public static string Header(bool verbose, bool context, bool cpupool, bool numa)
    {
        var s = "Name                                        ID   Mem VCPUs\tState\tTime(s)";
        if (verbose)
            s += "   UUID                            Reason-Code\tSecurity Label";
        if (context && !verbose)
            s += "   Security Label";
        if (cpupool)
            s += "         Cpupool";
        if (numa)
            s += " NODE Affinity";
        return s;
    }

    public static string Row(DomainInfo d, bool verbose, bool context, bool cpupool, bool numa)
    {
        int reason = d.Shutdown ? (int)d.ShutdownReason : 0;
        char reasonLetter = reason >= 0 && reason < ShutdownReasonLetters.Length ? ShutdownReasonLetters[reason] : '?';
        ulong memMb = (d.CurrentMemoryKb + d.OutstandingMemoryKb) / 1024;
        var s = $"{CFormat.Left(d.Name, 40)} {CFormat.Right(d.DomId, 5)} {CFormat.Right(memMb, 5)} {CFormat.Right(d.VcpusOnline, 5)}     " +
                $"{(d.Running ? 'r' : '-')}{(d.Blocked ? 'b' : '-')}{(d.Paused ? 'p' : '-')}{(d.Shutdown ? 's' : '-')}" +
                $"{reasonLetter}{(d.Dying ? 'd' : '-')}  {CFormat.Seconds(d.CpuTimeNs, 8)}";
        if (verbose)
        {
            s += " " + d.Uuid.ToString("D", CultureInfo.InvariantCulture);
            s += d.Shutdown ? " " + reason.ToString("x", CultureInfo.InvariantCulture).PadLeft(8) : " " + "-".PadLeft(8);
        }
        if (verbose || context)
            s += " " + (d.SecurityLabel ?? "-").PadLeft(16);
        if (cpupool)
            s += "Pool-0".PadLeft(16);
        if (numa)
            s += " all";
        return s;
    }
}
