using System.Diagnostics;
using System.Globalization;
using System.Text;
using Xenith.Demo;
using Xenith.Rpc;
using Xenith.Toolstack;

namespace Xenith.Bench;

/// <summary>
/// The Debian kernel as an xl-created domU, for <c>xenith bench boot</c>'s table: seconds from starting
/// <c>xl create</c> to /init's BUSYBOX-READY line on the guest's PV console, and to the domain's end after /init's
/// self-check powers it off. The host runs in this process behind a private socket; xl is a separate process.
/// </summary>
internal sealed class DomUBoot(PrivateHost host)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);
    private int _count;

    /// <summary>One boot: (shell, guest uptime at the shell, domain gone).</summary>
    public (double Ready, double Uptime, double Exit) Boot(string kernel, string initrd, int vcpus, string cpu)
    {
        string name = $"busybox-{++_count}";
        string cfg = Path.Combine(host.Work, name + ".cfg");
        File.WriteAllText(cfg, $"name = \"{name}\"\nkernel = \"{kernel}\"\nramdisk = \"{initrd}\"\nmemory = 256\nvcpus = {vcpus}\n" +
            $"cpu = \"{cpu}\"\nextra = \"console=hvc0 xenith.autotest=1\"\non_poweroff = \"destroy\"\n");
        var clock = Stopwatch.StartNew();
        host.Xl("create", cfg);
        uint domid = uint.Parse(host.Xl("domid", name).Trim(), CultureInfo.InvariantCulture);
        var ended = host.Toolstack.WaitForDomainAsync(domid, untilDeath: true, CancellationToken.None);
        double ready = double.NaN, uptime = double.NaN;
        using (var console = host.Toolstack.OpenConsole(domid, ConsoleType.Pv, 0))
        using (var lines = new StreamReader(console, Encoding.UTF8))
        {
            var reading = Task.Run(() =>
            {
                while (lines.ReadLine() is { } line)
                {
                    if (!line.StartsWith("BUSYBOX-READY", StringComparison.Ordinal))
                        continue;
                    ready = clock.Elapsed.TotalSeconds;
                    _ = double.TryParse(line[(line.IndexOf('=', StringComparison.Ordinal) + 1)..].Trim(), CultureInfo.InvariantCulture, out uptime);
                    return;
                }
            });
            if (!reading.Wait(Timeout) || !ended.Wait(Timeout))
            {
                host.Toolstack.Destroy(domid);
                throw new BenchException($"the {cpu} domU ({vcpus} vCPUs) did not reach its shell and power off within {Timeout.TotalMinutes} minutes");
            }
        }
        if (double.IsNaN(ready))
            throw new BenchException($"the {cpu} domU ({vcpus} vCPUs) ended without printing BUSYBOX-READY");
        return (ready, uptime, clock.Elapsed.TotalSeconds);
    }
}
