using System.Security.Cryptography;
using Xenith.Abi;
using Xenith.Hypervisor.Builder;
using Xenith.Hypervisor.Domains;
using Xenith.Hypervisor.Hypercalls;
using Xenith.Memory;
using Xunit.Abstractions;

namespace Xenith.Hypervisor.Tests.Domains;

/// <summary>
/// Hostile input, at random: a domain makes tens of thousands of hypercalls with seeded random numbers, sub-ops and
/// arguments (pointers into its RAM over random bytes, at page ends, outside RAM; domain IDs of itself, its peer,
/// domain 0, the reserved ones; ports and grant refs in and out of range). No call may throw inside the hypervisor,
/// and the other domain's memory, state and grant table must come out untouched. A domain that shuts itself down or
/// crashes is rebuilt and the run goes on.
/// </summary>
public class HypercallFuzzTests(ITestOutputHelper output)
{
    private const ulong Ram = 4ul << 20;

    private static readonly uint[] Numbers =
    [
        (uint)Hypercall.MemoryOp, (uint)Hypercall.Multicall, (uint)Hypercall.XenVersion, (uint)Hypercall.ConsoleIo,
        (uint)Hypercall.GrantTableOp, (uint)Hypercall.VmAssist, (uint)Hypercall.VcpuOp, (uint)Hypercall.SchedOp,
        (uint)Hypercall.EventChannelOp, (uint)Hypercall.PhysdevOp, (uint)Hypercall.HvmOp, (uint)Hypercall.Sysctl,
        (uint)Hypercall.Domctl, (uint)Hypercall.PlatformOp,
    ];

    [Theory]
    [InlineData(2611, 40_000)]
    [InlineData(7, 40_000)]
    public void Random_hypercalls_never_throw_and_never_touch_the_other_domain(int seed, int calls)
    {
        using var m = new XenMachine(64ul << 20, deterministic: true);
        byte[] image = GuestImage.Build("survivor");
        Domain victim = DomainBuilder.Build(m, new DomainConfig("victim", image, Ram));
        Domain fuzzer = DomainBuilder.Build(m, new DomainConfig("fuzzer", image, Ram));
        var rng = new Random(seed);
        FillRam(victim, rng);
        byte[] before = RamHash(victim);
        int rebuilt = 0;
        var results = new Dictionary<long, int>();
        for (int i = 0; i < calls; i++)
        {
            if (!fuzzer.IsAlive)
            {
                m.DestroyDomain(fuzzer);
                fuzzer = DomainBuilder.Build(m, new DomainConfig("fuzzer", image, Ram));
                rebuilt++;
            }
            Vcpu v = fuzzer.Vcpus[0];
            var r = v.Cpu.R;
            r[12] = rng.Next(8) == 0 ? (uint)rng.Next(64) : Numbers[rng.Next(Numbers.Length)];
            r[0] = rng.Next(4) == 0 ? (uint)rng.Next() : (uint)rng.Next(40);
            for (int a = 1; a < 5; a++)
                r[a] = Arg(rng, fuzzer, victim);
            string call = $"#{i} nr={r[12]} args={r[0]:x},{r[1]:x},{r[2]:x},{r[3]:x},{r[4]:x}";
            try
            {
                m.Hypercalls.Dispatch(new HypercallContext(v));
            }
            catch (Exception e)
            {
                Assert.Fail($"seed {seed} {call} threw {e}");
            }
            long rc = (int)r[0];
            results[rc] = results.GetValueOrDefault(rc) + 1;
        }
        output.WriteLine($"seed {seed}: {calls} calls, fuzzer rebuilt {rebuilt} times; results: " +
            string.Join(", ", results.OrderByDescending(kv => kv.Value).Take(8).Select(kv => $"{kv.Key}x{kv.Value}")));
        Assert.True(victim.IsAlive);
        Assert.Equal(before, RamHash(victim));
        Assert.Equal(0, victim.Grants.MappingCount);
        // Most calls must have been refused with a Xen errno, not accepted blindly.
        Assert.True(results.Where(kv => kv.Key < 0).Sum(kv => kv.Value) > calls / 2);
    }

    private static uint Arg(Random rng, Domain self, Domain other)
    {
        switch (rng.Next(10))
        {
            case 0:
                return 0;
            case 1:
                return uint.MaxValue - (uint)rng.Next(16);
            case 2:
                return (uint)rng.Next(8); // small counts, ports, refs
            case 3:
                return other.Id;
            case 4:
                return rng.Next(2) == 0 ? DomId.Self : (uint)rng.Next(0x7FF0, 0x8000);
            case 5:
                return (uint)(DomainLayout.RamBase + Ram - (ulong)rng.Next(64)); // straddles the end of RAM
            case 6:
                return (uint)rng.Next();
            default:
            {
                // A pointer into our RAM over random bytes: random structures.
                uint at = (uint)(DomainLayout.RamBase + (ulong)rng.Next((int)Ram - 4096)) & ~3u;
                var junk = new byte[256];
                rng.NextBytes(junk);
                if (rng.Next(3) == 0)
                    Array.Clear(junk, 4, 200); // mostly-zero structures reach deeper paths
                self.P2m.WriteRam(at, junk);
                return at;
            }
        }
    }

    private static void FillRam(Domain d, Random rng)
    {
        var page = new byte[4096];
        for (ulong a = 0; a < Ram; a += 4096)
        {
            rng.NextBytes(page);
            d.P2m.WriteRam(DomainLayout.RamBase + a, page);
        }
    }

    private static unsafe byte[] RamHash(Domain d)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        for (ulong a = 0; a < Ram; a += 4096)
            hash.AppendData(new ReadOnlySpan<byte>(d.P2m.HostAddress(DomainLayout.RamBase + a), 4096));
        return hash.GetHashAndReset();
    }
}
