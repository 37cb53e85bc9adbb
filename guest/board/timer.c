/* Generic timer: CNTFRQ, counters, virtual and physical timers (CVAL/TVAL, ENABLE/IMASK/ISTATUS),
   their PPIs through the GIC (27 virtual, 30 physical) with WFI, and CNTKCTL's PL0 access
   controls. Counts are never printed: only what the architecture fixes. */
#include "rt.h"

#define CTL_ENABLE 1u
#define CTL_IMASK 2u
#define CTL_ISTATUS 4u

struct timer {
    const char *name;
    u32 irq;
    u64 (*count)(void);
    u32 (*get_ctl)(void);
    void (*set_ctl)(u32);
    u64 (*get_cval)(void);
    void (*set_cval)(u64);
    u32 (*get_tval)(void);
    void (*set_tval)(u32);
};

static const struct timer timers[] = {
    {"virt", IRQ_TIMER_VIRT, read_cntvct, read_cntv_ctl, write_cntv_ctl, read_cntv_cval, write_cntv_cval,
     read_cntv_tval, write_cntv_tval},
    {"phys", IRQ_TIMER_PHYS, read_cntpct, read_cntp_ctl, write_cntp_ctl, read_cntp_cval, write_cntp_cval,
     read_cntp_tval, write_cntp_tval},
};

static char namebuf[80];
static const char *nm(const struct timer *t, const char *what)
{
    int n = 0;
    for (const char *s = t->name; *s; s++)
        namebuf[n++] = *s;
    namebuf[n++] = ' ';
    for (const char *s = what; *s && n < 79; s++)
        namebuf[n++] = *s;
    namebuf[n] = 0;
    return namebuf;
}

static volatile u32 irq_count, irq_iar, irq_ctl;
static const struct timer *irq_timer;

static void irq_handler(struct exc_frame *f)
{
    (void)f;
    u32 iar = gic_ack();
    if ((iar & 0x3ff) == 1023)
        return;
    irq_iar = iar;
    irq_ctl = irq_timer->get_ctl();
    irq_timer->set_ctl(CTL_ENABLE | CTL_IMASK); /* the line is level: mask it before EOI */
    irq_count++;
    gic_eoi(iar);
}

static void test_registers(const struct timer *t)
{
    t->set_ctl(0);
    isb();
    u64 now = t->count();
    t->set_cval(now + 0x100000000ull);
    isb();
    check_eq(nm(t, "cval readback high word"), (u32)((t->get_cval() - now) >> 32), 1);
    u32 tval = t->get_tval();
    /* TVAL is CVAL - count truncated to 32 bits: 0 here, after some ticks it wraps negative. */
    check(nm(t, "tval is (cval - count) mod 2^32"), tval == 0 || (s32)tval < 0);
    t->set_cval(now + 1000000000ull);
    isb();
    tval = t->get_tval();
    check(nm(t, "tval counts down from cval"), tval <= 1000000000u && tval > 900000000u);
    u64 before = t->count();
    t->set_tval(5000000);
    isb();
    u64 after = t->count();
    u64 cval = t->get_cval();
    check(nm(t, "tval write sets cval = count + tval"), cval >= before + 5000000 && cval <= after + 5000000);

    t->set_cval(0);
    t->set_ctl(CTL_ENABLE | CTL_IMASK);
    isb();
    check_eq(nm(t, "expired ctl (enable, imask, istatus)"), t->get_ctl(), CTL_ENABLE | CTL_IMASK | CTL_ISTATUS);
    check_eq(nm(t, "imask keeps the ppi quiet"), gic_is_pending(t->irq), 0);
    t->set_ctl(CTL_ENABLE);
    isb();
    dsb();
    check_eq(nm(t, "unmasked expired timer pends its ppi"), gic_is_pending(t->irq), 1);
    t->set_cval(~0ull);
    isb();
    check_eq(nm(t, "far cval clears istatus"), t->get_ctl(), CTL_ENABLE);
    check_eq(nm(t, "ppi no longer pending"), gic_is_pending(t->irq), 0);
    t->set_ctl(0);
}

static void test_interrupt(const struct timer *t)
{
    irq_timer = t;
    irq_count = 0;
    gic_enable(t->irq);
    irq_disable();
    t->set_tval(62500); /* 1 ms */
    t->set_ctl(CTL_ENABLE);
    isb();
    /* WFI wakes on a pending interrupt even with CPSR.I set; the handler runs in the window. */
    for (int i = 0; i < 100000 && !irq_count; i++) {
        wfi();
        irq_enable();
        isb();
        irq_disable();
    }
    check_eq(nm(t, "interrupt taken"), irq_count, 1);
    check_eq(nm(t, "iar"), irq_iar, t->irq);
    check_eq(nm(t, "ctl in handler"), irq_ctl, CTL_ENABLE | CTL_ISTATUS);
    t->set_ctl(0);
    gic_disable(t->irq);
}

static u32 user_read_cntvct(u32 arg)
{
    u32 lo = 0xbad0bad0u, hi = arg;
    __asm__ volatile("mrrc p15, 1, %0, %1, c14" : "+r"(lo), "+r"(hi));
    return lo != 0xbad0bad0u;
}

static u32 user_read_cntpct(u32 arg)
{
    u32 lo = 0xbad0bad0u, hi = arg;
    __asm__ volatile("mrrc p15, 0, %0, %1, c14" : "+r"(lo), "+r"(hi));
    return lo != 0xbad0bad0u;
}

static u32 user_read_cntfrq(u32 arg)
{
    u32 v = arg;
    __asm__ volatile("mrc p15, 0, %0, c14, c0, 0" : "+r"(v));
    return v;
}

static u32 user_read_cntv_ctl(u32 arg)
{
    u32 v = arg;
    __asm__ volatile("mrc p15, 0, %0, c14, c3, 1" : "+r"(v));
    return v;
}

static void expect_user(const char *name, u32 (*fn)(u32), u32 want, int und)
{
    rec_reset();
    u32 r = run_user(fn, 0xbad0bad0u);
    int took_und = exc_rec.count == 1 && exc_rec.kind == EXC_UND && (exc_rec.spsr & 0x1f) == MODE_USR;
    if (r == want && took_und == und)
        passf(name, "result 0x%08x und %d", r, took_und);
    else
        fail(name, "result 0x%08x und %d, want 0x%08x und %d", r, took_und, want, und);
}

static void test_cntkctl(void)
{
    write_cntkctl(0);
    isb();
    expect_user("pl0 cntvct denied", user_read_cntvct, 0, 1);
    expect_user("pl0 cntpct denied", user_read_cntpct, 0, 1);
    expect_user("pl0 cntfrq denied", user_read_cntfrq, 0xbad0bad0u, 1);
    expect_user("pl0 cntv_ctl denied", user_read_cntv_ctl, 0xbad0bad0u, 1);
    write_cntkctl(1u << 1); /* PL0VCTEN */
    isb();
    expect_user("pl0 cntvct allowed by pl0vcten", user_read_cntvct, 1, 0);
    expect_user("pl0 cntpct still denied", user_read_cntpct, 0, 1);
    expect_user("pl0 cntfrq allowed by pl0vcten", user_read_cntfrq, 62500000, 0);
    write_cntkctl(1u << 0); /* PL0PCTEN */
    isb();
    expect_user("pl0 cntpct allowed by pl0pcten", user_read_cntpct, 1, 0);
    expect_user("pl0 cntvct denied again", user_read_cntvct, 0, 1);
    write_cntv_ctl(CTL_IMASK);
    write_cntkctl(1u << 8); /* PL0VTEN */
    isb();
    expect_user("pl0 cntv_ctl allowed by pl0vten", user_read_cntv_ctl, CTL_IMASK, 0);
    write_cntv_ctl(0);
    write_cntkctl(0);
    isb();
}

void test_main(void)
{
    rec_install();
    gic_init();
    exc_set(EXC_IRQ, irq_handler);
    check_eq("cntfrq", read_cntfrq(), 62500000);
    u64 v0 = read_cntvct(), p0 = read_cntpct();
    for (volatile int i = 0; i < 10000; i++)
        ;
    u64 v1 = read_cntvct(), p1 = read_cntpct();
    check("cntvct monotonic and running", v1 > v0);
    check("cntpct monotonic and running", p1 > p0);
    for (u32 i = 0; i < 2; i++)
        test_registers(&timers[i]);
    for (u32 i = 0; i < 2; i++)
        test_interrupt(&timers[i]);
    test_cntkctl();
}
