/* Exception entry and return for both guest runtimes: each vector table slot branches to
   exc_NAME, which saves a struct exc_frame (exc.h) on the mode's stack and calls the runtime's
   exc_dispatch(kind, frame); and run_user, which drops to User mode and comes back through the
   USER_EXIT_SVC that exc_frame_prepare recognizes. */
    .syntax unified
    .arm
    .arch armv7-a

    .equ MODE_USR, 0x10
    .equ MASK_IF, 0xc0
    .equ FRAME_SIZE, 72        /* struct exc_frame in exc.h */

    .section .text.vectors, "ax"
    .macro EXC_ENTRY name, kind
    .global exc_\name
exc_\name:
    sub     sp, sp, #FRAME_SIZE
    stmia   sp, {r0-r12}
    str     lr, [sp, #52]
    mrs     r0, spsr
    str     r0, [sp, #56]
    mov     r0, #\kind
    mov     r1, sp
    bl      exc_dispatch
    b       exc_return
    .endm

    EXC_ENTRY reset, 0
    EXC_ENTRY und, 1
    EXC_ENTRY svc, 2
    EXC_ENTRY pabt, 3
    EXC_ENTRY dabt, 4
    EXC_ENTRY hyp, 5
    EXC_ENTRY irq, 6
    EXC_ENTRY fiq, 7

/* The hook may have changed any saved register, the SPSR and the return address. */
exc_return:
    ldr     r0, [sp, #56]
    msr     spsr_cxsf, r0
    ldr     lr, [sp, #60]
    ldmia   sp, {r0-r12}
    add     sp, sp, #FRAME_SIZE
    movs    pc, lr

    .text
    .global run_user
    .global user_exit
run_user:
    push    {r4-r12, lr}
    ldr     r2, =user_saved_sp
    str     sp, [r2]
    mrs     r3, cpsr
    ldr     r2, =user_saved_cpsr
    str     r3, [r2]
    and     r3, r3, #MASK_IF
    orr     r3, r3, #MODE_USR
    msr     spsr_cxsf, r3
    mov     r12, r0
    mov     r0, r1
    ldr     lr, =user_trampoline
    movs    pc, lr
user_trampoline:
    ldr     sp, =__usr_stack_top
    blx     r12
    svc     #0xffff                     /* USER_EXIT_SVC in exc.h */
    b       .
/* Reached by an exception return with run_user's saved CPSR; r0 = result. */
user_exit:
    ldr     r2, =user_saved_sp
    ldr     sp, [r2]
    pop     {r4-r12, pc}
    .ltorg
