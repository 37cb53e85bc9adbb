#include "rt.h"
#include "hypercall.h"

long xen_shutdown(u32 reason)
{
    struct sched_shutdown s = {reason};
    return HYPERVISOR_sched_op(SCHEDOP_shutdown, &s);
}

long xen_shutdown_code(u32 reason)
{
    struct sched_shutdown s = {reason};
    return HYPERVISOR_sched_op(SCHEDOP_shutdown_code, &s);
}

long xen_yield(void)
{
    return HYPERVISOR_sched_op(SCHEDOP_yield, NULL);
}

long xen_block(void)
{
    return HYPERVISOR_sched_op(SCHEDOP_block, NULL);
}

long xen_poll(evtchn_port_t *ports, u32 nr, u64 timeout)
{
    struct sched_poll p;
    memset(&p, 0, sizeof p);
    p.ports = XEN_HANDLE(ports);
    p.nr_ports = nr;
    p.timeout = timeout;
    return HYPERVISOR_sched_op(SCHEDOP_poll, &p);
}

long xen_watchdog(u32 id, u32 timeout)
{
    struct sched_watchdog w = {id, timeout};
    return HYPERVISOR_sched_op(SCHEDOP_watchdog, &w);
}

long xen_get_param(u32 index, u64 *value)
{
    struct xen_hvm_param p;
    memset(&p, 0, sizeof p);
    p.domid = DOMID_SELF;
    p.index = index;
    long rc = HYPERVISOR_hvm_op(HVMOP_get_param, &p);
    *value = p.value;
    return rc;
}

long xen_set_param(u32 index, u64 value)
{
    struct xen_hvm_param p;
    memset(&p, 0, sizeof p);
    p.domid = DOMID_SELF;
    p.index = index;
    p.value = value;
    return HYPERVISOR_hvm_op(HVMOP_set_param, &p);
}

long xen_add_to_physmap(u32 space, u64 idx, u64 gpfn)
{
    struct xen_add_to_physmap a;
    memset(&a, 0, sizeof a);
    a.domid = DOMID_SELF;
    a.space = space;
    a.idx = idx;
    a.gpfn = gpfn;
    return HYPERVISOR_memory_op(XENMEM_add_to_physmap, &a);
}

long xen_remove_from_physmap(u64 gpfn)
{
    struct xen_remove_from_physmap r;
    memset(&r, 0, sizeof r);
    r.domid = DOMID_SELF;
    r.gpfn = gpfn;
    return HYPERVISOR_memory_op(XENMEM_remove_from_physmap, &r);
}

long xen_reservation_op(u32 cmd, xen_pfn_t *gfns, u32 nr)
{
    struct xen_memory_reservation r;
    memset(&r, 0, sizeof r);
    r.extent_start = XEN_HANDLE(gfns);
    r.nr_extents = nr;
    r.domid = DOMID_SELF;
    return HYPERVISOR_memory_op(cmd, &r);
}

long xen_current_reservation(void)
{
    struct xen_memory_domain d = {DOMID_SELF};
    return HYPERVISOR_memory_op(XENMEM_current_reservation, &d);
}

long xen_maximum_reservation(void)
{
    struct xen_memory_domain d = {DOMID_SELF};
    return HYPERVISOR_memory_op(XENMEM_maximum_reservation, &d);
}

long xen_register_vcpu_info(u32 vcpu, void *vi)
{
    struct vcpu_register_vcpu_info r;
    memset(&r, 0, sizeof r);
    r.mfn = virt_to_gfn(vi);
    r.offset = (u32)vi & (XEN_PAGE_SIZE - 1);
    return HYPERVISOR_vcpu_op(VCPUOP_register_vcpu_info, vcpu, &r);
}
