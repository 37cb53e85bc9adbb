/* The smallest Xen guest: asks the version, prints a line through console_io, tries a hypercall
   that does not exist, and powers off with SCHEDOP_shutdown. Results stay in r4-r6 for the test. */
    .syntax unified
    .arm
    .arch_extension virt
    .global _start
_start:
    mov     r12, #17            @ xen_version
    mov     r0, #0              @ XENVER_version
    hvc     #0xEA1
    mov     r4, r0
    mov     r12, #18            @ console_io
    mov     r0, #0              @ CONSOLEIO_write
    mov     r1, #(msg_end - msg)
    adr     r2, msg
    hvc     #0xEA1
    mov     r5, r0
    mov     r12, #60            @ no such hypercall
    hvc     #0xEA1
    mov     r6, r0
    mov     r12, #29            @ sched_op
    mov     r0, #2              @ SCHEDOP_shutdown
    adr     r1, reason
    hvc     #0xEA1
1:  b       1b
msg:
    .ascii  "hello from a domU\n"
msg_end:
    .align  2
reason:
    .word   0                   @ SHUTDOWN_poweroff
