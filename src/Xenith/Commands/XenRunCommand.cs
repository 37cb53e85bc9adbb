using System.Globalization;
using Xenith.Abi;
using Xenith.Cpu.Arm;
using Xenith.Hypervisor;
using Xenith.Hypervisor.Builder;
using Xenith.Hypervisor.Domains;

namespace Xenith;

/// <summary>
/// <c>xenith run --xen --domain kernel=F,memory=64M[,vcpus=N,cpu=M,name=N,cmdline=...,ramdisk=F] ...</c>: boots domains
/// straight from the command line, as Xen's dom0less does. The hypervisor log (with each guest's console_io
/// lines as "(dN) text") goes to stdout; the command ends when every domain has shut down, with exit code 0
/// only if all of them powered off.
/// </summary>
internal static class XenRunCommand
{
    private const string Usage = "run --xen --domain kernel=FILE,memory=64M[,vcpus=N][,cpu=cortex-a15|cortex-a8][,name=NAME][,cmdline=ARGS][,ramdisk=FILE] [--domain ...] [--deterministic]";

    public static int Run(string[] args)
    {
        var domains = new List<DomainConfig>();
        bool deterministic = false;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--xen": break;
                case "--deterministic": deterministic = true; break;
                case "--domain" when i + 1 < args.Length: domains.Add(ParseDomain(args[++i], domains.Count + 1)); break;
                default: throw new UsageException($"run --xen: unexpected '{args[i]}'; usage: xenith {Usage}");
            }
        }
        if (domains.Count == 0)
            throw new UsageException($"run --xen: give at least one --domain; usage: xenith {Usage}");

        ulong total = domains.Aggregate(0ul, (sum, d) => sum + d.MemoryBytes + (1ul << 20)) + (16ul << 20);
        using var machine = new XenMachine(total, deterministic);
        machine.Log += line => Console.WriteLine(line);
        try
        {
            foreach (var config in domains)
                DomainBuilder.Build(machine, config);
        }
        catch (Exception e) when (e is ArgumentException or InvalidDataException)
        {
            Console.Error.WriteLine($"xenith: {e.Message}");
            return 1;
        }
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        machine.Run(cancel.Token);
        foreach (var d in machine.Domains)
            Console.WriteLine($"(XEN) d{d.Id} ({d.Name}): {Describe(d)}");
        return machine.Domains.All(d => d.State == DomainState.Shutdown && d.Reason == ShutdownReason.Poweroff) ? 0 : 1;
    }

    private static string Describe(Domain d) => d.State switch
    {
        DomainState.Shutdown => $"shut down ({d.Reason?.ToString().ToLowerInvariant()})",
        DomainState.Crashed => "crashed",
        _ => d.State.ToString().ToLowerInvariant(),
    };

    /// <summary>kernel=F,memory=64M,vcpus=1,cpu=M,name=N,cmdline=...,ramdisk=F (cmdline last if it holds commas).</summary>
    private static DomainConfig ParseDomain(string spec, int index)
    {
        string? kernel = null, name = null, cmdline = null, ramdisk = null;
        ulong memory = 64ul << 20;
        int vcpus = 1;
        CpuProfile? cpu = null;
        foreach (string part in SplitSpec(spec))
        {
            int eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
                throw new UsageException($"run --xen: '{part}' in --domain is not KEY=VALUE");
            string key = part[..eq], value = part[(eq + 1)..];
            switch (key)
            {
                case "kernel": kernel = value; break;
                case "name": name = value; break;
                case "cmdline": cmdline = value; break;
                case "ramdisk": ramdisk = value; break;
                case "memory": memory = RunOptions.ParseMemory(value); break;
                case "vcpus":
                    vcpus = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n is >= 1 and <= 8
                        ? n : throw new UsageException($"run --xen: vcpus={value}: give 1 to 8");
                    break;
                case "cpu":
                    cpu = CpuProfile.Find(value) ?? throw new UsageException($"run --xen: cpu={value}: give one of {CpuProfile.Names}");
                    break;
                default: throw new UsageException($"run --xen: unknown --domain key '{key}' (kernel, memory, vcpus, cpu, name, cmdline, ramdisk)");
            }
        }
        if (kernel == null)
            throw new UsageException("run --xen: --domain needs kernel=FILE");
        return new DomainConfig(name ?? $"domain{index}", ReadFile("kernel", kernel), memory, vcpus, cmdline, ramdisk == null ? null : ReadFile("ramdisk", ramdisk), cpu);
    }

    /// <summary>Splits on commas, except that everything after "cmdline=" belongs to the command line.</summary>
    private static IEnumerable<string> SplitSpec(string spec)
    {
        int cmd = spec.IndexOf("cmdline=", StringComparison.Ordinal);
        string head = cmd >= 0 ? spec[..cmd] : spec;
        foreach (var p in head.Split(',', StringSplitOptions.RemoveEmptyEntries))
            yield return p;
        if (cmd >= 0)
            yield return spec[cmd..];
    }

    private static byte[] ReadFile(string what, string path)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"run --xen: cannot read {what} '{path}': {e.Message}");
        }
    }
}
