/* A guest with no way out of its exceptions: every vector is an undefined instruction, so the first
   UNDEF enters the undefined vector, which is UNDEF again, forever, retiring nothing. */
    .syntax unified
    .arm
    .global _start
_start:
    adr     r0, vectors
    mcr     p15, 0, r0, c12, c0, 0      @ VBAR
    isb
    .word   0xe7f000f0                  @ udf #0
1:  b       1b                          @ never reached

    .align  5
vectors:
    .rept   8
    .word   0xe7f000f0                  @ udf #0
    .endr
