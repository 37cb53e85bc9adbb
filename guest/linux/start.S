/* Process entry for the Linux-domU tools: argc at [sp], argv after it; main's result is the exit code. */
    .syntax unified
    .arm
    .global _start
_start:
    ldr r0, [sp]
    add r1, sp, #4
    bl main
    mov r7, #248 /* exit_group */
    svc #0

/* long sys6(nr, a, b, c, d, e, f): the seventh argument is on the stack, the rest in registers. */
    .global sys6
sys6:
    push {r4, r5, r7, lr}
    mov r7, r0
    mov r0, r1
    mov r1, r2
    mov r2, r3
    ldr r3, [sp, #16]
    ldr r4, [sp, #20]
    ldr r5, [sp, #24]
    svc #0
    pop {r4, r5, r7, pc}
