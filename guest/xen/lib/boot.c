#include "rt.h"
#include "fdt.h"
#include "hypercall.h"

struct boot_info boot;

static u32 parse_uint(const char **s)
{
    u32 v = 0;
    while (**s >= '0' && **s <= '9')
        v = v * 10 + (u32)(*(*s)++ - '0');
    return v;
}

/* Facts from the device tree libxl writes (spec 2.4); fixed addresses from spec 2.1 are only
   defaults for a tree that lacks them. */
static void parse_dt(void)
{
    boot.gicd = GUEST_GICD_BASE;
    boot.gicc = GUEST_GICC_BASE;
    boot.gnttab_base = GUEST_GNTTAB_BASE;
    boot.gnttab_size = GUEST_GNTTAB_SIZE;
    boot.evtchn_irq = GUEST_EVTCHN_PPI;
    boot.timer_virt_irq = 27;
    boot.bootargs = "";
    if (fdt_init((const void *)boot.dtb) != 0)
        return;
    boot.dt_ok = 1;
    int ac = (int)fdt_root_cells("#address-cells", 2), sc = (int)fdt_root_cells("#size-cells", 1);
    u32 len;

    int hyp = fdt_path("/hypervisor");
    const char *compat = fdt_getprop(hyp, "compatible", &len);
    if (compat && fdt_prop_has_string(compat, len, "xen,xen")) {
        boot.has_hypervisor = 1;
        unsigned n = strnlen(compat, len);
        if (n >= sizeof boot.xen_compat)
            n = sizeof boot.xen_compat - 1;
        memcpy(boot.xen_compat, compat, n);
        if (strncmp(compat, "xen,xen-", 8) == 0) {
            const char *v = boot.xen_compat + 8;
            boot.xen_major = parse_uint(&v);
            if (*v == '.') {
                v++;
                boot.xen_minor = parse_uint(&v);
            }
        }
        fdt_reg(hyp, 0, ac, sc, &boot.gnttab_base, &boot.gnttab_size);
        fdt_gic_irq(hyp, 0, &boot.evtchn_irq);
    }

    int mem = fdt_path("/memory");
    fdt_reg(mem, 0, ac, sc, &boot.mem_base, &boot.mem_size);

    int gic = fdt_find_compatible("arm,cortex-a15-gic");
    u64 a, s;
    if (gic >= 0 && fdt_reg(gic, 0, ac, sc, &a, &s) == 0)
        boot.gicd = (u32)a;
    if (gic >= 0 && fdt_reg(gic, 1, ac, sc, &a, &s) == 0)
        boot.gicc = (u32)a;

    int timer = fdt_find_compatible("arm,armv7-timer");
    if (timer >= 0)
        fdt_gic_irq(timer, 2, &boot.timer_virt_irq);

    const char *args = fdt_getprop(fdt_path("/chosen"), "bootargs", &len);
    if (args && len > 0 && args[len - 1] == 0)
        boot.bootargs = args;
}

/* A platform layer may override this to run before anything else (qemu/fakexen.c does). */
__attribute__((weak)) void platform_early(void);
__attribute__((weak)) void platform_early(void)
{
}

void rt_main(u32 r0, u32 r1, u32 r2, u32 cpsr);
void rt_main(u32 r0, u32 r1, u32 r2, u32 cpsr)
{
    boot.boot_r0 = r0;
    boot.boot_r1 = r1;
    boot.boot_cpsr = cpsr;
    boot.dtb = r2;
    platform_early();
    parse_dt();
    test_main();
    report_finish();
}
