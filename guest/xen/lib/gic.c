#include "rt.h"

/* GICv2 distributor and CPU interface at the addresses boot_info took from the device tree. */
#define GICD(off) REG32(boot.gicd + (off))
#define GICC(off) REG32(boot.gicc + (off))
#define NR_LOCAL_IRQS 32

static struct {
    irq_handler fn;
    void *arg;
} local_handlers[NR_LOCAL_IRQS];
volatile u32 irq_count, irq_spurious_count, irq_unhandled_count, irq_last_intid;

void gic_init(void)
{
    GICD(GICD_CTLR) = 0;
    GICD(GICD_ICENABLER) = 0xffffffffu;
    for (u32 i = 0; i < NR_LOCAL_IRQS; i += 4)
        GICD(GICD_IPRIORITYR + i) = 0xa0a0a0a0u;
    GICD(GICD_CTLR) = 1;
    GICC(GICC_PMR) = 0xf0;
    GICC(GICC_CTLR) = 1;
}

void gic_enable(u32 intid)
{
    GICD(GICD_ISENABLER + (intid / 32) * 4) = 1u << (intid % 32);
}

void gic_disable(u32 intid)
{
    GICD(GICD_ICENABLER + (intid / 32) * 4) = 1u << (intid % 32);
}

void gic_set_priority(u32 intid, u8 prio)
{
    u32 reg = GICD_IPRIORITYR + (intid & ~3u), shift = (intid & 3) * 8;
    GICD(reg) = (GICD(reg) & ~(0xffu << shift)) | ((u32)prio << shift);
}

int gic_is_pending(u32 intid)
{
    return (GICD(GICD_ISPENDR + (intid / 32) * 4) >> (intid % 32)) & 1;
}

void irq_set_handler(u32 intid, irq_handler fn, void *arg)
{
    if (intid >= NR_LOCAL_IRQS)
        return;
    local_handlers[intid].fn = fn;
    local_handlers[intid].arg = arg;
    if (fn)
        gic_enable(intid);
    else
        gic_disable(intid);
}

/* Default IRQ hook: acknowledge, run the handler, EOI (EOImode 0: drop and deactivate). */
void gic_dispatch(void);
void gic_dispatch(void)
{
    u32 iar = GICC(GICC_IAR), intid = iar & 0x3ff;
    if (intid == GIC_SPURIOUS) {
        irq_spurious_count++;
        return;
    }
    irq_count++;
    irq_last_intid = intid;
    if (intid < NR_LOCAL_IRQS && local_handlers[intid].fn)
        local_handlers[intid].fn(intid, local_handlers[intid].arg);
    else
        irq_unhandled_count++;
    GICC(GICC_EOIR) = iar;
}
