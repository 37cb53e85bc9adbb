/* memory_op (spec 3.6, 6.4): reservations, decrease/populate of one page, add_to_physmap of
   shared_info (and its preservation across a remap), sub-ops ARM does not have. */
#include "rt.h"
#include "hypercall.h"

static u8 balloon_page[XEN_PAGE_SIZE] PAGE_ALIGNED;
static u8 si_page_a[XEN_PAGE_SIZE] PAGE_ALIGNED;
static u8 si_page_b[XEN_PAGE_SIZE] PAGE_ALIGNED;

void test_main(void)
{
    exc_record_install();
    long cur = xen_current_reservation(), max = xen_maximum_reservation();
    note("current_reservation %ld pages, maximum_reservation %ld pages, DT memory %llu pages", cur, max,
         boot.mem_size >> XEN_PAGE_SHIFT);
    check("memory.current.positive", cur > 0);
    check("memory.current.covers-dt-ram", (u64)cur >= (boot.mem_size >> XEN_PAGE_SHIFT));
    check("memory.maximum.at-least-current", max >= cur);
    struct xen_memory_domain other = {0x7000};
    check_rc("memory.current.unknown-domain", HYPERVISOR_memory_op(XENMEM_current_reservation, &other), -XEN_ESRCH);

    /* Give one page back: it becomes a hole, and the count drops by one. */
    volatile u32 *word = (volatile u32 *)balloon_page;
    *word = 0x12345678;
    xen_pfn_t gfn = virt_to_gfn(balloon_page);
    check_rc("memory.decrease", xen_reservation_op(XENMEM_decrease_reservation, &gfn, 1), 1);
    check_rc("memory.decrease.current", xen_current_reservation(), cur - 1);
    exc_record_reset();
    u32 v = probe_read((u32)balloon_page);
    check("memory.decrease.hole-aborts", exc_rec.count == 1 && exc_rec.kind == EXC_DABT && v == PROBE_FAULT);
    check_eq("memory.decrease.hole-dfar", exc_rec.far, (u32)balloon_page);
    check_rc("memory.decrease.again", xen_reservation_op(XENMEM_decrease_reservation, &gfn, 1), 0);

    /* And take it back: RAM again at the same gfn, writable. */
    check_rc("memory.populate", xen_reservation_op(XENMEM_populate_physmap, &gfn, 1), 1);
    check_rc("memory.populate.current", xen_current_reservation(), cur);
    exc_record_reset();
    probe_write((u32)balloon_page + 8, 0xa5a5a5a5);
    check("memory.populate.read-back", probe_read((u32)balloon_page + 8) == 0xa5a5a5a5 && exc_rec.count == 0);

    /* Two extents, the second bad (a gfn in the hole below the GIC): stop after the first. */
    xen_pfn_t two[2] = {gfn, 0x10};
    check_rc("memory.decrease.partial", xen_reservation_op(XENMEM_decrease_reservation, two, 2), 1);
    check_rc("memory.populate.restore", xen_reservation_op(XENMEM_populate_physmap, &gfn, 1), 1);

    /* shared_info: idx must be 0; the content survives a move to another gfn. */
    check_rc("memory.add-to-physmap.shared-info.bad-idx",
             xen_add_to_physmap(XENMAPSPACE_shared_info, 1, virt_to_gfn(si_page_a)), -XEN_EINVAL);
    check_rc("memory.add-to-physmap.shared-info",
             xen_add_to_physmap(XENMAPSPACE_shared_info, 0, virt_to_gfn(si_page_a)), 0);
    volatile struct shared_info *si = (volatile struct shared_info *)si_page_a;
    check_eq("memory.shared-info.wc-version-even", si->wc_version & 1, 0);
    si->evtchn_mask[63] = 0x8000000000000001ull;
    check_rc("memory.add-to-physmap.shared-info.move",
             xen_add_to_physmap(XENMAPSPACE_shared_info, 0, virt_to_gfn(si_page_b)), 0);
    si = (volatile struct shared_info *)si_page_b;
    check_eq64("memory.shared-info.preserved", si->evtchn_mask[63], 0x8000000000000001ull);
    si->evtchn_mask[63] = 0;
    check_rc("memory.add-to-physmap.gnttab-status-v1",
             xen_add_to_physmap(XENMAPSPACE_grant_table, XENMAPIDX_grant_table_status, GUEST_GNTTAB_BASE >> 12),
             -XEN_EINVAL);

    struct xen_add_to_physmap foreign;
    memset(&foreign, 0, sizeof foreign);
    foreign.domid = 0x7000;
    foreign.space = XENMAPSPACE_shared_info;
    foreign.gpfn = virt_to_gfn(si_page_a);
    check_rc("memory.add-to-physmap.unknown-domain", HYPERVISOR_memory_op(XENMEM_add_to_physmap, &foreign), -XEN_ESRCH);

    /* Sub-ops ARM does not implement. */
    u64 dummy[4];
    check_rc("memory.machphys-mfn-list", HYPERVISOR_memory_op(XENMEM_machphys_mfn_list, dummy), -XEN_ENOSYS);
    check_rc("memory.memory-map", HYPERVISOR_memory_op(XENMEM_memory_map, dummy), -XEN_ENOSYS);
    check_rc("memory.unknown-cmd", HYPERVISOR_memory_op(63, dummy), -XEN_ENOSYS);
    struct xen_memory_domain self = {DOMID_SELF};
    long maxgpfn = HYPERVISOR_memory_op(XENMEM_maximum_gpfn, &self);
    check("memory.maximum-gpfn.covers-ram",
          maxgpfn >= (long)((boot.mem_base + boot.mem_size) >> XEN_PAGE_SHIFT) - 1);
}
