/* GICv2 distributor and CPU interface, driven by polling GICC_IAR with CPSR.I set: ID registers,
   enables, software pending, acknowledge/EOI, active state, priorities and PMR, binary point
   preemption, running priority, spurious 1023, SGIs (to self and from CPU 1), ITARGETSR, ICFGR.
   Run with -smp 2. */
#include "rt.h"

#define SPURIOUS 1023u

static void reset_spis(void)
{
    for (u32 irq = 40; irq < 48; irq++) {
        gic_disable(irq);
        gic_clear_pending(irq);
        GICD(GICD_ICACTIVER + 4) = 1u << (irq % 32);
    }
}

static void test_ids(void)
{
    u32 typer = GICD(GICD_TYPER);
    check_eq("gicd_typer", typer, 0x28);
    printf("  irq lines %u, cpus %u, security extensions %u\n", ((typer & 0x1f) + 1) * 32, ((typer >> 5) & 7) + 1,
           (typer >> 10) & 1);
    check_eq("gicd_iidr", GICD(GICD_IIDR), 0x0000043b);
    check_eq("gicc_iidr", GICC(GICC_IIDR), 0x0002043b);
    check_eq("gicd_ctlr", GICD(GICD_CTLR), 1);
    check_eq("gicc_ctlr", GICC(GICC_CTLR), 1);
    check_eq("gicc_pmr", GICC(GICC_PMR), 0xf0);
}

static void test_enable_pending(void)
{
    gic_set_priority(40, 0x80);
    check_eq("ipriorityr byte readback", GICD(GICD_IPRIORITYR + 40) & 0xff, 0x80);
    gic_enable(40);
    check_eq("isenabler1 spi 40", GICD(GICD_ISENABLER + 4) & 0xff00, 0x0100);
    check_eq("icenabler1 reads enables", GICD(GICD_ICENABLER + 4) & 0xff00, 0x0100);
    gic_disable(40);
    check_eq("spi 40 disabled", GICD(GICD_ISENABLER + 4) & 0xff00, 0);

    /* Pending but disabled: not signalled. */
    gic_set_pending(40);
    check_eq("ispendr spi 40", gic_is_pending(40), 1);
    check_eq("disabled pending spi not acked", gic_ack(), SPURIOUS);
    gic_enable(40);
    check_eq("hppir", GICC(GICC_HPPIR), 40);
    u32 iar = gic_ack();
    check_eq("iar spi 40", iar, 40);
    check_eq("acked: not pending", gic_is_pending(40), 0);
    check_eq("acked: active", gic_is_active(40), 1);
    check_eq("rpr while active", GICC(GICC_RPR), 0x80);
    check_eq("nothing else pending", gic_ack(), SPURIOUS);
    gic_eoi(iar);
    check_eq("eoi: inactive", gic_is_active(40), 0);
    check_eq("rpr idle", GICC(GICC_RPR), 0xff);
    check_eq("spurious when idle", gic_ack(), SPURIOUS);

    gic_set_pending(41);
    gic_clear_pending(41);
    gic_enable(41);
    check_eq("icpendr clears pending", gic_ack(), SPURIOUS);

    /* Pending while active: active and pending together, acked again after EOI. */
    gic_set_pending(40);
    iar = gic_ack();
    gic_set_pending(40);
    check("active and pending", gic_is_active(40) && gic_is_pending(40));
    check_eq("same irq not acked while active", gic_ack(), SPURIOUS);
    gic_eoi(iar);
    iar = gic_ack();
    check_eq("re-pended irq acked after eoi", iar, 40);
    gic_eoi(iar);
    reset_spis();
}

static void test_priority(void)
{
    gic_set_priority(40, 0xa0);
    gic_enable(40);
    GICC(GICC_PMR) = 0xa0; /* only priorities numerically below PMR are signalled */
    gic_set_pending(40);
    check_eq("pmr masks equal priority", gic_ack(), SPURIOUS);
    GICC(GICC_PMR) = 0xa8;
    check_eq("pmr 0xa8 passes 0xa0", gic_ack(), 40);
    gic_eoi(40);
    GICC(GICC_PMR) = 0xf0;

    /* Two pending: the higher priority (lower value) first; equal priority: the lower ID. */
    gic_set_priority(41, 0x60);
    gic_set_priority(42, 0x60);
    gic_enable(41);
    gic_enable(42);
    gic_set_pending(40);
    gic_set_pending(42);
    gic_set_pending(41);
    u32 a = gic_ack();
    check_eq("highest priority, lowest id first", a, 41);
    check_eq("rpr 0x60", GICC(GICC_RPR), 0x60);
    check_eq("same priority does not preempt", gic_ack(), SPURIOUS);
    gic_eoi(a);
    a = gic_ack();
    check_eq("then 42", a, 42);
    gic_eoi(a);
    a = gic_ack();
    check_eq("then 40", a, 40);
    gic_eoi(a);
    reset_spis();

    /* Binary point: preemption compares group priorities only. 40 active at 0x90, 43 at 0x80. */
    gic_set_priority(40, 0x90);
    gic_set_priority(43, 0x80);
    gic_enable(40);
    gic_enable(43);
    for (u32 bpr = 0; bpr < 8; bpr++) {
        GICC(GICC_BPR) = bpr;
        printf("  bpr write %u reads %u\n", bpr, GICC(GICC_BPR));
    }
    /* The group priority of an active interrupt is fixed when it is acknowledged, so BPR is set
       before each acknowledge. */
    GICC(GICC_BPR) = 2; /* group priority bits [7:3]: 0x90 and 0x80 differ */
    gic_set_pending(40);
    a = gic_ack();
    gic_set_pending(43);
    u32 b = gic_ack();
    check_eq("bpr 2: 0x80 preempts active 0x90", b, 43);
    check_eq("nested active rpr", GICC(GICC_RPR), 0x80);
    gic_eoi(b);
    check_eq("rpr back to 0x90", GICC(GICC_RPR), 0x90);
    gic_eoi(a);
    check_eq("rpr idle after nesting", GICC(GICC_RPR), 0xff);
    GICC(GICC_BPR) = 4; /* group priority bits [7:5]: both 0x80 */
    gic_set_pending(40);
    a = gic_ack();
    check_eq("bpr 4: 40 acked", a, 40);
    gic_set_pending(43);
    check_eq("bpr 4: same group, no preemption", gic_ack(), SPURIOUS);
    gic_eoi(a);
    b = gic_ack();
    check_eq("43 after 40 completes", b, 43);
    gic_eoi(b);
    GICC(GICC_BPR) = 0;
    reset_spis();
}

static void test_active(void)
{
    GICD(GICD_ISACTIVER + 4) = 1u << (44 % 32);
    check_eq("isactiver sets active", gic_is_active(44), 1);
    GICD(GICD_ICACTIVER + 4) = 1u << (44 % 32);
    check_eq("icactiver clears active", gic_is_active(44), 0);
}

static void test_sgi(void)
{
    gic_set_priority(3, 0x80);
    gic_enable(3);
    GICD(GICD_SGIR) = (2u << 24) | 3; /* TargetListFilter 2: this CPU */
    check_eq("sgi 3 to self pending", GICD(GICD_ISPENDR) & 0xffff, 1u << 3);
    check_eq("spendsgir source cpu 0", GICD(GICD_SPENDSGIR) & 0xff000000u, 0x01000000u);
    u32 iar = gic_ack();
    check_eq("sgi iar (source cpu 0)", iar, 3);
    gic_eoi(iar);
    GICD(GICD_SGIR) = (0u << 24) | (1u << 16) | 4; /* target list: CPU 0 */
    gic_enable(4);
    iar = gic_ack();
    check_eq("sgi by target list", iar, 4);
    gic_eoi(iar);
    GICD(GICD_SGIR) = (1u << 24) | 5; /* all but self: not for us */
    gic_enable(5);
    check_eq("sgi to others not seen here", gic_ack(), SPURIOUS);
}

static volatile u32 cpu1_state;

static void cpu1_main(u32 ctx)
{
    (void)ctx;
    cpu1_state = 1;
    dsb();
    GICD(GICD_SGIR) = (1u << 16) | 6; /* SGI 6 to CPU 0 */
    dsb();
    cpu1_state = 2;
    hvc_call(PSCI_CPU_OFF, 0, 0, 0);
}

static void test_sgi_from_cpu1(void)
{
    gic_enable(6);
    secondary_fn = cpu1_main;
    dsb();
    check_eq("cpu_on cpu 1", hvc_call(PSCI_CPU_ON, 1, (u32)secondary_entry, 0), 0);
    for (u32 i = 0; i < 10000000 && cpu1_state != 2; i++)
        dmb();
    check_eq("cpu 1 sent its sgi", cpu1_state, 2);
    u32 iar = gic_ack();
    check_eq("sgi from cpu 1: iar source bits 12:10", iar, (1u << 10) | 6);
    gic_eoi(iar);
}

static void test_targets_config(void)
{
    check_eq("itargetsr0 (sgi) reads this cpu", GICD(GICD_ITARGETSR), 0x01010101);
    check_eq("itargetsr7 (ppi) reads this cpu", GICD(GICD_ITARGETSR + 28), 0x01010101);
    gic_set_target(45, 0x02);
    check_eq("itargetsr spi 45 = cpu 1", GICD(GICD_ITARGETSR + 44) >> 8 & 0xff, 0x02);
    gic_set_target(45, 0x03);
    check_eq("itargetsr spi 45 = cpus 0,1", GICD(GICD_ITARGETSR + 44) >> 8 & 0xff, 0x03);
    /* An SPI targeted at CPU 1 only is not signalled here. */
    gic_set_target(45, 0x02);
    gic_enable(45);
    gic_set_pending(45);
    check_eq("spi for cpu 1 not acked by cpu 0", gic_ack(), SPURIOUS);
    /* Not tested: retargeting a pending SPI. The GIC spec says the new target gets it; QEMU
       keeps the pending state with the CPUs targeted when it became pending. */
    gic_clear_pending(45);
    gic_set_target(45, 0x01);
    gic_set_pending(45);
    u32 iar = gic_ack();
    check_eq("spi for cpu 0 acked", iar, 45);
    gic_eoi(iar);

    check_eq("icfgr0 (sgi) edge", GICD(GICD_ICFGR), 0xaaaaaaaa);
    u32 cfg = GICD(GICD_ICFGR + 8);
    GICD(GICD_ICFGR + 8) = cfg | (2u << ((46 % 16) * 2)); /* SPI 46 edge-triggered */
    check_eq("icfgr spi 46 edge", (GICD(GICD_ICFGR + 8) >> ((46 % 16) * 2)) & 3, 2);
    GICD(GICD_ICFGR + 8) = cfg & ~(2u << ((46 % 16) * 2));
    check_eq("icfgr spi 46 level", (GICD(GICD_ICFGR + 8) >> ((46 % 16) * 2)) & 3, 0);
    reset_spis();
}

void test_main(void)
{
    irq_disable();
    gic_init();
    test_ids();
    test_enable_pending();
    test_priority();
    test_active();
    test_sgi();
    test_sgi_from_cpu1();
    test_targets_config();
}
