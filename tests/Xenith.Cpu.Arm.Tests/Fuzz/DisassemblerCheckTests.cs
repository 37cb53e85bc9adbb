using Xenith.Cpu.Arm.Fuzz;

namespace Xenith.Cpu.Arm.Tests.Fuzz;

/// <summary>Disassembler.Format against arm-none-eabi-objdump on encodings of every pattern.</summary>
public class DisassemblerCheckTests
{
    private static bool HaveObjdump => File.Exists("/usr/bin/arm-none-eabi-objdump");

    [Theory]
    [InlineData(FuzzIsa.A32)]
    [InlineData(FuzzIsa.T32)]
    [InlineData(FuzzIsa.Vfp)]
    public void DisassemblyMatchesObjdump(FuzzIsa isa)
    {
        if (!HaveObjdump)
            return;
        var r = DisasmCheck.Check(isa, perPattern: 10, only: null, seed: 1);
        var bad = r.Entries.Where(e => e.Objdump != null && DisasmCheck.Normalize(e.Objdump) != DisasmCheck.Normalize(e.Xenith))
            .Take(20).Select(e => $"{e.Pattern} {e.Encoding}: xenith '{e.Xenith}' objdump '{e.Objdump}'");
        Assert.True(r.Mismatches == 0, $"checked {r.Checked}, mismatches {r.Mismatches}\n" + string.Join("\n", bad));
    }

    [Theory]
    [InlineData("b\t0x1008", "b\t1008")]
    [InlineData("ldr\tr0, [pc, #4]\t@ 0x18", "ldr\tr0, [pc, #4]")]
    [InlineData("bl\t1c <foo+0x4>", "bl\t1c")]
    [InlineData("cbz\tr3, 0x40", "cbz\tr3, 40")]
    [InlineData("vmov.f32\ts0, #0\t@ 0x40000000  2.0", "vmov.f32 s0, #0")]
    public void NormalizationDropsCommentsAndSymbols(string objdump, string xenith)
    {
        Assert.Equal(DisasmCheck.Normalize(xenith), DisasmCheck.Normalize(objdump));
    }
}
