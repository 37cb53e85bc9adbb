using System.Runtime.InteropServices;

namespace Xenith.Platform.Tests.Board;

/// <summary>
/// Tiny position-independent A32 programs, assembled once with arm-none-eabi-as (-march=armv7ve) and kept
/// as words so the tests need no toolchain. They report through a mailbox of words at 0x40001000 and end
/// with PSCI SYSTEM_OFF (HVC #0, r0 = 0x84000008).
/// </summary>
internal static class TestPrograms
{
    public const ulong Mailbox = 0x4000_1000;

    /// <summary>
    /// CPU 0: CPU_ON(cpu 1, entry = secondary, context 0x1234abcd); stores the result at mailbox+4; spins until
    /// mailbox+0 is non-zero; SYSTEM_OFF. Secondary: stores r0 (the context id) at mailbox+0 and MPIDR at
    /// mailbox+8; CPU_OFF.
    /// </summary>
    public static readonly uint[] SmpCpuOn =
    [
        0xe3a003e1, // mov r0, #0x84000003 (CPU_ON)
        0xe3a01001, // mov r1, #1
        0xe28f2024, // adr r2, secondary
        0xe59f303c, // ldr r3, =0x1234abcd
        0xe1400070, // hvc #0
        0xe59f5038, // ldr r5, =0x40001000
        0xe5850004, // str r0, [r5, #4]
        0xe5956000, // 1: ldr r6, [r5]
        0xe3560000, // cmp r6, #0
        0x0afffffc, // beq 1b
        0xe59f0028, // ldr r0, =0x84000008 (SYSTEM_OFF)
        0xe1400070, // hvc #0
        0xeafffffe, // b .
        0xe59f5018, // secondary: ldr r5, =0x40001000
        0xe5850000, // str r0, [r5]
        0xee101fb0, // mrc p15, 0, r1, c0, c0, 5 (MPIDR)
        0xe5851008, // str r1, [r5, #8]
        0xe3a003a1, // mov r0, #0x84000002 (CPU_OFF)
        0xe1400070, // hvc #0
        0xeafffffe, // b .
        0x1234abcd, 0x40001000, 0x84000008,
    ];

    /// <summary>
    /// Enables the GIC distributor and CPU interface and PPI 27 (virtual timer), sets CNTV_TVAL = 0x10000 and
    /// CNTV_CTL = 1, executes WFI with IRQs masked, then stores CNTVCT (low word) at mailbox+0, CNTV_CTL at
    /// mailbox+4 and GICC_IAR at mailbox+8, and powers off.
    /// </summary>
    public static readonly uint[] WfiUntilTimer =
    [
        0xe3a00302, // mov r0, #0x08000000 (GICD)
        0xe3a01001, // mov r1, #1
        0xe5801000, // str r1, [r0] (GICD_CTLR)
        0xe3a01302, // mov r1, #0x08000000 (bit 27)
        0xe5801100, // str r1, [r0, #0x100] (GICD_ISENABLER0)
        0xe59f004c, // ldr r0, =0x08010000 (GICC)
        0xe3a010f0, // mov r1, #0xf0
        0xe5801004, // str r1, [r0, #4] (GICC_PMR)
        0xe3a01001, // mov r1, #1
        0xe5801000, // str r1, [r0] (GICC_CTLR)
        0xe3a00801, // mov r0, #0x10000
        0xee0e0f13, // mcr p15, 0, r0, c14, c3, 0 (CNTV_TVAL)
        0xe3a00001, // mov r0, #1
        0xee0e0f33, // mcr p15, 0, r0, c14, c3, 1 (CNTV_CTL)
        0xe320f003, // wfi
        0xec510f1e, // mrrc p15, 1, r0, r1, c14 (CNTVCT)
        0xee1e2f33, // mrc p15, 0, r2, c14, c3, 1 (CNTV_CTL)
        0xe59f5020, // ldr r5, =0x40001000
        0xe5850000, // str r0, [r5]
        0xe5852004, // str r2, [r5, #4]
        0xe59f0010, // ldr r0, =0x08010000
        0xe590300c, // ldr r3, [r0, #0xc] (GICC_IAR)
        0xe5853008, // str r3, [r5, #8]
        0xe59f000c, // ldr r0, =0x84000008
        0xe1400070, // hvc #0
        0xeafffffe, // b .
        0x08010000, 0x40001000, 0x84000008,
    ];

    /// <summary>
    /// Points VBAR at its own vector table, executes HVC #1 (at offset 0xc); the undefined-instruction handler
    /// stores LR at mailbox+0, CPSR at mailbox+4 and the HVC's address at mailbox+8, and powers off.
    /// </summary>
    public static readonly uint[] HvcNonZeroIsUndefined =
    [
        0xe28f0018, // adr r0, vectors
        0xee0c0f10, // mcr p15, 0, r0, c12, c0, 0 (VBAR)
        0xe59f5004, // ldr r5, =0x40001000
        0xe1400071, // faulting: hvc #1
        0xeafffffe, // b .
        0x40001000,
        0xe320f000, 0xe320f000, // nop padding to the 32-byte aligned table
        0xeafffffe, 0xea000005, 0xeafffffe, 0xeafffffe, // vectors: b ., b undef, b ., b .
        0xeafffffe, 0xeafffffe, 0xeafffffe, 0xeafffffe, // b . x4
        0xe585e000, // undef: str lr, [r5]
        0xe10f1000, // mrs r1, cpsr
        0xe5851004, // str r1, [r5, #4]
        0xe24f2048, // adr r2, faulting
        0xe5852008, // str r2, [r5, #8]
        0xe59f0004, // ldr r0, =0x84000008
        0xe1400070, // hvc #0
        0xeafffffe, // b .
        0x84000008,
    ];

    public static byte[] Bytes(uint[] words) => MemoryMarshal.AsBytes(words.AsSpan()).ToArray();
}
