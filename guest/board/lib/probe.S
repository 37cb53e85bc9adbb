/* Single memory accesses for the MMU tests. rec_handler skips a faulting access, so a load that
   aborted returns PROBE_FAULT (the register keeps the value set before it). */
    .syntax unified
    .arch armv7-a
    .arm
    .text

    .macro FUNC name
    .global \name
    .type \name, %function
    .balign 4
\name:
    .endm

    FUNC probe_ld
    mov     r1, r0
    ldr     r0, =0xbad0bad0
    ldr     r0, [r1]
    bx      lr
    FUNC probe_ldrt
    mov     r1, r0
    ldr     r0, =0xbad0bad0
    ldrt    r0, [r1]
    bx      lr
    FUNC probe_st
    str     r1, [r0]
    bx      lr
    FUNC probe_strt
    strt    r1, [r0]
    bx      lr
    .ltorg
