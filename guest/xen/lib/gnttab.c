#include "gnttab.h"
#include "hypercall.h"

struct grant_entry_v1 *gnttab_table;
u32 gnttab_frames;

long gnttab_query_size(domid_t dom, struct gnttab_query_size *out)
{
    memset(out, 0, sizeof *out);
    out->dom = dom;
    return HYPERVISOR_grant_table_op(GNTTABOP_query_size, out, 1);
}

long gnttab_set_version(u32 version, u32 *in_force)
{
    struct gnttab_set_version op = {version};
    long rc = HYPERVISOR_grant_table_op(GNTTABOP_set_version, &op, 1);
    if (in_force)
        *in_force = op.version;
    return rc;
}

long gnttab_get_version(domid_t dom, u32 *version)
{
    struct gnttab_get_version op;
    memset(&op, 0, sizeof op);
    op.dom = dom;
    long rc = HYPERVISOR_grant_table_op(GNTTABOP_get_version, &op, 1);
    *version = op.version;
    return rc;
}

long gnttab_setup_table(domid_t dom, u32 nr_frames, xen_pfn_t *frames, s16 *status)
{
    struct gnttab_setup_table op;
    memset(&op, 0, sizeof op);
    op.dom = dom;
    op.nr_frames = nr_frames;
    op.frame_list = XEN_HANDLE(frames);
    long rc = HYPERVISOR_grant_table_op(GNTTABOP_setup_table, &op, 1);
    *status = op.status;
    return rc;
}

long gnttab_map_frame(u32 idx)
{
    long rc = xen_add_to_physmap(XENMAPSPACE_grant_table, idx, (boot.gnttab_base >> XEN_PAGE_SHIFT) + idx);
    if (rc == 0 && idx + 1 > gnttab_frames)
        gnttab_frames = idx + 1;
    return rc;
}

long gnttab_init(void)
{
    struct gnttab_query_size q;
    long rc = gnttab_query_size(DOMID_SELF, &q);
    if (rc)
        return rc;
    rc = gnttab_set_version(1, NULL);
    if (rc)
        return rc;
    rc = gnttab_map_frame(0);
    if (rc == 0)
        gnttab_table = (struct grant_entry_v1 *)(u32)boot.gnttab_base;
    return rc;
}

void gnttab_grant_access(grant_ref_t ref, domid_t domid, u32 gfn, int readonly)
{
    volatile struct grant_entry_v1 *e = &gnttab_table[ref];
    e->domid = domid;
    e->frame = gfn;
    dmb();
    e->flags = (u16)(GTF_permit_access | (readonly ? GTF_readonly : 0));
}

u16 gnttab_flags(grant_ref_t ref)
{
    return ((volatile struct grant_entry_v1 *)gnttab_table)[ref].flags;
}

long gnttab_end_access(grant_ref_t ref)
{
    u16 *flags = &gnttab_table[ref].flags;
    u16 old = __atomic_load_n(flags, __ATOMIC_SEQ_CST);
    for (int tries = 0; tries < 100; tries++) {
        if (old & (GTF_reading | GTF_writing))
            return -XEN_EBUSY;
        if (__atomic_compare_exchange_n(flags, &old, 0, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
            return 0;
    }
    return -XEN_EAGAIN;
}

s32 gnttab_map(domid_t dom, grant_ref_t ref, u64 host_addr, u32 flags, grant_handle_t *handle, u64 *dev_bus_addr)
{
    struct gnttab_map_grant_ref op;
    memset(&op, 0, sizeof op);
    op.host_addr = host_addr;
    op.flags = flags;
    op.ref = ref;
    op.dom = dom;
    op.status = 0x7777; /* must be overwritten */
    long rc = HYPERVISOR_grant_table_op(GNTTABOP_map_grant_ref, &op, 1);
    if (handle)
        *handle = op.handle;
    if (dev_bus_addr)
        *dev_bus_addr = op.dev_bus_addr;
    return rc ? (s32)rc : op.status;
}

s32 gnttab_unmap(grant_handle_t handle, u64 host_addr)
{
    struct gnttab_unmap_grant_ref op;
    memset(&op, 0, sizeof op);
    op.host_addr = host_addr;
    op.handle = handle;
    op.status = 0x7777;
    long rc = HYPERVISOR_grant_table_op(GNTTABOP_unmap_grant_ref, &op, 1);
    return rc ? (s32)rc : op.status;
}

s32 gnttab_copy_one(struct gnttab_copy *op)
{
    op->status = 0x7777;
    long rc = HYPERVISOR_grant_table_op(GNTTABOP_copy, op, 1);
    return rc ? (s32)rc : op->status;
}
