#include "rt.h"

void gic_init(void)
{
    u32 lines = ((GICD(GICD_TYPER) & 0x1f) + 1) * 32;
    GICD(GICD_CTLR) = 0;
    for (u32 i = 0; i < lines; i += 32) {
        GICD(GICD_ICENABLER + i / 8) = 0xffffffffu;
        GICD(GICD_ICPENDR + i / 8) = 0xffffffffu;
        GICD(GICD_ICACTIVER + i / 8) = 0xffffffffu;
        GICD(GICD_IGROUPR + i / 8) = 0;
    }
    for (u32 i = 0; i < lines; i += 4)
        GICD(GICD_IPRIORITYR + i) = 0xa0a0a0a0u;
    for (u32 i = 32; i < lines; i += 4)
        GICD(GICD_ITARGETSR + i) = 0x01010101u;
    GICD(GICD_CTLR) = 1;
    GICC(GICC_PMR) = 0xf0;
    GICC(GICC_BPR) = 0;
    GICC(GICC_CTLR) = 1;
}

void gic_enable(u32 irq)
{
    GICD(GICD_ISENABLER + (irq / 32) * 4) = 1u << (irq % 32);
}

void gic_disable(u32 irq)
{
    GICD(GICD_ICENABLER + (irq / 32) * 4) = 1u << (irq % 32);
}

void gic_set_priority(u32 irq, u8 prio)
{
    *(volatile u8 *)(GICD_BASE + GICD_IPRIORITYR + irq) = prio;
}

void gic_set_target(u32 irq, u8 cpus)
{
    *(volatile u8 *)(GICD_BASE + GICD_ITARGETSR + irq) = cpus;
}

void gic_set_pending(u32 irq)
{
    GICD(GICD_ISPENDR + (irq / 32) * 4) = 1u << (irq % 32);
}

void gic_clear_pending(u32 irq)
{
    GICD(GICD_ICPENDR + (irq / 32) * 4) = 1u << (irq % 32);
}

int gic_is_pending(u32 irq)
{
    return (GICD(GICD_ISPENDR + (irq / 32) * 4) >> (irq % 32)) & 1;
}

int gic_is_active(u32 irq)
{
    return (GICD(GICD_ISACTIVER + (irq / 32) * 4) >> (irq % 32)) & 1;
}

u32 gic_ack(void)
{
    return GICC(GICC_IAR);
}

void gic_eoi(u32 iar)
{
    GICC(GICC_EOIR) = iar;
}
