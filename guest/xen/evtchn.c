/* Event channels, 2-level ABI (spec 3.3, 4): loopback interdomain channel to ourselves,
   delivery through the PPI 31 upcall, mask/unmask re-delivery, IPI and VIRQ ports, bind_vcpu,
   status in every state, close, reset, and the errnos for bad arguments. */
#include "rt.h"
#include "hypercall.h"
#include "events.h"

static volatile evtchn_port_t last_port;
static volatile u32 handler_calls;
static volatile u32 handler_cpsr;

static void on_event(evtchn_port_t port, void *arg)
{
    (void)arg;
    last_port = port;
    handler_calls++;
    handler_cpsr = get_cpsr();
}

/* Lets pending upcalls in, then masks again. */
static void take_irqs(void)
{
    irq_enable();
    for (volatile int i = 0; i < 100; i++)
        ;
    irq_disable();
}

static evtchn_port_t lowest_closed_port(void)
{
    struct evtchn_status st;
    for (evtchn_port_t p = 1; p < 64; p++)
        if (evtchn_status(p, &st) == 0 && st.status == EVTCHNSTAT_closed)
            return p;
    return 0;
}

void test_main(void)
{
    if (!check_rc("evtchn.init", xen_events_init(), 0))
        return;
    struct evtchn_status st;
    check_rc("evtchn.status.port0.rc", evtchn_status(0, &st), 0);
    note("port 0 status %u (reserved: Xen reports it as closed or not at all)", st.status);

    /* The spurious upcall from register_vcpu_info arrives as soon as IRQs are on. */
    u32 ups = evtchn_upcalls;
    take_irqs();
    check("evtchn.spurious-upcall-after-register", evtchn_upcalls > ups);
    check_eq("evtchn.upcall-intid", irq_last_intid, boot.evtchn_irq);

    /* alloc_unbound picks the lowest free port. */
    evtchn_port_t expect = lowest_closed_port(), a, b;
    check_rc("evtchn.alloc-unbound", evtchn_alloc_unbound(DOMID_SELF, &a), 0);
    check_rc("evtchn.alloc-unbound.lowest-free", a, expect);
    check_rc("evtchn.status.unbound.rc", evtchn_status(a, &st), 0);
    check_rc("evtchn.status.unbound", st.status, EVTCHNSTAT_unbound);
    domid_t self = st.u.unbound.dom;
    note("our domain id is %u", self);
    check("evtchn.status.unbound.dom-resolved", self < DOMID_FIRST_RESERVED);

    /* bind_interdomain to our own unbound port: both ends interdomain, new port pending. */
    check_rc("evtchn.bind-interdomain", evtchn_bind_interdomain(DOMID_SELF, a, &b), 0);
    check("evtchn.bind-interdomain.new-port", b != a && b != 0);
    check("evtchn.bind-interdomain.pending", evtchn_is_pending(b));
    check_rc("evtchn.status.a.rc", evtchn_status(a, &st), 0);
    check("evtchn.status.a.interdomain", st.status == EVTCHNSTAT_interdomain && st.u.interdomain.dom == self &&
                                              st.u.interdomain.port == b && st.vcpu == 0);
    check_rc("evtchn.status.b.rc", evtchn_status(b, &st), 0);
    check("evtchn.status.b.interdomain", st.status == EVTCHNSTAT_interdomain && st.u.interdomain.dom == self &&
                                              st.u.interdomain.port == a);

    evtchn_set_handler(a, on_event, NULL);
    evtchn_set_handler(b, on_event, NULL);
    /* b is pending and masked; unmask makes the hypervisor deliver it. */
    handler_calls = 0;
    check_rc("evtchn.unmask.b", evtchn_unmask(b), 0);
    check("evtchn.unmask.upcall-pending", vcpu_info->evtchn_upcall_pending == 1);
    take_irqs();
    check("evtchn.unmask.delivers-pending", handler_calls == 1 && last_port == b);
    check_eq("evtchn.handler-in-irq-mode", handler_cpsr & 0x1f, MODE_IRQ);
    check("evtchn.delivered-cleared-pending", !evtchn_is_pending(b));
    check_rc("evtchn.unmask.a", evtchn_unmask(a), 0);

    /* Sends in both directions. */
    for (int i = 0; i < 5; i++) {
        handler_calls = 0;
        evtchn_send(a);
        take_irqs();
        if (!(handler_calls == 1 && last_port == b))
            break;
        handler_calls = 0;
        evtchn_send(b);
        take_irqs();
        if (!(handler_calls == 1 && last_port == a))
            break;
    }
    check("evtchn.send.both-directions", handler_calls == 1 && last_port == a);

    /* Many sends before delivery collapse into one event (a pending bit, not a counter). */
    handler_calls = 0;
    for (int i = 0; i < 10; i++)
        evtchn_send(a);
    take_irqs();
    check_rc("evtchn.send.coalesced", handler_calls, 1);

    /* Masked: pending but no upcall; EVTCHNOP_unmask re-delivers. */
    handler_calls = 0;
    evtchn_mask(b);
    check_rc("evtchn.send.masked", evtchn_send(a), 0);
    take_irqs();
    check("evtchn.masked.no-delivery", handler_calls == 0 && evtchn_is_pending(b));
    check_rc("evtchn.unmask.redeliver", evtchn_unmask(b), 0);
    take_irqs();
    check("evtchn.unmask.redelivered", handler_calls == 1 && last_port == b && !evtchn_is_masked(b));
    /* Unmasking a port that is not pending raises nothing. */
    handler_calls = 0;
    evtchn_mask(b);
    check_rc("evtchn.unmask.idle", evtchn_unmask(b), 0);
    take_irqs();
    check_rc("evtchn.unmask.idle.no-event", handler_calls, 0);

    /* bind_vcpu on an interdomain port: vCPU 0 is fine, a missing vCPU is -ENOENT. */
    check_rc("evtchn.bind-vcpu", evtchn_bind_vcpu(b, 0), 0);
    check_rc("evtchn.bind-vcpu.no-such-vcpu", evtchn_bind_vcpu(b, 200), -XEN_ENOENT);

    /* IPI port: a send comes back to the same port. */
    evtchn_port_t ipi;
    check_rc("evtchn.bind-ipi", evtchn_bind_ipi(0, &ipi), 0);
    check_rc("evtchn.status.ipi.rc", evtchn_status(ipi, &st), 0);
    check("evtchn.status.ipi", st.status == EVTCHNSTAT_ipi && st.vcpu == 0);
    evtchn_set_handler(ipi, on_event, NULL);
    evtchn_unmask(ipi);
    take_irqs();
    handler_calls = 0;
    check_rc("evtchn.send.ipi", evtchn_send(ipi), 0);
    take_irqs();
    check("evtchn.ipi.delivered", handler_calls == 1 && last_port == ipi);
    check_rc("evtchn.bind-vcpu.ipi", evtchn_bind_vcpu(ipi, 0), -XEN_EINVAL);
    evtchn_port_t dummy;
    check_rc("evtchn.bind-ipi.no-such-vcpu", evtchn_bind_ipi(200, &dummy), -XEN_ENOENT);

    /* VIRQs: binding rules. VIRQ_TIMER is never raised on ARM (guests use the generic timer). */
    evtchn_port_t vt;
    check_rc("evtchn.bind-virq.timer", evtchn_bind_virq(VIRQ_TIMER, 0, &vt), 0);
    check_rc("evtchn.status.virq.rc", evtchn_status(vt, &st), 0);
    check("evtchn.status.virq", st.status == EVTCHNSTAT_virq && st.u.virq == VIRQ_TIMER && st.vcpu == 0);
    check_rc("evtchn.bind-virq.timer.again", evtchn_bind_virq(VIRQ_TIMER, 0, &dummy), -XEN_EEXIST);
    check_rc("evtchn.bind-virq.out-of-range", evtchn_bind_virq(NR_VIRQS, 0, &dummy), -XEN_EINVAL);
    check_rc("evtchn.bind-virq.global-on-vcpu1", evtchn_bind_virq(VIRQ_DOM_EXC, 1, &dummy), -XEN_EINVAL);
    check_rc("evtchn.bind-virq.no-such-vcpu", evtchn_bind_virq(VIRQ_DEBUG, 200, &dummy), -XEN_ENOENT);
    check_rc("evtchn.send.virq", evtchn_send(vt), -XEN_EINVAL);
    check_rc("evtchn.close.virq", evtchn_close(vt), 0);
    check_rc("evtchn.bind-virq.timer.after-close", evtchn_bind_virq(VIRQ_TIMER, 0, &vt), 0);
    skip("evtchn.virq-timer.delivery", "Xen on ARM never raises VIRQ_TIMER");

    /* Close one end: the peer goes back to unbound (still for us); sends on it are dropped. */
    check_rc("evtchn.close.b", evtchn_close(b), 0);
    check_rc("evtchn.status.b-closed.rc", evtchn_status(b, &st), 0);
    check_rc("evtchn.status.b-closed", st.status, EVTCHNSTAT_closed);
    check_rc("evtchn.status.a-unbound-again.rc", evtchn_status(a, &st), 0);
    check("evtchn.status.a-unbound-again", st.status == EVTCHNSTAT_unbound && st.u.unbound.dom == self);
    handler_calls = 0;
    check_rc("evtchn.send.unbound-dropped", evtchn_send(a), 0);
    take_irqs();
    check_rc("evtchn.send.unbound-no-event", handler_calls, 0);
    check_rc("evtchn.close.b.again", evtchn_close(b), -XEN_EINVAL);
    check_rc("evtchn.send.closed", evtchn_send(b), -XEN_EINVAL);
    /* The lowest free port is b again. */
    evtchn_port_t c;
    expect = lowest_closed_port();
    check_rc("evtchn.rebind", evtchn_bind_interdomain(DOMID_SELF, a, &c), 0);
    check_rc("evtchn.rebind.reuses-lowest", c, expect);

    /* Bad arguments. */
    check_rc("evtchn.send.port0", evtchn_send(0), -XEN_EINVAL);
    check_rc("evtchn.send.4096", evtchn_send(NR_EVENT_CHANNELS), -XEN_EINVAL);
    check_rc("evtchn.send.huge", evtchn_send(0xffffffffu), -XEN_EINVAL);
    check_rc("evtchn.close.port0", evtchn_close(0), -XEN_EINVAL);
    check_rc("evtchn.close.huge", evtchn_close(0x80000000u), -XEN_EINVAL);
    check_rc("evtchn.unmask.huge", evtchn_unmask(100000), -XEN_EINVAL);
    check_rc("evtchn.status.huge", evtchn_status(100000, &st), -XEN_EINVAL);
    check_rc("evtchn.bind-vcpu.huge", evtchn_bind_vcpu(100000, 0), -XEN_EINVAL);
    check_rc("evtchn.bind-interdomain.not-unbound", evtchn_bind_interdomain(DOMID_SELF, ipi, &dummy), -XEN_EINVAL);
    check_rc("evtchn.bind-interdomain.bad-port", evtchn_bind_interdomain(DOMID_SELF, 99999, &dummy), -XEN_EINVAL);
    check_rc("evtchn.bind-interdomain.no-such-domain", evtchn_bind_interdomain(0x7000, 1, &dummy), -XEN_ESRCH);
    struct evtchn_alloc_unbound au = {0x7000, DOMID_SELF, 0};
    check_rc("evtchn.alloc-unbound.no-such-domain", HYPERVISOR_event_channel_op(EVTCHNOP_alloc_unbound, &au),
             -XEN_ESRCH);
    check_rc("evtchn.unknown-cmd", HYPERVISOR_event_channel_op(99, &au), -XEN_ENOSYS);
    /* An unbound port made for a different domain cannot be bound by us. */
    evtchn_port_t foreign;
    if (evtchn_alloc_unbound(0, &foreign) == 0)
        check_rc("evtchn.bind-interdomain.wrong-remote", evtchn_bind_interdomain(DOMID_SELF, foreign, &dummy),
                 -XEN_EINVAL);
    else
        skip("evtchn.bind-interdomain.wrong-remote", "no domain 0 to make an unbound port for");

    /* Reset closes our ports. */
    check_rc("evtchn.reset", evtchn_reset(), 0);
    check_rc("evtchn.reset.status.rc", evtchn_status(a, &st), 0);
    check_rc("evtchn.reset.closed", st.status, EVTCHNSTAT_closed);
    check_rc("evtchn.reset.ipi-closed", evtchn_status(ipi, &st) == 0 ? (long)st.status : -1, EVTCHNSTAT_closed);
    note("upcalls %u, events without handler %u, spurious IRQs %u", evtchn_upcalls, evtchn_unhandled,
         irq_spurious_count);
}
