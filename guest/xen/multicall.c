/* multicall (spec 1.5): entries run in order, each result written back sign-extended to 64
   bits; unknown ops give -ENOSYS in their entry; the call itself returns 0. */
#include "rt.h"
#include "hypercall.h"
#include "events.h"

static struct multicall_entry calls[8] __attribute__((aligned(64)));

static void set(struct multicall_entry *e, u32 op, u32 a0, u32 a1, u32 a2)
{
    memset(e, 0, sizeof *e);
    e->op = op;
    e->result = 0x5555555555555555ull;
    e->args[0] = a0;
    e->args[1] = a1;
    e->args[2] = a2;
}

void test_main(void)
{
    long version = HYPERVISOR_xen_version(XENVER_version, NULL);
    static struct evtchn_send bad_send = {5000};
    static struct xen_feature_info fi = {0, 0};
    static struct evtchn_alloc_unbound au = {DOMID_SELF, DOMID_SELF, 0};
    static struct evtchn_status st;

    set(&calls[0], __HYPERVISOR_xen_version, XENVER_version, 0, 0);
    set(&calls[1], __HYPERVISOR_xen_version, XENVER_pagesize, 0, 0);
    set(&calls[2], 99, 0, 0, 0);
    set(&calls[3], __HYPERVISOR_event_channel_op, EVTCHNOP_send, (u32)&bad_send, 0);
    set(&calls[4], __HYPERVISOR_xen_version, XENVER_get_features, (u32)&fi, 0);
    set(&calls[5], __HYPERVISOR_event_channel_op, EVTCHNOP_alloc_unbound, (u32)&au, 0);
    /* In order: entry 6 sees the port entry 5 allocated (the args point at the same memory). */
    st.dom = DOMID_SELF;
    set(&calls[6], __HYPERVISOR_event_channel_op, EVTCHNOP_status, (u32)&st, 0);
    set(&calls[7], __HYPERVISOR_sched_op, 99, 0, 0);

    check_rc("multicall.rc", HYPERVISOR_multicall(calls, 6), 0);
    check_eq64("multicall.0.version", calls[0].result, (u64)(s64)version);
    check_eq64("multicall.1.pagesize", calls[1].result, 4096);
    check_eq64("multicall.2.unknown-op", calls[2].result, (u64)(s64)-XEN_ENOSYS);
    check_eq64("multicall.3.bad-port", calls[3].result, (u64)(s64)-XEN_EINVAL);
    check_eq64("multicall.4.features.result", calls[4].result, 0);
    check_eq("multicall.4.features.out", fi.submap, XEN_DOMU_FEATURES_SUBMAP0);
    check_eq64("multicall.5.alloc.result", calls[5].result, 0);
    check("multicall.5.alloc.port", au.port != 0);
    check_eq64("multicall.6.not-run", calls[6].result, 0x5555555555555555ull);

    /* Status of the port the previous entry allocates, in one batch. */
    struct evtchn_alloc_unbound au2 = {DOMID_SELF, DOMID_SELF, 0};
    set(&calls[0], __HYPERVISOR_event_channel_op, EVTCHNOP_alloc_unbound, (u32)&au2, 0);
    st.port = au.port;
    set(&calls[1], __HYPERVISOR_event_channel_op, EVTCHNOP_status, (u32)&st, 0);
    set(&calls[2], __HYPERVISOR_sched_op, 99, 0, 0);
    check_rc("multicall.second.rc", HYPERVISOR_multicall(calls, 3), 0);
    check("multicall.second.alloc", calls[0].result == 0 && au2.port != 0 && au2.port != au.port);
    check("multicall.second.status", calls[1].result == 0 && st.status == EVTCHNSTAT_unbound);
    check_eq64("multicall.second.sched-unknown", calls[2].result, (u64)(s64)-XEN_ENOSYS);

    check_rc("multicall.empty", HYPERVISOR_multicall(calls, 0), 0);
    check_rc("multicall.bad-list", HYPERVISOR_multicall((struct multicall_entry *)0x10000000, 1), -XEN_EFAULT);
    evtchn_close(au.port);
    evtchn_close(au2.port);
}
