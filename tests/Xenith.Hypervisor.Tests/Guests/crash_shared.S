/* A granter that dies: it writes a mark into its page at 0x40010000 (which the test has granted to the
   other domain and mapped there), then ends itself with SCHEDOP_shutdown(SHUTDOWN_crash). */
    .syntax unified
    .arm
    .arch_extension virt
    .global _start
_start:
    ldr     r1, =0x40010000
    ldr     r0, =0xC0FFEE11
    str     r0, [r1]
    mov     r12, #29                    @ sched_op
    mov     r0, #2                      @ SCHEDOP_shutdown
    adr     r1, reason
    hvc     #0xEA1
1:  b       1b
    .align  2
reason:
    .word   3                           @ SHUTDOWN_crash
    .ltorg
