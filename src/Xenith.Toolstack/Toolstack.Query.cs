using System.Text.Json;
using Xenith.Hypervisor.Domains;
using Xenith.Hypervisor.Memory;
using Xenith.Rpc;
using Xenith.Toolstack.Console;

namespace Xenith.Toolstack;

/// <summary>What xl list, vcpu-list, info, uptime and sched-credit read, and the settings they change.</summary>
public sealed partial class Toolstack
{
    public IReadOnlyList<DomainInfo> ListDomains()
    {
        lock (_machine.Gate)
        {
            var list = new List<DomainInfo> { Dom0Info() };
            list.AddRange(_guests.Values.OrderBy(g => g.Domain.Id).Select(Info));
            return list;
        }
    }

    public DomainInfo? GetDomain(uint domid)
    {
        lock (_machine.Gate)
            return domid == 0 ? Dom0Info() : _guests.TryGetValue(domid, out var g) ? Info(g) : null;
    }

    private DomainInfo Dom0Info()
    {
        ulong kb = Options.Dom0MemoryBytes >> 10;
        // Domain 0 is the host side: always running, its CPU time is the daemon's own (which includes the pCPUs').
        using var self = System.Diagnostics.Process.GetCurrentProcess();
        ulong cpu = (ulong)self.TotalProcessorTime.Ticks * 100;
        return new DomainInfo(0, _dom0.Name, Guid.Empty, kb, kb, Options.Dom0Vcpus, Options.Dom0Vcpus,
            Running: true, Blocked: false, Paused: false, Shutdown: false, Dying: false, Rpc.ShutdownReason.Poweroff, cpu);
    }

    private DomainInfo Info(GuestRecord g)
    {
        Domain d = g.Domain;
        ulong pages = (ulong)d.P2m.Entries.Values.Count(e => e.Type == P2mType.Ram);
        var online = d.Vcpus.Where(v => v.State != VcpuState.Down).ToList();
        bool running = d.Executing;
        bool blocked = online.Count > 0 && online.All(v => v.State == VcpuState.Blocked) && !running;
        ulong cpu = 0;
        foreach (var v in d.Vcpus)
            cpu += _machine.Scheduler.GetVcpuInfo(v).CpuTimeNs;
        bool shut = d.State is DomainState.Shutdown or DomainState.Crashed;
        // max_memkb is the domain's page limit: maxmem plus libxl's LIBXL_MAXMEM_CONSTANT (1 MiB) for the magic pages.
        return new DomainInfo(d.Id, d.Name, g.Uuid, pages * 4, d.MaxPages * 4,
            shut ? 0 : online.Count, d.Vcpus.Count, running, blocked, d.State == DomainState.Paused, shut, g.Dying,
            (Rpc.ShutdownReason)(d.Reason ?? Abi.ShutdownReason.Poweroff), cpu);
    }

    public string? GetDomainConfigJson(uint domid)
    {
        lock (_machine.Gate)
        {
            if (!_guests.TryGetValue(domid, out var g))
                return null;
            var c = g.Config;
            var model = new Dictionary<string, object?>
            {
                ["domid"] = domid,
                ["config"] = new Dictionary<string, object?>
                {
                    ["c_info"] = new Dictionary<string, object?> { ["type"] = "pvh", ["name"] = c.Name, ["uuid"] = g.Uuid.ToString() },
                    ["b_info"] = new Dictionary<string, object?>
                    {
                        ["max_vcpus"] = c.MaxVcpus,
                        ["max_memkb"] = c.MaxMemMiB << 10,
                        ["target_memkb"] = c.MemoryMiB << 10,
                        ["sched_params"] = new Dictionary<string, object?> { ["weight"] = c.CpuWeight, ["cap"] = c.Cap },
                        ["kernel"] = c.Kernel?.Given,
                        ["cmdline"] = c.Cmdline,
                        ["ramdisk"] = c.Ramdisk?.Given,
                    },
                    ["on_poweroff"] = Config.XlShutdownActions.Name(c.OnPoweroff),
                    ["on_reboot"] = Config.XlShutdownActions.Name(c.OnReboot),
                    ["on_crash"] = Config.XlShutdownActions.Name(c.OnCrash),
                },
            };
            return JsonSerializer.Serialize(model, Indented);
        }
    }

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public uint? DomainIdByName(string name)
    {
        lock (_machine.Gate)
        {
            if (name == _dom0.Name)
                return 0;
            return _guests.Values.FirstOrDefault(g => g.Domain.Name == name) is { } g ? g.Domain.Id : null;
        }
    }

    public string? DomainName(uint domid)
    {
        lock (_machine.Gate)
            return domid == 0 ? _dom0.Name : _guests.TryGetValue(domid, out var g) ? g.Domain.Name : null;
    }

    public IReadOnlyList<DomainUptime> ListUptimes()
    {
        lock (_machine.Gate)
        {
            var list = new List<DomainUptime> { new(0, (ulong)_uptime.Elapsed.TotalSeconds) };
            list.AddRange(_guests.Values.OrderBy(g => g.Domain.Id).Select(g => new DomainUptime(g.Domain.Id, (ulong)(DateTime.UtcNow - g.Created).TotalSeconds)));
            return list;
        }
    }

    public void SetMemoryTarget(uint domid, ulong targetKb)
    {
        lock (_machine.Gate)
        {
            var g = Guest(domid);
            if (targetKb > (ulong)g.Config.MaxMemMiB << 10)
                throw new RpcException($"memory_dynamic_max must be less than or equal to memory_static_max", 1, LibxlError.Invalid);
            g.TargetKb = targetKb;
            // The balloon driver in the guest follows memory/target.
            Xs.Write($"/local/domain/{domid}/memory/target", Dec(targetKb));
        }
    }

    public IReadOnlyList<VcpuInfo> ListVcpus(uint domid)
    {
        lock (_machine.Gate)
        {
            if (domid == 0)
            {
                ulong all = AllPcpus;
                return Enumerable.Range(0, Options.Dom0Vcpus)
                    .Select(i => new VcpuInfo(0, (uint)i, true, (uint)(i % Options.Pcpus), true, false, 0,
                        Options.Dom0VcpusPin ? 1ul << (i % Options.Pcpus) : all, all)).ToList();
            }
            var g = Guest(domid);
            return g.Domain.Vcpus.Select(v =>
            {
                var s = _machine.Scheduler.GetVcpuInfo(v);
                return new VcpuInfo(domid, (uint)v.Id, v.State != VcpuState.Down, (uint)Math.Max(s.Pcpu, 0), s.Running && g.Domain.Executing,
                    v.State == VcpuState.Blocked, s.CpuTimeNs, s.Affinity, s.SoftAffinity);
            }).ToList();
        }
    }

    private ulong AllPcpus => Options.Pcpus >= 64 ? ulong.MaxValue : (1ul << Options.Pcpus) - 1;

    public void PinVcpu(uint domid, int vcpu, ulong? hardAffinity, ulong? softAffinity)
    {
        lock (_machine.Gate)
        {
            var g = Guest(domid);
            if (vcpu >= g.Domain.Vcpus.Count)
                throw new RpcException($"vcpu {vcpu} out of range", 1, LibxlError.Invalid);
            ulong? hard = hardAffinity & AllPcpus;
            ulong? soft = softAffinity & AllPcpus;
            if (hard == 0)
                throw new RpcException("no pCPU in the hard affinity", 1, LibxlError.Invalid);
            if (soft == 0)
                throw new RpcException("no pCPU in the soft affinity", 1, LibxlError.Invalid);
            foreach (var v in g.Domain.Vcpus.Where(v => vcpu < 0 || v.Id == vcpu))
            {
                if (hard is ulong h)
                    _machine.Scheduler.Pin(v, h);
                if (soft is ulong s)
                    _machine.Scheduler.PinSoft(v, s);
            }
            Monitor.PulseAll(_machine.Gate);
        }
    }

    public SchedCredit GetSchedCredit(uint domid)
    {
        lock (_machine.Gate)
        {
            if (domid == 0)
                return new SchedCredit(256, 0);
            var d = Guest(domid).Domain;
            return new SchedCredit(_machine.Scheduler.GetWeight(d), _machine.Scheduler.GetCap(d));
        }
    }

    public void SetSchedCredit(uint domid, int? weight, int? cap)
    {
        lock (_machine.Gate)
        {
            var d = Guest(domid).Domain;
            try
            {
                if (weight is int w)
                    _machine.Scheduler.SetWeight(d, w);
                if (cap is int c)
                    _machine.Scheduler.SetCap(d, c);
            }
            catch (ArgumentOutOfRangeException e)
            {
                throw new RpcException(e.Message.Split('(')[0].Trim(), 1, LibxlError.Invalid);
            }
        }
    }

    public SchedCreditParams GetSchedCreditParams() => new("Pool-0", 30, 1000, 0);

    public void SetSchedCreditParams(int? tsliceMs, int? ratelimitUs, int? migrationDelayUs) =>
        throw new RpcException("changing the credit scheduler's global parameters is not supported", 1, LibxlError.NotImplemented);

    public HostInfo GetHostInfo()
    {
        lock (_machine.Gate)
        {
            var mem = _machine.Memory;
            ulong dom0Pages = Options.Dom0MemoryBytes / MachineMemory.FrameSize;
            return new HostInfo(Environment.MachineName, Environment.OSVersion.Version.ToString(), Environment.OSVersion.VersionString,
                "armv7l", Options.Pcpus, Options.Pcpus - 1, 1, Options.Pcpus, 1, 1000_000, [0, 0, 0, 0, 0, 0, 0, 0], ["hvm", "gnttab-v1"], 0,
                mem.TotalFrames + dom0Pages, mem.FreeFrames, 0, 0, 0, 0,
                4, 17, ".0", "xen-3.0-armv7l", "credit", MachineMemory.FrameSize, 0,
                "xenith", Options.CommandLine, "dotnet " + Environment.Version, "xenith", "", "", "", 0);
        }
    }

    public Stream OpenConsole(uint domid, ConsoleType type, int number)
    {
        if (type != ConsoleType.Pv || number != 0)
            throw new RpcException($"Domain {domid} has no {type.ToString().ToLowerInvariant()} console {number}", 1, LibxlError.NotFound);
        lock (_machine.Gate)
        {
            var g = Guest(domid);
            if (g.Console is null)
                throw new RpcException($"Domain {domid} has no console", 1, LibxlError.NotFound);
            return new ConsoleStream(this, g.Console);
        }
    }
}
