/* Table-driven CRC-32 (IEEE, reflected) over a pseudo-random buffer, many passes. */
#include "rt.h"

const char bench_name[] = "crc32";

#define BUF_BYTES 16384
#define PASSES SCALED(1400u)

static u32 table[256];
static u8 buf[BUF_BYTES];

static void make_table(void)
{
    for (u32 i = 0; i < 256; i++) {
        u32 c = i;
        for (int k = 0; k < 8; k++)
            c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        table[i] = c;
    }
}

static u32 crc32(u32 crc, const u8 *p, u32 n)
{
    crc = ~crc;
    while (n--)
        crc = table[(crc ^ *p++) & 0xff] ^ (crc >> 8);
    return ~crc;
}

u32 bench_run(void)
{
    make_table();
    /* Sanity check against the standard test vector, so a wrong table cannot go unnoticed. */
    if (crc32(0, (const u8 *)"123456789", 9) != 0xCBF43926u)
        return 0xBAD0BAD0u;

    u32 seed = 99;
    for (u32 i = 0; i < BUF_BYTES; i += 4) {
        u32 v = lcg_next(&seed);
        buf[i] = (u8)v;
        buf[i + 1] = (u8)(v >> 8);
        buf[i + 2] = (u8)(v >> 16);
        buf[i + 3] = (u8)(v >> 24);
    }
    u32 crc = 0;
    for (u32 p = 0; p < PASSES; p++) {
        crc = crc32(crc, buf, BUF_BYTES);
        buf[p % BUF_BYTES] ^= (u8)crc;
    }
    return crc;
}
