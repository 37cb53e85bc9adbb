#include "events.h"
#include "hypercall.h"

/* The page whose frame becomes shared_info: nothing else may live in it. */
static u8 shared_info_page[XEN_PAGE_SIZE] PAGE_ALIGNED;
/* Linux aligns each vcpu_info to 64 bytes; keep it in its own page too. */
static struct vcpu_info own_vcpu_info __attribute__((aligned(4096)));

struct shared_info *shared_info;
struct vcpu_info *vcpu_info;
volatile u32 evtchn_upcalls, evtchn_unhandled;
volatile u32 evtchn_count[NR_EVENT_CHANNELS];
static struct {
    evtchn_handler fn;
    void *arg;
} handlers[NR_EVENT_CHANNELS];

long xen_map_shared_info(void)
{
    long rc = xen_add_to_physmap(XENMAPSPACE_shared_info, 0, virt_to_gfn(shared_info_page));
    if (rc == 0) {
        shared_info = (struct shared_info *)shared_info_page;
        if (!vcpu_info)
            vcpu_info = &shared_info->vcpu_info[0];
    }
    return rc;
}

long xen_register_own_vcpu_info(void)
{
    long rc = xen_register_vcpu_info(0, &own_vcpu_info);
    if (rc == 0)
        vcpu_info = &own_vcpu_info;
    return rc;
}

static void upcall_irq(u32 intid, void *arg)
{
    (void)intid;
    (void)arg;
    evtchn_do_upcall();
}

long xen_events_init(void)
{
    irq_disable();
    long rc = xen_map_shared_info();
    if (rc)
        return rc;
    for (u32 w = 0; w < 64; w++)
        shared_info->evtchn_mask[w] = ~0ull;
    rc = xen_register_own_vcpu_info();
    if (rc)
        return rc;
    gic_init();
    irq_set_handler(boot.evtchn_irq, upcall_irq, NULL);
    return 0;
}

void evtchn_set_handler(evtchn_port_t port, evtchn_handler fn, void *arg)
{
    if (port >= NR_EVENT_CHANNELS)
        return;
    handlers[port].fn = fn;
    handlers[port].arg = arg;
}

/* Port p is bit p%32 of 32-bit word p/32: the 64-bit little-endian words of the ABI split evenly. */
static volatile u32 *word32(xen_ulong_t *bitmap, evtchn_port_t port)
{
    return (volatile u32 *)bitmap + port / 32;
}

void evtchn_mask(evtchn_port_t port)
{
    __atomic_fetch_or(word32(shared_info->evtchn_mask, port), 1u << (port % 32), __ATOMIC_SEQ_CST);
}

void evtchn_clear_mask(evtchn_port_t port)
{
    __atomic_fetch_and(word32(shared_info->evtchn_mask, port), ~(1u << (port % 32)), __ATOMIC_SEQ_CST);
}

void evtchn_clear_pending(evtchn_port_t port)
{
    __atomic_fetch_and(word32(shared_info->evtchn_pending, port), ~(1u << (port % 32)), __ATOMIC_SEQ_CST);
}

int evtchn_is_pending(evtchn_port_t port)
{
    return (*word32(shared_info->evtchn_pending, port) >> (port % 32)) & 1;
}

int evtchn_is_masked(evtchn_port_t port)
{
    return (*word32(shared_info->evtchn_mask, port) >> (port % 32)) & 1;
}

/* 2-level scan (spec 3.3): clear upcall_pending, take the selector, handle pending & ~mask in
   each selected word, and go again while the hypervisor raised upcall_pending meanwhile. */
void evtchn_do_upcall(void)
{
    volatile struct vcpu_info *vi = vcpu_info;
    evtchn_upcalls++;
    for (int rounds = 0; rounds < 16 && vi->evtchn_upcall_pending; rounds++) {
        vi->evtchn_upcall_pending = 0;
        dmb();
        u64 sel = __atomic_exchange_n(&vi->evtchn_pending_sel, 0, __ATOMIC_SEQ_CST);
        while (sel) {
            u32 w = (u32)__builtin_ctzll(sel);
            sel &= sel - 1;
            for (u32 half = 0; half < 2; half++) {
                u32 idx = w * 2 + half;
                u32 bits = ((volatile u32 *)shared_info->evtchn_pending)[idx] &
                           ~((volatile u32 *)shared_info->evtchn_mask)[idx];
                while (bits) {
                    u32 b = (u32)__builtin_ctz(bits);
                    bits &= bits - 1;
                    evtchn_port_t port = idx * 32 + b;
                    evtchn_clear_pending(port);
                    evtchn_count[port]++;
                    if (handlers[port].fn)
                        handlers[port].fn(port, handlers[port].arg);
                    else
                        evtchn_unhandled++;
                }
            }
        }
    }
}

long evtchn_alloc_unbound(domid_t remote_dom, evtchn_port_t *port)
{
    struct evtchn_alloc_unbound op = {DOMID_SELF, remote_dom, 0};
    long rc = HYPERVISOR_event_channel_op(EVTCHNOP_alloc_unbound, &op);
    *port = op.port;
    return rc;
}

long evtchn_bind_interdomain(domid_t remote_dom, evtchn_port_t remote_port, evtchn_port_t *local_port)
{
    struct evtchn_bind_interdomain op = {remote_dom, 0, remote_port, 0};
    long rc = HYPERVISOR_event_channel_op(EVTCHNOP_bind_interdomain, &op);
    *local_port = op.local_port;
    return rc;
}

long evtchn_bind_virq(u32 virq, u32 vcpu, evtchn_port_t *port)
{
    struct evtchn_bind_virq op = {virq, vcpu, 0};
    long rc = HYPERVISOR_event_channel_op(EVTCHNOP_bind_virq, &op);
    *port = op.port;
    return rc;
}

long evtchn_bind_ipi(u32 vcpu, evtchn_port_t *port)
{
    struct evtchn_bind_ipi op = {vcpu, 0};
    long rc = HYPERVISOR_event_channel_op(EVTCHNOP_bind_ipi, &op);
    *port = op.port;
    return rc;
}

long evtchn_bind_vcpu(evtchn_port_t port, u32 vcpu)
{
    struct evtchn_bind_vcpu op = {port, vcpu};
    return HYPERVISOR_event_channel_op(EVTCHNOP_bind_vcpu, &op);
}

long evtchn_send(evtchn_port_t port)
{
    struct evtchn_send op = {port};
    return HYPERVISOR_event_channel_op(EVTCHNOP_send, &op);
}

long evtchn_close(evtchn_port_t port)
{
    struct evtchn_close op = {port};
    return HYPERVISOR_event_channel_op(EVTCHNOP_close, &op);
}

long evtchn_unmask(evtchn_port_t port)
{
    struct evtchn_unmask op = {port};
    return HYPERVISOR_event_channel_op(EVTCHNOP_unmask, &op);
}

long evtchn_status(evtchn_port_t port, struct evtchn_status *st)
{
    memset(st, 0, sizeof *st);
    st->dom = DOMID_SELF;
    st->port = port;
    return HYPERVISOR_event_channel_op(EVTCHNOP_status, st);
}

long evtchn_reset(void)
{
    struct evtchn_reset op = {DOMID_SELF};
    return HYPERVISOR_event_channel_op(EVTCHNOP_reset, &op);
}

domid_t xen_self_domid(void)
{
    static domid_t cached = DOMID_INVALID;
    if (cached != DOMID_INVALID)
        return cached;
    evtchn_port_t port;
    struct evtchn_status st;
    if (evtchn_alloc_unbound(DOMID_SELF, &port) != 0)
        return DOMID_INVALID;
    if (evtchn_status(port, &st) == 0 && st.status == EVTCHNSTAT_unbound && st.u.unbound.dom < DOMID_FIRST_RESERVED)
        cached = st.u.unbound.dom;
    evtchn_close(port);
    return cached;
}
