using Xenith.Rpc;
using Xenith.Xl.Formats;

namespace Xenith.Xl.Commands;

/// <summary><c>xl vcpu-list [Domain ...]</c> and <c>xl vcpu-pin [-f] Domain VCPU|all HARD|-|all [SOFT|-|all]</c>.</summary>
internal static class VcpuCommands
{
    public static int List(XlContext xl, IReadOnlyList<string> args)
    {
        var (_, operands) = GetOpt.Parse(xl, "vcpu-list", args, "", null, 0);
        int nrCpus = xl.Service.GetHostInfo().MaxCpuId + 1;
        xl.Out.Write(VcpuListFormat.Header + "\n");
        var domids = operands.Count == 0
            ? xl.Service.ListDomains().Select(d => d.DomId).ToList()
            : operands.Select(xl.FindDomain).ToList();
        foreach (uint domid in domids)
        {
            IReadOnlyList<VcpuInfo> vcpus;
            string name;
            try
            {
                vcpus = xl.Service.ListVcpus(domid);
                name = xl.Service.DomainName(domid) ?? "";
            }
            catch (RpcException)
            {
                continue; // as libxl_list_vcpu failing: that domain prints nothing
            }
            foreach (var v in vcpus)
                xl.Out.Write(VcpuListFormat.Row(name, v, nrCpus) + "\n");
        }
        return 0;
    }

    private static readonly LongOption[] PinLong = [new("force", false, 'f'), new("ignore-global-affinity-masks", false, 'i')];

    public static int Pin(XlContext xl, IReadOnlyList<string> args, bool dryRun)
    {
        var (options, operands) = GetOpt.Parse(xl, "vcpu-pin", args, "fi", PinLong, 3);
        bool force = options.Any(o => o.Option == 'f');
        uint domid = xl.FindDomain(operands[0]);
        string vcpuText = operands[1];
        long vcpu = CFormat.StrToL(vcpuText, out bool digits);
        if (!digits || vcpu < 0)
        {
            if (vcpuText != "all")
            {
                xl.Err.WriteLine($"Error: Invalid argument {vcpuText} as VCPU.");
                return 1;
            }
            if (force)
            {
                xl.Err.WriteLine("Error: --force and 'all' as VCPU not allowed.");
                return 1;
            }
            vcpu = -1;
        }
        ulong? hard = null, soft = null;
        if (operands[2] != "-")
        {
            hard = CpuBitmap.Parse(operands[2], out string? error);
            if (hard == null)
            {
                xl.Err.WriteLine(error);
                return 1;
            }
        }
        if (operands.Count > 3 && operands[3] != "-")
        {
            soft = CpuBitmap.Parse(operands[3], out string? error);
            if (soft == null)
            {
                xl.Err.WriteLine(error);
                return 1;
            }
        }
        if (dryRun)
        {
            int nrCpus = xl.Service.GetHostInfo().NrCpus;
            string line = "cpumap: " + (hard is { } h ? CpuBitmap.Format(h, nrCpus) : "-");
            if (soft is { } s)
                line += " " + CpuBitmap.Format(s, nrCpus);
            xl.Out.Write(line + "\n");
            return 0;
        }
        try
        {
            xl.Service.PinVcpu(domid, (int)Math.Clamp(vcpu, -1, int.MaxValue), hard, soft);
        }
        catch (RpcException e)
        {
            xl.Report(e);
            if (vcpu == -1)
            {
                xl.Err.WriteLine("Could not set affinity.");
                return 0; // xl reports it and still exits 0 for "all"
            }
            xl.Err.WriteLine($"Could not set affinity for vcpu `{vcpu}'.");
            return 1;
        }
        return 0;
    }
}
