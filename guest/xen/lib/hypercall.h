/* Hypercall entry and one typed wrapper per hypercall a domU may issue (names as Linux's
   HYPERVISOR_*). Every wrapper returns r0: 0 or a positive value on success, -XEN_Exxx on error. */
#ifndef XEN_HYPERCALL_H
#define XEN_HYPERCALL_H

#include "xen.h"

/* HVC #0xEA1 with r12 = nr, r0-r4 = a0-a4 (lib/hypercall.S). */
long hypercall(u32 nr, u32 a0, u32 a1, u32 a2, u32 a3, u32 a4);
long hypercall_thumb(u32 nr, u32 a0, u32 a1, u32 a2, u32 a3, u32 a4); /* the same, from Thumb state */
extern char hypercall_hvc[], hypercall_thumb_hvc[];                   /* the HVC instructions */

#define HC_PTR(p) ((u32)(p))

static inline long HYPERVISOR_xen_version(int cmd, void *arg)
{
    return hypercall(__HYPERVISOR_xen_version, (u32)cmd, HC_PTR(arg), 0, 0, 0);
}
static inline long HYPERVISOR_console_io(int cmd, u32 count, const char *buf)
{
    return hypercall(__HYPERVISOR_console_io, (u32)cmd, count, HC_PTR(buf), 0, 0);
}
static inline long HYPERVISOR_sched_op(int cmd, void *arg)
{
    return hypercall(__HYPERVISOR_sched_op, (u32)cmd, HC_PTR(arg), 0, 0, 0);
}
static inline long HYPERVISOR_memory_op(u32 cmd, void *arg)
{
    return hypercall(__HYPERVISOR_memory_op, cmd, HC_PTR(arg), 0, 0, 0);
}
static inline long HYPERVISOR_vcpu_op(int cmd, u32 vcpuid, void *arg)
{
    return hypercall(__HYPERVISOR_vcpu_op, (u32)cmd, vcpuid, HC_PTR(arg), 0, 0);
}
static inline long HYPERVISOR_hvm_op(int op, void *arg)
{
    return hypercall(__HYPERVISOR_hvm_op, (u32)op, HC_PTR(arg), 0, 0, 0);
}
static inline long HYPERVISOR_event_channel_op(int cmd, void *arg)
{
    return hypercall(__HYPERVISOR_event_channel_op, (u32)cmd, HC_PTR(arg), 0, 0, 0);
}
static inline long HYPERVISOR_grant_table_op(u32 cmd, void *uop, u32 count)
{
    return hypercall(__HYPERVISOR_grant_table_op, cmd, HC_PTR(uop), count, 0, 0);
}
static inline long HYPERVISOR_multicall(struct multicall_entry *calls, u32 nr)
{
    return hypercall(__HYPERVISOR_multicall, HC_PTR(calls), nr, 0, 0, 0);
}
static inline long HYPERVISOR_vm_assist(u32 cmd, u32 type)
{
    return hypercall(__HYPERVISOR_vm_assist, cmd, type, 0, 0, 0);
}
static inline long HYPERVISOR_physdev_op(int cmd, void *arg)
{
    return hypercall(__HYPERVISOR_physdev_op, (u32)cmd, HC_PTR(arg), 0, 0, 0);
}
static inline long HYPERVISOR_platform_op(void *op)
{
    return hypercall(__HYPERVISOR_platform_op, HC_PTR(op), 0, 0, 0, 0);
}
static inline long HYPERVISOR_domctl(void *op)
{
    return hypercall(__HYPERVISOR_domctl, HC_PTR(op), 0, 0, 0, 0);
}
static inline long HYPERVISOR_sysctl(void *op)
{
    return hypercall(__HYPERVISOR_sysctl, HC_PTR(op), 0, 0, 0, 0);
}

/* ---- convenience on top (lib/xen.c) ----------------------------------------------------------- */
long xen_shutdown(u32 reason);         /* SCHEDOP_shutdown; returns only if the hypervisor refused */
long xen_shutdown_code(u32 reason);    /* SCHEDOP_shutdown_code */
long xen_yield(void);                  /* SCHEDOP_yield */
long xen_block(void);                  /* SCHEDOP_block: also clears CPSR.I on return (Xen on ARM) */
long xen_poll(evtchn_port_t *ports, u32 nr, u64 timeout); /* SCHEDOP_poll */
long xen_watchdog(u32 id, u32 timeout); /* SCHEDOP_watchdog: new id, or 0, or -errno */
long xen_get_param(u32 index, u64 *value); /* HVMOP_get_param for DOMID_SELF */
long xen_set_param(u32 index, u64 value);
long xen_add_to_physmap(u32 space, u64 idx, u64 gpfn); /* DOMID_SELF */
long xen_remove_from_physmap(u64 gpfn);
long xen_reservation_op(u32 cmd, xen_pfn_t *gfns, u32 nr); /* decrease_reservation / populate_physmap, order 0 */
long xen_current_reservation(void);
long xen_maximum_reservation(void);
/* Registers vcpu_info for vCPU 0 at vi (8-aligned, inside one page). */
long xen_register_vcpu_info(u32 vcpu, void *vi);
static inline u64 virt_to_gfn(const void *p) { return (u32)p >> XEN_PAGE_SHIFT; }

#endif
