using System.Globalization;
using System.Text;

namespace Xenith.Toolstack.Config;

/// <summary>
/// A stable text form of <see cref="XlDomainConfig"/>: one <c>key = value</c> per line, in xl.cfg's key
/// names, every field shown (defaults included), lists one item per line as <c>key[i] = ...</c>.
/// Strings are quoted; paths show as <c>"given" -&gt; "resolved"</c>.
/// </summary>
public static class XlDomainConfigDump
{
    public static string Describe(XlDomainConfig c)
    {
        var sb = new StringBuilder();
        void Line(string key, string value) => sb.Append(key).Append(" = ").Append(value).Append('\n');

        Line("name", Quote(c.Name));
        Line("type", "pvh");
        Line("cpu", c.Cpu.Name);
        Line("memory", N(c.MemoryMiB));
        Line("maxmem", N(c.MaxMemMiB));
        Line("vcpus", N(c.Vcpus));
        Line("maxvcpus", N(c.MaxVcpus));
        Affinities("cpus", c.Cpus);
        Affinities("cpus_soft", c.CpusSoft);
        Line("cpu_weight", N(c.CpuWeight));
        Line("cap", N(c.Cap));
        Line("pool", c.Pool is null ? "(none)" : Quote(c.Pool));
        Line("kernel", PathText(c.Kernel));
        Line("ramdisk", PathText(c.Ramdisk));
        Line("device_tree", PathText(c.DeviceTree));
        Line("cmdline", c.Cmdline is null ? "(none)" : Quote(c.Cmdline));
        if (c.Disks.Count == 0)
            Line("disk", "(none)");
        for (int i = 0; i < c.Disks.Count; i++)
            Line($"disk[{i}]", Disk(c.Disks[i]));
        if (c.Vifs.Count == 0)
            Line("vif", "(none)");
        for (int i = 0; i < c.Vifs.Count; i++)
            Line($"vif[{i}]", Vif(c.Vifs[i]));
        Line("on_poweroff", c.OnPoweroff.Name());
        Line("on_reboot", c.OnReboot.Name());
        Line("on_watchdog", c.OnWatchdog.Name());
        Line("on_crash", c.OnCrash.Name());
        Line("on_soft_reset", c.OnSoftReset.Name());
        Line("uuid", c.Uuid?.ToString("D") ?? "(generated)");
        Line("max_grant_frames", N(c.MaxGrantFrames));
        Line("max_maptrack_frames", N(c.MaxMaptrackFrames));
        Line("max_event_channels", N(c.MaxEventChannels));
        Line("vuart", c.Vuart == XlVuart.SbsaUart ? "sbsa_uart" : "(none)");
        Line("gic_version", c.GicVersion switch { XlGicVersion.V2 => "v2", XlGicVersion.V3 => "v3", _ => "default" });
        Line("trap_unmapped_accesses", c.TrapUnmappedAccesses ? "1" : "0");
        return sb.ToString();

        void Affinities(string key, IReadOnlyList<CpuAffinity> list)
        {
            if (list.Count == 0)
                Line(key, "(none)");
            for (int i = 0; i < list.Count; i++)
                Line($"{key}[{i}]", list[i].ToString());
        }
    }

    private static string Disk(XlDiskSpec d)
    {
        var parts = new List<string>
        {
            "target=" + (d.Target is null ? "(none)" : PathText(d.Target)),
            "format=" + d.Format.ToString().ToLowerInvariant(),
            "vdev=" + d.Vdev,
            "virtual-device=" + N(d.VirtualDevice),
            "access=" + (d.ReadWrite ? "rw" : "ro"),
            "devtype=" + (d.IsCdrom ? "cdrom" : "disk"),
        };
        if (d.Removable)
            parts.Add("removable");
        parts.Add("backendtype=" + d.BackendType.ToString().ToLowerInvariant());
        parts.Add("backend=" + (d.Backend ?? "(dom0)"));
        if (d.Script is not null)
            parts.Add("script=" + d.Script);
        if (d.DirectIoSafe)
            parts.Add("direct-io-safe");
        if (d.Discard is bool discard)
            parts.Add(discard ? "discard" : "no-discard");
        if (d.Trusted is bool trusted)
            parts.Add(trusted ? "trusted" : "untrusted");
        parts.Add("specification=" + d.Specification.ToString().ToLowerInvariant());
        return string.Join(' ', parts);
    }

    private static string Vif(XlVifSpec v)
    {
        var parts = new List<string>
        {
            "devid=" + N(v.Devid),
            "mac=" + (v.MacText ?? "(random 00:16:3e)"),
            "bridge=" + v.Bridge,
            "script=" + v.Script,
            "mtu=" + N(v.Mtu),
            "type=" + v.Type,
        };
        void Opt(string key, string? value)
        {
            if (value is not null)
                parts.Add(key + "=" + value);
        }
        Opt("model", v.Model);
        Opt("vifname", v.Vifname);
        Opt("ip", v.Ip);
        Opt("backend", v.Backend);
        Opt("gatewaydev", v.Gatewaydev);
        Opt("rate", v.Rate);
        Opt("vlan", v.Vlan);
        if (v.Trusted is bool trusted)
            parts.Add(trusted ? "trusted" : "untrusted");
        return string.Join(' ', parts);
    }

    private static string PathText(XlPath? p) => p is null ? "(none)" : $"{Quote(p.Given)} -> {Quote(p.Resolved)}";

    private static string N(long v) => v.ToString(CultureInfo.InvariantCulture);

    /// <summary>Double-quoted with C escapes for quotes, backslashes and control characters, so every dump line stays one line.</summary>
    internal static string Quote(string s)
    {
        var sb = new StringBuilder("\"");
        foreach (char ch in s)
        {
            _ = ch switch
            {
                '"' => sb.Append("\\\""),
                '\\' => sb.Append("\\\\"),
                '\n' => sb.Append("\\n"),
                '\t' => sb.Append("\\t"),
                < ' ' or '\x7f' => sb.Append(CultureInfo.InvariantCulture, $"\\x{(int)ch:x2}"),
                _ => sb.Append(ch),
            };
        }
        return sb.Append('"').ToString();
    }
}
