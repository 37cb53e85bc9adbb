/* Domain B of the transfer test (xfer.h): maps the peer's control page at the fixed reference,
   binds to its port, and takes every page of the ring either through grant mappings placed just
   above its RAM (xfer.mode=map, zero copy) or with GNTTABOP_copy into its own buffer
   (xfer.mode=copy), checking each byte against the same xorshift32 sequence. */
#include "xfer.h"

static u8 copy_buf[XFER_MAX_SLOTS][XEN_PAGE_SIZE] PAGE_ALIGNED;

/* Counts the bytes of page that differ from the next words of the sequence in *x. */
static u32 verify(const u32 *page, u32 *x)
{
    u32 errors = 0, v = *x;
    for (u32 i = 0; i < XEN_PAGE_SIZE / 4; i++) {
        v = xorshift32(v);
        u32 d = page[i] ^ v;
        if (d)
            errors += ((d & 0xff) != 0) + ((d & 0xff00) != 0) + ((d & 0xff0000) != 0) + ((d >> 24) != 0);
    }
    *x = v;
    return errors;
}

void test_main(void)
{
    domid_t peer = (domid_t)xfer_arg("xfer.peer", 1);
    int copy = xfer_arg_is("xfer.mode", "copy");
    const char *mode = copy ? "copy" : "map";
    if (!check_rc("xfer.recv.events-init", xen_events_init(), 0))
        return;
    /* Grant mappings go in the hole just above RAM: no page of ours is given up for them. */
    u32 map_base = (u32)(boot.mem_base + boot.mem_size);
    volatile struct xfer_ctl *ctl = (volatile struct xfer_ctl *)map_base;

    grant_handle_t ctl_handle = 0;
    s32 st = GNTST_general_error;
    for (u32 tries = 0; tries < 100000 && st != GNTST_okay; tries++) {
        st = gnttab_map(peer, XFER_CTL_REF, map_base, GNTMAP_host_map, &ctl_handle, NULL);
        if (st != GNTST_okay)
            xen_yield();
    }
    if (!check_rc("xfer.recv.map-ctl", st, GNTST_okay))
        return;
    for (u32 tries = 0; tries < 100000 && ctl->magic != XFER_MAGIC; tries++)
        xen_yield();
    u32 slots = ctl->slots, first = ctl->first_ref, bytes = ctl->bytes;
    u32 x = ctl->seed ^ xfer_arg("xfer.seed-xor", 0); /* a test hook: nonzero checks against another stream */
    if (!check("xfer.recv.ctl", ctl->magic == XFER_MAGIC && slots && slots <= XFER_MAX_SLOTS && bytes % XEN_PAGE_SIZE == 0))
        return;
    evtchn_port_t port = 0;
    if (!check_rc("xfer.recv.bind", evtchn_bind_interdomain(peer, ctl->port, &port), 0))
        return;
    note("xfer.recv: %s mode, peer d%u port %u -> local %u, %u slots, %u bytes", mode, peer, ctl->port, port, slots, bytes);

    grant_handle_t handles[XFER_MAX_SLOTS];
    if (!copy) {
        u32 bad = 0;
        for (u32 i = 0; i < slots; i++)
            bad += gnttab_map(peer, first + i, map_base + (i + 1) * XEN_PAGE_SIZE, GNTMAP_host_map | GNTMAP_readonly,
                              &handles[i], NULL) != GNTST_okay;
        if (!check_rc("xfer.recv.map-ring", bad, 0))
            return;
    }
    ctl->bound = 1;
    evtchn_send(port);

    u32 pages = bytes / XEN_PAGE_SIZE, done = 0, errors = 0, copy_errors = 0;
    struct gnttab_copy ops[XFER_MAX_SLOTS];
    u64 t0 = read_cntvct();
    while (done < pages) {
        u32 avail;
        while ((avail = ctl->prod - done) == 0)
            xfer_wait(port);
        dmb();
        if (copy) {
            /* One batch for every page ready, each into the buffer page of its slot. */
            memset(ops, 0, avail * sizeof ops[0]);
            for (u32 i = 0; i < avail; i++) {
                u32 slot = (done + i) % slots;
                ops[i].source.u.ref = first + slot;
                ops[i].source.domid = peer;
                ops[i].dest.u.gmfn = virt_to_gfn(copy_buf[slot]);
                ops[i].dest.domid = DOMID_SELF;
                ops[i].len = XEN_PAGE_SIZE;
                ops[i].flags = GNTCOPY_source_gref;
            }
            if (HYPERVISOR_grant_table_op(GNTTABOP_copy, ops, avail) != 0)
                copy_errors++;
            for (u32 i = 0; i < avail; i++) {
                copy_errors += ops[i].status != GNTST_okay;
                errors += verify((const u32 *)copy_buf[(done + i) % slots], &x);
            }
        } else {
            for (u32 i = 0; i < avail; i++)
                errors += verify((const u32 *)(map_base + ((done + i) % slots + 1) * XEN_PAGE_SIZE), &x);
        }
        done += avail;
        ctl->cons = done;
        evtchn_send(port);
    }
    u64 us, kib;
    xfer_rate(read_cntvct() - t0, bytes, &us, &kib);

    char name[80];
    snprintf(name, sizeof name, "xfer.%s bytes=%u errors=%u", mode, done * XEN_PAGE_SIZE, errors);
    if (errors == 0 && copy_errors == 0 && done == pages)
        pass(name);
    else
        fail(name, "%u failed copies", copy_errors);
    note("xfer.%s: %llu us guest time, %llu KiB/s", mode, us, kib);

    u32 bad = 0;
    if (!copy) {
        for (u32 i = 0; i < slots; i++)
            bad += gnttab_unmap(handles[i], map_base + (i + 1) * XEN_PAGE_SIZE) != GNTST_okay;
    }
    bad += gnttab_unmap(ctl_handle, map_base) != GNTST_okay;
    check_rc("xfer.recv.unmap", bad, 0);
    evtchn_send(port);
}
