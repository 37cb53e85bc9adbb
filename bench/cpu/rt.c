#include "rt.h"

/* PL011 data register of QEMU virt's UART0. Bytes go straight out: neither QEMU nor Xenith
   models a FIFO that can fill up, so there is no status polling. */
#define UART_DR ((volatile u32 *)0x09000000u)

void uart_putc(char c)
{
    *UART_DR = (u8)c;
}

void uart_puts(const char *s)
{
    while (*s)
        uart_putc(*s++);
}

void print_hex(u32 v)
{
    uart_puts("0x");
    for (int shift = 28; shift >= 0; shift -= 4)
        uart_putc("0123456789abcdef"[(v >> shift) & 15]);
}

void print_dec(u64 v)
{
    char buf[21];
    int i = 20;
    buf[i] = 0;
    do {
        buf[--i] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    uart_puts(&buf[i]);
}

/* gcc may still emit calls to these for struct copies and zeroing. */
void *memset(void *d, int c, unsigned n)
{
    u8 *p = d;
    while (n--)
        *p++ = (u8)c;
    return d;
}

void *memcpy(void *d, const void *s, unsigned n)
{
    u8 *p = d;
    const u8 *q = s;
    while (n--)
        *p++ = *q++;
    return d;
}

#ifdef MEASURE
/* Under `qemu -icount shift=0` the PMU cycle counter advances one per guest instruction, which
   is how the kernels' sizes were chosen. Only in MEASURE builds: Xenith need not have a PMU. */
static u32 pmccntr(void)
{
    u32 v;
    __asm__ volatile("mrc p15, 0, %0, c9, c13, 0" : "=r"(v));
    return v;
}

static void pmu_start(void)
{
    __asm__ volatile("mcr p15, 0, %0, c9, c12, 0" ::"r"(1u | 4u));       /* PMCR: E, reset CCNT */
    __asm__ volatile("mcr p15, 0, %0, c9, c12, 1" ::"r"(0x80000000u)); /* PMCNTENSET: CCNT */
    __asm__ volatile("isb");
}
#endif

void rt_entry(void)
{
#ifdef MEASURE
    pmu_start();
    u32 t0 = pmccntr();
#endif
    u32 sum = bench_run();
#ifdef MEASURE
    u32 t1 = pmccntr();
#endif
    uart_puts(bench_name);
    uart_puts(": checksum ");
    print_hex(sum);
    uart_putc('\n');
#ifdef MEASURE
    uart_puts("instructions ");
    print_dec(t1 - t0);
    uart_putc('\n');
#endif
}
