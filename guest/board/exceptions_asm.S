/* Instruction sequences for exceptions.c, each a function its C caller runs through try_call
   or run_user. The exception-raising instruction is always the first one. */
    .syntax unified
    .arch armv7-a
    .text

    .macro FUNC name, isa
    .\isa
    .global \name
    .type \name, %function
    .balign 4
\name:
    .endm

    FUNC arm_udf, arm
    udf     #0x1234
    bx      lr
/* SVC taken from SVC mode overwrites LR_svc, hence the push. */
    FUNC arm_svc, arm
    push    {lr}
    .global arm_svc_insn
arm_svc_insn:
    svc     #0x123456
    pop     {pc}
    FUNC arm_bkpt, arm
    bkpt    #0x1234
    bx      lr
/* u32 arm_load(u32 addr): 0xbad0bad0 when the load aborted and was skipped. */
    FUNC arm_load, arm
    mov     r1, r0
    ldr     r0, =0xbad0bad0
    ldr     r0, [r1]
    bx      lr
    .ltorg
    FUNC arm_store, arm
    str     r1, [r0]
    bx      lr
/* u32 user_cps(u32): CPS in User mode is a NOP, so this returns the User-mode CPSR. */
    FUNC user_cps, arm
    cps     #0x13
    cpsid   aif
    mrs     r0, cpsr
    bx      lr
/* u32 banked_r8(u32): r8 in FIQ mode is banked, in SYS mode it is the User one. Returns
   (r8_fiq << 16) | r8_usr after writing 0x88 and 0x77 in the other order. */
    FUNC banked_r8, arm
    push    {r4, r8, lr}
    mrs     r4, cpsr
    cps     #0x1f
    mov     r8, #0x77
    cps     #0x11
    mov     r8, #0x88
    cps     #0x1f
    mov     r0, r8
    cps     #0x11
    orr     r0, r0, r8, lsl #16
    msr     cpsr_c, r4
    pop     {r4, r8, pc}
/* u32 banked_sp(u32 mode): that mode's SP, read by switching to it with CPS-like MSR. */
    FUNC banked_sp, arm
    mrs     r2, cpsr
    bic     r3, r2, #0x1f
    orr     r3, r3, r0
    msr     cpsr_c, r3
    mov     r0, sp
    msr     cpsr_c, r2
    bx      lr

    FUNC thumb_udf16, thumb
    udf     #0x12
    bx      lr
    FUNC thumb_udf32, thumb
    udf.w   #0x1234
    bx      lr
    FUNC thumb_svc, thumb
    push    {lr}
    .global thumb_svc_insn
thumb_svc_insn:
    svc     #0xab
    pop     {pc}
    FUNC thumb_bkpt, thumb
    bkpt    #0x12
    bx      lr
