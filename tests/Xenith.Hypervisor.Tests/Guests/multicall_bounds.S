/* Loops over guest data inside a multicall stay bounded. Entry 0 is a grant_table_op unmap batch of 4200
   elements (bad handles: each gets GNTST_bad_handle), more than one HVC may handle: the hypervisor preempts it,
   rewrites the entry's args with the rest and continues the multicall from it. Entry 1 is a multicall inside
   the multicall: -EINVAL. Results: r4 multicall rc, r5/r11 the entries' results, r6/r7 the statuses of
   elements 0 and 4199, r9 = entry 0's final uop minus the batch start, r10 its final count. */
    .syntax unified
    .arm
    .arch_extension virt
    .global _start
_start:
    mov     r12, #13                    @ multicall
    adr     r0, calls
    mov     r1, #2
    hvc     #0xEA1
    mov     r4, r0
    adr     r1, calls
    ldr     r5, [r1, #8]                @ entry 0 result (low word)
    ldr     r11, [r1, #64 + 8]          @ entry 1 result
    ldr     r9, [r1, #16 + 8]           @ entry 0 args[1]
    ldr     r0, =batch
    sub     r9, r9, r0
    ldr     r10, [r1, #16 + 16]         @ entry 0 args[2]
    ldr     r1, =batch
    ldrsh   r6, [r1, #20]
    ldr     r2, =(4199 * 24 + 20)
    ldrsh   r7, [r1, r2]
    mov     r12, #29                    @ sched_op
    mov     r0, #2                      @ SCHEDOP_shutdown
    adr     r1, reason
    hvc     #0xEA1
1:  b       1b
    .ltorg
    .align  3
calls:
    .quad   20, 0                       @ grant_table_op, result
    .quad   1
    .word   batch, 0
    .quad   4200, 0, 0, 0               @ GNTTABOP_unmap_grant_ref, uop, count
    .quad   13, 0                       @ multicall, result
    .word   calls, 0
    .quad   1, 0, 0, 0, 0
reason:
    .word   0                           @ SHUTDOWN_poweroff
    .align  3
batch:                                  @ 4200 struct gnttab_unmap_grant_ref, handle 0x7777 each
    .rept   4200
    .quad   0, 0
    .word   0x7777, 0x5555
    .endr
