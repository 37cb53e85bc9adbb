/* Grant tables v1 (spec 5): the table mapped at the device tree's grant window, granting and
   revoking in memory, and map/unmap/copy through GNTTABOP. */
#ifndef XEN_GNTTAB_H
#define XEN_GNTTAB_H

#include "rt.h"

extern struct grant_entry_v1 *gnttab_table; /* boot.gnttab_base once gnttab_init succeeded */
extern u32 gnttab_frames;                   /* frames mapped so far */

/* query_size, set_version(1), frame 0 at the grant window. Returns 0 or the failing rc. */
long gnttab_init(void);
/* XENMAPSPACE_grant_table frame idx at gnttab_base + idx pages. */
long gnttab_map_frame(u32 idx);

long gnttab_query_size(domid_t dom, struct gnttab_query_size *out); /* count 1 */
long gnttab_set_version(u32 version, u32 *in_force);
long gnttab_get_version(domid_t dom, u32 *version);
long gnttab_setup_table(domid_t dom, u32 nr_frames, xen_pfn_t *frames, s16 *status);

/* Guest side protocol: domid, frame, barrier, then flags. */
void gnttab_grant_access(grant_ref_t ref, domid_t domid, u32 gfn, int readonly);
/* Revoke with a compare-and-swap of flags to 0; -XEN_EBUSY while GTF_reading/writing are set. */
long gnttab_end_access(grant_ref_t ref);
u16 gnttab_flags(grant_ref_t ref);

/* One-op helpers: return the hypercall rc if it failed, else the op's GNTST status. */
s32 gnttab_map(domid_t dom, grant_ref_t ref, u64 host_addr, u32 flags, grant_handle_t *handle, u64 *dev_bus_addr);
s32 gnttab_unmap(grant_handle_t handle, u64 host_addr);
s32 gnttab_copy_one(struct gnttab_copy *op);

#endif
