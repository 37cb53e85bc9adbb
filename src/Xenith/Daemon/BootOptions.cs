using System.Globalization;
using Xenith.Rpc;

namespace Xenith.Daemon;

/// <summary>
/// <c>xenith boot</c>'s options: Xen's own command-line options, written as on a Xen command line
/// (<c>dom0_mem=1G dom0_max_vcpus=2 dom0_vcpus_pin sched=credit loglvl=all</c>), plus Xenith's
/// (<c>--pcpus N</c>, <c>--deterministic</c>, <c>--socket PATH</c>, <c>-d</c>). An option Xen does not know is
/// a warning, as Xen prints it; a known option with a bad value is an error (Xen would warn and boot with
/// the default, which for a daemon only hides the typo).
/// </summary>
internal sealed record BootOptions
{
    /// <summary>Used when dom0_mem is not given (Xen on ARM needs it unless the DT describes dom0).</summary>
    public const ulong DefaultDom0MemoryKb = 512 * 1024;

    public ulong Dom0MemoryKb { get; init; } = DefaultDom0MemoryKb;

    /// <summary>dom0_max_vcpus as <c>min-max</c> (a single N is N-N); dom0 gets the pCPU count clamped into it.</summary>
    public int Dom0MaxVcpusMin { get; init; } = 1;

    public int Dom0MaxVcpusMax { get; init; } = int.MaxValue;

    public bool Dom0VcpusPin { get; init; }

    public string Scheduler { get; init; } = "credit";

    /// <summary>Xen's <c>loglvl=</c>/<c>guest_loglvl=</c>: <c>LEVEL[/RATE-LIMITED-LEVEL]</c>.</summary>
    public string LogLevel { get; init; } = "info";

    public string GuestLogLevel { get; init; } = "none/warning";

    public int GnttabMaxFrames { get; init; } = 64;

    public int GnttabMaxMaptrackFrames { get; init; } = 1024;

    public int SchedCreditTsliceMs { get; init; } = 30;

    public int SchedRatelimitUs { get; init; } = 1000;

    /// <summary>Host threads running the scheduler (default: host cores; 1 with --deterministic).</summary>
    public int Pcpus { get; init; } = 1;

    /// <summary>Instruction-count time on one pCPU: two runs print the same bytes.</summary>
    public bool Deterministic { get; init; }

    public string SocketPath { get; init; } = "";

    public bool Detach { get; init; }

    /// <summary>The Xen-style options as given, in order: what <c>xl info</c> shows as xen_commandline.</summary>
    public string XenCommandLine { get; init; } = "";

    /// <summary>Xen's "parameter ... unknown!" lines for options it does not know.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>Domain 0's vCPU count: the pCPUs, clamped into dom0_max_vcpus.</summary>
    public int Dom0Vcpus => Math.Clamp(Pcpus, Dom0MaxVcpusMin, Math.Max(Dom0MaxVcpusMin, Dom0MaxVcpusMax));

    private static readonly string[] LogLevels = ["none", "error", "warning", "info", "debug", "all"];

    private static readonly string[] Schedulers = ["credit", "credit2", "arinc653", "rtds", "null"];

    public static BootOptions Parse(IReadOnlyList<string> args) =>
        Parse(args, Environment.ProcessorCount, SocketPathFor);

    private static string SocketPathFor(string? option) => Rpc.SocketPath.Resolve(option);

    /// <summary>The parser itself, with the host's core count and the socket rule given (for tests).</summary>
    public static BootOptions Parse(IReadOnlyList<string> args, int hostCores, Func<string?, string> socketPath)
    {
        var o = new BootOptions();
        var warnings = new List<string>();
        var xen = new List<string>();
        string? socket = null;
        int? pcpus = null;
        for (int i = 0; i < args.Count; i++)
        {
            string a = args[i];
            switch (a)
            {
                case "-d" or "--detach":
                    o = o with { Detach = true };
                    continue;
                case "--deterministic":
                    o = o with { Deterministic = true };
                    continue;
                case "--pcpus":
                    pcpus = PositiveInt("--pcpus", Next(args, ref i, a));
                    continue;
                case "--socket":
                    socket = Next(args, ref i, a);
                    continue;
            }
            if (a.StartsWith("--pcpus=", StringComparison.Ordinal))
            {
                pcpus = PositiveInt("--pcpus", a["--pcpus=".Length..]);
                continue;
            }
            if (a.StartsWith("--socket=", StringComparison.Ordinal))
            {
                socket = a["--socket=".Length..];
                continue;
            }
            if (a.StartsWith('-'))
                throw new UsageException($"boot: unknown option '{a}'");
            // A quoted Xen command line ("dom0_mem=1G sched=credit") is split as Xen splits it: at spaces.
            foreach (string option in a.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                xen.Add(option);
                o = ApplyXenOption(o, option, warnings);
            }
        }
        if (o.Deterministic && pcpus > 1)
            throw new UsageException("boot: --deterministic runs on one pCPU; drop --pcpus or give --pcpus 1");
        return o with
        {
            Pcpus = o.Deterministic ? 1 : pcpus ?? Math.Max(1, hostCores),
            SocketPath = socketPath(socket),
            XenCommandLine = string.Join(' ', xen),
            Warnings = warnings,
        };
    }

    private static BootOptions ApplyXenOption(BootOptions o, string option, List<string> warnings)
    {
        int eq = option.IndexOf('=', StringComparison.Ordinal);
        string key = eq < 0 ? option : option[..eq];
        string? value = eq < 0 ? null : option[(eq + 1)..];
        bool negated = key.StartsWith("no-", StringComparison.Ordinal);
        string name = negated ? key[3..] : key;
        switch (name)
        {
            case "dom0_mem":
                return o with { Dom0MemoryKb = Dom0Mem(key, value ?? "") };
            case "dom0_max_vcpus":
                var (min, max) = VcpuRange(key, value ?? "");
                return o with { Dom0MaxVcpusMin = min, Dom0MaxVcpusMax = max };
            case "dom0_vcpus_pin":
                bool pin = value == null || Bool(key, value);
                return o with { Dom0VcpusPin = negated ? !pin : pin };
            case "sched":
                if (value == null || !Schedulers.Contains(value))
                    throw Invalid(key, value ?? "");
                if (value != "credit")
                    throw new UsageException($"boot: sched={value}: only the credit scheduler is implemented (sched=credit)");
                return o with { Scheduler = value };
            case "loglvl":
                return o with { LogLevel = ParseLogLevel(key, value ?? "") };
            case "guest_loglvl":
                return o with { GuestLogLevel = ParseLogLevel(key, value ?? "") };
            case "gnttab_max_frames":
                return o with { GnttabMaxFrames = PositiveInt(key, value ?? "", xenWords: true) };
            case "gnttab_max_maptrack_frames":
                return o with { GnttabMaxMaptrackFrames = PositiveInt(key, value ?? "", xenWords: true) };
            case "sched_credit_tslice_ms":
                return o with { SchedCreditTsliceMs = PositiveInt(key, value ?? "", xenWords: true) };
            case "sched_ratelimit_us":
                return o with { SchedRatelimitUs = PositiveInt(key, value ?? "", xenWords: true) };
            default:
                warnings.Add($"parameter \"{key}\" unknown!");
                return o;
        }
    }

    /// <summary>
    /// Xen's parse_size_and_unit: a number (decimal, or 0x hex) and an optional B/K/M/G/T suffix, case-blind;
    /// no suffix means KiB. Returned in KiB; at least 1 MiB, so dom0 has somewhere to live.
    /// </summary>
    public static ulong Dom0Mem(string key, string value)
    {
        string digits = value;
        int shift = 10; // bytes -> the default unit, KiB
        if (value.Length > 0 && "bBkKmMgGtT".Contains(value[^1], StringComparison.Ordinal))
        {
            digits = value[..^1];
            shift = char.ToLowerInvariant(value[^1]) switch { 'b' => 0, 'k' => 10, 'm' => 20, 'g' => 30, _ => 40 };
        }
        bool hex = digits.StartsWith("0x", StringComparison.OrdinalIgnoreCase);
        if (!ulong.TryParse(hex ? digits[2..] : digits, hex ? NumberStyles.AllowHexSpecifier : NumberStyles.None,
                CultureInfo.InvariantCulture, out ulong n) || n == 0 || n > ulong.MaxValue >> (shift + 1))
            throw Invalid(key, value);
        ulong kb = (n << shift) >> 10;
        if (kb < 1024)
            throw new UsageException($"boot: {key}={value}: domain 0 needs at least 1M");
        return kb;
    }

    private static (int Min, int Max) VcpuRange(string key, string value)
    {
        string[] ends = value.Split('-');
        if (ends.Length is < 1 or > 2)
            throw Invalid(key, value);
        int min = PositiveInt(key, ends[0], xenWords: true, whole: value);
        int max = ends.Length == 2 ? PositiveInt(key, ends[1], xenWords: true, whole: value) : min;
        if (max < min)
            throw Invalid(key, value);
        return (min, max);
    }

    private static string ParseLogLevel(string key, string value)
    {
        string[] parts = value.Split('/');
        if (parts.Length > 2 || parts.Any(p => !LogLevels.Contains(p)))
            throw Invalid(key, value);
        return value;
    }

    /// <summary>Xen's parse_bool words.</summary>
    private static bool Bool(string key, string value) => value switch
    {
        "1" or "yes" or "on" or "true" or "enable" => true,
        "0" or "no" or "off" or "false" or "disable" => false,
        _ => throw Invalid(key, value),
    };

    private static int PositiveInt(string key, string value, bool xenWords = false, string? whole = null)
    {
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n > 0)
            return n;
        throw xenWords ? Invalid(key, whole ?? value) : new UsageException($"boot: {key} expects a positive number, not '{value}'");
    }

    private static string Next(IReadOnlyList<string> args, ref int i, string option) =>
        i + 1 < args.Count ? args[++i] : throw new UsageException($"boot: {option} needs a value");

    /// <summary>Xen's words for a value it cannot use (rc=-EINVAL).</summary>
    private static UsageException Invalid(string key, string value) =>
        new($"boot: parameter \"{key}\" has invalid value \"{value}\", rc=-22!");
}
