#include "rt.h"

static int passed, failed;

void pass(const char *name)
{
    passed++;
    printf("PASS %s\n", name);
}

void passf(const char *name, const char *fmt, ...)
{
    passed++;
    printf("PASS %s: ", name);
    va_list ap;
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    uart_putc('\n');
}

void fail(const char *name, const char *fmt, ...)
{
    failed++;
    printf("FAIL %s: ", name);
    va_list ap;
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    uart_putc('\n');
}

int check_eq(const char *name, u32 got, u32 want)
{
    if (got == want) {
        passed++;
        printf("PASS %s = 0x%08x\n", name, got);
        return 1;
    }
    fail(name, "got 0x%08x, want 0x%08x", got, want);
    return 0;
}

int check64_eq(const char *name, u64 got, u64 want)
{
    if (got == want) {
        passed++;
        printf("PASS %s = 0x%016llx\n", name, got);
        return 1;
    }
    fail(name, "got 0x%016llx, want 0x%016llx", got, want);
    return 0;
}

int check(const char *name, int ok)
{
    if (ok)
        pass(name);
    else
        fail(name, "condition false");
    return ok;
}

void finish(void)
{
    printf("SUMMARY: %d passed, %d failed\n", passed, failed);
    psci_system_off();
}

void psci_system_off(void)
{
    hvc_call(PSCI_SYSTEM_OFF, 0, 0, 0);
    for (;;)
        wfi();
}

void (*secondary_fn)(u32 context_id);

void rt_main(void);
void rt_main(void)
{
    test_main();
    finish();
}

void rt_secondary(u32 context_id);
void rt_secondary(u32 context_id)
{
    if (secondary_fn)
        secondary_fn(context_id);
}
