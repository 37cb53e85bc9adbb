using System.Text.RegularExpressions;

namespace Xenith.Toolstack.Config;

/// <summary>
/// The disk spec grammar of <c>xl-disk-configuration(5)</c>, cut as libxlu's flex scanner cuts it: at each
/// point the longest matching rule wins (a rule's trailing context counts toward its length), the earlier
/// rule on a tie. Keys (<c>format=</c>, <c>vdev=</c>, <c>access=</c>, <c>target=</c> which eats the rest, ...),
/// flags (<c>cdrom</c>, <c>discard</c>, ...), deprecated prefixes (<c>phy:</c>, <c>raw:</c>, ...) and the
/// positional parameters target, format, vdev, access. The first error ends the parse.
/// </summary>
public static class XlDiskSpecParser
{
    /// <summary>Parses one spec; on error returns null and libxlu's message (without the "file:" xl puts first).</summary>
    public static XlDiskSpec? Parse(string spec, string workingDirectory, out string? error)
    {
        var state = new State(spec);
        error = state.Run();
        if (error is not null)
            return null;
        int number = VirtualDisk.DeviceNumber(state.Vdev!);
        if (number < 0)
        {
            error = $"Invalid or unsupported virtual disk identifier {state.Vdev}";
            return null;
        }
        return new XlDiskSpec(
            // With a block script (iscsi:, drbd:, script=) the target names something the script knows, not a file.
            state.Target is null ? null
                : state.Script is null ? XlPath.Resolve(state.Target, workingDirectory) : new XlPath(state.Target, state.Target),
            state.Format!.Value, state.Vdev!, number, state.ReadWrite, state.IsCdrom, state.IsCdrom,
            state.BackendType, state.Backend, state.Script, state.DirectIoSafe, state.Discard, state.Trusted,
            state.Specification ?? XlDiskSpecification.Xen);
    }

    private enum Act
    {
        Whitespace, Format, Cdrom, DevtypeCdrom, DevtypeDisk, DevtypeBad, Access, Backend, BackendType,
        Specification, Vdev, Script, DirectIoSafe, Discard, NoDiscard, Ignored, Trusted, Untrusted, Target,
        UnknownKey, PrefixFormat, PrefixScript, PrefixPlain, PrefixUnknown, Positional,
    }

    // Rule order is the scanner's: it breaks ties. Group "t" marks the consumed text of a rule with trailing context.
    private static readonly (Regex Re, Act Act)[] Rules =
    [
        (R(@"(?<t>[ \t\n]+)([^ \t\n].*)?"), Act.Whitespace),
        (R(@"format=[^,]*,?"), Act.Format),
        (R(@"cdrom,?"), Act.Cdrom),
        (R(@"devtype=cdrom,?"), Act.DevtypeCdrom),
        (R(@"devtype=disk,?"), Act.DevtypeDisk),
        (R(@"devtype=[^,]*,?"), Act.DevtypeBad),
        (R(@"access=[^,]*,?"), Act.Access),
        (R(@"backend=[^,]*,?"), Act.Backend),
        (R(@"backendtype=[^,]*,?"), Act.BackendType),
        (R(@"specification=[^,]*,?"), Act.Specification),
        (R(@"vdev=[^,]*,?"), Act.Vdev),
        (R(@"script=[^,]*,?"), Act.Script),
        (R(@"direct-io-safe,?"), Act.DirectIoSafe),
        (R(@"discard,?"), Act.Discard),
        (R(@"no-discard,?"), Act.NoDiscard),
        // COLO replication settings: accepted as xl accepts them, not modelled.
        (R(@"colo,?"), Act.Ignored),
        (R(@"no-colo,?"), Act.Ignored),
        (R(@"(colo-host|colo-port|colo-export|active-disk|hidden-disk)=[^,]*,?"), Act.Ignored),
        (R(@"trusted,?"), Act.Trusted),
        (R(@"untrusted,?"), Act.Untrusted),
        (R(@"grant_usage=[01],?"), Act.Ignored),
        (R(@"target=.*"), Act.Target),
        (R(@"[a-z][-a-z0-9]*=[^,],?"), Act.UnknownKey),
        (R(@"(?<t>(raw|qcow2?|vhd):).*"), Act.PrefixFormat),
        (R(@"(?<t>(iscsi|e?nbd|drbd):).*"), Act.PrefixScript),
        (R(@"(?<t>(tapdisk|tap2?|aio|ioemu|file|phy):).*"), Act.PrefixPlain),
        (R(@"(?<t>[a-z][a-z0-9]*:)([^a-z0-9].*)?"), Act.PrefixUnknown),
        (R(@"[^=,]*,|[^=,]+,?"), Act.Positional),
    ];

    private static Regex R(string pattern) => new(@"\G(?:" + pattern + ")", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    private sealed class State(string spec)
    {
        public string? Target, Vdev, Backend, Script;
        public XlDiskFormat? Format;
        public XlDiskBackendType BackendType;
        public XlDiskSpecification? Specification;
        public bool ReadWrite = true, IsCdrom, DirectIoSafe, AccessSet, HadDeprecatedPrefix;
        public bool? Discard, Trusted;

        public string? Run()
        {
            int pos = 0;
            // Each step consumes at least one character, so this ends.
            while (pos < spec.Length)
            {
                (Act act, string text, int consumed) = Longest(pos);
                if (consumed == 0)
                    return Err(spec[pos..], "bad disk syntax");
                pos += consumed;
                if (Apply(act, text) is string error)
                    return error;
            }
            Format ??= XlDiskFormat.Raw;
            if (IsCdrom)
            {
                ReadWrite = false;
                if (string.IsNullOrEmpty(Target))
                    Format = XlDiskFormat.Empty;
            }
            if (Vdev is null)
                return Err(null, "no vdev specified");
            if (Target is null && !IsCdrom)
                return Err(null, "no target specified (and device not removable)");
            return null;
        }

        private (Act Act, string Text, int Consumed) Longest(int pos)
        {
            (Act act, string text, int consumed) best = default;
            int bestLength = 0;
            foreach ((Regex re, Act act) in Rules)
            {
                Match m = re.Match(spec, pos);
                if (!m.Success || m.Length <= bestLength)
                    continue;
                Group t = m.Groups["t"];
                string text = t.Success ? t.Value : m.Value;
                best = (act, text, text.Length);
                bestLength = m.Length;
            }
            return best;
        }

        private string? Apply(Act act, string text)
        {
            string stripped = text.EndsWith(',') ? text[..^1] : text;
            string value = stripped.Contains('=') ? stripped[(stripped.IndexOf('=') + 1)..] : stripped;
            switch (act)
            {
                case Act.Whitespace or Act.Ignored or Act.PrefixPlain:
                    HadDeprecatedPrefix |= act == Act.PrefixPlain;
                    return null;
                case Act.Format: return SetFormat(value);
                case Act.Cdrom or Act.DevtypeCdrom: IsCdrom = true; return null;
                case Act.DevtypeDisk: IsCdrom = false; return null;
                case Act.DevtypeBad: return Err(text, "unknown value for type");
                case Act.Access: return SetAccess(value);
                case Act.Backend: return Save("backend", ref Backend, value);
                case Act.BackendType: return SetBackendType(value);
                case Act.Specification: return SetSpecification(value);
                case Act.Vdev: return Save("vdev", ref Vdev, value);
                case Act.Script: return Save("script", ref Script, value);
                case Act.DirectIoSafe: DirectIoSafe = true; return null;
                case Act.Discard: Discard = true; return null;
                case Act.NoDiscard: Discard = false; return null;
                case Act.Trusted: Trusted = true; return null;
                case Act.Untrusted: Trusted = false; return null;
                case Act.Target: return Save("target", ref Target, value);
                case Act.UnknownKey: return Err(text, "unknown parameter");
                case Act.PrefixFormat:
                    HadDeprecatedPrefix = true;
                    return SetFormat(text[..^1]);
                case Act.PrefixScript:
                    HadDeprecatedPrefix = true;
                    return Save("script", ref Script, "block-" + text[..^1]);
                case Act.PrefixUnknown: return Err(text, "unknown deprecated disk prefix");
                default: return Positional(stripped);
            }
        }

        private string? Positional(string text)
        {
            if (Target is null)
                return Save("target", ref Target, text);
            if (!HadDeprecatedPrefix && Format is null)
            {
                if (Target.Length == 0 && text.Contains(':'))
                {
                    Format = XlDiskFormat.Empty;
                    return VdevAndDevtype(text);
                }
                return SetFormat(text);
            }
            if (Vdev is null)
                return text.Contains(':') ? VdevAndDevtype(text) : Save("vdev", ref Vdev, text);
            if (!AccessSet)
            {
                AccessSet = true;
                return SetAccess(text);
            }
            return Err(text, "too many positional parameters");
        }

        /// <summary>The deprecated <c>vdev:cdrom</c> / <c>vdev:disk</c> form.</summary>
        private string? VdevAndDevtype(string text)
        {
            int colon = text.LastIndexOf(':');
            string type = text[(colon + 1)..];
            if (Save("vdev", ref Vdev, text[..colon]) is string error)
                return error;
            if (type == "cdrom")
                IsCdrom = true;
            else if (type == "disk")
                IsCdrom = false;
            else
                return Err(type, "unknown deprecated type");
            return null;
        }

        private string? SetFormat(string s)
        {
            XlDiskFormat? f = s switch
            {
                "" or "raw" => XlDiskFormat.Raw,
                "qcow" => XlDiskFormat.Qcow,
                "qcow2" => XlDiskFormat.Qcow2,
                "vhd" => XlDiskFormat.Vhd,
                "empty" => XlDiskFormat.Empty,
                "qed" => XlDiskFormat.Qed,
                _ => null,
            };
            if (f is null)
                return Err(s, "unknown value for format");
            if (Format is not null && Format != f)
                return Err(s, "format respecified");
            Format = f;
            return null;
        }

        private string? SetAccess(string s)
        {
            if (s is "r" or "ro")
                ReadWrite = false;
            else if (s is "rw" or "w" or "")
                ReadWrite = true;
            else
                return Err(s, "unknown value for access");
            return null;
        }

        private string? SetBackendType(string s)
        {
            XlDiskBackendType t = s switch
            {
                "phy" => XlDiskBackendType.Phy,
                "tap" => XlDiskBackendType.Tap,
                "qdisk" => XlDiskBackendType.Qdisk,
                "standalone" => XlDiskBackendType.Standalone,
                _ => XlDiskBackendType.Default,
            };
            if (t == XlDiskBackendType.Default)
                return Err(s, "unknown value for backendtype");
            if (BackendType != XlDiskBackendType.Default && BackendType != t)
                return Err(s, "backend respecified");
            BackendType = t;
            return null;
        }

        private string? SetSpecification(string s)
        {
            XlDiskSpecification? v = s switch
            {
                "xen" => XlDiskSpecification.Xen,
                "virtio" => XlDiskSpecification.Virtio,
                _ => null,
            };
            if (v is null)
                return Err(s, "unknown value for specification");
            if (Specification is not null && Specification != v)
                return Err(s, "specification respecified");
            Specification = v;
            return null;
        }

        /// <summary>libxlu's savestring: a second non-empty value is an error; an empty one may be overwritten.</summary>
        private string? Save(string what, ref string? field, string value)
        {
            if (!string.IsNullOrEmpty(field))
                return Err(value, what + " respecified");
            field = value;
            return null;
        }

        private string Err(string? near, string message) =>
            near is null
                ? $"config parsing error in disk specification: {message} in `{spec}'"
                : $"config parsing error in disk specification: {message}: near `{near}' in `{spec}'";
    }
}
