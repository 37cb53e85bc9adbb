/* Hypercall and SMCCC stubs (spec 1.1, 7.1). A Xen hypercall is HVC #0xEA1 (A32 0xE140EA71) with
   the number in r12, arguments in r0-r4 and the result in r0; r1-r4 and r12 may be clobbered. */
    .syntax unified
    .arch armv7-a
    .arch_extension virt
    .text

    .macro FUNC name
    .global \name
    .type \name, %function
    .balign 4
\name:
    .endm

/* long hypercall(u32 nr, u32 a0, u32 a1, u32 a2, u32 a3, u32 a4): a3, a4 come on the stack. */
    .arm
    FUNC hypercall
    push    {r4, lr}
    mov     r12, r0
    mov     r0, r1
    mov     r1, r2
    mov     r2, r3
    ldr     r3, [sp, #8]
    ldr     r4, [sp, #12]
    .global hypercall_hvc
hypercall_hvc:
    hvc     #0xEA1
    pop     {r4, pc}
    .size hypercall, . - hypercall

/* The same from Thumb state (T32 encoding 0xF7E0 0x8EA1). */
    .thumb
    .thumb_func
    FUNC hypercall_thumb
    push    {r4, lr}
    mov     r12, r0
    mov     r0, r1
    mov     r1, r2
    mov     r2, r3
    ldr     r3, [sp, #8]
    ldr     r4, [sp, #12]
    .global hypercall_thumb_hvc
hypercall_thumb_hvc:
    hvc     #0xEA1
    pop     {r4, pc}
    .size hypercall_thumb, . - hypercall_thumb
    .arm

/* u32 hvc_imm_NNNN(u32 r0): HVC with another immediate, r12 = 17 (xen_version) so that a
   hypervisor that ignored the immediate would visibly answer; Xen injects UNDEF instead. */
    .macro HVC_IMM imm
    FUNC hvc_imm_\imm
    push    {r4, lr}
    mov     r12, #17
    mov     r1, #0
    .global hvc_imm_\imm\()_insn
hvc_imm_\imm\()_insn:
    hvc     #0x\imm
    pop     {r4, pc}
    .endm
    HVC_IMM 0001
    HVC_IMM 0ea0
    HVC_IMM 0ea2
    HVC_IMM 1ea1
    HVC_IMM 1234

/* void smccc_call(u32 fn, u32 a1, u32 a2, u32 a3, struct smccc_res *res): HVC #0, r0-r3 out. */
    FUNC smccc_call
    push    {r4, lr}
    hvc     #0
    ldr     r4, [sp, #8]
    stmia   r4, {r0-r3}
    pop     {r4, pc}

/* u32 user_hvc(u32 unused): HVC #0xEA1 meant to run at PL0, where HVC is UNDEFINED. */
    FUNC user_hvc
    mov     r12, #17
    mov     r0, #0
    mov     r1, #0
    .global user_hvc_insn
user_hvc_insn:
    hvc     #0xEA1
    bx      lr
