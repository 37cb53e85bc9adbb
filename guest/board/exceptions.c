/* Exception entry: modes, LR offsets, SPSR, CPSR mask bits on entry, SVC immediates, BKPT,
   alignment faults, high vectors, Thumb exception entry, banked registers, IRQ/FIQ masking. */
#include "mmu.h"

void arm_udf(void), arm_svc(void), arm_bkpt(void), thumb_udf16(void), thumb_udf32(void), thumb_svc(void),
    thumb_bkpt(void);
u32 arm_load(u32 addr), arm_store(u32 addr, u32 v), user_cps(u32), banked_r8(u32), banked_sp(u32 mode);
extern char arm_svc_insn[], thumb_svc_insn[];
extern char __svc_stack_top[], __irq_stack_top[], __fiq_stack_top[], __abt_stack_top[], __und_stack_top[];

#define ENTRY_BITS 0x3ffu /* CPSR/SPSR bits the tests compare: E, A, I, F, T, M */

static u32 svc_imm;

static void svc_imm_handler(struct exc_frame *f)
{
    rec_handler(f);
    svc_imm = (f->spsr & PSR_T) ? *(volatile u16 *)(f->lr - 2) & 0xffu : *(volatile u32 *)(f->lr - 4) & 0xffffffu;
}

/* Runs fn (Thumb when bit 0 is set) and reports the exception it raised. */
static void expect_exc_at(const char *name, u32 fn, u32 addr, u32 kind, u32 lr_offset, u32 cpsr, u32 spsr)
{
    char buf[64];
    rec_reset();
    try_call(fn, 0);
    if (exc_rec.count != 1 || exc_rec.kind != kind) {
        fail(name, "count %u kind %u", exc_rec.count, exc_rec.kind);
        return;
    }
    const char *parts[] = {"lr-offset", "cpsr", "spsr"};
    u32 got[] = {exc_rec.lr - addr, exc_rec.cpsr & ENTRY_BITS, exc_rec.spsr & ENTRY_BITS};
    u32 want[] = {lr_offset, cpsr, spsr};
    for (int i = 0; i < 3; i++) {
        int n = 0;
        for (const char *s = name; *s; s++)
            buf[n++] = *s;
        buf[n++] = ' ';
        for (const char *s = parts[i]; *s; s++)
            buf[n++] = *s;
        buf[n] = 0;
        check_eq(buf, got[i], want[i]);
    }
}

#define expect_exc(name, fn, ...) expect_exc_at(name, fn, (fn) & ~1u, __VA_ARGS__)

static void test_entries(void)
{
    /* Run with A, I and F clear so that the bits set on entry show. */
    __asm__ volatile("cpsie aif");
    expect_exc("und-arm", (u32)arm_udf, EXC_UND, 4, MODE_UND | PSR_I, MODE_SVC);
    expect_exc("und-thumb16", (u32)thumb_udf16, EXC_UND, 2, MODE_UND | PSR_I, MODE_SVC | PSR_T);
    expect_exc("und-thumb32", (u32)thumb_udf32, EXC_UND, 2, MODE_UND | PSR_I, MODE_SVC | PSR_T);
    exc_set(EXC_SVC, svc_imm_handler);
    expect_exc_at("svc-arm", (u32)arm_svc, (u32)arm_svc_insn, EXC_SVC, 4, MODE_SVC | PSR_I, MODE_SVC);
    check_eq("svc-arm imm", svc_imm, 0x123456);
    expect_exc_at("svc-thumb", (u32)thumb_svc, (u32)thumb_svc_insn & ~1u, EXC_SVC, 2, MODE_SVC | PSR_I, MODE_SVC | PSR_T);
    check_eq("svc-thumb imm", svc_imm, 0xab);
    exc_set(EXC_SVC, rec_handler);
    expect_exc("bkpt-arm", (u32)arm_bkpt, EXC_PABT, 4, MODE_ABT | PSR_A | PSR_I, MODE_SVC);
    check_eq("bkpt-arm ifsr", exc_rec.fsr, 0x2);
    expect_exc("bkpt-thumb", (u32)thumb_bkpt, EXC_PABT, 4, MODE_ABT | PSR_A | PSR_I, MODE_SVC | PSR_T);
    check_eq("bkpt-thumb ifsr", exc_rec.fsr, 0x2);
    __asm__ volatile("cpsid aif");
}

static u32 user_udf(u32 arg)
{
    arm_udf();
    return arg + 1;
}

static void test_user(void)
{
    check_eq("user cps ignored", run_user(user_cps, 0) & 0x1ff, MODE_USR | PSR_F | PSR_I);
    rec_reset();
    u32 r = run_user(user_udf, 41);
    check_eq("user und result", r, 42);
    check_eq("user und spsr", exc_rec.spsr & ENTRY_BITS, MODE_USR | PSR_F | PSR_I);
    check_eq("user und mode", exc_rec.mode, MODE_UND);
}

static void test_banked(void)
{
    check_eq("banked r8 fiq/usr", banked_r8(0), 0x00880077);
    check("banked sp svc", banked_sp(MODE_SVC) < (u32)__svc_stack_top && banked_sp(MODE_SVC) > (u32)__svc_stack_top - 0x2000);
    check("banked sp irq", banked_sp(MODE_IRQ) == (u32)__irq_stack_top);
    check("banked sp fiq", banked_sp(MODE_FIQ) == (u32)__fiq_stack_top);
    check("banked sp abt", banked_sp(MODE_ABT) == (u32)__abt_stack_top);
    check("banked sp und", banked_sp(MODE_UND) == (u32)__und_stack_top);
}

static u32 aligned_word[2] = {0x11223344, 0x55667788};

static void test_alignment(void)
{
    u32 base = (u32)aligned_word;
    write_sctlr(read_sctlr() | SCTLR_A);
    isb();
    rec_reset();
    u32 v = arm_load(base + 1);
    check_eq("align ldr value", v, 0xbad0bad0);
    check_eq("align ldr kind", exc_rec.kind, EXC_DABT);
    /* DFSR[7:4] (domain) is UNKNOWN for alignment faults. */
    check_eq("align ldr dfsr", exc_rec.fsr & ~0xf0u, 0x001);
    check("align ldr dfar", exc_rec.far == base + 1);
    check_eq("align ldr mode", exc_rec.mode, MODE_ABT);
    rec_reset();
    arm_store(base + 2, 0);
    check_eq("align str dfsr", exc_rec.fsr & ~0xf0u, 0x801);
    check("align str dfar", exc_rec.far == base + 2);
    check_eq("align word intact", aligned_word[0], 0x11223344);
    rec_reset();
    check_eq("aligned ldr ok", arm_load(base + 4), 0x55667788);
    check_eq("aligned ldr no fault", exc_rec.count, 0);
    write_sctlr(read_sctlr() & ~SCTLR_A);
    isb();
}

static void test_high_vectors(void)
{
    /* 0xffff0000 is not RAM on this board: map the top MiB to a scratch MiB and copy the vector
       table there, with its SVC slot sent to the UND entry so the table used is visible. */
    u32 *l1 = pages_alloc(4, 16384);
    mmu_short_identity(l1);
    u32 phys = SCRATCH_BASE;
    l1[0xfff] = phys | S1_SECTION | S1_AP(AP_PRIV_RW) | S1_NORMAL;
    u32 *high = (u32 *)(phys + 0xf0000);
    memcpy(high, vectors_arm, 64);
    high[8 + EXC_SVC] = high[8 + EXC_UND];
    mmu_short_set(l1, 0, l1);
    mmu_on(SCTLR_V);
    rec_reset();
    __asm__ volatile("svc #7" ::: "memory", "lr");
    check_eq("high vectors svc via copied table", exc_rec.kind, EXC_UND);
    write_sctlr(read_sctlr() & ~SCTLR_V);
    isb();
    rec_reset();
    __asm__ volatile("svc #7" ::: "memory", "lr");
    check_eq("low vectors svc", exc_rec.kind, EXC_SVC);
    mmu_off();
}

static void test_thumb_entry(void)
{
    write_vbar((u32)vectors_thumb);
    write_sctlr(read_sctlr() | SCTLR_TE);
    isb();
    rec_reset();
    thumb_entry_cpsr = 0;
    __asm__ volatile("svc #8" ::: "memory", "lr");
    write_sctlr(read_sctlr() & ~SCTLR_TE);
    write_vbar((u32)vectors_arm);
    isb();
    /* The probe only runs if the entry was in Thumb state; MRS reads the T bit as 0. */
    check_eq("te entry cpsr via thumb probe", thumb_entry_cpsr & ENTRY_BITS, MODE_SVC | PSR_I | PSR_F | PSR_A);
    check_eq("te svc count", exc_rec.count, 1);
    check_eq("te svc spsr", exc_rec.spsr & ENTRY_BITS, MODE_SVC | PSR_I | PSR_F | PSR_A);
}

static volatile u32 irq_count, irq_cpsr, irq_spsr, irq_iar;

static void irq_handler(struct exc_frame *f)
{
    irq_count++;
    irq_cpsr = get_cpsr();
    irq_spsr = f->spsr;
    irq_iar = gic_ack();
    gic_eoi(irq_iar);
}

static void test_interrupts(void)
{
    gic_init();
    gic_enable(1);
    gic_set_priority(1, 0x80);
    exc_set(EXC_IRQ, irq_handler);
    exc_set(EXC_FIQ, irq_handler);
    __asm__ volatile("cpsid aif");
    GICD(GICD_SGIR) = (2u << 24) | 1; /* SGI 1 to this CPU only */
    dsb();
    for (volatile int i = 0; i < 1000; i++)
        ;
    check_eq("irq masked by cpsr.i", irq_count, 0);
    __asm__ volatile("cpsie aif" ::: "memory");
    for (volatile int i = 0; i < 1000 && !irq_count; i++)
        ;
    __asm__ volatile("cpsid aif" ::: "memory");
    check_eq("irq taken after cpsie", irq_count, 1);
    check_eq("irq cpsr", irq_cpsr & ENTRY_BITS, MODE_IRQ | PSR_A | PSR_I);
    check_eq("irq spsr", irq_spsr & ENTRY_BITS, MODE_SVC);
    check_eq("irq iar", irq_iar, 1);

    /* FIQEn: group 0 interrupts are signalled as FIQ. */
    irq_count = 0;
    GICC(GICC_CTLR) = 1 | (1u << 3);
    GICD(GICD_SGIR) = (2u << 24) | 1;
    dsb();
    __asm__ volatile("cpsie i" ::: "memory");
    for (volatile int i = 0; i < 1000; i++)
        ;
    check_eq("fiq masked by cpsr.f", irq_count, 0);
    __asm__ volatile("cpsie aif" ::: "memory");
    for (volatile int i = 0; i < 1000 && !irq_count; i++)
        ;
    __asm__ volatile("cpsid aif" ::: "memory");
    check_eq("fiq taken after cpsie", irq_count, 1);
    check_eq("fiq cpsr", irq_cpsr & ENTRY_BITS, MODE_FIQ | PSR_A | PSR_I | PSR_F);
    check_eq("fiq spsr", irq_spsr & ENTRY_BITS, MODE_SVC);
    check_eq("fiq iar", irq_iar, 1);
    GICC(GICC_CTLR) = 1;
    exc_set(EXC_IRQ, 0);
    exc_set(EXC_FIQ, 0);
}

void test_main(void)
{
    rec_install();
    test_entries();
    test_user();
    test_banked();
    test_alignment();
    test_high_vectors();
    test_thumb_entry();
    test_interrupts();
}
