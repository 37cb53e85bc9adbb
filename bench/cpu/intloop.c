/* Integer ALU loop: an LCG feeding xor, rotate, add and a data-dependent branch. */
#include "rt.h"

const char bench_name[] = "intloop";

#define ITERS SCALED(20000000u)

u32 bench_run(void)
{
    u32 x = 12345, acc = 0, odd = 0;
    for (u32 i = 0; i < ITERS; i++) {
        x = x * 1664525u + 1013904223u;
        acc ^= x;
        acc = (acc << 5) | (acc >> 27);
        acc += i;
        if (x & 0x100)
            odd++;
    }
    return acc ^ odd;
}
