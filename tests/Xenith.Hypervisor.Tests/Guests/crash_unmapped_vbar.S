/* Vectors in a hole of the IPA space: a load from the hole takes a data abort, whose vector cannot be
   fetched (a prefetch abort), whose vector cannot be fetched either, forever. */
    .syntax unified
    .arm
    .global _start
_start:
    ldr     r1, =0x10000000             @ nothing is mapped there (no vPCI)
    mcr     p15, 0, r1, c12, c0, 0      @ VBAR
    isb
    ldr     r0, [r1]
1:  b       1b                          @ never reached
    .ltorg
