using Xenith.Rpc;
using Xenith.Xl.Formats;

namespace Xenith.Xl.Commands;

/// <summary>The one-domain commands: destroy, pause, unpause, rename, mem-set, domid, domname.</summary>
internal static class DomainCommands
{
    public static int Destroy(XlContext xl, IReadOnlyList<string> args)
    {
        var (options, operands) = GetOpt.Parse(xl, "destroy", args, "f", null, 1);
        uint domid = xl.FindDomain(operands[0]);
        if (domid == 0 && !options.Any(o => o.Option == 'f'))
        {
            xl.Err.Write("Not destroying domain 0; use -f to force.\n" +
                         "This can only be done when using a disaggregated hardware domain and toolstack.\n\n");
            return 1;
        }
        try
        {
            xl.Service.Destroy(domid);
        }
        catch (RpcException e)
        {
            xl.Report(e);
            xl.Err.WriteLine($"destroy failed (rc={e.ErrorCode})");
            return 1;
        }
        return 0;
    }

    /// <summary>xl ignores the result of pausing (exit 0 regardless); libxl's complaint still shows.</summary>
    public static int Pause(XlContext xl, IReadOnlyList<string> args, bool pause)
    {
        var (_, operands) = GetOpt.Parse(xl, pause ? "pause" : "unpause", args, "", null, 1);
        uint domid = xl.FindDomain(operands[0]);
        try
        {
            if (pause)
                xl.Service.Pause(domid);
            else
                xl.Service.Unpause(domid);
        }
        catch (RpcException e)
        {
            xl.Report(e);
        }
        return 0;
    }

    public static int Rename(XlContext xl, IReadOnlyList<string> args)
    {
        var (_, operands) = GetOpt.Parse(xl, "rename", args, "", null, 2);
        uint domid = xl.FindDomain(operands[0]);
        try
        {
            xl.Service.Rename(domid, operands[1]);
        }
        catch (RpcException e)
        {
            xl.Report(e);
            xl.Err.WriteLine($"Can't rename domain '{operands[0]}'.");
            return 1;
        }
        return 0;
    }

    public static int MemSet(XlContext xl, IReadOnlyList<string> args)
    {
        var (_, operands) = GetOpt.Parse(xl, "mem-set", args, "", null, 2);
        uint domid = xl.FindDomain(operands[0]);
        string mem = operands[1];
        long kb = ParseMemSizeKb(mem);
        if (kb == -1)
        {
            xl.Err.WriteLine($"invalid memory size: {mem}");
            return 1;
        }
        try
        {
            xl.Service.SetMemoryTarget(domid, (ulong)kb);
        }
        catch (RpcException e)
        {
            xl.Report(e);
            xl.Err.WriteLine($"cannot set domid {domid} dynamic max memory to : {mem}");
            return 1;
        }
        return 0;
    }

    public static int DomId(XlContext xl, IReadOnlyList<string> args)
    {
        var (_, operands) = GetOpt.Parse(xl, "domid", args, "", null, 1);
        if (xl.Service.DomainIdByName(operands[0]) is not { } domid)
        {
            xl.Err.WriteLine($"Can't get domid of domain name '{operands[0]}', maybe this domain does not exist.");
            return 1;
        }
        xl.Out.Write($"{domid}\n");
        return 0;
    }

    public static int DomName(XlContext xl, IReadOnlyList<string> args)
    {
        var (_, operands) = GetOpt.Parse(xl, "domname", args, "", null, 1);
        long parsed = CFormat.StrToL(operands[0], out bool digits);
        if (!digits)
        {
            xl.Err.Write("Invalid domain id.\n\n");
            return 1;
        }
        uint domid = unchecked((uint)parsed);
        if (xl.Service.DomainName(domid) is not { } name)
        {
            xl.Err.WriteLine($"Can't get domain name of domain id '{domid}', maybe this domain does not exist.");
            return 1;
        }
        xl.Out.Write($"{name}\n");
        return 0;
    }

    /// <summary>xl's parse_mem_size_kb: a number with an optional b/k/m/g/t suffix; no suffix means MiB; -1 if bad.</summary>
    public static long ParseMemSizeKb(string mem)
    {
        int i = 0;
        while (i < mem.Length && (char.IsAsciiDigit(mem[i]) || (i == 0 && mem[i] is '-' or '+')))
            i++;
        if (i == 0 || !long.TryParse(mem.AsSpan(0, i), out long value) || value < 0)
            return -1;
        string suffix = mem[i..];
        if (suffix.Length > 1)
            return -1;
        return char.ToLowerInvariant(suffix.Length == 0 ? 'm' : suffix[0]) switch
        {
            't' => value << 30,
            'g' => value << 20,
            'm' => value << 10,
            'k' => value,
            'b' => value >> 10,
            _ => -1,
        };
    }
}
