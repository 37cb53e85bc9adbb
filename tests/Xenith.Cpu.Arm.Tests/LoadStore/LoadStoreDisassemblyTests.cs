using Xenith.Cpu.Arm.Decode;

namespace Xenith.Cpu.Arm.Tests.LoadStore;

/// <summary>Expected texts are arm-none-eabi-objdump 2.40 output for the same encodings.</summary>
public class LoadStoreDisassemblyTests
{
    [Theory]
    [InlineData(0xE5910004u, "ldr\tr0, [r1, #4]")]
    [InlineData(0xE5110000u, "ldr\tr0, [r1, #-0]")]
    [InlineData(0xE5B10004u, "ldr\tr0, [r1, #4]!")]
    [InlineData(0xE4910004u, "ldr\tr0, [r1], #4")]
    [InlineData(0xE7110102u, "ldr\tr0, [r1, -r2, lsl #2]")]
    [InlineData(0xE6910102u, "ldr\tr0, [r1], r2, lsl #2")]
    [InlineData(0xE7910062u, "ldr\tr0, [r1, r2, rrx]")]
    [InlineData(0xE7910022u, "ldr\tr0, [r1, r2, lsr #32]")]
    [InlineData(0xE59F0010u, "ldr\tr0, [pc, #16]")]
    [InlineData(0xE52D0004u, "push\t{r0}")]
    [InlineData(0xE49D0004u, "pop\t{r0}")]
    [InlineData(0x05910004u, "ldreq\tr0, [r1, #4]")]
    [InlineData(0x04B10004u, "ldrteq\tr0, [r1], #4")]
    [InlineData(0xE1C100F4u, "strd\tr0, [r1, #4]")]
    [InlineData(0xE0F100F4u, "ldrsht\tr0, [r1], #4")]
    [InlineData(0xE10100B2u, "strh\tr0, [r1, -r2]")]
    [InlineData(0xE19CEF9Fu, "ldrex\tr14, [ip]")]
    [InlineData(0xE1ACEF9Au, "strexd\tlr, sl, [ip]")]
    [InlineData(0xE92D4010u, "push\t{r4, lr}")]
    [InlineData(0xE8BD8010u, "pop\t{r4, pc}")]
    [InlineData(0xE92D0001u, "stmfd\tsp!, {r0}")]
    [InlineData(0xE8800006u, "stm\tr0, {r1, r2}")]
    [InlineData(0xE8A00006u, "stmia\tr0!, {r1, r2}")]
    [InlineData(0xE9900006u, "ldmib\tr0, {r1, r2}")]
    [InlineData(0xE8F08006u, "ldm\tr0!, {r1, r2, pc}^")]
    [InlineData(0xE8C00006u, "stmia\tr0, {r1, r2}^")]
    [InlineData(0xF551F000u, "pld\t[r1, #-0]")]
    [InlineData(0xF651F102u, "pli\t[r1, -r2, lsl #2]")]
    public void A32(uint word, string expected)
    {
        var d = new Insn { Address = 0x1000 };
        A32Decoder.Decode(word, ref d);
        Assert.Equal(expected, Disassembler.Format(in d));
    }

    [Theory]
    [InlineData(0x6848u, "ldr\tr0, [r1, #4]")]
    [InlineData(0x6808u, "ldr\tr0, [r1, #0]")]
    [InlineData(0x4804u, "ldr\tr0, [pc, #16]")]
    [InlineData(0x9801u, "ldr\tr0, [sp, #4]")]
    [InlineData(0x5E88u, "ldrsh\tr0, [r1, r2]")]
    [InlineData(0xB510u, "push\t{r4, lr}")]
    [InlineData(0xBD10u, "pop\t{r4, pc}")]
    [InlineData(0xC806u, "ldmia\tr0!, {r1, r2}")]
    [InlineData(0xF8D10004u, "ldr.w\tr0, [r1, #4]")]
    [InlineData(0xF8510C00u, "ldr.w\tr0, [r1]")]
    [InlineData(0xF8510B00u, "ldr.w\tr0, [r1], #0")]
    [InlineData(0xF8510E04u, "ldrt\tr0, [r1, #4]")]
    [InlineData(0xF8510022u, "ldr.w\tr0, [r1, r2, lsl #2]")]
    [InlineData(0xF85F0010u, "ldr.w\tr0, [pc, #-16]")]
    [InlineData(0xF84D0D04u, "str.w\tr0, [sp, #-4]!")]
    [InlineData(0xE92D4010u, "stmdb\tsp!, {r4, lr}")]
    [InlineData(0xE8BD8010u, "ldmia.w\tsp!, {r4, pc}")]
    [InlineData(0xE9D12301u, "ldrd\tr2, r3, [r1, #4]")]
    [InlineData(0xE9512300u, "ldrd\tr2, r3, [r1, #-0]")]
    [InlineData(0xE8D1F011u, "tbh\t[r1, r1, lsl #1]")]
    [InlineData(0xE8D1F000u, "tbb\t[r1, r0]")]
    [InlineData(0xE8510F01u, "ldrex\tr0, [r1, #4]")]
    [InlineData(0xE8C12374u, "strexd\tr4, r2, r3, [r1]")]
    [InlineData(0xF811FC04u, "pld\t[r1, #-4]")]
    [InlineData(0xF831F002u, "pldw\t[r1, r2]")]
    [InlineData(0xF9B1F004u, "ldrsh.w\tpc, [r1, #4]")]
    public void T32(uint encoding, string expected)
    {
        var d = new Insn { Address = 0x1000 };
        if (encoding <= 0xFFFF)
            T32Decoder.Decode(encoding, 0, 0, ref d);
        else
            T32Decoder.Decode(encoding >> 16, encoding & 0xFFFF, 0, ref d);
        Assert.Equal(expected, Disassembler.Format(in d));
    }

    [Fact]
    public void ConditionGoesBeforeTheWidthSuffix()
    {
        var d = new Insn { Address = 0x1000 };
        T32Decoder.Decode(0xF8D1, 0x0004, 0x08, ref d); // inside "it eq"
        Assert.Equal("ldreq.w\tr0, [r1, #4]", Disassembler.Format(in d));
    }
}
