/* Runtime for paravirtualized Xen test guests: start-up, exceptions, CP15, GIC, console, printf,
   the report() protocol and the device-tree facts the guest needs. The Xen interfaces themselves
   (hypercalls, events, grants) are in hypercall.h, events.h and gnttab.h; the ABI is in xen.h. */
#ifndef XEN_RT_H
#define XEN_RT_H

#include <stdarg.h>
#include "types.h"
#include "xen.h"

#define REG32(a) (*(volatile u32 *)(a))

/* ---- memset, memcpy, strings, vformat, snprintf (guest/common) ------------------------------- */
#include "libc.h"

/* ---- console and printf (lib/console.c) ------------------------------------------------------- */
/* CONSOLEIO_write of n bytes; returns the hypercall result. */
long xen_console_write(const char *s, unsigned n);
/* printf goes through a line buffer flushed at '\n' (Xen prints domU output line by line). */
void console_putc(char c);
void console_flush(void);
void printf(const char *fmt, ...) __attribute__((format(printf, 1, 2))); /* %d %u %x %s %c %p, width, 0, l/ll */
void vprintf(const char *fmt, va_list ap);

/* ---- report protocol (lib/report.c) ---------------------------------------------------------- */
/* Lines: "PASS name", "FAIL name: detail", "SKIP name: why", "# note"; then
   "SUMMARY: N passed, M failed, K skipped" and SCHEDOP_shutdown(poweroff). */
void pass(const char *name);
void fail(const char *name, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void skip(const char *name, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int check(const char *name, int ok);
int check_eq(const char *name, u32 got, u32 want);    /* hex in the FAIL line */
int check_eq64(const char *name, u64 got, u64 want);
int check_rc(const char *name, long got, long want);  /* decimal: errnos, GNTST codes, counts */
int check_str(const char *name, const char *got, const char *want);
void report_finish(void) __attribute__((noreturn));   /* SUMMARY, then poweroff */
int report_failed(void);

void test_main(void); /* each program's body; the runtime calls report_finish after it */

/* ---- boot information (lib/boot.c, from the device tree in r2) -------------------------------- */
struct boot_info {
    u32 dtb;               /* guest physical address of the DTB (r2), 0 if none */
    int dt_ok;             /* the DTB parsed */
    int has_hypervisor;    /* /hypervisor compatible with "xen,xen" */
    char xen_compat[32];   /* first compatible string of /hypervisor, e.g. "xen,xen-4.17" */
    u32 xen_major, xen_minor; /* parsed from it */
    u64 gnttab_base, gnttab_size; /* /hypervisor reg[0] */
    u32 evtchn_irq;        /* GIC INTID of /hypervisor interrupts (PPI 31 = 31) */
    u64 mem_base, mem_size; /* first /memory reg entry */
    u32 gicd, gicc;        /* GIC distributor and CPU interface */
    u32 timer_virt_irq;    /* /timer interrupts[2] as INTID (27) */
    const char *bootargs;  /* /chosen bootargs or "" */
    u32 boot_r0, boot_r1;  /* registers at entry: the Linux boot protocol wants 0 and ~0 */
    u32 boot_cpsr;         /* CPSR at entry */
};
extern struct boot_info boot;

/* ---- modes, exceptions (lib/start.S, lib/exc.c) ------------------------------------------------ */
#include "exc.h" /* modes, struct exc_frame, exc_skip/recover/leave_user, run_user (guest/common) */

typedef void (*exc_hook)(struct exc_frame *f);
void exc_set_hook(int kind, exc_hook h);   /* 0: default (IRQ: GIC dispatch; others: FAIL and stop) */
const char *exc_name(int kind);

/* The last exception seen by exc_record_hook (records, then recovers the try_call or skips). */
struct exc_record {
    u32 count, kind, spsr, lr, insn, fsr, far;
};
extern volatile struct exc_record exc_rec;
void exc_record_reset(void);
void exc_record_hook(struct exc_frame *f);
void exc_record_install(void); /* exc_record_hook for UND, PABT, DABT */

/* u32 try_call(fn, arg): fn(arg); an exception hook may end it early with exc_recover. */
u32 try_call(u32 (*fn)(u32), u32 arg);

/* Single accesses; with exc_record_install a faulting load returns PROBE_FAULT. */
#define PROBE_FAULT 0xbad0bad0u
u32 probe_read(u32 addr);
void probe_write(u32 addr, u32 v);

static inline u32 get_cpsr(void) { u32 v; __asm__ volatile("mrs %0, cpsr" : "=r"(v)); return v; }
static inline void irq_enable(void) { __asm__ volatile("cpsie i" ::: "memory"); }
static inline void irq_disable(void) { __asm__ volatile("cpsid i" ::: "memory"); }
static inline void isb(void) { __asm__ volatile("isb" ::: "memory"); }
static inline void dsb(void) { __asm__ volatile("dsb" ::: "memory"); }
static inline void dmb(void) { __asm__ volatile("dmb" ::: "memory"); }
static inline void wfi(void) { __asm__ volatile("wfi" ::: "memory"); }
static inline u32 irq_save(void) { u32 f = get_cpsr(); irq_disable(); return f; }
static inline void irq_restore(u32 f) { if (!(f & PSR_I)) irq_enable(); }

static inline u32 read_dfsr(void) { u32 v; __asm__ volatile("mrc p15, 0, %0, c5, c0, 0" : "=r"(v)); return v; }
static inline u32 read_dfar(void) { u32 v; __asm__ volatile("mrc p15, 0, %0, c6, c0, 0" : "=r"(v)); return v; }
static inline u32 read_ifsr(void) { u32 v; __asm__ volatile("mrc p15, 0, %0, c5, c0, 1" : "=r"(v)); return v; }
static inline u32 read_ifar(void) { u32 v; __asm__ volatile("mrc p15, 0, %0, c6, c0, 2" : "=r"(v)); return v; }
static inline u32 read_sctlr(void) { u32 v; __asm__ volatile("mrc p15, 0, %0, c1, c0, 0" : "=r"(v)); return v; }
static inline u32 read_mpidr(void) { u32 v; __asm__ volatile("mrc p15, 0, %0, c0, c0, 5" : "=r"(v)); return v; }
static inline u32 read_cntfrq(void) { u32 v; __asm__ volatile("mrc p15, 0, %0, c14, c0, 0" : "=r"(v)); return v; }
static inline u64 read_cntvct(void)
{
    u32 lo, hi;
    __asm__ volatile("isb; mrrc p15, 1, %0, %1, c14" : "=r"(lo), "=r"(hi)::"memory");
    return ((u64)hi << 32) | lo;
}

/* ---- GICv2 at the addresses the device tree gives (lib/gic.c) -------------------------------- */
#define GICD_CTLR 0x000
#define GICD_TYPER 0x004
#define GICD_ISENABLER 0x100
#define GICD_ICENABLER 0x180
#define GICD_ISPENDR 0x200
#define GICD_ICPENDR 0x280
#define GICD_IPRIORITYR 0x400
#define GICC_CTLR 0x00
#define GICC_PMR 0x04
#define GICC_IAR 0x0c
#define GICC_EOIR 0x10
#define GIC_SPURIOUS 1023

typedef void (*irq_handler)(u32 intid, void *arg);
void gic_init(void);                 /* distributor and CPU interface on, PMR 0xf0, all PPIs off */
void gic_enable(u32 intid);
void gic_disable(u32 intid);
void gic_set_priority(u32 intid, u8 prio);
int gic_is_pending(u32 intid);
void irq_set_handler(u32 intid, irq_handler fn, void *arg); /* also enables the interrupt */
extern volatile u32 irq_count, irq_spurious_count, irq_unhandled_count;
extern volatile u32 irq_last_intid;

/* ---- SMCCC over HVC #0 (lib/hypercall.S) ----------------------------------------------------- */
struct smccc_res {
    u32 a0, a1, a2, a3;
};
void smccc_call(u32 fn, u32 a1, u32 a2, u32 a3, struct smccc_res *res);

#endif
