using System.Globalization;

namespace Xenith.Demo;

/// <summary>One line of the transfer table: what moved, how much of it arrived right, how fast, and the round trip.</summary>
internal sealed record TransferRow(string Path, long Bytes, long Errors, double MiBPerSecond, double? RoundTripUs = null, string? Note = null)
{
    public double CorrectPercent => Bytes == 0 ? 0 : 100.0 * (Bytes - Math.Min(Errors, Bytes)) / Bytes;

    /// <summary>The table: path | bytes | correct (%) | throughput | relative to native | round-trip latency.</summary>
    public static void Print(TextWriter w, IReadOnlyList<TransferRow> rows, double nativeMiBs)
    {
        w.WriteLine($"{"path",-40} {"bytes",12} {"correct",9} {"throughput",14} {"vs native",10} {"round trip",12}");
        foreach (var r in rows)
        {
            string rel = nativeMiBs > 0 ? (r.MiBPerSecond / nativeMiBs).ToString("F4", CultureInfo.InvariantCulture) : "-";
            string rtt = r.RoundTripUs is double us ? $"{us.ToString("F1", CultureInfo.InvariantCulture)} us" : "-";
            w.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{r.Path,-40} {r.Bytes,12} {r.CorrectPercent,8:F2}% {r.MiBPerSecond,9:F1} MiB/s {rel,10} {rtt,12}"));
        }
        foreach (var r in rows.Where(r => r.Note is not null))
            w.WriteLine($"  {r.Path}: {r.Note}");
    }
}
