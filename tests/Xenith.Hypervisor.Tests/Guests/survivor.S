/* The domain that must not notice its neighbour crashing: it computes for a while (long enough for the other
   domain to crash and be destroyed), reports, and powers off. With r11 = 1 (set by the test) it also checks
   what the dead domain left it: the granted page mapped at 0x50000000 still reads the mark (into r4) and takes
   a store (read back into r9), interdomain port r6 is now unbound (EVTCHNOP_status: status in r7, unbound
   dom in r10), and the mapping (handle r5) unmaps (GNTST in r8). */
    .syntax unified
    .arm
    .arch_extension virt
    .global _start
_start:
    ldr     r3, =300000
spin:
    subs    r3, r3, #1
    bne     spin
    adr     r2, ran
    mov     r1, #(ran_end - ran)
    bl      print
    cmp     r11, #1
    bne     finish

    ldr     r1, =0x50000000
    ldr     r4, [r1]
    ldr     r0, =0x5A5A5A5A
    str     r0, [r1, #4]
    ldr     r9, [r1, #4]

    adr     r1, status                  @ struct evtchn_status
    ldr     r0, =0x7FF0                 @ DOMID_SELF
    str     r0, [r1]
    str     r6, [r1, #4]
    mov     r12, #32                    @ event_channel_op
    mov     r0, #5                      @ EVTCHNOP_status
    hvc     #0xEA1
    adr     r1, status
    ldr     r7, [r1, #8]
    ldrh    r10, [r1, #16]

    adr     r1, unmap                   @ struct gnttab_unmap_grant_ref
    ldr     r0, =0x50000000
    str     r0, [r1]
    str     r5, [r1, #16]
    mov     r12, #20                    @ grant_table_op
    mov     r0, #1                      @ GNTTABOP_unmap_grant_ref
    mov     r2, #1
    hvc     #0xEA1
    adr     r1, unmap
    ldrsh   r8, [r1, #20]

finish:
    adr     r2, summary
    mov     r1, #(summary_end - summary)
    bl      print
    mov     r12, #29                    @ sched_op
    mov     r0, #2                      @ SCHEDOP_shutdown
    adr     r1, reason
    hvc     #0xEA1
1:  b       1b

print:                                  @ console_io write r1 bytes at r2
    mov     r12, #18
    mov     r0, #0                      @ CONSOLEIO_write
    hvc     #0xEA1
    bx      lr

ran:
    .ascii  "PASS survivor.ran\n"
ran_end:
summary:
    .ascii  "SUMMARY: 1 passed, 0 failed, 0 skipped\n"
summary_end:
    .align  3
status:
    .space  24
unmap:
    .space  24
reason:
    .word   0                           @ SHUTDOWN_poweroff
    .ltorg
