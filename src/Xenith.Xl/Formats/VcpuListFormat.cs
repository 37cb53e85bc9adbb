using Xenith.Rpc;

namespace Xenith.Xl.Formats;

/// <summary><c>xl vcpu-list</c>'s table (spec 12.2).</summary>
internal static class VcpuListFormat
{
    public static readonly string Header = $"{"Name",-32} {"ID",5} {"VCPU",5} {"CPU",5} {"State",5} {"Time(s)",9} Affinity (Hard / Soft)";

    public static string Row(string domainName, VcpuInfo v, int nrCpus)
    {
        string head = $"{CFormat.Left(domainName, 32)} {CFormat.Right(v.DomId, 5)} {CFormat.Right(v.VcpuId, 5)}";
        string state = v.Online
            ? $"{CFormat.Right(v.Cpu, 5)} {CFormat.Right(v.Running ? 'r' : '-', 3)}{(v.Blocked ? 'b' : '-')}- "
            : "    -   --p ";
        return $"{head}{state}{CFormat.Seconds(v.CpuTimeNs, 9)}  " +
               $"{CpuBitmap.Format(v.HardAffinity, nrCpus)} / {CpuBitmap.Format(v.SoftAffinity, nrCpus)}";
    }
}
