/* console_io (spec 6.2), HVM params (spec 3.7) and the PV console ring (spec 9). The lines
   marked "console:" are for the host side to find in the hypervisor log as "(dN) ...". */
#include "rt.h"
#include "hypercall.h"
#include "events.h"
#include "pvcons.h"

static const char ring_line[] = "console: via the PV ring\n";

void test_main(void)
{
    static const char msg[] = "console: direct CONSOLEIO_write\n";
    check_rc("console.write", xen_console_write(msg, sizeof msg - 1), 0);
    check_rc("console.write.empty", xen_console_write(msg, 0), 0);
    check_rc("console.write.unknown-cmd", HYPERVISOR_console_io(7, 1, msg), -XEN_ENOSYS);
    /* A long line goes through in one call (Xen copies in chunks internally). */
    static char longline[600];
    memset(longline, 'x', sizeof longline);
    memcpy(longline, "console: long ", 14);
    longline[sizeof longline - 1] = '\n';
    check_rc("console.write.long", xen_console_write(longline, sizeof longline), 0);
    printf("console: printf %d %u 0x%08x %s %c %lld\n", -42, 42u, 0xdeadbeefu, "str", 'c', -1234567890123ll);
    char tmp[32];
    int n = snprintf(tmp, sizeof tmp, "%05d|%x|%s", 42, 0xabcu, "truncated-beyond-the-buffer-end");
    check_rc("console.snprintf.length", n, 41);
    check_str("console.snprintf.text", tmp, "00042|abc|truncated-beyond-the-");

    /* HVM params a domU may read; writes are the toolstack's (spec 3.7). */
    u64 val;
    check_rc("hvm.get.callback-irq.rc", xen_get_param(HVM_PARAM_CALLBACK_IRQ, &val), 0);
    check_eq64("hvm.get.callback-irq", val, HVM_CALLBACK_PPI31);
    check_rc("hvm.set.callback-irq", xen_set_param(HVM_PARAM_CALLBACK_IRQ, 0), -XEN_EPERM);
    check_rc("hvm.set.console-pfn", xen_set_param(HVM_PARAM_CONSOLE_PFN, 0x40000), -XEN_EPERM);
    check_rc("hvm.get.monitor-ring", xen_get_param(HVM_PARAM_MONITOR_RING_PFN, &val), -XEN_EPERM);
    check_rc("hvm.get.unknown-index", xen_get_param(99, &val), -XEN_EINVAL);
    struct xen_hvm_param p;
    memset(&p, 0, sizeof p);
    p.domid = 0x7000;
    p.index = HVM_PARAM_STORE_PFN;
    check_rc("hvm.get.unknown-domain", HYPERVISOR_hvm_op(HVMOP_get_param, &p), -XEN_ESRCH);
    check_rc("hvm.unknown-op", HYPERVISOR_hvm_op(77, &p), -XEN_ENOSYS);

    u64 store_pfn = 0, store_port = 0;
    check_rc("hvm.get.store-pfn.rc", xen_get_param(HVM_PARAM_STORE_PFN, &store_pfn), 0);
    check_rc("hvm.get.store-evtchn.rc", xen_get_param(HVM_PARAM_STORE_EVTCHN, &store_port), 0);
    if (store_pfn)
        check_eq64("hvm.get.store-pfn", store_pfn, GUEST_STORE_PFN);
    else
        skip("hvm.get.store-pfn", "no XenStore for this domain");

    long rc = pvcons_init();
    if (rc < 0) {
        fail("pvcons.params", "rc %ld", rc);
        return;
    }
    if (rc == 1) {
        skip("pvcons", "HVM_PARAM_CONSOLE_PFN/EVTCHN is 0: no PV console");
        return;
    }
    check_eq("pvcons.pfn", (u32)pvcons >> XEN_PAGE_SHIFT, GUEST_CONSOLE_PFN);
    note("console port %u, store port %llu", pvcons_port, store_port);
    check("pvcons.port-nonzero", pvcons_port != 0);
    struct evtchn_status st;
    check_rc("pvcons.port.status.rc", evtchn_status(pvcons_port, &st), 0);
    check_rc("pvcons.port.interdomain", st.status, EVTCHNSTAT_interdomain);
    volatile struct xencons_interface *r = pvcons;
    check("pvcons.indices-sane", r->out_prod - r->out_cons <= sizeof r->out && r->in_prod - r->in_cons <= sizeof r->in);
    u32 before = r->out_prod;
    check_rc("pvcons.write", pvcons_write(ring_line, sizeof ring_line - 1), sizeof ring_line - 1);
    check_eq("pvcons.out-prod", r->out_prod, before + sizeof ring_line - 1);
    check("pvcons.drained", pvcons_wait_drained(1000));
    /* Wrap the ring: more than 2048 bytes in total, in pieces. */
    u32 total = 0;
    for (int i = 0; i < 40; i++) {
        char l[80];
        int len = snprintf(l, sizeof l, "console: ring line %02d ........................................\n", i);
        u32 done = 0;
        for (int tries = 0; done < (u32)len && tries < 1000; tries++) {
            done += pvcons_write(l + done, (u32)len - done);
            if (done < (u32)len)
                xen_yield();
        }
        total += done;
    }
    check("pvcons.wrap.all-written", total > 2048 && pvcons_wait_drained(1000));
}
