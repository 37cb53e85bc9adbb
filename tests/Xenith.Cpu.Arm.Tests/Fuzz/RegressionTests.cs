using Xenith.Cpu.Arm.Fuzz;

namespace Xenith.Cpu.Arm.Tests.Fuzz;

/// <summary>Replays every shrunk failure kept in regressions.txt against Unicorn.</summary>
public class RegressionTests
{
    /// <summary>regressions.txt beside this source file (the build output may be anywhere).</summary>
    private static string FilePath => Path.Combine(Path.GetDirectoryName(SourcePath())!, "regressions.txt");

    private static string SourcePath([System.Runtime.CompilerServices.CallerFilePath] string path = "") => path;

    /// <summary>Known-good cases: the replay machinery round-trips and runs them (also when the file is empty).</summary>
    public static TheoryData<string> KnownGood => new()
    {
        "a32 e0810002 count=1 r=0,5,7,0,0,0,0,0,0,0,0,0,0,21000,0 cpsr=600001d3 spsr=1d3 fpscr=0 d=- mem=0  # add_reg",
        "a32 e5910004.e2800001 count=2 r=0,21000,0,0,0,0,0,0,0,0,0,0,0,21000,0 cpsr=1d3 spsr=1d3 fpscr=0 d=- mem=1234  # ldr_imm",
        "t32 bf08.1888 count=2 r=0,1,2,0,0,0,0,0,0,0,0,0,0,21000,0 cpsr=400001d3 spsr=1d3 fpscr=0 d=- mem=0  # it + adds",
        "t32 f101.0001 count=1 r=0,1,0,0,0,0,0,0,0,0,0,0,0,21000,0 cpsr=1d3 spsr=1d3 fpscr=0 d=- mem=0  # add_imm_w",
    };

    [Theory]
    [MemberData(nameof(KnownGood))]
    public void KnownGoodCasesRoundTripAndMatch(string line)
    {
        var c = Regressions.Parse(line);
        Assert.Equal(line.Split("  #")[0], Regressions.Format(c).Split("  #")[0]);
        using var runner = new CaseRunner();
        Assert.Equal(CaseRunner.Verdict.Match, runner.Run(c));
    }

    [Fact]
    public void RecordedRegressionsMatchUnicorn()
    {
        var cases = Regressions.Load(FilePath);
        if (cases.Count == 0)
            return; // nothing recorded yet: KnownGoodCasesRoundTripAndMatch covers the machinery
        using var runner = new CaseRunner(Exclusions.Load());
        var failures = new List<string>();
        foreach (var c in cases)
        {
            if (runner.Run(c) == CaseRunner.Verdict.Mismatch)
                failures.Add(runner.Report(c));
        }
        Assert.True(failures.Count == 0, $"{failures.Count} of {cases.Count} regression cases mismatch:\n" + string.Join("\n", failures.Take(10)));
    }
}
