/* Start-up, vector tables and exception entry for the board test programs.
   Entry from QEMU's -kernel loader or Xenith's ELF loader: SVC mode, MMU off, IRQ/FIQ masked. */
    .syntax unified
    .arm
    .arch armv7-a
    .arch_extension virt
    .arch_extension sec

    .equ MODE_USR, 0x10
    .equ MODE_FIQ, 0x11
    .equ MODE_IRQ, 0x12
    .equ MODE_SVC, 0x13
    .equ MODE_ABT, 0x17
    .equ MODE_UND, 0x1b
    .equ MODE_SYS, 0x1f

    .section .text.start, "ax"
    .global _start
_start:
    cpsid   aif, #MODE_FIQ
    ldr     sp, =__fiq_stack_top
    cps     #MODE_IRQ
    ldr     sp, =__irq_stack_top
    cps     #MODE_ABT
    ldr     sp, =__abt_stack_top
    cps     #MODE_UND
    ldr     sp, =__und_stack_top
    cps     #MODE_SYS
    ldr     sp, =__usr_stack_top
    cps     #MODE_SVC
    ldr     sp, =__svc_stack_top
    ldr     r0, =__bss_start
    ldr     r1, =__bss_end
    mov     r2, #0
1:  cmp     r0, r1
    strlo   r2, [r0], #4
    blo     1b
    ldr     r0, =vectors_arm
    mcr     p15, 0, r0, c12, c0, 0      /* VBAR */
    isb
    bl      rt_main
    /* rt_main powers off; if PSCI returns, stop here. */
2:  wfi
    b       2b

/* PSCI CPU_ON entry for the secondary CPU: SVC mode, MMU off; r0 = context id. */
    .global secondary_entry
secondary_entry:
    ldr     sp, =__cpu1_stack_top
    ldr     r1, =vectors_arm
    mcr     p15, 0, r1, c12, c0, 0
    isb
    bl      rt_secondary
3:  wfi
    b       3b
    .ltorg

/* Vector tables: each slot loads its handler's address from the word 32 bytes further on, so a
   table can be copied anywhere (high vectors) as one 64-byte block. */
    .section .text.vectors, "ax"
    .balign 32
    .global vectors_arm
vectors_arm:
    .rept 8
    ldr     pc, [pc, #24]
    .endr
    .word   exc_reset, exc_und, exc_svc, exc_pabt, exc_dabt, exc_hyp, exc_irq, exc_fiq

/* The same table for SCTLR.TE=1 (exceptions taken in Thumb state): ldr.w pc interworks back to
   the ARM entry code. The SVC slot first goes through a Thumb stub that records the CPSR it
   was entered with. */
    .thumb
    .balign 32
    .global vectors_thumb
vectors_thumb:
    .rept 8
    ldr.w   pc, [pc, #28]
    .endr
    .word   exc_reset, exc_und, thumb_svc_probe + 1, exc_pabt, exc_dabt, exc_hyp, exc_irq, exc_fiq
thumb_svc_probe:
    push    {r0, r1}
    mrs     r0, cpsr
    ldr     r1, =thumb_entry_cpsr
    str     r0, [r1]
    pop     {r0, r1}
    ldr.w   pc, =exc_svc
    .ltorg
    .arm

/* The exc_NAME entry points and run_user are in ../common/exc_entry.S. */
    .text
/* u32 try_call(u32 addr, u32 arg): calls addr(arg) (bit 0 selects Thumb). An abort handler can
   resume at try_recover (see exc_recover in rt.c), which returns from try_call. */
    .global try_call
    .global try_recover
try_call:
    push    {r4, lr}
    ldr     r3, =try_saved_sp
    str     sp, [r3]
    mov     r2, r0
    mov     r0, r1
    blx     r2
    pop     {r4, pc}
try_recover:
    ldr     r3, =try_saved_sp
    ldr     sp, [r3]
    pop     {r4, pc}

/* u32 hvc_call(u32 fn, u32 a1, u32 a2, u32 a3): PSCI over HVC #0, result in r0. */
    .global hvc_call
hvc_call:
    hvc     #0
    bx      lr
    .ltorg
