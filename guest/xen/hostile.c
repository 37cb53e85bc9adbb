/* Hostile input (issue 4 item 9, spec 1.1-1.4): unknown hypercalls, privileged ones, bad
   pointers (holes, MMIO, the unmapped part of the grant window, a buffer running off the end
   of RAM), bad ports and grant refs, HVC with other immediates and HVC from PL0 (both UNDEF),
   unknown SMCCC functions. The domain must survive all of it and report. */
#include "rt.h"
#include "hypercall.h"
#include "events.h"
#include "gnttab.h"

#define HOLE 0x10000000u         /* vPCI ECAM window: nothing mapped without vPCI */
#define GNTTAB_UNMAPPED 0x38800000u /* inside the grant window, never mapped here */

extern u32 hvc_imm_0001(u32), hvc_imm_0ea0(u32), hvc_imm_0ea2(u32), hvc_imm_1ea1(u32), hvc_imm_1234(u32);
extern char hvc_imm_0001_insn[], hvc_imm_0ea0_insn[], hvc_imm_0ea2_insn[], hvc_imm_1ea1_insn[], hvc_imm_1234_insn[];
extern u32 user_hvc(u32);
extern char user_hvc_insn[];

static volatile u32 und_count, und_lr, und_spsr, und_mode;

/* Records the UNDEF and ends the try_call in progress, whatever LR says. */
static void und_hook(struct exc_frame *f)
{
    und_count++;
    und_lr = f->lr;
    und_spsr = f->spsr;
    und_mode = get_cpsr() & 0x1f;
    if ((f->spsr & 0x1f) == MODE_USR)
        exc_leave_user(f, 0xabadcafe);
    else
        exc_recover(f, 0xabadcafe);
}

static void hvc_imm_test(const char *name, u32 (*fn)(u32), const char *insn)
{
    und_count = 0;
    u32 r = try_call(fn, 0);
    char n[64];
    snprintf(n, sizeof n, "hostile.hvc-imm.%s.undef", name);
    if (!check(n, und_count == 1 && r == 0xabadcafe && und_mode == MODE_UND && (und_spsr & 0x1f) == MODE_SVC))
        note("r0 0x%08x, %u UNDEFs", r, und_count);
    snprintf(n, sizeof n, "hostile.hvc-imm.%s.lr", name);
    /* As if the HVC itself were undefined: LR = HVC + 4 (ARM ARM). Real Xen uses the HVC's
       preferred return address and gives HVC + 8. */
    if (und_count == 1 && !check_eq(n, und_lr - (u32)insn, 4))
        note("LR = HVC + %d", (int)(und_lr - (u32)insn));
}

void test_main(void)
{
    /* Unknown and unavailable hypercall numbers. */
    static const u32 unknown[] = {0, 1, 2, 6, 11, 14, 15, 16, 19, 22, 23, 25, 26, 30, 31, 37, 38, 40,
                                  48, 55, 56, 63, 64, 1000, 0x7fffffff, 0xffffffff};
    for (u32 i = 0; i < ARRAY_SIZE(unknown); i++) {
        char n[48];
        snprintf(n, sizeof n, "hostile.hypercall-%u.enosys", unknown[i]);
        check_rc(n, hypercall(unknown[i], 0, 0, 0, 0, 0), -XEN_ENOSYS);
    }

    /* Privileged operations refuse a domU. */
    static u32 ctl[64];
    memset(ctl, 0, sizeof ctl);
    ctl[0] = 5;          /* XEN_DOMCTL_getdomaininfo / XEN_SYSCTL_physinfo-ish cmd word */
    ctl[1] = 0x00000015; /* interface version of Xen 4.17 */
    check_rc("hostile.domctl.eperm", HYPERVISOR_domctl(ctl), -XEN_EPERM);
    check_rc("hostile.sysctl.eperm", HYPERVISOR_sysctl(ctl), -XEN_EPERM);
    memset(ctl, 0, sizeof ctl);
    ctl[0] = 62;         /* XENPF_settime64 */
    ctl[1] = 0x03000001; /* XENPF_INTERFACE_VERSION */
    check_rc("hostile.platform-op.eperm", HYPERVISOR_platform_op(ctl), -XEN_EPERM);
    check_rc("hostile.physdev-op.irq-status-query", HYPERVISOR_physdev_op(PHYSDEVOP_irq_status_query, ctl), -XEN_ENOSYS);
    check_rc("hostile.physdev-op.map-pirq", HYPERVISOR_physdev_op(PHYSDEVOP_map_pirq, ctl), -XEN_ENOSYS);

    /* Bad pointers: -EFAULT, never a fault in the guest. */
    exc_record_install();
    exc_record_reset();
    static const u32 bad_ptrs[] = {0, HOLE, GUEST_GICD_BASE, GNTTAB_UNMAPPED, 0xfffff000u};
    for (u32 i = 0; i < ARRAY_SIZE(bad_ptrs); i++) {
        char n[64];
        u32 p = bad_ptrs[i];
        snprintf(n, sizeof n, "hostile.efault.0x%08x.extraversion", p);
        check_rc(n, HYPERVISOR_xen_version(XENVER_extraversion, (void *)p), -XEN_EFAULT);
        snprintf(n, sizeof n, "hostile.efault.0x%08x.console-write", p);
        check_rc(n, HYPERVISOR_console_io(CONSOLEIO_write, 16, (const char *)p), -XEN_EFAULT);
        snprintf(n, sizeof n, "hostile.efault.0x%08x.evtchn-status", p);
        check_rc(n, HYPERVISOR_event_channel_op(EVTCHNOP_status, (void *)p), -XEN_EFAULT);
        snprintf(n, sizeof n, "hostile.efault.0x%08x.gnttab-query-size", p);
        check_rc(n, HYPERVISOR_grant_table_op(GNTTABOP_query_size, (void *)p, 1), -XEN_EFAULT);
        snprintf(n, sizeof n, "hostile.efault.0x%08x.memory-current", p);
        check_rc(n, HYPERVISOR_memory_op(XENMEM_current_reservation, (void *)p), -XEN_EFAULT);
        snprintf(n, sizeof n, "hostile.efault.0x%08x.vcpu-info", p);
        check_rc(n, HYPERVISOR_vcpu_op(VCPUOP_register_vcpu_info, 0, (void *)p), -XEN_EFAULT);
        snprintf(n, sizeof n, "hostile.efault.0x%08x.hvm-get-param", p);
        check_rc(n, HYPERVISOR_hvm_op(HVMOP_get_param, (void *)p), -XEN_EFAULT);
        snprintf(n, sizeof n, "hostile.efault.0x%08x.sched-poll", p);
        check_rc(n, HYPERVISOR_sched_op(SCHEDOP_poll, (void *)p), -XEN_EFAULT);
        snprintf(n, sizeof n, "hostile.efault.0x%08x.sched-shutdown", p);
        check_rc(n, HYPERVISOR_sched_op(SCHEDOP_shutdown, (void *)p), -XEN_EFAULT);
        snprintf(n, sizeof n, "hostile.efault.0x%08x.multicall", p);
        check_rc(n, HYPERVISOR_multicall((struct multicall_entry *)p, 1), -XEN_EFAULT);
    }
    /* A buffer that starts in RAM and runs off its end. */
    if (boot.mem_size) {
        u32 end = (u32)(boot.mem_base + boot.mem_size);
        check_rc("hostile.efault.ram-end.evtchn-status", HYPERVISOR_event_channel_op(EVTCHNOP_status, (void *)(end - 8)),
                 -XEN_EFAULT);
        check_rc("hostile.efault.ram-end.console-write", HYPERVISOR_console_io(CONSOLEIO_write, 64, (const char *)(end - 32)),
                 -XEN_EFAULT);
    }
    /* A good structure with a bad embedded handle. */
    evtchn_port_t *bad_ports = (evtchn_port_t *)HOLE;
    check_rc("hostile.efault.poll-ports-handle", xen_poll(bad_ports, 1, 1), -XEN_EFAULT);
    xen_pfn_t *bad_list = (xen_pfn_t *)HOLE;
    check_rc("hostile.reservation.bad-extent-list", xen_reservation_op(XENMEM_decrease_reservation, bad_list, 1), 0);
    check_rc("hostile.no-guest-faults", exc_rec.count, 0);

    /* Bad ports and grant refs. */
    check_rc("hostile.evtchn.send-4095", evtchn_send(4095), -XEN_EINVAL);
    check_rc("hostile.evtchn.send-huge", evtchn_send(0xfffffffu), -XEN_EINVAL);
    check_rc("hostile.evtchn.unmask-huge", evtchn_unmask(0x80000000u), -XEN_EINVAL);
    check_rc("hostile.evtchn.close-huge", evtchn_close(4096), -XEN_EINVAL);
    evtchn_port_t p;
    check_rc("hostile.evtchn.bind-virq-huge", evtchn_bind_virq(0xffffffffu, 0, &p), -XEN_EINVAL);
    check_rc("hostile.gnttab.map-bad-domain", gnttab_map(0x7fef, 8, HOLE, GNTMAP_host_map, 0, 0), GNTST_bad_domain);
    check_rc("hostile.gnttab.map-huge-ref", gnttab_map(xen_self_domid(), 0xffffffffu, HOLE, GNTMAP_host_map, 0, 0),
             GNTST_bad_gntref);
    check_rc("hostile.gnttab.unmap-bad-handle", gnttab_unmap(0x12345678, 0), GNTST_bad_handle);
    check_rc("hostile.gnttab.negative-count", HYPERVISOR_grant_table_op(GNTTABOP_copy, NULL, 0xffffffffu), -XEN_EINVAL);

    /* HVC with another immediate: an UNDEF in the guest, the hypervisor does nothing else. */
    exc_set_hook(EXC_UND, und_hook);
    hvc_imm_test("0x0001", hvc_imm_0001, hvc_imm_0001_insn);
    hvc_imm_test("0x0ea0", hvc_imm_0ea0, hvc_imm_0ea0_insn);
    hvc_imm_test("0x0ea2", hvc_imm_0ea2, hvc_imm_0ea2_insn);
    hvc_imm_test("0x1ea1", hvc_imm_1ea1, hvc_imm_1ea1_insn);
    hvc_imm_test("0x1234", hvc_imm_1234, hvc_imm_1234_insn);

    /* HVC at PL0 is UNDEFINED in the architecture: the guest kernel gets it, not Xen. */
    und_count = 0;
    u32 r = run_user(user_hvc, 0);
    check("hostile.hvc-from-user.undef", und_count == 1 && r == 0xabadcafe && (und_spsr & 0x1f) == MODE_USR);
    if (und_count == 1)
        check_eq("hostile.hvc-from-user.lr", und_lr - (u32)user_hvc_insn, 4);
    exc_set_hook(EXC_UND, 0);

    /* Unknown SMCCC functions answer NOT_SUPPORTED (-1). */
    struct smccc_res res;
    static const u32 unknown_fn[] = {0x82000000u, 0x83000010u, 0x86000000u, 0xC4000003u, 0x8400FFFEu, 0x8000FFFFu};
    for (u32 i = 0; i < ARRAY_SIZE(unknown_fn); i++) {
        char n[48];
        snprintf(n, sizeof n, "hostile.smccc-0x%08x.not-supported", unknown_fn[i]);
        smccc_call(unknown_fn[i], 0, 0, 0, &res);
        check_eq(n, res.a0, SMCCC_RET_NOT_SUPPORTED);
    }

    /* Still alive and still served. */
    check_rc("hostile.still-alive", HYPERVISOR_xen_version(XENVER_pagesize, NULL), 4096);
}
