#include "libc.h"

typedef unsigned long long u64;

static void put_num(format_putc put, void *ctx, u64 v, unsigned base, int neg, int width, char pad)
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
        put(ctx, pad);
    while (n)
        put(ctx, buf[--n]);
}

void vformat(format_putc put, void *ctx, const char *fmt, va_list ap)
{
    for (; *fmt; fmt++) {
        if (*fmt != '%') {
            put(ctx, *fmt);
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
            long long v = longs >= 2 ? va_arg(ap, long long) : longs ? va_arg(ap, long) : va_arg(ap, int);
            put_num(put, ctx, v < 0 ? -(u64)v : (u64)v, 10, v < 0, width, pad);
            break;
        }
        case 'u':
        case 'x': {
            u64 v = longs >= 2 ? va_arg(ap, u64) : longs ? va_arg(ap, unsigned long) : va_arg(ap, unsigned);
            put_num(put, ctx, v, *fmt == 'x' ? 16 : 10, 0, width, pad);
            break;
        }
        case 'p':
            put(ctx, '0');
            put(ctx, 'x');
            put_num(put, ctx, (unsigned)va_arg(ap, void *), 16, 0, 8, '0');
            break;
        case 's': {
            const char *s = va_arg(ap, const char *);
            for (s = s ? s : "(null)"; *s; s++)
                put(ctx, *s);
            break;
        }
        case 'c':
            put(ctx, (char)va_arg(ap, int));
            break;
        case '%':
            put(ctx, '%');
            break;
        case 0:
            return;
        default:
            put(ctx, '%');
            put(ctx, *fmt);
        }
    }
}

struct buf_sink {
    char *buf;
    unsigned size, len;
};

static void buf_put(void *ctx, char c)
{
    struct buf_sink *k = ctx;
    if (k->len + 1 < k->size)
        k->buf[k->len] = c;
    k->len++;
}

int snprintf(char *buf, unsigned size, const char *fmt, ...)
{
    struct buf_sink k = {buf, size, 0};
    va_list ap;
    va_start(ap, fmt);
    vformat(buf_put, &k, fmt, ap);
    va_end(ap);
    if (size)
        buf[k.len < size ? k.len : size - 1] = 0;
    return (int)k.len;
}
