#include "pvcons.h"
#include "events.h"
#include "hypercall.h"

struct xencons_interface *pvcons;
evtchn_port_t pvcons_port;

long pvcons_init(void)
{
    u64 pfn, port;
    long rc = xen_get_param(HVM_PARAM_CONSOLE_PFN, &pfn);
    if (rc)
        return rc;
    rc = xen_get_param(HVM_PARAM_CONSOLE_EVTCHN, &port);
    if (rc)
        return rc;
    if (pfn == 0 || port == 0)
        return 1;
    pvcons = (struct xencons_interface *)(u32)(pfn << XEN_PAGE_SHIFT);
    pvcons_port = (evtchn_port_t)port;
    return 0;
}

u32 pvcons_write(const char *s, u32 n)
{
    volatile struct xencons_interface *r = pvcons;
    u32 cons = r->out_cons, prod = r->out_prod, done = 0;
    dmb();
    if (prod - cons > sizeof r->out)
        return 0; /* corrupt indices: write nothing */
    while (done < n && prod - cons < sizeof r->out)
        r->out[prod++ & (sizeof r->out - 1)] = s[done++];
    dmb();
    r->out_prod = prod;
    evtchn_send(pvcons_port);
    return done;
}

int pvcons_wait_drained(u32 max_yields)
{
    volatile struct xencons_interface *r = pvcons;
    for (u32 i = 0; i <= max_yields; i++) {
        if (r->out_cons == r->out_prod)
            return 1;
        xen_yield();
    }
    return 0;
}
