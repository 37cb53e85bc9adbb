/* The benchmark runtime: UART output and the entry point that runs one kernel. */
#ifndef RT_H
#define RT_H

typedef unsigned int u32;
typedef int s32;
typedef unsigned short u16;
typedef unsigned char u8;
typedef unsigned long long u64;

/* Builds for tests divide every kernel's iteration count by ITERS_DIV (-DITERS_DIV=100). */
#ifndef ITERS_DIV
#define ITERS_DIV 1
#endif
#define SCALED(n) ((n) / ITERS_DIV > 0 ? (n) / ITERS_DIV : 1)

/* Each kernel defines these two. */
extern const char bench_name[];
u32 bench_run(void);

void uart_putc(char c);
void uart_puts(const char *s);
void print_hex(u32 v);
void print_dec(u64 v);

/* The same pseudo-random sequence everywhere, so inputs are identical on every emulator. */
static inline u32 lcg_next(u32 *state)
{
    *state = *state * 1664525u + 1013904223u;
    return *state;
}

#endif
