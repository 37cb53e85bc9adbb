/* A CPU hog for the scheduler tests: spins reading the virtual counter (CNTVCT) until the deadline below,
   counting iterations in r5, then powers off. Its CPU time is what the scheduler gave it. */
    .syntax unified
    .arm
    .arch_extension virt
    .global _start
_start:
    ldr     r4, deadline
    mov     r5, #0
1:  add     r5, r5, #1
    mrrc    p15, 1, r0, r1, c14 @ CNTVCT
    cmp     r1, #0
    bne     2f
    cmp     r0, r4
    blo     1b
2:  mov     r12, #29            @ sched_op
    mov     r0, #2              @ SCHEDOP_shutdown
    adr     r1, reason
    hvc     #0xEA1
3:  b       3b
    .align  2
deadline:
    .word   125000000           @ 2 s at the 62.5 MHz counter
reason:
    .word   0                   @ SHUTDOWN_poweroff
