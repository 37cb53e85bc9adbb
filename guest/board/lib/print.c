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

static void put_num(u64 v, unsigned base, int neg, int width, char pad)
{
    char buf[24];
    int n = 0;
    do {
        buf[n++] = "0123456789abcdef"[v % base];
        v /= base;
    } while (v);
    if (neg)
        buf[n++] = '-';
    while (width-- > n)
        uart_putc(pad);
    while (n)
        uart_putc(buf[--n]);
}

void vprintf(const char *fmt, va_list ap)
{
    for (; *fmt; fmt++) {
        if (*fmt != '%') {
            uart_putc(*fmt);
            continue;
        }
        fmt++;
        char pad = ' ';
        int width = 0, longs = 0;
        if (*fmt == '0')
            pad = '0', fmt++;
        while (*fmt >= '0' && *fmt <= '9')
            width = width * 10 + (*fmt++ - '0');
        while (*fmt == 'l')
            longs++, fmt++;
        switch (*fmt) {
        case 'd': {
            long long v = longs >= 2 ? va_arg(ap, long long) : va_arg(ap, int);
            put_num(v < 0 ? (u64)-v : (u64)v, 10, v < 0, width, pad);
            break;
        }
        case 'u':
        case 'x': {
            u64 v = longs >= 2 ? va_arg(ap, u64) : va_arg(ap, u32);
            put_num(v, *fmt == 'x' ? 16 : 10, 0, width, pad);
            break;
        }
        case 's': {
            const char *s = va_arg(ap, const char *);
            uart_puts(s ? s : "(null)");
            break;
        }
        case 'c':
            uart_putc((char)va_arg(ap, int));
            break;
        case '%':
            uart_putc('%');
            break;
        case 0:
            return;
        default:
            uart_putc('%');
            uart_putc(*fmt);
        }
    }
}

void printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
}

/* gcc may emit calls to these for struct copies and zeroing. */
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
