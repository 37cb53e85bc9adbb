using Xenith.Cpu.Arm.Fuzz;

namespace Xenith.Cpu.Arm.Tests.Fuzz;

/// <summary>
/// Fixed-seed differential runs, one per ISA. The number of cases comes from XENITH_FUZZ_COUNT
/// (default 100,000 per ISA, a few seconds each on two cores).
/// </summary>
public class FuzzCiTests
{
    private static long Count => long.TryParse(Environment.GetEnvironmentVariable("XENITH_FUZZ_COUNT"), out long n) && n > 0 ? n : 100_000;

    [Theory]
    [InlineData(FuzzIsa.A32, 1ul)]
    [InlineData(FuzzIsa.T32, 1ul)]
    [InlineData(FuzzIsa.Vfp, 1ul)]
    public void FixedSeedRunHasNoMismatches(FuzzIsa isa, ulong seed)
    {
        var r = FuzzRun.Run(new FuzzOptions { Isa = isa, Count = Count, Seed = seed, Show = 5 });
        Assert.Equal(Count, r.Compared);
        var worst = r.ByPattern.Where(kv => kv.Value.Mismatches > 0).OrderByDescending(kv => kv.Value.Mismatches)
            .Take(20).Select(kv => $"{kv.Key}: {kv.Value.Mismatches}/{kv.Value.Cases}");
        Assert.True(r.Mismatches == 0,
            $"compared {r.Compared}, mismatches {r.Mismatches}\n{string.Join(", ", worst)}\n\n{string.Join("\n", r.Reports)}");
    }
}
