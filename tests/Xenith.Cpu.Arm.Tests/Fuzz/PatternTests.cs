using Xenith.Cpu.Arm.Fuzz;

namespace Xenith.Cpu.Arm.Tests.Fuzz;

/// <summary>The pattern and exclusion files parse, and every pattern can produce encodings.</summary>
public class PatternTests
{
    [Theory]
    [InlineData(FuzzIsa.A32)]
    [InlineData(FuzzIsa.T32)]
    [InlineData(FuzzIsa.Vfp)]
    public void EveryPatternGeneratesMatchingEncodings(FuzzIsa isa)
    {
        var set = PatternSet.Load(isa);
        Assert.NotEmpty(set.Patterns);
        var rng = new Rng(42);
        foreach (var p in set.Patterns)
        {
            for (int i = 0; i < 20; i++)
            {
                Assert.True(p.TryGenerate(ref rng, out uint w), $"{p.Name}: constraints cannot be met");
                Assert.True(p.Matches(w), p.Name);
                Assert.True(p.Satisfies(w), p.Name);
            }
        }
    }

    [Fact]
    public void ExclusionsParseAndGiveReasons()
    {
        var ex = Exclusions.Load();
        Assert.NotEmpty(ex.Rules);
        foreach (var r in ex.Rules)
            Assert.False(string.IsNullOrWhiteSpace(r.Reason));
        Assert.NotNull(ex.ForPattern(FuzzIsa.A32, "hvc"));
    }

    [Fact]
    public void ExcludedPatternNamesExist()
    {
        var ex = Exclusions.Load();
        foreach (var r in ex.Rules.Where(r => r.Kind == "pattern"))
        {
            var kinds = r.Isa == "*" ? Enum.GetValues<FuzzIsa>() : [PatternSet.ParseIsa(r.Isa)];
            Assert.Contains(kinds, k => PatternSet.Load(k).Patterns.Any(p => p.Name == r.Pattern));
        }
    }

    [Fact]
    public void ConstraintsAreHonoured()
    {
        var p = Pattern.Parse("t  cccc_0000_dddd_nnnn_1111_0000_tttt_iiii  d!=15 n!=d t%2=0 i+d<=12", Isa.A32, 1);
        var rng = new Rng(1);
        for (int k = 0; k < 200; k++)
        {
            Assert.True(p.TryGenerate(ref rng, out uint w));
            int d = p.Get(w, 'd'), n = p.Get(w, 'n'), t = p.Get(w, 't'), i = p.Get(w, 'i');
            Assert.NotEqual(15, d);
            Assert.NotEqual(d, n);
            Assert.Equal(0, t % 2);
            Assert.True(i + d <= 12);
            Assert.NotEqual(15, p.Get(w, 'c'));
        }
    }

    [Fact]
    public void EqualitiesAreMetWithoutRejection()
    {
        // rev_t: n=m with m<13 holds for ~5% of random words, so 200 random draws used to fail now and then.
        var p = Pattern.Parse("r  1111_1010_1001_nnnn_1111_dddd_10oo_mmmm  d<13 m<13 n=m", Isa.T32, 1);
        var rng = new Rng(2026);
        for (int k = 0; k < 100_000; k++)
        {
            Assert.True(p.TryGenerate(ref rng, out uint w));
            Assert.Equal(p.Get(w, 'm'), p.Get(w, 'n'));
            Assert.True(p.Get(w, 'm') < 13);
        }
    }

    [Fact]
    public void GeneratorIsDeterministic()
    {
        var set = PatternSet.Load(FuzzIsa.T32);
        var ex = Exclusions.Load();
        var a = new FuzzCase();
        var b = new FuzzCase();
        new Generator(set, ex, 7).Make(1234, a);
        new Generator(set, ex, 7).Make(1234, b);
        Assert.Equal(Regressions.Format(a), Regressions.Format(b));
        Assert.Equal(a.Initial.Data, b.Initial.Data);
    }

    [Fact]
    public void ItBlocksAreWellFormed()
    {
        var set = PatternSet.Load(FuzzIsa.T32);
        var gen = new Generator(set, Exclusions.Load(), 3);
        var c = new FuzzCase();
        int its = 0;
        for (int i = 0; i < 3000; i++)
        {
            gen.Make(i, c);
            uint hw = c.Code[0];
            if ((hw & 0xFF00) != 0xBF00 || (hw & 0xF) == 0)
                continue;
            its++;
            int k = 4 - System.Numerics.BitOperations.TrailingZeroCount(hw & 0xF);
            Assert.Equal(k + 1, c.Count);
            Assert.True(((hw >> 4) & 0xF) < 14);
        }
        Assert.True(its > 100);
    }
}
