using Xenith.Cpu.Arm;
using Xenith.Cpu.Arm.Sys;

namespace Xenith.Toolstack.Config;

/// <summary>A parsed guest config and the warnings xl would print on the way.</summary>
public sealed record XlConfigResult(XlDomainConfig Config, IReadOnlyList<string> Warnings);

/// <summary>
/// xl's parse_config_data for the keys an ARM guest uses, in xl's order (so the first error is xl's first
/// error). Errors carry <c>file:line:</c> of the offending setting; where xl only warns and then ignores a bad
/// number, this refuses the config instead. Unknown keys give warnings (xl itself passes over them silently).
/// </summary>
public static class XlDomainConfigParser
{
    private const long MaxMemoryMiB = 1L << 20; // LPAE's 40-bit physical space

    public static XlConfigResult Parse(XlCfgFile cfg, string workingDirectory)
    {
        var warnings = new List<string>();
        string src = cfg.Source;
        XlConfigException Fail(int line, string message) => new(line > 0 ? $"{src}:{line}: {message}" : $"{src}: {message}");

        foreach (string key in cfg.Names)
        {
            int line = cfg.Find(key)!.Line;
            if (XlKnownKeys.Unsupported.Contains(key))
                warnings.Add($"{src}:{line}: warning: parameter `{key}' is not supported by Xenith and is ignored");
            else if (!XlKnownKeys.Modelled.Contains(key))
                warnings.Add($"{src}:{line}: warning: unknown parameter `{key}' ignored");
        }

        XlDomainType type = ParseType(cfg, warnings, Fail);

        if (!cfg.TryGetString("name", warnings, out string name, out int nameLine) || name.Length == 0)
            throw Fail(nameLine, "Domain name must be specified.");

        Guid? uuid = null;
        if (cfg.TryGetString("uuid", warnings, out string uuidText, out int uuidLine))
        {
            if (!Guid.TryParseExact(uuidText, "D", out Guid g))
                throw Fail(uuidLine, $"Failed to parse UUID: {uuidText}");
            uuid = g;
        }

        string? pool = cfg.TryGetString("pool", warnings, out string p, out _) ? p : null;
        int weight = cfg.TryGetLong("cpu_weight", 1, 65535, out long w, out _) ? (int)w : XlDomainConfig.DefaultCpuWeight;
        int cap = cfg.TryGetLong("cap", 0, int.MaxValue, out long c, out _) ? (int)c : 0;

        bool hasMemory = cfg.TryGetLong("memory", 1, MaxMemoryMiB, out long memory, out int memoryLine);
        bool hasMaxmem = cfg.TryGetLong("maxmem", 1, MaxMemoryMiB, out long maxmem, out int maxmemLine);
        if (!hasMemory && !hasMaxmem)
            memory = maxmem = XlDomainConfig.DefaultMemoryMiB;
        else if (!hasMaxmem)
            maxmem = memory;
        else if (!hasMemory)
            memory = maxmem;
        if (memory > maxmem)
            throw Fail(maxmemLine, $"maxmem ({maxmem} MiB) must be equal to or greater than memory ({memory} MiB)");

        // xl takes vcpus < 1 as 1.
        int vcpus = cfg.TryGetLong("vcpus", 0, 4096, out long v, out int vcpusLine) ? Math.Max(1, (int)v) : 1;
        int maxVcpus = vcpus;
        int maxVcpusLine = vcpusLine;
        if (cfg.TryGetLong("maxvcpus", 1, 4096, out long mv, out int mvLine))
        {
            maxVcpus = (int)mv;
            maxVcpusLine = mvLine;
        }

        XlVuart vuart = XlVuart.None;
        if (cfg.TryGetString("vuart", warnings, out string vuartText, out int vuartLine))
        {
            // libxl matches enum names without regard to case.
            vuart = vuartText.ToLowerInvariant() switch
            {
                "sbsa_uart" => XlVuart.SbsaUart,
                "unknown" => XlVuart.None,
                _ => throw Fail(vuartLine, $"ERROR: invalid value \"{vuartText}\" for \"vuart\""),
            };
        }

        if (maxVcpus < vcpus)
            throw Fail(maxVcpusLine, "xl: maxvcpus < vcpus");

        IReadOnlyList<CpuAffinity> cpus = Affinity(cfg, "cpus", maxVcpus, warnings, Fail);
        IReadOnlyList<CpuAffinity> cpusSoft = Affinity(cfg, "cpus_soft", maxVcpus, warnings, Fail);

        int grantFrames = cfg.TryGetLong("max_grant_frames", 0, int.MaxValue, out long gf, out _) ? (int)gf : XlDomainConfig.DefaultMaxGrantFrames;
        int maptrackFrames = cfg.TryGetLong("max_maptrack_frames", 0, int.MaxValue, out long mf, out _) ? (int)mf : XlDomainConfig.DefaultMaxMaptrackFrames;

        XlShutdownAction onPoweroff = Action(cfg, "on_poweroff", XlShutdownAction.Destroy, warnings, Fail);
        XlShutdownAction onReboot = Action(cfg, "on_reboot", XlShutdownAction.Restart, warnings, Fail);
        XlShutdownAction onWatchdog = Action(cfg, "on_watchdog", XlShutdownAction.Destroy, warnings, Fail);
        XlShutdownAction onCrash = Action(cfg, "on_crash", XlShutdownAction.Destroy, warnings, Fail);
        XlShutdownAction onSoftReset = Action(cfg, "on_soft_reset", XlShutdownAction.SoftReset, warnings, Fail);

        int eventChannels = cfg.TryGetLong("max_event_channels", 1, XlDomainConfig.MaxEventChannelsLimit, out long ec, out _)
            ? (int)ec : XlDomainConfig.DefaultMaxEventChannels;

        XlPath? kernel = PathKey(cfg, "kernel", workingDirectory, warnings);
        XlPath? ramdisk = PathKey(cfg, "ramdisk", workingDirectory, warnings);
        XlPath? deviceTree = PathKey(cfg, "device_tree", workingDirectory, warnings);
        string? cmdline = Cmdline(cfg, warnings);

        var disks = new List<XlDiskSpec>();
        if (cfg.TryGetStringList("disk", warnings, out IReadOnlyList<string> diskSpecs, out int diskLine))
        {
            foreach (string spec in diskSpecs)
            {
                disks.Add(XlDiskSpecParser.Parse(spec, workingDirectory, out string? error)
                    ?? throw Fail(diskLine, error!));
            }
        }

        var vifs = new List<XlVifSpec>();
        if (cfg.TryGetStringList("vif", warnings, out IReadOnlyList<string> vifSpecs, out int vifLine))
        {
            foreach (string spec in vifSpecs)
            {
                var vifWarnings = new List<string>();
                vifs.Add(XlVifSpecParser.Parse(spec, vifs.Count, vifWarnings, out string? error)
                    ?? throw Fail(vifLine, error!));
                warnings.AddRange(vifWarnings.Select(x => $"{src}:{vifLine}: warning: vif: {x}"));
            }
        }

        XlGicVersion gic = XlGicVersion.Default;
        if (cfg.TryGetString("gic_version", warnings, out string gicText, out int gicLine))
        {
            gic = gicText.ToLowerInvariant() switch
            {
                "default" => XlGicVersion.Default,
                "v2" => XlGicVersion.V2,
                "v3" => XlGicVersion.V3,
                _ => throw Fail(gicLine, $"Unknown gic_version \"{gicText}\" specified"),
            };
            if (gic == XlGicVersion.V3)
                throw Fail(gicLine, "gic_version \"v3\" is not supported: the board has a GICv2");
        }
        if (maxVcpus > XlDomainConfig.GicV2MaxVcpus)
            throw Fail(maxVcpusLine, $"{maxVcpus} vCPUs are more than a GICv2 supports ({XlDomainConfig.GicV2MaxVcpus})");
        CpuProfile cpu = CpuModel(cfg, maxVcpus, maxVcpusLine, warnings, Fail);

        bool trap = !cfg.TryGetBool("trap_unmapped_accesses", out bool t, out _) || t;

        var config = new XlDomainConfig(name, type, memory, maxmem, vcpus, maxVcpus, cpus, cpusSoft, weight, cap, pool,
            kernel, ramdisk, deviceTree, cmdline, disks, vifs, onPoweroff, onReboot, onWatchdog, onCrash, onSoftReset,
            uuid, grantFrames, maptrackFrames, eventChannels, vuart, gic, trap, cpu);
        return new XlConfigResult(config, warnings);
    }

    /// <summary>
    /// xl matches the type as a prefix ("p" is pv); ARM has only PVH, so libxl converts a PV config with the
    /// three warnings below. HVM is converted the same way here (libxl would refuse it).
    /// </summary>
    private static XlDomainType ParseType(XlCfgFile cfg, List<string> warnings, Func<int, string, XlConfigException> fail)
    {
        if (!cfg.TryGetString("type", warnings, out string text, out int line))
            return XlDomainType.Pvh;
        string? converted =
            "hvm".StartsWith(text, StringComparison.Ordinal) ? "HVM"
            : "pv".StartsWith(text, StringComparison.Ordinal) ? "PV"
            : "pvh".StartsWith(text, StringComparison.Ordinal) ? null
            : throw fail(line, $"Invalid domain type {text}.");
        if (converted is not null)
        {
            warnings.Add($"libxl: warning: Converting {converted} guest to PVH.");
            warnings.Add("libxl: warning: Arm guest are now PVH.");
            warnings.Add("libxl: warning: Please fix your configuration file/toolstack.");
        }
        return XlDomainType.Pvh;
    }

    /// <summary>
    /// Xenith's <c>cpu</c> key (Xen has none: a guest gets the host's core): the CPU model every vCPU is, default
    /// Cortex-A15. A single-core model (Cortex-A8, no Multiprocessing Extensions) takes one vCPU.
    /// </summary>
    private static CpuProfile CpuModel(XlCfgFile cfg, int maxVcpus, int maxVcpusLine, List<string> warnings,
        Func<int, string, XlConfigException> fail)
    {
        if (!cfg.TryGetString("cpu", warnings, out string text, out int line))
            return CpuProfile.CortexA15;
        CpuProfile cpu = CpuProfile.Find(text) ?? throw fail(line, $"Unknown cpu \"{text}\" specified ({CpuProfile.Names})");
        if (maxVcpus > 1 && !SystemIdValues.For(cpu).MpExtensions)
            throw fail(maxVcpusLine, $"{cpu.Name} is a single-core CPU: a guest has 1 vCPU of it, not {maxVcpus}");
        return cpu;
    }

    /// <summary>A list gives one spec per vCPU (extra items dropped); a string applies to every vCPU.</summary>
    private static List<CpuAffinity> Affinity(XlCfgFile cfg, string key, int maxVcpus, List<string> warnings,
        Func<int, string, XlConfigException> fail)
    {
        XlCfgSetting? s = cfg.Find(key);
        if (s is null)
            return [];
        IReadOnlyList<string> specs;
        if (s.Value is XlCfgList)
        {
            cfg.TryGetStringList(key, warnings, out specs, out _);
            specs = [.. specs.Take(maxVcpus)];
        }
        else
        {
            specs = Enumerable.Repeat(((XlCfgString)s.Value).Value, maxVcpus).ToList();
        }
        var result = new List<CpuAffinity>(specs.Count);
        foreach (string spec in specs)
            result.Add(CpuAffinity.Parse(spec, out string? error) ?? throw fail(s.Line, error!));
        return result;
    }

    private static XlShutdownAction Action(XlCfgFile cfg, string key, XlShutdownAction fallback, List<string> warnings,
        Func<int, string, XlConfigException> fail)
    {
        if (!cfg.TryGetString(key, warnings, out string text, out int line))
            return fallback;
        return XlShutdownActions.TryParse(text, out XlShutdownAction action)
            ? action
            : throw fail(line, $"Unknown {key} action \"{text}\" specified");
    }

    private static XlPath? PathKey(XlCfgFile cfg, string key, string cwd, List<string> warnings) =>
        cfg.TryGetString(key, warnings, out string path, out _) ? XlPath.Resolve(path, cwd) : null;

    /// <summary>xl's parse_cmdline: cmdline wins over root and extra; else "root=ROOT EXTRA", "root=ROOT" or EXTRA.</summary>
    private static string? Cmdline(XlCfgFile cfg, List<string> warnings)
    {
        bool hasCmdline = cfg.TryGetString("cmdline", warnings, out string cmdline, out _);
        bool hasRoot = cfg.TryGetString("root", warnings, out string root, out _);
        bool hasExtra = cfg.TryGetString("extra", warnings, out string extra, out _);
        if (hasCmdline)
        {
            if (hasRoot || hasExtra)
                warnings.Add("Warning: ignoring root= and extra= in favour of cmdline=");
            return cmdline;
        }
        if (hasRoot)
            return hasExtra ? $"root={root} {extra}" : $"root={root}";
        return hasExtra ? extra : null;
    }
}
