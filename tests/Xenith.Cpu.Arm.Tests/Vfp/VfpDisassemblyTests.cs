using Xenith.Cpu.Arm.Decode;

namespace Xenith.Cpu.Arm.Tests.Vfp;

/// <summary>Decode + disassembly of each VFP form, text as arm-none-eabi-objdump prints it (comments dropped).</summary>
public class VfpDisassemblyTests
{
    public static readonly TheoryData<uint, string> A32Cases = new()
    {
        { 0xee000a81, "vmla.f32\ts0, s1, s2" },
        { 0xee010b61, "vmls.f64\td0, d1, d17" },
        { 0xee50fac1, "vnmla.f32\ts31, s1, s2" },
        { 0xee100a81, "vnmls.f32\ts0, s1, s2" },
        { 0xee210b02, "vmul.f64\td0, d1, d2" },
        { 0xee200ac1, "vnmul.f32\ts0, s1, s2" },
        { 0xee300a81, "vadd.f32\ts0, s1, s2" },
        { 0xee710b42, "vsub.f64\td16, d1, d2" },
        { 0xee800a81, "vdiv.f32\ts0, s1, s2" },
        { 0xeea00a81, "vfma.f32\ts0, s1, s2" },
        { 0xeea10b42, "vfms.f64\td0, d1, d2" },
        { 0xee900ac1, "vfnma.f32\ts0, s1, s2" },
        { 0xee900a81, "vfnms.f32\ts0, s1, s2" },
        { 0xeeb70a00, "vmov.f32\ts0, #112" },
        { 0xeebe0b00, "vmov.f64\td0, #224" },
        { 0xeeb00a60, "vmov.f32\ts0, s1" },
        { 0xeeb00b41, "vmov.f64\td0, d1" },
        { 0xeeb00ae0, "vabs.f32\ts0, s1" },
        { 0xeeb10b41, "vneg.f64\td0, d1" },
        { 0xeeb10ae0, "vsqrt.f32\ts0, s1" },
        { 0xeeb20a60, "vcvtb.f32.f16\ts0, s1" },
        { 0xeeb20ae0, "vcvtt.f32.f16\ts0, s1" },
        { 0xeeb30a60, "vcvtb.f16.f32\ts0, s1" },
        { 0xeeb30ae0, "vcvtt.f16.f32\ts0, s1" },
        { 0xeeb40a60, "vcmp.f32\ts0, s1" },
        { 0xeeb40bc1, "vcmpe.f64\td0, d1" },
        { 0xeeb50a40, "vcmp.f32\ts0, #0.0" },
        { 0xeeb50bc0, "vcmpe.f64\td0, #0.0" },
        { 0xeeb70ae0, "vcvt.f64.f32\td0, s1" },
        { 0xeeb70bc1, "vcvt.f32.f64\ts0, d1" },
        { 0xeebd0ae0, "vcvt.s32.f32\ts0, s1" },
        { 0xeebd0a60, "vcvtr.s32.f32\ts0, s1" },
        { 0xeebc0bc1, "vcvt.u32.f64\ts0, d1" },
        { 0xeebc0b41, "vcvtr.u32.f64\ts0, d1" },
        { 0xeeb80ae0, "vcvt.f32.s32\ts0, s1" },
        { 0xeeb80b60, "vcvt.f64.u32\td0, s1" },
        { 0xeebe0a40, "vcvt.s16.f32\ts0, s0, #16" },
        { 0xeebf0aef, "vcvt.u32.f32\ts0, s0, #1" },
        { 0xeeba0bc0, "vcvt.f64.s32\td0, d0, #32" },
        { 0xeebb0a66, "vcvt.f32.u16\ts0, s0, #3" },
        { 0xed900a01, "vldr\ts0, [r0, #4]" },
        { 0xed100b02, "vldr\td0, [r0, #-8]" },
        { 0xed100a00, "vldr\ts0, [r0, #-0]" },
        { 0xedcd0a00, "vstr\ts1, [sp]" },
        { 0xedc11bff, "vstr\td17, [r1, #1020]" },
        { 0xed9f0b02, "vldr\td0, [pc, #8]" },
        { 0xecb00b08, "vldmia\tr0!, {d0-d3}" },
        { 0xecd01a03, "vldmia\tr0, {s3-s5}" },
        { 0xed200a04, "vstmdb\tr0!, {s0-s3}" },
        { 0xed2d8b10, "vpush\t{d8-d15}" },
        { 0xecbd0a01, "vpop\t{s0}" },
        { 0xed3d8b02, "vldmdb\tsp!, {d8}" },
        { 0xecad8b02, "vstmia\tsp!, {d8}" },
        { 0xed710b20, "vldmdb\tr1!, {d16-d31}" },
        { 0xecb00b05, "fldmiax\tr0!, {d0-d1}" },
        { 0xed200b05, "fstmdbx\tr0!, {d0-d1}" },
        { 0xee000a10, "vmov\ts0, r0" },
        { 0xee1f0a90, "vmov\tr0, s31" },
        { 0xec410b10, "vmov\td0, r0, r1" },
        { 0xec510b3f, "vmov\tr0, r1, d31" },
        { 0xec410a10, "vmov\ts0, s1, r0, r1" },
        { 0xec532a1f, "vmov\tr2, r3, s30, s31" },
        { 0xee200b10, "vmov.32\td0[1], r0" },
        { 0xee110b90, "vmov.32\tr0, d17[0]" },
        { 0xeef10a10, "vmrs\tr0, fpscr" },
        { 0xeef1fa10, "vmrs\tAPSR_nzcv, fpscr" },
        { 0xeee10a10, "vmsr\tfpscr, r0" },
        { 0xeef80a10, "vmrs\tr0, fpexc" },
        { 0xeee81a10, "vmsr\tfpexc, r1" },
        { 0xeef00a10, "vmrs\tr0, fpsid" },
        { 0xeef70a10, "vmrs\tr0, mvfr0" },
        { 0xeef60a10, "vmrs\tr0, mvfr1" },
        { 0xeee00a10, "vmsr\tfpsid, r0" },
        { 0x0e300a81, "vaddeq.f32\ts0, s1, s2" },
        { 0x1d900b00, "vldrne\td0, [r0]" },
        { 0xce100a90, "vmovgt\tr0, s1" },
        { 0xdcbdcb19, "fldmiaxle\tsp!, {d12-d23}" },
        { 0x5cbddb13, "fldmiaxpl\tsp!, {d13-d21}" },
    };

    [Theory]
    [MemberData(nameof(A32Cases))]
    public void A32MatchesObjdump(uint word, string text)
    {
        var d = new Insn();
        A32Decoder.Decode(word, ref d);
        Assert.Equal(OpGroup.Vfp, d.Group);
        Assert.Equal(text, Disassembler.Format(in d));
    }

    [Theory]
    [InlineData(0xee300a81u, "vadd.f32\ts0, s1, s2")]
    [InlineData(0xed9f0b02u, "vldr\td0, [pc, #8]")]
    [InlineData(0xeef1fa10u, "vmrs\tAPSR_nzcv, fpscr")]
    [InlineData(0xec410b10u, "vmov\td0, r0, r1")]
    [InlineData(0xed2d8b10u, "vpush\t{d8-d15}")]
    [InlineData(0xeeb80bc1u, "vcvt.f64.s32\td0, s2")]
    public void T32MatchesObjdump(uint word, string text)
    {
        var d = new Insn();
        T32Decoder.Decode(word >> 16, word & 0xFFFF, 0, ref d);
        Assert.Equal(OpGroup.Vfp, d.Group);
        Assert.Equal(4, d.Size);
        Assert.Equal(text, Disassembler.Format(in d));
    }

    /// <summary>Advanced SIMD, ARMv8 additions, and UNPREDICTABLE forms that are UNDEFINED here.</summary>
    [Theory]
    [InlineData(0xee400b10u)] // vmov.8 d0[0], r0 (Advanced SIMD)
    [InlineData(0xee900b30u)] // vmov.s16 r0, d0[1] (Advanced SIMD)
    [InlineData(0xee800b10u)] // vdup.32 d0, r0 (Advanced SIMD)
    [InlineData(0xee9a0b10u)] // U=1 with the 32-bit size
    [InlineData(0xee800ac1u)] // vdiv with op bit set: unallocated
    [InlineData(0xeeb60b64u)] // vrintr (ARMv8)
    [InlineData(0xeeb70b44u)] // vrintx (ARMv8)
    [InlineData(0xeeb20b60u)] // vcvtb.f64.f16 (ARMv8)
    [InlineData(0xeef50a10u)] // vmrs r0, mvfr2 (ARMv8)
    [InlineData(0xeef90a10u)] // vmrs r0, fpinst (not in VFPv3+)
    [InlineData(0xeeb50a41u)] // vcmp #0.0 with nonzero Vm
    [InlineData(0xeebb0a6bu)] // vcvt.f32.u16 with frac_bits < 0
    [InlineData(0xecb00b00u)] // vldmia r0!, {} (no registers)
    [InlineData(0xecb00b22u)] // vldmia with 17 doubles
    [InlineData(0xecf0fa02u)] // vldmia r0!, {s31-s32}: past S31
    [InlineData(0xecbf0b02u)] // vldmia pc!, write-back to PC
    [InlineData(0xeda00b02u)] // P=1 U=1 W=1: unallocated
    [InlineData(0xec5f0b10u)] // vmov r0, pc, d0: Rt2 = PC
    [InlineData(0xec410a3fu)] // vmov s31, s32, r0, r1
    [InlineData(0xeee1fa10u)] // vmsr fpscr, pc
    [InlineData(0xee10fb10u)] // vmov.32 pc, d0[0]
    [InlineData(0xeeb70a20u)] // vmov.f32 immediate with the (0) bit 5 set
    public void UndefinedEncodings(uint word)
    {
        var d = new Insn();
        A32Decoder.Decode(word, ref d);
        Assert.Equal(OpGroup.Undefined, d.Group);
    }
}
