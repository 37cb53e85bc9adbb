/* A grant_table_op batch longer than the hypervisor runs per HVC: 600 GNTTABOP_swap_grant_ref
   elements (ref 8 with itself, always GNTST_okay). The hypervisor continues the call by rewinding
   the HVC with r1/r2 advanced; the guest only sees r0 = 0 at the end. r4 = the result, r9 = how
   many statuses read back as GNTST_okay. */
    .syntax unified
    .arm
    .arch_extension virt
    .global _start
    .equ    COUNT, 600
_start:
    adr     r5, buf
    ldr     r7, =COUNT
    mov     r0, #8
    ldr     r2, =0x777
1:  str     r0, [r5], #4                @ ref_a
    str     r0, [r5], #4                @ ref_b
    str     r2, [r5], #4                @ status, overwritten by the hypervisor
    subs    r7, r7, #1
    bne     1b

    mov     r12, #20                    @ grant_table_op
    mov     r0, #11                     @ GNTTABOP_swap_grant_ref
    adr     r1, buf
    ldr     r2, =COUNT
    hvc     #0xEA1
    mov     r4, r0

    adr     r5, buf
    ldr     r7, =COUNT
    mov     r9, #0
2:  ldrh    r0, [r5, #8]
    cmp     r0, #0
    addeq   r9, r9, #1
    add     r5, r5, #12
    subs    r7, r7, #1
    bne     2b

    mov     r12, #29                    @ sched_op
    mov     r0, #2                      @ SCHEDOP_shutdown
    adr     r1, reason
    hvc     #0xEA1
3:  b       3b

    .align  2
reason:
    .word   0                           @ SHUTDOWN_poweroff
    .ltorg
    .align  3
buf:
    .space  COUNT * 12
