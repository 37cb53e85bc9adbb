/* Entry from QEMU's -kernel loader or Xenith's ELF loader: SVC mode, interrupts masked, MMU and caches off.
   Always ARM code; rt_entry may be Thumb (the Thumb build), hence BLX through a register. */
    .syntax unified
    .arm
    .arch_extension virt
    .section .text.start, "ax"
    .global _start
_start:
    ldr     sp, =__stack_top
    ldr     r0, =__bss_start
    ldr     r1, =__bss_end
    mov     r2, #0
1:  cmp     r0, r1
    strlo   r2, [r0], #4
    blo     1b
    ldr     r3, =rt_entry
    blx     r3
    /* PSCI SYSTEM_OFF over HVC: QEMU virt (no EL2) powers off; Xenith exits to the host. */
    ldr     r0, =0x84000008
    hvc     #0
2:  wfi
    b       2b
    .ltorg
