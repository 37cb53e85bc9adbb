#include "rt.h"
#include "hypercall.h"

long xen_console_write(const char *s, unsigned n)
{
    return HYPERVISOR_console_io(CONSOLEIO_write, n, s);
}

static char line[256];
static unsigned line_len;

void console_flush(void)
{
    if (line_len)
        xen_console_write(line, line_len);
    line_len = 0;
}

void console_putc(char c)
{
    u32 flags = irq_save(); /* upcall handlers may print too */
    line[line_len++] = c;
    if (c == '\n' || line_len == sizeof line)
        console_flush();
    irq_restore(flags);
}

/* ---- formatting: one engine for printf and snprintf ------------------------------------------ */
struct sink {
    char *buf; /* 0: console */
    unsigned size, len;
};

static void emit(struct sink *k, char c)
{
    if (!k->buf)
        console_putc(c);
    else if (k->len + 1 < k->size)
        k->buf[k->len] = c;
    k->len++;
}

static void put_num(struct sink *k, u64 v, unsigned base, int neg, int width, char pad)
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
        emit(k, pad);
    while (n)
        emit(k, buf[--n]);
}

static void format(struct sink *k, const char *fmt, va_list ap)
{
    for (; *fmt; fmt++) {
        if (*fmt != '%') {
            emit(k, *fmt);
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
            put_num(k, v < 0 ? -(u64)v : (u64)v, 10, v < 0, width, pad);
            break;
        }
        case 'u':
        case 'x': {
            u64 v = longs >= 2 ? va_arg(ap, u64) : longs ? va_arg(ap, unsigned long) : va_arg(ap, u32);
            put_num(k, v, *fmt == 'x' ? 16 : 10, 0, width, pad);
            break;
        }
        case 'p':
            emit(k, '0');
            emit(k, 'x');
            put_num(k, (u32)va_arg(ap, void *), 16, 0, 8, '0');
            break;
        case 's': {
            const char *s = va_arg(ap, const char *);
            for (s = s ? s : "(null)"; *s; s++)
                emit(k, *s);
            break;
        }
        case 'c':
            emit(k, (char)va_arg(ap, int));
            break;
        case '%':
            emit(k, '%');
            break;
        case 0:
            return;
        default:
            emit(k, '%');
            emit(k, *fmt);
        }
    }
}

void vprintf(const char *fmt, va_list ap)
{
    struct sink k = {0, 0, 0};
    format(&k, fmt, ap);
}

void printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
}

int snprintf(char *buf, unsigned size, const char *fmt, ...)
{
    struct sink k = {buf, size, 0};
    va_list ap;
    va_start(ap, fmt);
    format(&k, fmt, ap);
    va_end(ap);
    if (size)
        buf[k.len < size ? k.len : size - 1] = 0;
    return (int)k.len;
}
