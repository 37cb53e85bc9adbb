/* Domain B's side of a two-domain grant test: the test has mapped a writable grant of domain A at
   0x50000000 and a read-only one at 0x50001000 before B starts. B reads both, writes through the
   writable one, then stores through the read-only one, which must take a data abort (its handler
   records DFAR/DFSR and resumes). Results stay in r4-r8 for the test; then SCHEDOP_shutdown. */
    .syntax unified
    .arm
    .arch_extension virt
    .global _start
_start:
    adr     r0, vectors
    mcr     p15, 0, r0, c12, c0, 0      @ VBAR
    isb
    ldr     r1, =0x50000000
    ldr     r4, [r1]                    @ what A wrote
    ldr     r0, =0xB0B0CAFE
    str     r0, [r1, #4]                @ for A to see
    ldr     r2, =0x50001000
    ldr     r5, [r2]                    @ a read-only mapping reads
    mov     r6, #0
    ldr     r0, =0xDEADDEAD
    str     r0, [r2, #8]                @ and faults on a store
    mov     r6, #1                      @ not reached: the abort handler goes to done
done:
    mov     r12, #29                    @ sched_op
    mov     r0, #2                      @ SCHEDOP_shutdown
    adr     r1, reason
    hvc     #0xEA1
1:  b       1b

    .align  5
vectors:
    b       .                           @ reset
    b       .                           @ undefined
    b       .                           @ SVC
    b       .                           @ prefetch abort
    b       dabt
    b       .
    b       .                           @ IRQ
    b       .                           @ FIQ
dabt:
    mrc     p15, 0, r7, c6, c0, 0       @ DFAR
    mrc     p15, 0, r8, c5, c0, 0       @ DFSR
    mov     r6, #2
    b       done

    .align  2
reason:
    .word   0                           @ SHUTDOWN_poweroff
    .ltorg
