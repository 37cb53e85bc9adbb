/* The transfer tests' payload (guest/xen/xfer.h, guest/linux): Marsaglia's xorshift32 stream. The
   C# side's Xorshift32Stream gives the same bytes, so any sender and receiver agree on them. */
#ifndef GUEST_COMMON_XORSHIFT_H
#define GUEST_COMMON_XORSHIFT_H

/* Marsaglia's xorshift32 (13, 17, 5): the payload is its sequence of words from the seed. */
static inline unsigned int xorshift32(unsigned int x)
{
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    return x;
}

/* The payload as bytes, in any piece sizes: the xorshift32 states stored little-endian, the first word after one
   step (the C# side's Xorshift32Stream gives the same bytes). */
struct xfer_stream {
    unsigned int state, word, used;
};
#define XFER_STREAM(seed) {(seed), 0, 4}

static inline void xfer_stream_fill(struct xfer_stream *g, unsigned char *d, unsigned int n)
{
    unsigned int i = 0;
    while (g->used < 4 && i < n)
        d[i++] = (unsigned char)(g->word >> (8 * g->used++));
    if (((unsigned int)(d + i) & 3) == 0) {
        for (; n - i >= 4; i += 4) {
            g->state = xorshift32(g->state);
            *(unsigned int *)(d + i) = g->state;
        }
    }
    while (i < n) {
        if (g->used == 4) {
            g->state = xorshift32(g->state);
            g->word = g->state;
            g->used = 0;
        }
        d[i++] = (unsigned char)(g->word >> (8 * g->used++));
    }
}

#endif
