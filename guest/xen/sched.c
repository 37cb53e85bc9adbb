/* sched_op (spec 6.1): yield, shutdown_code, poll, block, watchdog, privileged sub-ops.
   The final SCHEDOP_shutdown(poweroff) of the report is overridden by nothing: this program
   latches poweroff first and then tries to latch reboot, so the host must see "poweroff". */
#include "rt.h"
#include "hypercall.h"
#include "events.h"

void test_main(void)
{
    for (int i = 0; i < 3; i++)
        if (!check_rc("sched.yield", xen_yield(), 0))
            break;

    check_rc("sched.shutdown-code.first", xen_shutdown_code(SHUTDOWN_poweroff), 0);
    check_rc("sched.shutdown-code.second", xen_shutdown_code(SHUTDOWN_reboot), 0);
    note("the domain must end with reason poweroff: the first latched code wins");

    struct sched_remote_shutdown rs = {xen_self_domid(), 0, SHUTDOWN_reboot}; /* by ID: DOMID_SELF is -ESRCH */
    check_rc("sched.remote-shutdown.unprivileged", HYPERVISOR_sched_op(SCHEDOP_remote_shutdown, &rs), -XEN_EPERM);
    s32 pcpu = 0;
    check_rc("sched.pin-override.unprivileged", HYPERVISOR_sched_op(SCHEDOP_pin_override, &pcpu), -XEN_EPERM);
    check_rc("sched.unknown-cmd", HYPERVISOR_sched_op(99, NULL), -XEN_ENOSYS);

    /* Watchdogs: ids 1 and 2, then -ENOSPC; re-arm; destroy; bad ids. Long timeouts, all
       destroyed before the end. */
    check_rc("sched.watchdog.create-1", xen_watchdog(0, 600), 1);
    check_rc("sched.watchdog.create-2", xen_watchdog(0, 600), 2);
    check_rc("sched.watchdog.create-3", xen_watchdog(0, 600), -XEN_ENOSPC);
    check_rc("sched.watchdog.rearm", xen_watchdog(1, 600), 0);
    check_rc("sched.watchdog.destroy-1", xen_watchdog(1, 0), 0);
    check_rc("sched.watchdog.destroy-1-again", xen_watchdog(1, 0), -XEN_EINVAL);
    check_rc("sched.watchdog.destroy-2", xen_watchdog(2, 0), 0);
    check_rc("sched.watchdog.bad-id", xen_watchdog(3, 600), -XEN_EINVAL);
    check_rc("sched.watchdog.reuse-1", xen_watchdog(0, 600), 1);
    check_rc("sched.watchdog.destroy-reused", xen_watchdog(1, 0), 0);

    long rc = xen_events_init();
    if (!check_rc("sched.events-init", rc, 0))
        return;
    evtchn_port_t a, b;
    if (!check_rc("sched.loopback.alloc", evtchn_alloc_unbound(DOMID_SELF, &a), 0) ||
        !check_rc("sched.loopback.bind", evtchn_bind_interdomain(DOMID_SELF, a, &b), 0))
        return;

    /* bind_interdomain leaves the new port pending (spec 4.3): poll returns at once. */
    check("sched.poll.bound-port-pending", evtchn_is_pending(b));
    check_rc("sched.poll.pending", xen_poll(&b, 1, 0), 0);
    evtchn_clear_pending(b);
    /* A timeout already in the past (absolute system time 1 ns) must not block for ever. */
    check_rc("sched.poll.past-timeout", xen_poll(&b, 1, 1), 0);
    check("sched.poll.still-not-pending", !evtchn_is_pending(b));
    check_rc("sched.send", evtchn_send(a), 0);
    check_rc("sched.poll.after-send", xen_poll(&b, 1, 0), 0);
    evtchn_port_t many[129];
    for (u32 i = 0; i < ARRAY_SIZE(many); i++)
        many[i] = b;
    check_rc("sched.poll.too-many-ports", xen_poll(many, 129, 1), -XEN_EINVAL);
    check_rc("sched.poll.128-ports", xen_poll(many, 128, 0), 0);
    evtchn_port_t bad = 4000;
    check_rc("sched.poll.bad-port", xen_poll(&bad, 1, 1), -XEN_EINVAL);

    /* SCHEDOP_block with CPSR.I set: returns because an event is pending, and (Xen on ARM)
       re-enables event delivery, so the upcall runs right after it. */
    evtchn_clear_pending(b);
    u32 before = evtchn_count[b];
    check_rc("sched.send-for-block", evtchn_send(a), 0);
    check_rc("sched.unmask-for-block", evtchn_unmask(b), 0);
    check_eq("sched.block.no-upcall-while-masked", evtchn_count[b], before);
    check_rc("sched.block", xen_block(), 0);
    u32 cpsr = get_cpsr();
    irq_disable();
    check_eq("sched.block.enabled-irqs", cpsr & PSR_I, 0);
    check_eq("sched.block.upcall-ran", evtchn_count[b], before + 1);
    check_rc("sched.close", evtchn_close(b), 0);
    check_rc("sched.close-peer", evtchn_close(a), 0);
}
