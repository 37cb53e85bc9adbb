#include "rt.h"

/* PL011 data register. Bytes go straight out: neither QEMU nor Xenith models a FIFO that can
   fill up, so there is no status polling. */
void uart_putc(char c)
{
    REG32(UART_BASE) = (u8)c;
}

void uart_puts(const char *s)
{
    while (*s)
        uart_putc(*s++);
}

static void uart_put(void *ctx, char c)
{
    (void)ctx;
    uart_putc(c);
}

void vprintf(const char *fmt, va_list ap)
{
    vformat(uart_put, 0, fmt, ap);
}

void printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
}
