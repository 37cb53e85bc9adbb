/* Grant tables v1 (spec 5): sizes and versions, frames in the DT grant window, setup_table,
   granting to ourselves and mapping the grant at an emptied gfn (real aliasing: zero copy),
   GTF_reading/GTF_writing while mapped, read-only grants, revocation, GNTTABOP_copy, and the
   GNTST codes for each wrong argument. */
#include "rt.h"
#include "hypercall.h"
#include "events.h"
#include "gnttab.h"

static u8 page_a[XEN_PAGE_SIZE] PAGE_ALIGNED; /* granted */
static u8 page_b[XEN_PAGE_SIZE] PAGE_ALIGNED; /* emptied, then the mapping of the grant */
static u8 page_c[XEN_PAGE_SIZE] PAGE_ALIGNED; /* copy target */

#define REF_RW 8
#define REF_RO 9
#define REF_C 10
#define REF_OTHER 11

void test_main(void)
{
    exc_record_install();
    struct gnttab_query_size q;
    check_rc("gnttab.query-size.rc", gnttab_query_size(DOMID_SELF, &q), 0);
    check_rc("gnttab.query-size.status", q.status, GNTST_okay);
    check_rc("gnttab.query-size.nr-frames", q.nr_frames, 1);
    check_rc("gnttab.query-size.max-frames", q.max_nr_frames, GNTTAB_DEFAULT_MAX_FRAMES);
    struct gnttab_query_size q2[2];
    memset(q2, 0, sizeof q2);
    check_rc("gnttab.query-size.count-2", HYPERVISOR_grant_table_op(GNTTABOP_query_size, q2, 2), -XEN_EINVAL);
    gnttab_query_size(0x7000, &q);
    check_rc("gnttab.query-size.bad-domain", q.status, GNTST_bad_domain);

    u32 ver = 0;
    check_rc("gnttab.set-version.1", gnttab_set_version(1, &ver), 0);
    check_rc("gnttab.set-version.1.in-force", ver, 1);
    check_rc("gnttab.set-version.2", gnttab_set_version(2, NULL), -XEN_ENOSYS);
    check_rc("gnttab.set-version.3", gnttab_set_version(3, NULL), -XEN_EINVAL);
    check_rc("gnttab.get-version.rc", gnttab_get_version(DOMID_SELF, &ver), 0);
    check_rc("gnttab.get-version", ver, 1);
    check_rc("gnttab.get-version.no-such-domain", gnttab_get_version(0x7000, &ver), -XEN_ESRCH);
    check_rc("gnttab.unknown-cmd", HYPERVISOR_grant_table_op(99, &q, 1), -XEN_ENOSYS);

    if (!check_rc("gnttab.init", gnttab_init(), 0))
        return;
    check_rc("gnttab.map-frame.1", gnttab_map_frame(1), 0);
    gnttab_query_size(DOMID_SELF, &q);
    check_rc("gnttab.query-size.grown", q.nr_frames, 2);
    check_rc("gnttab.map-frame.beyond-max", gnttab_map_frame(GNTTAB_DEFAULT_MAX_FRAMES), -XEN_EINVAL);
    check_rc("gnttab.map-frame.status-v1",
             xen_add_to_physmap(XENMAPSPACE_grant_table, XENMAPIDX_grant_table_status, boot.gnttab_base >> 12),
             -XEN_EINVAL);
    /* Frame 1 really is table memory: an entry written there is what the hypervisor reads
       (checked below with a ref >= 512). */

    xen_pfn_t frames[2] = {0, 0};
    s16 status = 1;
    check_rc("gnttab.setup-table.rc", gnttab_setup_table(DOMID_SELF, 2, frames, &status), 0);
    check_rc("gnttab.setup-table.status", status, GNTST_okay);
    check("gnttab.setup-table.frames", frames[0] == boot.gnttab_base >> 12 && frames[1] == (boot.gnttab_base >> 12) + 1);
    gnttab_setup_table(DOMID_SELF, GNTTAB_DEFAULT_MAX_FRAMES + 1, frames, &status);
    check_rc("gnttab.setup-table.too-many", status, GNTST_general_error);

    domid_t self = xen_self_domid();
    note("our domain id is %u", self);
    if (!check("gnttab.self-domid", self < DOMID_FIRST_RESERVED))
        return;

    /* Empty page_b (as Linux balloons a page out before mapping a grant there). */
    xen_pfn_t gfn_b = virt_to_gfn(page_b);
    check_rc("gnttab.balloon-out", xen_reservation_op(XENMEM_decrease_reservation, &gfn_b, 1), 1);

    /* Read-write grant of page_a to ourselves, mapped at page_b. */
    volatile u32 *a = (volatile u32 *)page_a, *b = (volatile u32 *)page_b;
    a[0] = 0x11111111;
    a[1023] = 0x22222222;
    gnttab_grant_access(REF_RW, self, virt_to_gfn(page_a), 0);
    grant_handle_t h = 0;
    u64 bus = 0;
    s32 st = gnttab_map(self, REF_RW, (u32)page_b, GNTMAP_host_map, &h, &bus);
    check_rc("gnttab.map.rw", st, GNTST_okay);
    if (st == GNTST_okay) {
        note("handle %u, dev_bus_addr 0x%llx", h, bus);
        check("gnttab.map.dev-bus-addr", bus != 0 && (bus & 0xfff) == 0);
        check_eq("gnttab.map.flags-busy", gnttab_flags(REF_RW), GTF_permit_access | GTF_reading | GTF_writing);
        exc_record_reset();
        check("gnttab.map.alias-read", b[0] == 0x11111111 && b[1023] == 0x22222222);
        b[5] = 0x33333333;
        check("gnttab.map.alias-write", a[5] == 0x33333333 && exc_rec.count == 0);
        check_rc("gnttab.end-access.busy", gnttab_end_access(REF_RW), -XEN_EBUSY);
        check_rc("gnttab.unmap.wrong-addr", gnttab_unmap(h, (u32)page_c), GNTST_general_error);
        check_rc("gnttab.unmap", gnttab_unmap(h, (u32)page_b), GNTST_okay);
        check_eq("gnttab.unmap.flags-idle", gnttab_flags(REF_RW), GTF_permit_access);
        check_rc("gnttab.unmap.again", gnttab_unmap(h, (u32)page_b), GNTST_bad_handle);
        exc_record_reset();
        probe_read((u32)page_b);
        check("gnttab.unmap.hole-again", exc_rec.count == 1 && exc_rec.kind == EXC_DABT);
    }
    check_rc("gnttab.end-access", gnttab_end_access(REF_RW), 0);
    check_eq("gnttab.end-access.flags", gnttab_flags(REF_RW), 0);
    check_rc("gnttab.map.revoked", gnttab_map(self, REF_RW, (u32)page_b, GNTMAP_host_map, &h, 0), GNTST_general_error);

    /* Read-only grant: a writable map is refused; a read-only map reads and faults on write. */
    gnttab_grant_access(REF_RO, self, virt_to_gfn(page_a), 1);
    check_rc("gnttab.map.ro-grant-rw-map", gnttab_map(self, REF_RO, (u32)page_b, GNTMAP_host_map, &h, 0),
             GNTST_general_error);
    st = gnttab_map(self, REF_RO, (u32)page_b, GNTMAP_host_map | GNTMAP_readonly, &h, 0);
    check_rc("gnttab.map.ro", st, GNTST_okay);
    if (st == GNTST_okay) {
        check_eq("gnttab.map.ro.flags", gnttab_flags(REF_RO), GTF_permit_access | GTF_readonly | GTF_reading);
        exc_record_reset();
        check("gnttab.map.ro.read", b[0] == 0x11111111 && exc_rec.count == 0);
        probe_write((u32)page_b + 16, 0x44444444);
        check("gnttab.map.ro.write-faults", exc_rec.count == 1 && exc_rec.kind == EXC_DABT &&
                                                exc_rec.far == (u32)page_b + 16 && a[4] != 0x44444444);
        check_rc("gnttab.map.ro.unmap", gnttab_unmap(h, (u32)page_b), GNTST_okay);
        check_eq("gnttab.map.ro.flags-idle", gnttab_flags(REF_RO), GTF_permit_access | GTF_readonly);
    }
    gnttab_end_access(REF_RO);

    /* Refusals. */
    gnttab_grant_access(REF_RW, self, virt_to_gfn(page_a), 0);
    check_rc("gnttab.map.bad-domain", gnttab_map(0x7000, REF_RW, (u32)page_b, GNTMAP_host_map, &h, 0),
             GNTST_bad_domain);
    check_rc("gnttab.map.bad-ref", gnttab_map(self, 2 * GNTTAB_ENTRIES_PER_FRAME, (u32)page_b, GNTMAP_host_map, &h, 0),
             GNTST_bad_gntref);
    check_rc("gnttab.map.huge-ref", gnttab_map(self, 0xffffffffu, (u32)page_b, GNTMAP_host_map, &h, 0),
             GNTST_bad_gntref);
    check_rc("gnttab.map.no-host-map", gnttab_map(self, REF_RW, (u32)page_b, 0, &h, 0), GNTST_bad_gntref);
    check_rc("gnttab.map.device-map", gnttab_map(self, REF_RW, (u32)page_b, GNTMAP_host_map | GNTMAP_device_map, &h, 0),
             GNTST_general_error);
    check_rc("gnttab.map.never-granted", gnttab_map(self, 100, (u32)page_b, GNTMAP_host_map, &h, 0),
             GNTST_general_error);
    gnttab_grant_access(REF_OTHER, (domid_t)(self + 1), virt_to_gfn(page_a), 0);
    check_rc("gnttab.map.granted-to-other", gnttab_map(self, REF_OTHER, (u32)page_b, GNTMAP_host_map, &h, 0),
             GNTST_general_error);
    gnttab_end_access(REF_OTHER);
    check_rc("gnttab.unmap.bad-handle", gnttab_unmap(0xffffffffu, 0), GNTST_bad_handle);
    /* An entry in frame 1 (ref 512 + 3) works like one in frame 0. */
    gnttab_grant_access(GNTTAB_ENTRIES_PER_FRAME + 3, self, virt_to_gfn(page_a), 1);
    st = gnttab_map(self, GNTTAB_ENTRIES_PER_FRAME + 3, (u32)page_b, GNTMAP_host_map | GNTMAP_readonly, &h, 0);
    check_rc("gnttab.map.frame-1-entry", st, GNTST_okay);
    if (st == GNTST_okay)
        gnttab_unmap(h, (u32)page_b);
    gnttab_end_access(GNTTAB_ENTRIES_PER_FRAME + 3);

    /* A batch: one good, one bad op; the call succeeds and each op has its status. */
    struct gnttab_map_grant_ref ops[2];
    memset(ops, 0, sizeof ops);
    ops[0].host_addr = (u32)page_b;
    ops[0].flags = GNTMAP_host_map;
    ops[0].ref = REF_RW;
    ops[0].dom = self;
    ops[1] = ops[0];
    ops[1].ref = 0xfffffff0u;
    check_rc("gnttab.map.batch.rc", HYPERVISOR_grant_table_op(GNTTABOP_map_grant_ref, ops, 2), 0);
    check("gnttab.map.batch.status", ops[0].status == GNTST_okay && ops[1].status == GNTST_bad_gntref);
    if (ops[0].status == GNTST_okay)
        gnttab_unmap(ops[0].handle, (u32)page_b);
    check_rc("gnttab.map.negative-count", HYPERVISOR_grant_table_op(GNTTABOP_map_grant_ref, ops, 0x80000000u), -XEN_EINVAL);

    /* Copy: source by grant, destination by our own gfn. */
    for (u32 i = 0; i < 1024; i++)
        a[i] = 0xc0de0000 + i;
    memset(page_c, 0, sizeof page_c);
    struct gnttab_copy cp;
    memset(&cp, 0, sizeof cp);
    cp.source.u.ref = REF_RW;
    cp.source.domid = self;
    cp.source.offset = 100;
    cp.dest.u.gmfn = virt_to_gfn(page_c);
    cp.dest.domid = DOMID_SELF;
    cp.dest.offset = 200;
    cp.len = 1000;
    cp.flags = GNTCOPY_source_gref;
    check_rc("gnttab.copy.gref-to-gfn", gnttab_copy_one(&cp), GNTST_okay);
    check("gnttab.copy.gref-to-gfn.data", memcmp(page_c + 200, page_a + 100, 1000) == 0 && page_c[199] == 0 &&
                                              page_c[1200] == 0);
    check_eq("gnttab.copy.flags-restored", gnttab_flags(REF_RW), GTF_permit_access);

    /* Both sides by grant. */
    gnttab_grant_access(REF_C, self, virt_to_gfn(page_c), 0);
    memset(page_c, 0, sizeof page_c);
    cp.dest.u.ref = REF_C;
    cp.dest.domid = self;
    cp.dest.offset = 0;
    cp.source.offset = 0;
    cp.len = 4096;
    cp.flags = GNTCOPY_source_gref | GNTCOPY_dest_gref;
    check_rc("gnttab.copy.gref-to-gref", gnttab_copy_one(&cp), GNTST_okay);
    check("gnttab.copy.gref-to-gref.data", memcmp(page_c, page_a, 4096) == 0);

    struct gnttab_copy bad = cp;
    bad.source.offset = 4000;
    bad.len = 200;
    check_rc("gnttab.copy.crosses-page", gnttab_copy_one(&bad), GNTST_bad_copy_arg);
    bad = cp;
    bad.source.u.ref = 0xffffffffu;
    check_rc("gnttab.copy.bad-ref", gnttab_copy_one(&bad), GNTST_bad_gntref);
    bad = cp;
    bad.source.domid = 0x7000;
    check_rc("gnttab.copy.bad-domain", gnttab_copy_one(&bad), GNTST_bad_domain);
    bad = cp;
    bad.flags = GNTCOPY_source_gref;
    bad.dest.u.gmfn = virt_to_gfn(page_c);
    bad.dest.domid = self; /* by frame, only DOMID_SELF is allowed */
    check_rc("gnttab.copy.gfn-not-self", gnttab_copy_one(&bad), GNTST_permission_denied);
    gnttab_end_access(REF_C);
    gnttab_grant_access(REF_C, self, virt_to_gfn(page_c), 1);
    bad = cp;
    check_rc("gnttab.copy.dest-readonly", gnttab_copy_one(&bad), GNTST_general_error);
    gnttab_end_access(REF_C);
    check_rc("gnttab.copy.revoked", gnttab_copy_one(&cp), GNTST_general_error);
    gnttab_end_access(REF_RW);
}
