using Xenith.Rpc;
using Xenith.Xl.Formats;

namespace Xenith.Xl.Commands;

/// <summary>
/// <c>xl sched-credit</c>: list every domain's weight and cap; <c>-d Domain</c> shows one, adding
/// <c>-w W</c> / <c>-c C</c> sets them; <c>-s</c> shows or (with -t/-r/-m) sets the pool's parameters.
/// </summary>
internal static class SchedCreditCommand
{
    private static readonly LongOption[] Long =
    [
        new("domain", true, 'd'), new("weight", true, 'w'), new("cap", true, 'c'), new("schedparam", false, 's'),
        new("tslice_ms", true, 't'), new("ratelimit_us", true, 'r'), new("migration_delay_us", true, 'm'),
        new("cpupool", true, 'p'),
    ];

    public static int Run(XlContext xl, IReadOnlyList<string> args)
    {
        var (options, _) = GetOpt.Parse(xl, "sched-credit", args, "d:w:c:p:t:r:m:s", Long, 0);
        string? dom = null, pool = null;
        int? weight = null, cap = null, tslice = null, ratelimit = null, delay = null;
        bool schedParams = false;
        foreach (var (option, argument) in options)
        {
            int value() => (int)CFormat.StrToL(argument!, out _);
            switch (option)
            {
                case 'd': dom = argument; break;
                case 'w': weight = value(); break;
                case 'c': cap = value(); break;
                case 't': tslice = value(); break;
                case 'r': ratelimit = value(); break;
                case 'm': delay = value(); break;
                case 's': schedParams = true; break;
                case 'p': pool = argument; break;
            }
        }
        if ((pool != null || schedParams) && (dom != null || weight != null || cap != null))
        {
            xl.Err.WriteLine("Specifying a cpupool or schedparam is not allowed with domain options.");
            return 1;
        }
        if (dom == null && (weight != null || cap != null))
        {
            xl.Err.WriteLine("Must specify a domain.");
            return 1;
        }
        if (!schedParams && (tslice != null || ratelimit != null || delay != null))
        {
            xl.Err.WriteLine("Must specify schedparam to set schedule parameter values.");
            return 1;
        }
        var poolParams = xl.Service.GetSchedCreditParams();
        if (pool != null && pool != poolParams.PoolName && pool != "0")
        {
            xl.Err.WriteLine($"unknown cpupool '{pool}'");
            return 1;
        }
        if (schedParams)
        {
            if (tslice == null && ratelimit == null && delay == null)
            {
                xl.Out.Write(SchedCreditFormat.Pool(poolParams) + "\n");
                return 0;
            }
            try
            {
                xl.Service.SetSchedCreditParams(tslice, ratelimit, delay);
            }
            catch (RpcException e)
            {
                xl.Report(e);
                xl.Err.WriteLine("libxl_sched_credit_params_set failed.");
                return 1;
            }
            return 0;
        }
        if (dom == null)
        {
            xl.Out.Write(SchedCreditFormat.Pool(poolParams) + "\n");
            xl.Out.Write(SchedCreditFormat.Header + "\n");
            foreach (var d in xl.Service.ListDomains())
            {
                if (!TryRow(xl, d.DomId, d.Name))
                    break;
            }
            return 0;
        }
        uint domid = xl.FindDomain(dom);
        if (weight == null && cap == null)
        {
            xl.Out.Write(SchedCreditFormat.Header + "\n");
            return TryRow(xl, domid, xl.Service.DomainName(domid) ?? "") ? 0 : 1;
        }
        try
        {
            xl.Service.SetSchedCredit(domid, weight, cap);
        }
        catch (RpcException e)
        {
            xl.Report(e);
            xl.Err.WriteLine("libxl_domain_sched_params_set failed.");
            return 1;
        }
        return 0;
    }

    private static bool TryRow(XlContext xl, uint domid, string name)
    {
        try
        {
            xl.Out.Write(SchedCreditFormat.Row(name, domid, xl.Service.GetSchedCredit(domid)) + "\n");
            return true;
        }
        catch (RpcException e)
        {
            xl.Report(e);
            xl.Err.WriteLine("libxl_domain_sched_params_get failed.");
            return false;
        }
    }
}
