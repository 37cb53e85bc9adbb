using Xenith.Cpu.Arm.Decode;
using Xenith.Cpu.Arm.Media;

namespace Xenith.Cpu.Arm.Tests.Media;

/// <summary>Decoding plus disassembly against the text arm-none-eabi-objdump prints for the same encodings.</summary>
public class MediaDisassemblyTests
{
    [Theory]
    [InlineData(0xE0000291U, "mul\tr0, r1, r2")]
    [InlineData(0xE0100291U, "muls\tr0, r1, r2")]
    [InlineData(0xE0234291U, "mla\tr3, r1, r2, r4")]
    [InlineData(0xE0634291U, "mls\tr3, r1, r2, r4")]
    [InlineData(0xE0854291U, "umull\tr4, r5, r1, r2")]
    [InlineData(0xE0A54291U, "umlal\tr4, r5, r1, r2")]
    [InlineData(0xE0C54291U, "smull\tr4, r5, r1, r2")]
    [InlineData(0xE0F54291U, "smlals\tr4, r5, r1, r2")]
    [InlineData(0xE0454291U, "umaal\tr4, r5, r1, r2")]
    [InlineData(0xE1003281U, "smlabb\tr0, r1, r2, r3")]
    [InlineData(0xE10032E1U, "smlatt\tr0, r1, r2, r3")]
    [InlineData(0xE16002A1U, "smultb\tr0, r1, r2")]
    [InlineData(0xE12032C1U, "smlawt\tr0, r1, r2, r3")]
    [InlineData(0xE12002A1U, "smulwb\tr0, r1, r2")]
    [InlineData(0xE14542C1U, "smlalbt\tr4, r5, r1, r2")]
    [InlineData(0xE1020051U, "qadd\tr0, r1, r2")]
    [InlineData(0xE1220051U, "qsub\tr0, r1, r2")]
    [InlineData(0xE1420051U, "qdadd\tr0, r1, r2")]
    [InlineData(0xE1620051U, "qdsub\tr0, r1, r2")]
    [InlineData(0xE16F0F11U, "clz\tr0, r1")]
    [InlineData(0xE6110F12U, "sadd16\tr0, r1, r2")]
    [InlineData(0xE6510F92U, "uadd8\tr0, r1, r2")]
    [InlineData(0xE6210FF2U, "qsub8\tr0, r1, r2")]
    [InlineData(0xE6610F12U, "uqadd16\tr0, r1, r2")]
    [InlineData(0xE6310F32U, "shasx\tr0, r1, r2")]
    [InlineData(0xE6710F52U, "uhsax\tr0, r1, r2")]
    [InlineData(0xE6110FF2U, "ssub8\tr0, r1, r2")]
    [InlineData(0xE6510F72U, "usub16\tr0, r1, r2")]
    [InlineData(0xE6810412U, "pkhbt\tr0, r1, r2, lsl #8")]
    [InlineData(0xE6810852U, "pkhtb\tr0, r1, r2, asr #16")]
    [InlineData(0xE6A70011U, "ssat\tr0, #8, r1")]
    [InlineData(0xE6E80211U, "usat\tr0, #8, r1, lsl #4")]
    [InlineData(0xE6A70F31U, "ssat16\tr0, #8, r1")]
    [InlineData(0xE6E40F31U, "usat16\tr0, #4, r1")]
    [InlineData(0xE6A10472U, "sxtab\tr0, r1, r2, ror #8")]
    [InlineData(0xE6AF0072U, "sxtb\tr0, r2")]
    [InlineData(0xE6FF0872U, "uxth\tr0, r2, ror #16")]
    [InlineData(0xE6C10072U, "uxtab16\tr0, r1, r2")]
    [InlineData(0xE68F0072U, "sxtb16\tr0, r2")]
    [InlineData(0xE6810FB2U, "sel\tr0, r1, r2")]
    [InlineData(0xE6BF0F31U, "rev\tr0, r1")]
    [InlineData(0xE6BF0FB1U, "rev16\tr0, r1")]
    [InlineData(0xE6FF0F31U, "rbit\tr0, r1")]
    [InlineData(0xE6FF0FB1U, "revsh\tr0, r1")]
    [InlineData(0xE7003211U, "smlad\tr0, r1, r2, r3")]
    [InlineData(0xE700F231U, "smuadx\tr0, r1, r2")]
    [InlineData(0xE7003251U, "smlsd\tr0, r1, r2, r3")]
    [InlineData(0xE700F251U, "smusd\tr0, r1, r2")]
    [InlineData(0xE7454211U, "smlald\tr4, r5, r1, r2")]
    [InlineData(0xE7454271U, "smlsldx\tr4, r5, r1, r2")]
    [InlineData(0xE7503211U, "smmla\tr0, r1, r2, r3")]
    [InlineData(0xE750F231U, "smmulr\tr0, r1, r2")]
    [InlineData(0xE75032D1U, "smmls\tr0, r1, r2, r3")]
    [InlineData(0xE710F211U, "sdiv\tr0, r1, r2")]
    [InlineData(0xE730F211U, "udiv\tr0, r1, r2")]
    [InlineData(0xE780F211U, "usad8\tr0, r1, r2")]
    [InlineData(0xE7803211U, "usada8\tr0, r1, r2, r3")]
    [InlineData(0xE7A70251U, "sbfx\tr0, r1, #4, #8")]
    [InlineData(0xE7E70251U, "ubfx\tr0, r1, #4, #8")]
    [InlineData(0xE7CB0211U, "bfi\tr0, r1, #4, #8")]
    [InlineData(0xE7CB021FU, "bfc\tr0, #4, #8")]
    [InlineData(0xE6C10C71U, "uxtab16\tr0, r1, r1, ROR #24")] // binutils' own spelling
    [InlineData(0xE6A0005AU, "ssat\tr0, #1, sl, asr #0")] // ASR #32, as objdump shows it
    [InlineData(0x10000291U, "mulne\tr0, r1, r2")]
    public void A32(uint word, string expected)
    {
        var d = new Insn();
        A32Decoder.Decode(word, ref d);
        Assert.Equal(OpGroup.Media, d.Group);
        Assert.Equal(expected, Disassembler.Format(in d));
    }

    [Theory]
    [InlineData(0x4348U, "muls\tr0, r1")]
    [InlineData(0xB208U, "sxth\tr0, r1")]
    [InlineData(0xB2C8U, "uxtb\tr0, r1")]
    [InlineData(0xBA08U, "rev\tr0, r1")]
    [InlineData(0xBAC8U, "revsh\tr0, r1")]
    [InlineData(0xFB01F002U, "mul.w\tr0, r1, r2")]
    [InlineData(0xFB014302U, "mla\tr3, r1, r2, r4")]
    [InlineData(0xFB814502U, "smull\tr4, r5, r1, r2")]
    [InlineData(0xFBE14562U, "umaal\tr4, r5, r1, r2")]
    [InlineData(0xFB113002U, "smlabb\tr0, r1, r2, r3")]
    [InlineData(0xFB31F012U, "smulwt\tr0, r1, r2")]
    [InlineData(0xFBC14592U, "smlalbt\tr4, r5, r1, r2")]
    [InlineData(0xFB91F0F2U, "sdiv\tr0, r1, r2")]
    [InlineData(0xFBB1F0F2U, "udiv\tr0, r1, r2")]
    [InlineData(0xFA82F081U, "qadd\tr0, r1, r2")]
    [InlineData(0xFA91F002U, "sadd16\tr0, r1, r2")]
    [InlineData(0xFAC1F062U, "uhsub8\tr0, r1, r2")]
    [InlineData(0xFA01F092U, "sxtah\tr0, r1, r2, ror #8")]
    [InlineData(0xFA5FF082U, "uxtb.w\tr0, r2")]
    [InlineData(0xFA91F081U, "rev.w\tr0, r1")]
    [InlineData(0xFAB1F081U, "clz\tr0, r1")]
    [InlineData(0xFAA1F082U, "sel\tr0, r1, r2")]
    [InlineData(0xF3210087U, "ssat\tr0, #8, r1, asr #2")]
    [InlineData(0xF3A10004U, "usat16\tr0, #4, r1")]
    [InlineData(0xF3411007U, "sbfx\tr0, r1, #4, #8")]
    [InlineData(0xF361100BU, "bfi\tr0, r1, #4, #8")]
    [InlineData(0xF36F100BU, "bfc\tr0, #4, #8")]
    [InlineData(0xFB513012U, "smmlar\tr0, r1, r2, r3")]
    [InlineData(0xFB713002U, "usada8\tr0, r1, r2, r3")]
    [InlineData(0xFBC145C2U, "smlald\tr4, r5, r1, r2")]
    [InlineData(0xFA94F081U, "rev.w\tr0, r4")] // Rm encoded twice: objdump shows the first halfword's copy
    public void T32(uint encoding, string expected)
    {
        var d = new Insn();
        if (encoding > 0xFFFF)
            T32Decoder.Decode(encoding >> 16, encoding & 0xFFFF, 0, ref d);
        else
            T32Decoder.Decode(encoding, 0, 0, ref d);
        Assert.Equal(OpGroup.Media, d.Group);
        Assert.Equal(expected, Disassembler.Format(in d));
    }

    [Fact]
    public void T32PkhForTheIntegerTable()
    {
        var d = new Insn { Size = 4 };
        Assert.True(MediaDecoder.T32Pkh(0xEAC14022, ref d));
        d.Cond = 14;
        Assert.Equal("pkhtb\tr0, r1, r2, asr #16", Disassembler.Format(in d));
    }

    [Fact]
    public void MulsInsideAnItBlockDoesNotSetFlags()
    {
        var d = new Insn();
        T32Decoder.Decode(0x4348, 0, 0x08, ref d); // ITSTATE: eq, last
        Assert.Equal("muleq\tr0, r1", Disassembler.Format(in d));
    }
}
