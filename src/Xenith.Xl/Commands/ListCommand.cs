using System.Text.Json;
using System.Text.Json.Nodes;
using Xenith.Xl.Formats;

namespace Xenith.Xl.Commands;

/// <summary><c>xl list [-l] [-v] [-Z] [-c] [-n] [Domain]</c></summary>
internal static class ListCommand
{
    private static readonly LongOption[] Long =
    [
        new("long", false, 'l'), new("verbose", false, 'v'), new("context", false, 'Z'),
        new("cpupool", false, 'c'), new("numa", false, 'n'),
    ];

    public static int Run(XlContext xl, IReadOnlyList<string> args)
    {
        var (options, operands) = GetOpt.Parse(xl, "list", args, "lvhZcn", Long, 0);
        bool details = options.Any(o => o.Option == 'l');
        bool verbose = options.Any(o => o.Option == 'v');
        bool context = options.Any(o => o.Option == 'Z');
        bool cpupool = options.Any(o => o.Option == 'c');
        bool numa = options.Any(o => o.Option == 'n');

        IReadOnlyList<Rpc.DomainInfo> domains;
        if (operands.Count == 0)
        {
            domains = xl.Service.ListDomains();
        }
        else if (operands.Count == 1)
        {
            uint domid = xl.FindDomain(operands[0]);
            var one = xl.Service.GetDomain(domid);
            if (one == null)
            {
                xl.Err.WriteLine($"Error: Domain '{operands[0]}' does not exist.");
                return 1;
            }
            domains = [one];
        }
        else
        {
            XlHelp.Print(xl.Out, "list");
            return 1;
        }

        if (details)
        {
            xl.Out.Write(Details(xl, domains));
            return 0;
        }
        xl.Out.Write(ListFormat.Header(verbose, context, cpupool, numa) + "\n");
        foreach (var d in domains)
            xl.Out.Write(ListFormat.Row(d, verbose, context, cpupool, numa) + "\n");
        return 0;
    }

    /// <summary>
    /// xl's -l: a JSON array of <c>{ "domid": N, "config": { libxl's domain config } }</c>, indented by four as
    /// xl's yajl generator prints it.
    /// </summary>
    private static string Details(XlContext xl, IReadOnlyList<Rpc.DomainInfo> domains)
    {
        var array = new JsonArray();
        foreach (var d in domains)
        {
            string? config = xl.Service.GetDomainConfigJson(d.DomId);
            if (config == null)
                continue;
            JsonNode? node;
            try
            {
                node = JsonNode.Parse(config);
            }
            catch (JsonException)
            {
                continue;
            }
            array.Add(new JsonObject { ["domid"] = d.DomId, ["config"] = node });
        }
        return array.ToJsonString(new JsonSerializerOptions { WriteIndented = true, IndentSize = 4 }) + "\n";
    }
}
