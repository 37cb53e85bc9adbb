/* Domain A of the transfer test (xfer.h): grants a control page and a ring of pages to the peer,
   offers it an unbound event channel, and writes xfer.bytes of xorshift32 data through the ring,
   a page per slot, with an event for every page written; the peer's events free slots. */
#include "xfer.h"

static u8 ctl_page[XEN_PAGE_SIZE] PAGE_ALIGNED;
static u8 ring[XFER_MAX_SLOTS][XEN_PAGE_SIZE] PAGE_ALIGNED;

void test_main(void)
{
    domid_t peer = (domid_t)xfer_arg("xfer.peer", 2);
    u32 bytes = xfer_arg("xfer.bytes", 16u << 20) & ~(XEN_PAGE_SIZE - 1);
    u32 slots = xfer_arg("xfer.slots", 16);
    u32 seed = xfer_arg("xfer.seed", 1) | 1; /* xorshift32 must not start at 0 */
    if (slots == 0 || slots > XFER_MAX_SLOTS)
        slots = 16;
    if (!check_rc("xfer.send.gnttab-init", gnttab_init(), 0) || !check_rc("xfer.send.events-init", xen_events_init(), 0))
        return;

    volatile struct xfer_ctl *ctl = (volatile struct xfer_ctl *)ctl_page;
    evtchn_port_t port = 0;
    if (!check_rc("xfer.send.alloc-unbound", evtchn_alloc_unbound(peer, &port), 0))
        return;
    ctl->port = port;
    ctl->slots = slots;
    ctl->first_ref = XFER_CTL_REF + 1;
    ctl->bytes = bytes;
    ctl->seed = seed;
    for (u32 i = 0; i < slots; i++)
        gnttab_grant_access(XFER_CTL_REF + 1 + i, peer, virt_to_gfn(ring[i]), 1);
    dmb();
    ctl->magic = XFER_MAGIC;
    gnttab_grant_access(XFER_CTL_REF, peer, virt_to_gfn(ctl_page), 0);
    note("xfer.send: peer d%u, port %u, %u slots at refs %u.., %u bytes, seed %u", peer, port, slots,
         XFER_CTL_REF + 1, bytes, seed);

    while (!ctl->bound)
        xfer_wait(port);

    u32 pages = bytes / XEN_PAGE_SIZE, x = seed;
    u64 t0 = read_cntvct();
    for (u32 n = 0; n < pages; n++) {
        while (n - ctl->cons >= slots)
            xfer_wait(port);
        u32 *w = (u32 *)ring[n % slots];
        for (u32 i = 0; i < XEN_PAGE_SIZE / 4; i++) {
            x = xorshift32(x);
            w[i] = x;
        }
        dmb();
        ctl->prod = n + 1;
        evtchn_send(port);
    }
    /* The receiver unmaps everything and then signals: the control page's grant can then be ended. */
    long rc;
    for (u32 guard = 0; (rc = gnttab_end_access(XFER_CTL_REF)) == -XEN_EBUSY && guard < 1000000; guard++)
        xfer_wait(port);
    u64 us, kib;
    xfer_rate(read_cntvct() - t0, bytes, &us, &kib);
    check_rc("xfer.send.end-ctl", rc, 0);
    u32 busy = 0;
    for (u32 i = 0; i < slots; i++)
        busy += gnttab_end_access(XFER_CTL_REF + 1 + i) != 0;
    check_rc("xfer.send.end-ring", busy, 0);
    if (ctl->cons == pages) {
        char name[64];
        snprintf(name, sizeof name, "xfer.send bytes=%u", bytes);
        pass(name);
    } else {
        fail("xfer.send", "the receiver consumed %u of %u pages", ctl->cons, pages);
    }
    note("xfer.send: %llu us guest time, %llu KiB/s", us, kib);
    evtchn_close(port);
}
