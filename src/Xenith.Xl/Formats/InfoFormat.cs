using System.Globalization;
using Xenith.Rpc;

namespace Xenith.Xl.Formats;

/// <summary><c>xl info</c> (spec 12.3): <c>label : value</c> lines, labels left-justified in 23 columns.</summary>
internal static class InfoFormat
{
    public static IReadOnlyList<(string Label, string Value)> Fields(HostInfo h, bool xenstore)
    {
        ulong pagesPerMb = (1UL << 20) / Math.Max(1u, h.XenPagesize);
        var caps = h.HwCaps.Concat(Enumerable.Repeat(0u, 8)).Take(8).Select(c => c.ToString("x8", CultureInfo.InvariantCulture));
        var fields = new List<(string, string)>
        {
            ("host", h.Host),
            ("release", h.Release),
            ("version", h.Version),
            ("machine", h.Machine),
            ("nr_cpus", I(h.NrCpus)),
            ("max_cpu_id", I(h.MaxCpuId)),
            ("nr_nodes", I(h.NrNodes)),
            ("cores_per_socket", I(h.CoresPerSocket)),
            ("threads_per_core", I(h.ThreadsPerCore)),
            ("cpu_mhz", $"{h.CpuKhz / 1000}.{h.CpuKhz % 1000:D3}"),
            ("hw_caps", string.Join(':', caps)),
            // xl prints the caps each with a leading space, straight after the colon.
            ("virt_caps", string.Concat(h.VirtCaps.Select(c => " " + c))),
            ("arm_sve_vector_length", I(h.ArmSveVectorLength)),
            ("total_memory", I(h.TotalPages / pagesPerMb)),
            ("free_memory", I((h.FreePages - Math.Min(h.FreePages, h.OutstandingPages)) / pagesPerMb)),
            ("sharing_freed_memory", I(h.SharingFreedPages / pagesPerMb)),
            ("sharing_used_memory", I(h.SharingUsedFrames / pagesPerMb)),
            ("outstanding_claims", I(h.OutstandingPages / pagesPerMb)),
            ("free_cpus", I(h.FreeCpus)),
            ("xen_major", I(h.XenMajor)),
            ("xen_minor", I(h.XenMinor)),
            ("xen_extra", h.XenExtra),
            ("xen_version", $"{h.XenMajor}.{h.XenMinor}{h.XenExtra}"),
            ("xen_caps", h.XenCaps),
            ("xen_scheduler", h.XenScheduler),
            ("xen_pagesize", I(h.XenPagesize)),
            ("platform_params", $"virt_start=0x{h.VirtStart:x}"),
            ("xen_changeset", h.XenChangeset),
            ("xen_commandline", h.XenCommandline),
            ("cc_compiler", h.CcCompiler),
            ("cc_compile_by", h.CcCompileBy),
            ("cc_compile_domain", h.CcCompileDomain),
            ("cc_compile_date", h.CcCompileDate),
            ("build_id", h.BuildId),
        };
        if (xenstore)
            fields.Add(("xenstore_features", $"0x{h.XenstoreFeatures:x8}"));
        fields.Add(("xend_config_format", "4"));
        return fields;
    }

    /// <summary>The whole listing, or with <paramref name="only"/> just the values of labels starting with it (as xl).</summary>
    public static string Render(HostInfo h, bool xenstore, string? only)
    {
        var w = new System.Text.StringBuilder();
        foreach (var (label, value) in Fields(h, xenstore))
        {
            string line = label == "virt_caps" ? $"{label,-23}:{value}" : $"{label,-23}: {value}";
            if (only == null)
                w.Append(line).Append('\n');
            else if (line.StartsWith(only, StringComparison.Ordinal) && line.IndexOf(':', StringComparison.Ordinal) is int c
                     && c + 1 < line.Length && line[c + 1] == ' ')
                w.Append(line[(c + 2)..]).Append('\n');
        }
        return w.ToString();
    }

    private static string I<T>(T v) where T : IFormattable => v.ToString(null, CultureInfo.InvariantCulture);
}
