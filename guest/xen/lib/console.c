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

static void console_put(void *ctx, char c)
{
    (void)ctx;
    console_putc(c);
}

void vprintf(const char *fmt, va_list ap)
{
    vformat(console_put, 0, fmt, ap);
}

void printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
}
