/* The interactive domain of the boost test: 20 times, sleeps 5 ms in WFI on its virtual timer (PPI 27, through
   the vGIC with IRQs masked, so WFI just returns), then measures how late it woke: r6 = the largest lateness in
   counter ticks, r7 = wakeups. Then it powers off. */
    .syntax unified
    .arm
    .arch_extension virt
    .global _start
_start:
    ldr     r8, =0x03001000     @ GICD
    mov     r0, #1
    str     r0, [r8]            @ GICD_CTLR: enable
    mov     r0, #(1 << 27)
    str     r0, [r8, #0x100]    @ GICD_ISENABLER0: PPI 27
    ldr     r9, =0x03002000     @ GICC
    mov     r0, #0xF0
    str     r0, [r9, #4]        @ GICC_PMR
    mov     r0, #1
    str     r0, [r9]            @ GICC_CTLR: enable
    mov     r6, #0
    mov     r7, #0
1:  mrrc    p15, 1, r2, r3, c14 @ CNTVCT
    ldr     r0, period
    adds    r2, r2, r0
    adc     r3, r3, #0          @ r3:r2 = wake-up target
    mcrr    p15, 3, r2, r3, c14 @ CNTV_CVAL
    mov     r0, #1
    mcr     p15, 0, r0, c14, c3, 1 @ CNTV_CTL: enable, unmasked
    isb
2:  wfi
    mrrc    p15, 1, r0, r1, c14
    subs    r0, r0, r2
    sbcs    r1, r1, r3
    bmi     2b                  @ woke early (spurious): sleep again
    cmp     r0, r6
    movhi   r6, r0
    mov     r0, #0
    mcr     p15, 0, r0, c14, c3, 1 @ CNTV_CTL: off, the line drops
    isb
    ldr     r0, [r9, #0x0C]     @ GICC_IAR
    str     r0, [r9, #0x10]     @ GICC_EOIR
    add     r7, r7, #1
    cmp     r7, #20
    blo     1b
    mov     r12, #29            @ sched_op
    mov     r0, #2              @ SCHEDOP_shutdown
    adr     r1, reason
    hvc     #0xEA1
3:  b       3b
    .align  2
period:
    .word   312500              @ 5 ms at 62.5 MHz
reason:
    .word   0                   @ SHUTDOWN_poweroff
