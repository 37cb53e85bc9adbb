using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Xenith.Hypervisor;
using Xenith.Hypervisor.Builder;
using Xenith.Hypervisor.Domains;

namespace Xenith.Bench;

/// <summary>
/// <c>xenith bench hypervisor</c>: the null hypercall round trip (guest/xen/nullcall.c looping on
/// xen_version(XENVER_version)) and the two-domain transfers of guest/xen/xfer_*.c (grant mapping and grant copy,
/// 16 MiB), each from host wall time and set against a host memcpy of 16 MiB measured in the same run.
/// </summary>
internal static unsafe class HypervisorBench
{
    private const string Usage = "usage: xenith bench hypervisor [--calls N] [--runs N] [--pcpus N] [--deterministic] [--guests DIR]";
    private const uint TransferBytes = 16u << 20;
    private const ulong MachineBytes = 64ul << 20, DomainBytes = 16ul << 20;
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    public static int Run(string[] args)
    {
        uint calls = 1_000_000;
        int runs = 3;
        bool deterministic = false;
        int pcpus = 1;
        string? guests = null;
        for (int i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new UsageException($"bench hypervisor: {args[i]} needs a value; {Usage}");
            switch (args[i])
            {
                case "--calls": calls = uint.TryParse(Value(), CultureInfo.InvariantCulture, out uint c) && c > 0 ? c : throw new UsageException($"bench hypervisor: bad --calls; {Usage}"); break;
                case "--runs": runs = int.TryParse(Value(), CultureInfo.InvariantCulture, out int r) && r > 0 ? r : throw new UsageException($"bench hypervisor: bad --runs; {Usage}"); break;
                case "--deterministic": deterministic = true; break;
                case "--pcpus": pcpus = int.TryParse(Value(), CultureInfo.InvariantCulture, out int p) && p is > 0 and <= 64 ? p : throw new UsageException($"bench hypervisor: bad --pcpus; {Usage}"); break;
                case "--guests": guests = Value(); break;
                default: throw new UsageException($"bench hypervisor: unknown option '{args[i]}'; {Usage}");
            }
        }
        try
        {
            Bench(guests ?? BuildGuests(), calls, runs, deterministic, pcpus, Console.Out);
            return 0;
        }
        catch (BenchException e)
        {
            Console.Error.WriteLine($"xenith: bench hypervisor: {e.Message}");
            return 1;
        }
    }

    private static void Bench(string guests, uint calls, int runs, bool deterministic, int pcpus, TextWriter w)
    {
        string clock = deterministic ? "deterministic clock" : "real-time clock";
        w.WriteLine($"hypervisor benchmark: {clock}, {pcpus} pCPU{(pcpus == 1 ? "" : "s")}, best of {runs}, host wall time of XenMachine.Run");
        double memcpy = Best(runs, () => HostMemcpySeconds(TransferBytes));
        double memcpyMiBs = Mib(TransferBytes) / memcpy;
        double pageNs = memcpy / (TransferBytes / 4096) * 1e9;
        w.WriteLine($"{"host memcpy 16 MiB",-26} {memcpyMiBs,12:F1} MiB/s   ({pageNs:F1} ns per 4 KiB page)");

        byte[] nullcall = Elf(guests, "nullcall");
        NullCalls(nullcall, calls / 10, deterministic); // warm-up: JIT tiers of the CPU core and the dispatcher
        double empty = Best(runs, () => NullCalls(nullcall, 0, deterministic));
        double full = Best(runs, () => NullCalls(nullcall, calls, deterministic));
        double ns = Math.Max(0, full - empty) / calls * 1e9;
        w.WriteLine($"{"null hypercall",-26} {ns,12:F1} ns per round trip ({calls} xen_version calls; = {ns / pageNs:F2} x memcpy of a 4 KiB page)");

        byte[] send = Elf(guests, "xfer_send"), recv = Elf(guests, "xfer_recv");
        foreach (string mode in new[] { "map", "copy" })
        {
            string? note = null;
            ulong insns = 0;
            double s = Best(runs, () => Transfer(send, recv, mode, deterministic, pcpus, out note, out insns));
            double mibs = Mib(TransferBytes) / s;
            w.WriteLine($"{"transfer " + mode + " 16 MiB",-26} {mibs,12:F1} MiB/s   ({mibs / memcpyMiBs:F5} x memcpy; {insns / 1e6:F0} M guest instructions, {insns / 1e6 / s:F0} MIPS; receiver: {note})");
        }
        w.WriteLine("(transfers include generating and checking every byte in emulated guest code)");
    }

    private static double Mib(uint bytes) => bytes / (1024.0 * 1024.0);

    private static double Best(int runs, Func<double> one)
    {
        double best = double.MaxValue;
        for (int i = 0; i < runs; i++)
            best = Math.Min(best, one());
        return best;
    }

    private static double HostMemcpySeconds(uint bytes)
    {
        byte* a = (byte*)NativeMemory.AlignedAlloc(bytes, 4096), b = (byte*)NativeMemory.AlignedAlloc(bytes, 4096);
        try
        {
            // Touch both buffers first so the timed copy does not pay for page faults.
            new Span<byte>(a, (int)bytes).Fill(0x5A);
            new Span<byte>(b, (int)bytes).Clear();
            var sw = Stopwatch.StartNew();
            Buffer.MemoryCopy(a, b, bytes, bytes);
            return sw.Elapsed.TotalSeconds;
        }
        finally
        {
            NativeMemory.AlignedFree(a);
            NativeMemory.AlignedFree(b);
        }
    }

    private static double NullCalls(byte[] elf, uint calls, bool deterministic)
    {
        using var machine = new XenMachine(MachineBytes, deterministic);
        var lines = Collect(machine);
        var d = DomainBuilder.Build(machine, new DomainConfig("nullcall", elf, DomainBytes, Cmdline: $"nullcall.count={calls.ToString(CultureInfo.InvariantCulture)}"));
        double s = Timed(machine);
        Expect(lines, d, "(d1) PASS nullcall.version");
        return s;
    }

    private static double Transfer(byte[] send, byte[] recv, string mode, bool deterministic, int pcpus, out string? note, out ulong instructions)
    {
        using var machine = new XenMachine(MachineBytes, deterministic, pcpus);
        var lines = Collect(machine);
        string bytes = TransferBytes.ToString(CultureInfo.InvariantCulture);
        var a = DomainBuilder.Build(machine, new DomainConfig("xfer-send", send, DomainBytes, Cmdline: $"xfer.peer=2 xfer.bytes={bytes} xfer.slots=16 xfer.seed=12345"));
        var b = DomainBuilder.Build(machine, new DomainConfig("xfer-recv", recv, DomainBytes, Cmdline: $"xfer.peer=1 xfer.mode={mode}"));
        double s = Timed(machine);
        Expect(lines, a, $"(d1) PASS xfer.send bytes={bytes}");
        Expect(lines, b, $"(d2) PASS xfer.{mode} bytes={bytes} errors=0");
        instructions = machine.Domains.SelectMany(d => d.Vcpus).Aggregate(0ul, (sum, v) => sum + v.Cpu.Instructions);
        note = lines.FirstOrDefault(l => l.StartsWith($"(d2) # xfer.{mode}: ", StringComparison.Ordinal))?[$"(d2) # xfer.{mode}: ".Length..];
        return s;
    }

    private static List<string> Collect(XenMachine machine)
    {
        var lines = new List<string>();
        // pCPU threads log under the hypervisor's gate, one at a time.
        machine.Log += lines.Add;
        return lines;
    }

    private static double Timed(XenMachine machine)
    {
        using var cancel = new CancellationTokenSource(Timeout);
        var sw = Stopwatch.StartNew();
        machine.Run(cancel.Token);
        return sw.Elapsed.TotalSeconds;
    }

    private static void Expect(List<string> lines, Domain d, string line)
    {
        if (!lines.Contains(line) || d.State != DomainState.Shutdown || d.Reason != Xenith.Abi.ShutdownReason.Poweroff)
            throw new BenchException($"d{d.Id} did not print \"{line}\" and power off ({d.State}):\n  {string.Join("\n  ", lines.TakeLast(12))}");
    }

    private static byte[] Elf(string dir, string name)
    {
        string path = Path.Combine(dir, name + ".elf");
        return File.Exists(path) ? File.ReadAllBytes(path) : throw new BenchException($"{path} not found");
    }

    /// <summary>Builds the guests with make into guest/xen/out/bench, guest/xen found above the current directory or the program.</summary>
    private static string BuildGuests()
    {
        string? xen = null;
        foreach (string start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (string? dir = Path.GetFullPath(start); dir != null && xen == null; dir = Path.GetDirectoryName(dir))
            {
                if (File.Exists(Path.Combine(dir, "guest", "xen", "Makefile")))
                    xen = Path.Combine(dir, "guest", "xen");
            }
        }
        if (xen == null)
            throw new BenchException("guest/xen not found above the current directory; give --guests DIR with nullcall.elf and xfer_*.elf");
        const string sub = "out/bench";
        if (Make.Run(xen, "OUT=" + sub, sub + "/nullcall.elf", sub + "/xfer_send.elf", sub + "/xfer_recv.elf") is string failed)
            throw new BenchException(failed);
        return Path.Combine(xen, sub);
    }
}
