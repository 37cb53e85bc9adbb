namespace Xenith.Xl;

/// <summary>One row of xl's command table: what <c>xl help</c> and <c>xl CMD -h</c> print.</summary>
internal sealed record XlCommandSpec(string Name, bool CanDryRun, bool Modifies, string Description, string Usage, string? Options);

/// <summary>xl's command table (in Xen's order) and its help output.</summary>
internal static class XlHelp
{
    public static readonly IReadOnlyList<XlCommandSpec> Commands =
    [
        new("create", true, true, "Create a domain from config file <filename>", "<ConfigFile> [options] [vars]",
            "-c                      Connect to the console after the domain is created.\n" +
            "-h                      Print this help.\n" +
            "-p                      Leave the domain paused after it is created."),
        new("list", false, false, "List information about all/some domains", "[options] [Domain]\n",
            "-l, --long              Output all VM details\n" +
            "-v, --verbose           Prints out UUIDs and security context\n" +
            "-Z, --context           Prints out security context\n" +
            "-c, --cpupool           Prints the cpupool the domain is in\n" +
            "-n, --numa              Prints out NUMA node affinity"),
        new("destroy", false, true, "Terminate a domain immediately", "[options] <Domain>\n",
            "-f                      Permit destroying domain 0."),
        new("shutdown", false, true, "Issue a shutdown signal to a domain", "[options] <-a|Domain>",
            "-a, --all               Shutdown all guest domains.\n" +
            "-h                      Print this help.\n" +
            "-F                      Fallback to ACPI power event (no effect on ARM).\n" +
            "-w, --wait              Wait for guest(s) to shutdown.\n"),
        new("reboot", false, true, "Issue a reboot signal to a domain", "[options] <-a|Domain>",
            "-a, --all               Reboot all guest domains.\n" +
            "-h                      Print this help.\n" +
            "-F                      Fallback to ACPI reset event (no effect on ARM).\n" +
            "-w, --wait              Wait for guest(s) to reboot.\n"),
        new("pause", false, true, "Pause execution of a domain", "<Domain>", null),
        new("unpause", false, true, "Unpause a paused domain", "<Domain>", null),
        new("console", false, false, "Attach to domain's console",
            "[options] <Domain>\n" +
            "-t <type>       console type, pv , serial or vuart\n" +
            "-n <number>     console number\n" +
            "-e <escape>     escape character", null),
        new("mem-set", false, true, "Set the current memory usage for a domain",
            "<Domain> <MemMB['b'[bytes]|'k'[KB]|'m'[MB]|'g'[GB]|'t'[TB]]>", null),
        new("vcpu-list", false, false, "List the VCPUs for all/some domains", "[Domain, ...]", null),
        new("vcpu-pin", true, true, "Set which CPUs a VCPU can use",
            "[option] <Domain> <VCPU|all> <Hard affinity|-|all> <Soft affinity|-|all>",
            "-f, --force        undo an override pinning done by the kernel"),
        new("info", false, false, "Get information about Xen host", "-n, --numa         List host NUMA topology information", null),
        new("sched-credit", false, true, "Get/set credit scheduler parameters",
            "[-d <Domain> [-w[=WEIGHT]|-c[=CAP]]] [-s [-t TSLICE] [-r RATELIMIT]] [-p CPUPOOL]",
            "-d DOMAIN, --domain=DOMAIN        Domain to modify\n" +
            "-w WEIGHT, --weight=WEIGHT        Weight (int)\n" +
            "-c CAP, --cap=CAP                 Cap (int)\n" +
            "-s         --schedparam           Query / modify scheduler parameters\n" +
            "-t TSLICE, --tslice_ms=TSLICE     Set the timeslice, in milliseconds\n" +
            "-r RLIMIT, --ratelimit_us=RLIMIT  Set the scheduling rate limit, in microseconds\n" +
            "-m DLY, --migration_delay_us=DLY  Set the migration delay, in microseconds\n" +
            "-p CPUPOOL, --cpupool=CPUPOOL     Restrict output to CPUPOOL"),
        new("domid", false, false, "Convert a domain name to domain id", "<DomainName>", null),
        new("domname", false, false, "Convert a domain id to domain name", "<DomainId>", null),
        new("rename", false, true, "Rename a domain", "<Domain> <NewDomainName>", null),
        new("dmesg", false, false, "Read and/or clear dmesg buffer", "[-c]",
            "  -c                        Clear dmesg buffer as well as printing it"),
        new("top", false, false, "Monitor a host and the domains in real time", "", null),
        new("uptime", false, false, "Print uptime for all/some domains", "[-s] [Domain]", null),
    ];

    public static XlCommandSpec? Find(string name) => Commands.FirstOrDefault(c => c.Name == name);

    public static void Print(TextWriter w, string? command)
    {
        if (command is null or "help")
        {
            w.Write("Usage xl [-vfNtT] <subcommand> [args]\n\n");
            w.Write("xl full list of subcommands:\n\n");
            foreach (var c in Commands)
            {
                w.Write($" {c.Name,-19} ");
                if (c.Name.Length > 19)
                    w.Write($"\n {"",-19} ");
                w.Write($"{c.Description}\n");
            }
            return;
        }
        var spec = Find(command);
        if (spec == null)
        {
            w.Write($"command \"{command}\" not implemented\n");
            return;
        }
        w.Write($"Usage: xl [-vtT{(spec.Modifies ? "f" : "")}{(spec.CanDryRun ? "N" : "")}] {spec.Name} {spec.Usage}\n\n{spec.Description}.\n\n");
        if (spec.Options != null)
            w.Write($"Options:\n\n{spec.Options}\n");
    }
}
