namespace Xenith.Toolstack.Config;

/// <summary>
/// One <c>vif=</c> entry (<c>xl-network-configuration(5)</c>) with libxl's defaults filled in where they do
/// not depend on the running host: bridge <c>xenbr0</c>, script <c>vif-bridge</c>, MTU 1500, device id =
/// index in the list. <see cref="Mac"/> null means "random in Xen's OUI 00:16:3e", chosen at creation.
/// </summary>
public sealed record XlVifSpec(
    int Devid,
    byte[]? Mac,
    string Bridge,
    string Script,
    int Mtu,
    string Type,
    string? Model,
    string? Vifname,
    string? Ip,
    string? Backend,
    string? Gatewaydev,
    string? Rate,
    string? Vlan,
    bool? Trusted)
{
    public const string DefaultBridge = "xenbr0";
    public const string DefaultScript = "vif-bridge";
    public const int DefaultMtu = 1500;

    public string? MacText => Mac is null ? null : string.Join(':', Mac.Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>A MAC as libxl makes one: 00:16:3e and three random bytes.</summary>
    public static byte[] RandomMac(Random random)
    {
        byte[] mac = [0x00, 0x16, 0x3e, 0, 0, 0];
        random.NextBytes(mac.AsSpan(3));
        // libxl clears the top bit of the fourth byte so the address stays in Xen's assigned half of the OUI.
        mac[3] &= 0x7f;
        return mac;
    }
}

/// <summary>
/// xl's parse_nic_config: comma-separated <c>key=value</c> items (empty items skipped, leading blanks
/// dropped). A bad value is an error; an unknown key is a warning, as xl prints it and goes on.
/// </summary>
public static class XlVifSpecParser
{
    public static XlVifSpec? Parse(string spec, int index, ICollection<string> warnings, out string? error)
    {
        error = null;
        var vif = new XlVifSpec(index, null, XlVifSpec.DefaultBridge, XlVifSpec.DefaultScript, XlVifSpec.DefaultMtu,
            "vif", null, null, null, null, null, null, null, null);
        foreach (string raw in spec.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            string token = raw.TrimStart(' ');
            int eq = token.IndexOf('=');
            string key = eq < 0 ? token : token[..eq];
            string arg = eq < 0 ? "" : token[(eq + 1)..];
            switch (eq < 0 ? "" : key)
            {
                case "type":
                    if (arg is not ("vif" or "ioemu"))
                        return Fail("Invalid parameter `type'.", out error);
                    vif = vif with { Type = arg };
                    break;
                case "mac":
                    if (ParseMac(arg) is not byte[] mac)
                        return Fail("Invalid parameter `mac'.", out error);
                    vif = vif with { Mac = mac };
                    break;
                case "bridge": vif = vif with { Bridge = arg }; break;
                case "netdev":
                    warnings.Add("the netdev parameter is deprecated, please use gatewaydev instead");
                    vif = vif with { Gatewaydev = arg };
                    break;
                case "gatewaydev": vif = vif with { Gatewaydev = arg }; break;
                case "ip": vif = vif with { Ip = arg }; break;
                case "script": vif = vif with { Script = arg }; break;
                case "backend": vif = vif with { Backend = arg }; break;
                case "vifname": vif = vif with { Vifname = arg }; break;
                case "model": vif = vif with { Model = arg }; break;
                case "rate": vif = vif with { Rate = arg }; break;
                case "vlan": vif = vif with { Vlan = arg }; break;
                case "accel": warnings.Add("the accel parameter for vifs is currently not supported"); break;
                case "devid" or "mtu":
                    if (!uint.TryParse(arg, System.Globalization.NumberStyles.None, null, out uint n) || n > int.MaxValue)
                        return Fail($"xl: failed to convert \"{arg}\" to number", out error);
                    vif = key == "devid" ? vif with { Devid = (int)n } : vif with { Mtu = (int)n };
                    break;
                default:
                    if (token == "trusted")
                        vif = vif with { Trusted = true };
                    else if (token == "untrusted")
                        vif = vif with { Trusted = false };
                    else
                        warnings.Add($"unrecognized argument `{token}'");
                    break;
            }
        }
        return vif;
    }

    /// <summary>Six hex octets, each followed by one separator character (xl does not check which).</summary>
    private static byte[]? ParseMac(string s)
    {
        var mac = new byte[6];
        int p = 0;
        for (int i = 0; i < 6; i++)
        {
            int start = p, value = 0;
            while (p < s.Length && Uri.IsHexDigit(s[p]) && value <= 255)
                value = value * 16 + Convert.ToInt32(s[p++].ToString(), 16);
            if (p == start || value > 255)
                return null;
            mac[i] = (byte)value;
            p++;
        }
        // Trailing junk after the sixth octet is an error here; xl ignores it.
        return p >= s.Length ? mac : null;
    }

    private static XlVifSpec? Fail(string message, out string? error)
    {
        error = message;
        return null;
    }
}
