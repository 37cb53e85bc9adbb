using System.Globalization;
using Xenith.Hypervisor;
using Xenith.Hypervisor.Builder;
using Xenith.Hypervisor.Domains;
using Xenith.Rpc;
using Xenith.Toolstack.Config;
using Xenith.Toolstack.Console;

namespace Xenith.Toolstack;

public sealed partial class Toolstack
{
    public CreateResult Create(CreateRequest request)
    {
        XlConfigResult parsed;
        try
        {
            parsed = XlConfigLoader.Load(request.ConfigPath, request.Overrides, request.ClientCwd);
        }
        catch (XlConfigException e)
        {
            if (e.Diagnostics is [string only] && only.StartsWith("Failed to read config file", StringComparison.Ordinal))
                throw new RpcException(only, 1, LibxlError.Fail);
            throw new RpcException("Failed to parse config: Invalid argument", 1, LibxlError.Invalid, e.Diagnostics);
        }
        Domain d = Build(parsed.Config, request.Paused);
        return new CreateResult(d.Id, d.Name, [.. parsed.Warnings, .. NotYetApplied(request.ConfigPath, parsed.Config)]);
    }

    /// <summary>libxl_domain_create_new for an ARM PVH guest: build, backends, XenStore, then run unless paused.</summary>
    private Domain Build(XlDomainConfig config, bool paused)
    {
        byte[] kernel = ReadImage("kernel", config.Kernel);
        byte[]? ramdisk = config.Ramdisk is null ? null : ReadImage("ramdisk", config.Ramdisk);
        var disks = OpenDisks(config);
        try
        {
            return Build(config, paused, kernel, ramdisk, disks);
        }
        catch
        {
            // A failed build leaves no user of these images (closing one twice is harmless).
            foreach (var (_, image) in disks)
                image.Dispose();
            throw;
        }
    }

    private Domain Build(XlDomainConfig config, bool paused, byte[] kernel, byte[]? ramdisk, List<(XlDiskSpec Spec, Block.DiskImage Image)> disks)
    {
        lock (_machine.Gate)
        {
            if (_guests.Values.Any(g => g.Domain.Name == config.Name && !g.Dying) || config.Name == _dom0.Name)
                throw new RpcException($"domain with name \"{config.Name}\" already exists.", 1, LibxlError.Invalid);
            Domain d;
            try
            {
                d = DomainBuilder.Build(_machine, new DomainConfig(config.Name, kernel, (ulong)config.MemoryBytes, config.MaxVcpus, config.Cmdline, ramdisk, config.Cpu));
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException)
            {
                throw new RpcException($"libxl: error: cannot build domain {config.Name}: {e.Message}", 1, LibxlError.Fail);
            }
            // Held from the first instruction until the backends are connected.
            d.Pause();
            d.Events.MaxPort = (uint)config.MaxEventChannels;
            d.MaxPages = ((ulong)config.MaxMemMiB << 8) + 256;
            var pv = PvSetup.Apply(d);
            var record = new GuestRecord(d, config, config.Uuid ?? d.Handle, DateTime.UtcNow);
            _guests[d.Id] = record;
            TextWriter? log = Options.ConsoleLogDir is { } dir ? OpenConsoleLog(dir, config.Name) : null;
            record.Console = ConsoleBackend.Connect(_machine.Memory, _dom0, d, PvSetup.ConsoleGfn, pv.ConsolePort, log);
            ConnectStore(record, pv.StorePort);
            WriteGuestEntries(record, pv);
            AttachDisks(record, disks);
            ApplySchedulerSettings(record);
            d.Ended += _ => _ended.Add(d);
            if (!paused)
                d.Unpause();
            Monitor.PulseAll(_machine.Gate);
            AppendLog($"(XEN) d{d.Id}: created {config.Name} ({config.MemoryMiB} MiB, {config.Vcpus} vCPUs)");
            return d;
        }
    }

    /// <summary>Keys that parse and validate but that the builder does not act on yet: said, not silently dropped.</summary>
    private static IEnumerable<string> NotYetApplied(string source, XlDomainConfig c)
    {
        if (c.Vuart != XlVuart.None)
            yield return $"{source}: warning: vuart is not emulated by Xenith yet: the guest gets no vPL011";
        if (c.DeviceTree is not null)
            yield return $"{source}: warning: device_tree passthrough is not done by Xenith yet: {c.DeviceTree.Given} is not merged";
        foreach (XlDiskSpec d in c.Disks)
        {
            if (WhyNotAttached(d) is { } why)
                yield return $"{source}: warning: disk {d.Vdev} is not attached: {why}";
        }
        if (c.Vifs.Count != 0)
            yield return $"{source}: warning: Xenith has no network backend yet: {c.Vifs.Count} vif(s) not attached";
    }

    private static byte[] ReadImage(string what, XlPath? path)
    {
        if (path is null || path.Resolved.Length == 0)
            throw new RpcException($"libxl: error: no {what} given in the config", 1, LibxlError.Invalid);
        try
        {
            return File.ReadAllBytes(path.Resolved);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new RpcException($"libxl: error: failed to read {what} {path.Given} ({path.Resolved}): {e.Message}", 1, LibxlError.Fail);
        }
    }

    private static StreamWriter? OpenConsoleLog(string dir, string name)
    {
        try
        {
            Directory.CreateDirectory(dir);
            return new StreamWriter(Path.Combine(dir, $"guest-{name}.log"), append: true);
        }
        catch (IOException)
        {
            return null;
        }
    }

    private void ApplySchedulerSettings(GuestRecord g)
    {
        Domain d = g.Domain;
        _machine.Scheduler.SetWeight(d, g.Config.CpuWeight);
        _machine.Scheduler.SetCap(d, g.Config.Cap);
        ulong all = Options.Pcpus >= 64 ? ulong.MaxValue : (1ul << Options.Pcpus) - 1;
        for (int i = 0; i < d.Vcpus.Count; i++)
        {
            ulong mask = g.Config.Cpus.Count == 0 ? all : g.Config.Cpus[Math.Min(i, g.Config.Cpus.Count - 1)].Mask & all;
            _machine.Scheduler.Pin(d.Vcpus[i], mask == 0 ? all : mask);
            ulong soft = g.Config.CpusSoft.Count == 0 ? all : g.Config.CpusSoft[Math.Min(i, g.Config.CpusSoft.Count - 1)].Mask & all;
            _machine.Scheduler.PinSoft(d.Vcpus[i], soft == 0 ? all : soft);
        }
    }

    private static string Dec(ulong v) => v.ToString(CultureInfo.InvariantCulture);
}
