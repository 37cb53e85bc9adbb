#include "rt.h"
#include "hypercall.h"

static int passed, failed, skipped;

static void line_end(const char *fmt, va_list ap)
{
    vprintf(fmt, ap);
    console_putc('\n');
}

void pass(const char *name)
{
    passed++;
    printf("PASS %s\n", name);
}

void fail(const char *name, const char *fmt, ...)
{
    failed++;
    printf("FAIL %s: ", name);
    va_list ap;
    va_start(ap, fmt);
    line_end(fmt, ap);
    va_end(ap);
}

void skip(const char *name, const char *fmt, ...)
{
    skipped++;
    printf("SKIP %s: ", name);
    va_list ap;
    va_start(ap, fmt);
    line_end(fmt, ap);
    va_end(ap);
}

void note(const char *fmt, ...)
{
    printf("# ");
    va_list ap;
    va_start(ap, fmt);
    line_end(fmt, ap);
    va_end(ap);
}

int check(const char *name, int ok)
{
    if (ok)
        pass(name);
    else
        fail(name, "condition false");
    return ok;
}

int check_eq(const char *name, u32 got, u32 want)
{
    if (got == want) {
        pass(name);
        return 1;
    }
    fail(name, "got 0x%08x, want 0x%08x", got, want);
    return 0;
}

int check_eq64(const char *name, u64 got, u64 want)
{
    if (got == want) {
        pass(name);
        return 1;
    }
    fail(name, "got 0x%016llx, want 0x%016llx", got, want);
    return 0;
}

int check_rc(const char *name, long got, long want)
{
    if (got == want) {
        pass(name);
        return 1;
    }
    fail(name, "got %ld, want %ld", got, want);
    return 0;
}

int check_str(const char *name, const char *got, const char *want)
{
    if (strcmp(got, want) == 0) {
        pass(name);
        return 1;
    }
    fail(name, "got \"%s\", want \"%s\"", got, want);
    return 0;
}

int report_failed(void)
{
    return failed;
}

/* Always poweroff: the test harness judges by the lines, and a crash reason would hide them. */
void report_finish(void)
{
    irq_disable();
    printf("SUMMARY: %d passed, %d failed, %d skipped\n", passed, failed, skipped);
    console_flush();
    for (;;) {
        xen_shutdown(SHUTDOWN_poweroff);
        wfi();
    }
}
