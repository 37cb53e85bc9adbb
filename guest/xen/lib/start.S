/* Start-up with the Linux boot protocol (spec 2.3): SVC mode, MMU and caches off, IRQ/FIQ/async
   aborts masked, r0 = 0, r1 = ~0, r2 = guest physical address of the device tree.
   Sets a stack per mode, clears BSS, points VBAR at the vector table and calls rt_main. */
    .syntax unified
    .arm
    .arch armv7-a

    .equ MODE_FIQ, 0x11
    .equ MODE_IRQ, 0x12
    .equ MODE_SVC, 0x13
    .equ MODE_ABT, 0x17
    .equ MODE_UND, 0x1b
    .equ MODE_SYS, 0x1f
    .equ MODE_USR, 0x10

    .section .text.start, "ax"
    .global _start
_start:
    mov     r4, r0
    mov     r5, r1
    mov     r6, r2
    mrs     r7, cpsr
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
    ldr     r0, =vectors
    mcr     p15, 0, r0, c12, c0, 0      /* VBAR; SCTLR.V is 0 at entry */
    isb
    mov     r0, r4
    mov     r1, r5
    mov     r2, r6
    mov     r3, r7
    bl      rt_main                     /* does not return: it shuts the domain down */
2:  wfi
    b       2b
    .ltorg

/* Each slot loads its handler from the word 32 bytes further on. */
    .section .text.vectors, "ax"
    .balign 32
    .global vectors
vectors:
    .rept 8
    ldr     pc, [pc, #24]
    .endr
    .word   exc_reset, exc_und, exc_svc, exc_pabt, exc_dabt, exc_hyp, exc_irq, exc_fiq

/* The exc_NAME entry points and run_user are in ../common/exc_entry.S. */
    .text
/* u32 try_call(u32 (*fn)(u32), u32 arg) */
    .global try_call
    .global try_recover
try_call:
    push    {r4-r11, lr}
    ldr     r3, =try_saved_sp
    str     sp, [r3]
    mov     r2, r0
    mov     r0, r1
    blx     r2
    pop     {r4-r11, pc}
/* Reached by an exception return (in the mode try_call ran in); r0 = the value to return. */
try_recover:
    ldr     r3, =try_saved_sp
    ldr     sp, [r3]
    pop     {r4-r11, pc}

/* Single accesses: a hook that skips the faulting instruction leaves the preset value. */
    .global probe_read
probe_read:
    mov     r1, r0
    ldr     r0, =0xbad0bad0
    ldr     r0, [r1]
    bx      lr
    .global probe_write
probe_write:
    str     r1, [r0]
    bx      lr
    .ltorg
