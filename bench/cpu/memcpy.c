/* Copies buffers of a few KiB back and forth with a hand-written word copy (not libc), touching
   the data between rounds so no round can be skipped. */
#include "rt.h"

const char bench_name[] = "memcpy";

#define BUF_WORDS 2048 /* 8 KiB */
#define ROUNDS SCALED(50000u)

static u32 buf_a[BUF_WORDS], buf_b[BUF_WORDS];

/* Four words per step; the tail word by word. */
__attribute__((noinline)) static void copy_words(u32 *d, const u32 *s, u32 n)
{
    while (n >= 4) {
        u32 a = s[0], b = s[1], c = s[2], e = s[3];
        d[0] = a;
        d[1] = b;
        d[2] = c;
        d[3] = e;
        d += 4;
        s += 4;
        n -= 4;
    }
    while (n--)
        *d++ = *s++;
}

u32 bench_run(void)
{
    u32 seed = 7;
    for (u32 i = 0; i < BUF_WORDS; i++)
        buf_a[i] = lcg_next(&seed);

    u32 acc = 0;
    for (u32 r = 0; r < ROUNDS; r++) {
        /* Lengths 1..8 KiB and offsets vary so both the unrolled loop and the tail run. */
        u32 n = 256 + (lcg_next(&seed) >> 21) % (BUF_WORDS - 256);
        u32 off = (BUF_WORDS - n) & lcg_next(&seed);
        if (r & 1)
            copy_words(buf_a + off, buf_b, n);
        else
            copy_words(buf_b, buf_a + off, n);
        u32 *d = (r & 1) ? buf_a : buf_b;
        d[r % n] ^= r;
        acc = acc * 31 + d[n - 1] + d[n / 2];
    }
    for (u32 i = 0; i < BUF_WORDS; i++)
        acc += buf_a[i] ^ (buf_b[i] << 1);
    return acc;
}
