using Xenith.Cpu.Arm.Decode;

namespace Xenith.Cpu.Arm.Tests.Sys;

/// <summary>Disassembly matches arm-none-eabi-objdump (expected strings generated with it, comments dropped).</summary>
public class SystemDisassemblyTests
{
    [Theory]
    [InlineData(0xE10F0000u, "mrs\tr0, CPSR")]
    [InlineData(0xE14F1000u, "mrs\tr1, SPSR")]
    [InlineData(0xE129F000u, "msr\tCPSR_fc, r0")]
    [InlineData(0xE12CF001u, "msr\tCPSR_fs, r1")]
    [InlineData(0xE128F002u, "msr\tCPSR_f, r2")]
    [InlineData(0xE16FF003u, "msr\tSPSR_fsxc, r3")]
    [InlineData(0xE328F20Fu, "msr\tCPSR_f, #-268435456")]
    [InlineData(0xE321F013u, "msr\tCPSR_c, #19")]
    [InlineData(0xE362F0FFu, "msr\tSPSR_x, #255")]
    [InlineData(0xE320F000u, "nop\t{0}")]
    [InlineData(0xE320F001u, "yield")]
    [InlineData(0xE320F002u, "wfe")]
    [InlineData(0xE320F003u, "wfi")]
    [InlineData(0xE320F004u, "sev")]
    [InlineData(0xE320F0F5u, "dbg\t#5")]
    [InlineData(0xE320F006u, "nop\t{6}")]
    [InlineData(0xE1000200u, "mrs\tr0, R8_usr")]
    [InlineData(0xE1400300u, "mrs\tr0, SPSR_irq")]
    [InlineData(0xE10E0300u, "mrs\tr0, ELR_hyp")]
    [InlineData(0xE121F200u, "msr\tR9_usr, r0")]
    [InlineData(0xE16EF300u, "msr\tSPSR_hyp, r0")]
    [InlineData(0xE10D0200u, "mrs\tr0, SP_fiq")]
    [InlineData(0xE1030300u, "mrs\tr0, SP_svc")]
    [InlineData(0xE10F0300u, "mrs\tr0, SP_hyp")]
    [InlineData(0xE14E0200u, "mrs\tr0, SPSR_fiq")]
    [InlineData(0xEF000001u, "svc\t0x00000001")]
    [InlineData(0xEF123456u, "svc\t0x00123456")]
    [InlineData(0x0F000001u, "svceq\t0x00000001")]
    [InlineData(0xE1200070u, "bkpt\t0x0000")]
    [InlineData(0xE12FFF7Fu, "bkpt\t0xffff")]
    [InlineData(0xE1400071u, "hvc\t1")]
    [InlineData(0xE1600071u, "smc\t1")]
    [InlineData(0xE160006Eu, "eret")]
    [InlineData(0xF10C0080u, "cpsid\ti")]
    [InlineData(0xF10C01C0u, "cpsid\taif")]
    [InlineData(0xF1080100u, "cpsie\ta")]
    [InlineData(0xF1020013u, "cps\t#19")]
    [InlineData(0xF10E0093u, "cpsid\ti,#19")]
    [InlineData(0xF1010200u, "setend\tbe")]
    [InlineData(0xF1010000u, "setend\tle")]
    [InlineData(0xF96D0513u, "srsdb\tsp!, #19")]
    [InlineData(0xF8CD0513u, "srsia\tsp, #19")]
    [InlineData(0xF9ED0513u, "srsib\tsp!, #19")]
    [InlineData(0xF84D0513u, "srsda\tsp, #19")]
    [InlineData(0xF8900A00u, "rfeia\tr0")]
    [InlineData(0xF9B00A00u, "rfeib\tr0!")]
    [InlineData(0xF8300A00u, "rfeda\tr0!")]
    [InlineData(0xF57FF01Fu, "clrex")]
    [InlineData(0xF57FF04Fu, "dsb\tsy")]
    [InlineData(0xF57FF05Bu, "dmb\tish")]
    [InlineData(0xF57FF06Fu, "isb\tsy")]
    [InlineData(0xF57FF040u, "ssbb")]
    [InlineData(0xF57FF044u, "pssbb")]
    [InlineData(0xF57FF04Cu, "dfb")]
    [InlineData(0xF57FF047u, "dsb\tun")]
    [InlineData(0xF57FF065u, "isb\t#5")]
    [InlineData(0xEE100F10u, "mrc\t15, 0, r0, cr0, cr0, {0}")]
    [InlineData(0xEE010F10u, "mcr\t15, 0, r0, cr1, cr0, {0}")]
    [InlineData(0xEE1D0F70u, "mrc\t15, 0, r0, cr13, cr0, {3}")]
    [InlineData(0xEE070F15u, "mcr\t15, 0, r0, cr7, cr5, {0}")]
    [InlineData(0xEC510F02u, "mrrc\t15, 0, r0, r1, cr2")]
    [InlineData(0xEC410F12u, "mcrr\t15, 1, r0, r1, cr2")]
    [InlineData(0xEE300F30u, "mrc\t15, 1, r0, cr0, cr0, {1}")]
    [InlineData(0x0E100F10u, "mrceq\t15, 0, r0, cr0, cr0, {0}")]
    [InlineData(0xEE100E10u, "mrc\t14, 0, r0, cr0, cr0, {0}")]
    [InlineData(0xEE10FF10u, "mrc\t15, 0, APSR_nzcv, cr0, cr0, {0}")]
    [InlineData(0x0320F003u, "wfieq")]
    public void A32(uint word, string expected)
    {
        var d = default(Insn);
        A32Decoder.Decode(word, ref d);
        Assert.Equal(OpGroup.System, d.Group);
        Assert.Equal(expected, Disassembler.Format(in d));
    }

    [Theory]
    [InlineData(0xBF00u, 0x0000u, "nop")]
    [InlineData(0xBF10u, 0x0000u, "yield")]
    [InlineData(0xBF20u, 0x0000u, "wfe")]
    [InlineData(0xBF30u, 0x0000u, "wfi")]
    [InlineData(0xBF40u, 0x0000u, "sev")]
    [InlineData(0xBF60u, 0x0000u, "nop\t{6}")]
    [InlineData(0xB662u, 0x0000u, "cpsie\ti")]
    [InlineData(0xB672u, 0x0000u, "cpsid\ti")]
    [InlineData(0xB677u, 0x0000u, "cpsid\taif")]
    [InlineData(0xB658u, 0x0000u, "setend\tbe")]
    [InlineData(0xB650u, 0x0000u, "setend\tle")]
    [InlineData(0xBE05u, 0x0000u, "bkpt\t0x0005")]
    [InlineData(0xDF07u, 0x0000u, "svc\t7")]
    [InlineData(0xF3EFu, 0x8000u, "mrs\tr0, CPSR")]
    [InlineData(0xF3FFu, 0x8100u, "mrs\tr1, SPSR")]
    [InlineData(0xF380u, 0x8900u, "msr\tCPSR_fc, r0")]
    [InlineData(0xF390u, 0x8F00u, "msr\tSPSR_fsxc, r0")]
    [InlineData(0xF3AFu, 0x8000u, "nop.w")]
    [InlineData(0xF3AFu, 0x8003u, "wfi.w")]
    [InlineData(0xF3AFu, 0x80F3u, "dbg\t#3")]
    [InlineData(0xF3AFu, 0x8007u, "nop.w\t{7}")]
    [InlineData(0xF3AFu, 0x8620u, "cpsid.w\tf")]
    [InlineData(0xF3AFu, 0x8113u, "cps\t#19")]
    [InlineData(0xF3AFu, 0x87F3u, "cpsid\taif, #19")]
    [InlineData(0xF3BFu, 0x8F2Fu, "clrex")]
    [InlineData(0xF3BFu, 0x8F4Fu, "dsb\tsy")]
    [InlineData(0xF3BFu, 0x8F5Bu, "dmb\tish")]
    [InlineData(0xF3BFu, 0x8F6Fu, "isb\tsy")]
    [InlineData(0xF3DEu, 0x8F00u, "subs\tpc, lr, #0")]
    [InlineData(0xF3DEu, 0x8F04u, "subs\tpc, lr, #4")]
    [InlineData(0xF7E1u, 0x8123u, "hvc\t#4387")]
    [InlineData(0xF7F3u, 0x8000u, "smc\t#3")]
    [InlineData(0xF3E0u, 0x8020u, "mrs\tr0, R8_usr")]
    [InlineData(0xF3E1u, 0x8230u, "mrs\tr2, SP_irq")]
    [InlineData(0xF381u, 0x8020u, "msr\tR8_usr, r1")]
    [InlineData(0xF391u, 0x8E30u, "msr\tSPSR_hyp, r1")]
    [InlineData(0xE80Du, 0xC013u, "srsdb\tsp, #19")]
    [InlineData(0xE9ADu, 0xC013u, "srsia\tsp!, #19")]
    [InlineData(0xE810u, 0xC000u, "rfedb\tr0")]
    [InlineData(0xE9B0u, 0xC000u, "rfeia\tr0!")]
    [InlineData(0xEE10u, 0x0F10u, "mrc\t15, 0, r0, cr0, cr0, {0}")]
    [InlineData(0xEC51u, 0x0F02u, "mrrc\t15, 0, r0, r1, cr2")]
    [InlineData(0xEE1Du, 0x0F50u, "mrc\t15, 0, r0, cr13, cr0, {2}")]
    public void T32(uint hw1, uint hw2, string expected)
    {
        var d = default(Insn);
        T32Decoder.Decode(hw1, hw2, 0, ref d);
        Assert.Equal(OpGroup.System, d.Group);
        Assert.Equal(expected, Disassembler.Format(in d));
    }

    [Fact]
    public void ConditionInsideAnItBlock()
    {
        var d = default(Insn);
        T32Decoder.Decode(0xF3AF, 0x8003, 0x08, ref d); // wfi.w in an IT EQ block
        Assert.Equal("wfieq.w", Disassembler.Format(in d));
        d = default;
        T32Decoder.Decode(0xDF01, 0, 0x08, ref d);
        Assert.Equal("svceq\t1", Disassembler.Format(in d));
    }
}
