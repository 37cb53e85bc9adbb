/* Runtime for the board test programs: UART output, PASS/FAIL bookkeeping, exception hooks,
   CP15 accessors, GICv2, generic timer and PSCI helpers. Board: QEMU virt (and Xenith's copy). */
#ifndef RT_H
#define RT_H

typedef unsigned char u8;
typedef unsigned short u16;
typedef unsigned int u32;
typedef unsigned long long u64;
typedef int s32;

#include <stdarg.h>
#include "libc.h" /* guest/common: memset, memcpy, strings, vformat, snprintf */
#include "exc.h"  /* guest/common: modes, struct exc_frame, exc_skip/recover/leave_user, run_user */

/* ---- board ---------------------------------------------------------------------------------- */
#define UART_BASE 0x09000000u
#define GICD_BASE 0x08000000u
#define GICC_BASE 0x08010000u
#define RAM_BASE 0x40000000u
#define SCRATCH_BASE 0x41000000u /* free RAM for test pages and frames: 0x41000000..0x43ffffff */
#define IRQ_UART 33
#define IRQ_TIMER_HYP 26
#define IRQ_TIMER_VIRT 27
#define IRQ_TIMER_SEC 29
#define IRQ_TIMER_PHYS 30

#define REG32(a) (*(volatile u32 *)(a))

/* ---- output and tests ----------------------------------------------------------------------- */
void uart_putc(char c);
void uart_puts(const char *s);
void printf(const char *fmt, ...); /* %d %u %x %s %c, width and 0 flag, l/ll for 64-bit */
void vprintf(const char *fmt, va_list ap);

void pass(const char *name);
void fail(const char *name, const char *fmt, ...);
void passf(const char *name, const char *fmt, ...); /* PASS name: details */
/* PASS "name = 0x%08x" when got == want, else FAIL with both values. */
int check_eq(const char *name, u32 got, u32 want);
int check64_eq(const char *name, u64 got, u64 want);
int check(const char *name, int ok);
void finish(void); /* SUMMARY line, then PSCI SYSTEM_OFF */

void test_main(void); /* each program's body */

/* ---- modes and exceptions ------------------------------------------------------------------- */
#define PSR_E (1u << 9)

typedef void (*exc_handler)(struct exc_frame *f);
void exc_set(int kind, exc_handler h); /* 0 restores the default (report and stop) */

/* The last exception seen by rec_handler (which records and then skips, recovers or leaves user). */
struct exc_record {
    u32 count;
    u32 kind;
    u32 mode;     /* CPSR.M of the handler */
    u32 cpsr;     /* CPSR of the handler */
    u32 spsr;
    u32 lr;
    u32 insn;     /* exc_insn_addr */
    u32 fsr, far; /* DFSR/DFAR for data aborts, IFSR/IFAR for prefetch aborts */
};
extern volatile struct exc_record exc_rec;
void rec_reset(void);
void rec_handler(struct exc_frame *f);
void rec_install(void); /* rec_handler for UND, SVC, PABT, DABT */

/* Single accesses (lib/probe.S); with rec_handler installed a faulting load returns PROBE_FAULT. */
#define PROBE_FAULT 0xbad0bad0u
u32 probe_ld(u32 addr);
u32 probe_ldrt(u32 addr);
void probe_st(u32 addr, u32 v);
void probe_strt(u32 addr, u32 v);
u32 try_call(u32 addr, u32 arg);

extern u32 vectors_arm[], vectors_thumb[];
extern volatile u32 thumb_entry_cpsr;

static inline u32 get_cpsr(void) { u32 v; __asm__ volatile("mrs %0, cpsr" : "=r"(v)); return v; }
static inline void irq_enable(void) { __asm__ volatile("cpsie i" ::: "memory"); }
static inline void irq_disable(void) { __asm__ volatile("cpsid i" ::: "memory"); }
static inline void fiq_enable(void) { __asm__ volatile("cpsie f" ::: "memory"); }
static inline void fiq_disable(void) { __asm__ volatile("cpsid f" ::: "memory"); }
static inline void isb(void) { __asm__ volatile("isb" ::: "memory"); }
static inline void dsb(void) { __asm__ volatile("dsb" ::: "memory"); }
static inline void dmb(void) { __asm__ volatile("dmb" ::: "memory"); }
static inline void wfi(void) { __asm__ volatile("wfi" ::: "memory"); }

/* ---- CP15 ----------------------------------------------------------------------------------- */
#define CP15_RW(name, op1, crn, crm, op2)                                                             \
    static inline u32 read_##name(void)                                                           \
    {                                                                                             \
        u32 v;                                                                                    \
        __asm__ volatile("mrc p15, " #op1 ", %0, " #crn ", " #crm ", " #op2 : "=r"(v));           \
        return v;                                                                                 \
    }                                                                                             \
    static inline void write_##name(u32 v)                                                        \
    {                                                                                             \
        __asm__ volatile("mcr p15, " #op1 ", %0, " #crn ", " #crm ", " #op2 ::"r"(v) : "memory"); \
    }
#define CP15_W(name, op1, crn, crm, op2)                                                              \
    static inline void name(u32 v)                                                                \
    {                                                                                             \
        __asm__ volatile("mcr p15, " #op1 ", %0, " #crn ", " #crm ", " #op2 ::"r"(v) : "memory"); \
    }
#define CP15_RW64(name, op1, crm)                                                                 \
    static inline u64 read_##name(void)                                                           \
    {                                                                                             \
        u32 lo, hi;                                                                               \
        __asm__ volatile("mrrc p15, " #op1 ", %0, %1, " #crm : "=r"(lo), "=r"(hi));               \
        return ((u64)hi << 32) | lo;                                                              \
    }                                                                                             \
    static inline void write_##name(u64 v)                                                        \
    {                                                                                             \
        __asm__ volatile("mcrr p15, " #op1 ", %0, %1, " #crm ::"r"((u32)v), "r"((u32)(v >> 32))  \
                         : "memory");                                                             \
    }

CP15_RW(midr, 0, c0, c0, 0)
CP15_RW(mpidr, 0, c0, c0, 5)
CP15_RW(id_mmfr0, 0, c0, c1, 4)
CP15_RW(sctlr, 0, c1, c0, 0)
CP15_RW(ttbr0, 0, c2, c0, 0)
CP15_RW(ttbr1, 0, c2, c0, 1)
CP15_RW(ttbcr, 0, c2, c0, 2)
CP15_RW(dacr, 0, c3, c0, 0)
CP15_RW(dfsr, 0, c5, c0, 0)
CP15_RW(ifsr, 0, c5, c0, 1)
CP15_RW(dfar, 0, c6, c0, 0)
CP15_RW(ifar, 0, c6, c0, 2)
CP15_RW(par, 0, c7, c4, 0)
CP15_RW(prrr, 0, c10, c2, 0) /* MAIR0 when TTBCR.EAE=1 */
CP15_RW(nmrr, 0, c10, c2, 1) /* MAIR1 when TTBCR.EAE=1 */
CP15_RW(vbar, 0, c12, c0, 0)
CP15_RW(contextidr, 0, c13, c0, 1)
CP15_RW(tpidrurw, 0, c13, c0, 2)
CP15_RW(cntfrq, 0, c14, c0, 0)
CP15_RW(cntkctl, 0, c14, c1, 0)
CP15_RW(cntp_tval, 0, c14, c2, 0)
CP15_RW(cntp_ctl, 0, c14, c2, 1)
CP15_RW(cntv_tval, 0, c14, c3, 0)
CP15_RW(cntv_ctl, 0, c14, c3, 1)
CP15_RW64(ttbr0_64, 0, c2)
CP15_RW64(ttbr1_64, 1, c2)
CP15_RW64(par64, 0, c7)
CP15_RW64(cntpct, 0, c14)
CP15_RW64(cntvct, 1, c14)
CP15_RW64(cntp_cval, 2, c14)
CP15_RW64(cntv_cval, 3, c14)
CP15_W(ats1cpr, 0, c7, c8, 0)
CP15_W(ats1cpw, 0, c7, c8, 1)
CP15_W(ats1cur, 0, c7, c8, 2)
CP15_W(ats1cuw, 0, c7, c8, 3)
CP15_W(tlbiall, 0, c8, c7, 0)
CP15_W(tlbimva, 0, c8, c7, 1)
CP15_W(tlbiasid, 0, c8, c7, 2)
CP15_W(tlbimvaa, 0, c8, c7, 3)
CP15_W(iciallu, 0, c7, c5, 0)

#define SCTLR_M (1u << 0)
#define SCTLR_A (1u << 1)
#define SCTLR_C (1u << 2)
#define SCTLR_I (1u << 12)
#define SCTLR_V (1u << 13)
#define SCTLR_WXN (1u << 19)
#define SCTLR_UWXN (1u << 20)
#define SCTLR_EE (1u << 25)
#define SCTLR_TRE (1u << 28)
#define SCTLR_AFE (1u << 29)
#define SCTLR_TE (1u << 30)

void mmu_off(void);
void mmu_on(u32 extra_sctlr_bits); /* invalidates the TLB, sets M and the given bits */
void tlb_flush_all(void);

/* ---- GICv2 ---------------------------------------------------------------------------------- */
#define GICD_CTLR 0x000
#define GICD_TYPER 0x004
#define GICD_IIDR 0x008
#define GICD_IGROUPR 0x080
#define GICD_ISENABLER 0x100
#define GICD_ICENABLER 0x180
#define GICD_ISPENDR 0x200
#define GICD_ICPENDR 0x280
#define GICD_ISACTIVER 0x300
#define GICD_ICACTIVER 0x380
#define GICD_IPRIORITYR 0x400
#define GICD_ITARGETSR 0x800
#define GICD_ICFGR 0xc00
#define GICD_SGIR 0xf00
#define GICD_CPENDSGIR 0xf10
#define GICD_SPENDSGIR 0xf20
#define GICC_CTLR 0x00
#define GICC_PMR 0x04
#define GICC_BPR 0x08
#define GICC_IAR 0x0c
#define GICC_EOIR 0x10
#define GICC_RPR 0x14
#define GICC_HPPIR 0x18
#define GICC_ABPR 0x1c
#define GICC_AIAR 0x20
#define GICC_AEOIR 0x24
#define GICC_AHPPIR 0x28
#define GICC_APR0 0xd0
#define GICC_IIDR 0xfc
#define GICC_DIR 0x1000
#define GICD(off) REG32(GICD_BASE + (off))
#define GICC(off) REG32(GICC_BASE + (off))

void gic_init(void); /* all interrupts disabled and group 0, distributor and CPU interface on, PMR 0xf0 */
void gic_enable(u32 irq);
void gic_disable(u32 irq);
void gic_set_priority(u32 irq, u8 prio);
void gic_set_target(u32 irq, u8 cpus);
void gic_set_pending(u32 irq);
void gic_clear_pending(u32 irq);
int gic_is_pending(u32 irq);
int gic_is_active(u32 irq);
u32 gic_ack(void);
void gic_eoi(u32 iar);

/* ---- PSCI (HVC #0) -------------------------------------------------------------------------- */
#define PSCI_VERSION 0x84000000u
#define PSCI_CPU_SUSPEND 0x84000001u
#define PSCI_CPU_OFF 0x84000002u
#define PSCI_CPU_ON 0x84000003u
#define PSCI_AFFINITY_INFO 0x84000004u
#define PSCI_MIGRATE_INFO_TYPE 0x84000006u
#define PSCI_SYSTEM_OFF 0x84000008u
#define PSCI_SYSTEM_RESET 0x84000009u
#define PSCI_FEATURES 0x8400000au
u32 hvc_call(u32 fn, u32 a1, u32 a2, u32 a3);
void psci_system_off(void) __attribute__((noreturn));
extern void secondary_entry(void);
extern void (*secondary_fn)(u32 context_id); /* what CPU 1 runs after PSCI CPU_ON(secondary_entry) */

#endif
