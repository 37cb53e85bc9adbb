/* Xen public ABI for an arm32 domU, as C: hypercall numbers, sub-ops, errnos, structure layouts.
   Values and offsets from shared/spec/xen-arm-abi.md (which lists them for the arm32 EABI);
   the _Static_asserts at the end pin the sizes the spec gives. No code here. */
#ifndef XEN_H
#define XEN_H

#include "types.h"

/* ---- hypercall numbers (spec 1.4) ----------------------------------------------------------- */
#define __HYPERVISOR_set_trap_table 0
#define __HYPERVISOR_platform_op 7
#define __HYPERVISOR_memory_op 12
#define __HYPERVISOR_multicall 13
#define __HYPERVISOR_xen_version 17
#define __HYPERVISOR_console_io 18
#define __HYPERVISOR_grant_table_op 20
#define __HYPERVISOR_vm_assist 21
#define __HYPERVISOR_vcpu_op 24
#define __HYPERVISOR_xsm_op 27
#define __HYPERVISOR_sched_op 29
#define __HYPERVISOR_event_channel_op 32
#define __HYPERVISOR_physdev_op 33
#define __HYPERVISOR_hvm_op 34
#define __HYPERVISOR_sysctl 35
#define __HYPERVISOR_domctl 36

#define XEN_HYPERCALL_TAG 0xEA1

/* ---- errnos (spec 1.2), returned negated ----------------------------------------------------- */
#define XEN_EPERM 1
#define XEN_ENOENT 2
#define XEN_ESRCH 3
#define XEN_EAGAIN 11
#define XEN_ENOMEM 12
#define XEN_EACCES 13
#define XEN_EFAULT 14
#define XEN_EBUSY 16
#define XEN_EEXIST 17
#define XEN_ENXIO 6
#define XEN_EINVAL 22
#define XEN_ENOSPC 28
#define XEN_ENOSYS 38
#define XEN_EOPNOTSUPP 95

/* ---- domain ids (spec 0) --------------------------------------------------------------------- */
typedef u16 domid_t;
#define DOMID_FIRST_RESERVED 0x7FF0
#define DOMID_SELF 0x7FF0
#define DOMID_IO 0x7FF1
#define DOMID_XEN 0x7FF2
#define DOMID_INVALID 0x7FF4

/* An embedded XEN_GUEST_HANDLE: 8 bytes, the 32-bit VA in the low half. */
typedef u64 xen_handle_t;
#define XEN_HANDLE(p) ((xen_handle_t)(u32)(p))
typedef u64 xen_pfn_t;
typedef u64 xen_ulong_t;

/* ---- multicall (spec 1.5) -------------------------------------------------------------------- */
struct multicall_entry {
    xen_ulong_t op;
    xen_ulong_t result;
    xen_ulong_t args[6];
};

/* ---- guest memory map (spec 2.1, 2.2) --------------------------------------------------------- */
#define GUEST_GICD_BASE 0x03001000u
#define GUEST_GICC_BASE 0x03002000u
#define GUEST_GNTTAB_BASE 0x38000000u
#define GUEST_GNTTAB_SIZE 0x01000000u
#define GUEST_MAGIC_BASE 0x39000000u
#define GUEST_RAM0_BASE 0x40000000u
#define GUEST_CONSOLE_PFN 0x39000u
#define GUEST_STORE_PFN 0x39001u
#define GUEST_EVTCHN_PPI 31
#define XEN_PAGE_SIZE 4096u
#define XEN_PAGE_SHIFT 12

/* ---- vcpu_info / shared_info (spec 3.1, 3.2) --------------------------------------------------- */
struct vcpu_time_info {
    u32 version;
    u32 pad0;
    u64 tsc_timestamp;
    u64 system_time;
    u32 tsc_to_system_mul;
    s8 tsc_shift;
    u8 flags;
    u8 pad1[2];
};

struct vcpu_info {
    u8 evtchn_upcall_pending;
    u8 evtchn_upcall_mask; /* unused on ARM */
    u8 pad[6];
    xen_ulong_t evtchn_pending_sel;
    struct vcpu_time_info time;
};

#define NR_EVENT_CHANNELS 4096
struct shared_info {
    struct vcpu_info vcpu_info[1];
    xen_ulong_t evtchn_pending[64];
    xen_ulong_t evtchn_mask[64];
    u32 wc_version;
    u32 wc_sec;
    u32 wc_nsec;
    u32 wc_sec_hi;
};

/* ---- xen_version (spec 6.3) ------------------------------------------------------------------ */
#define XENVER_version 0
#define XENVER_extraversion 1
#define XENVER_compile_info 2
#define XENVER_capabilities 3
#define XENVER_changeset 4
#define XENVER_platform_parameters 5
#define XENVER_get_features 6
#define XENVER_pagesize 7
#define XENVER_guest_handle 8
#define XENVER_commandline 9
#define XENVER_build_id 10

struct xen_compile_info {
    char compiler[64];
    char compile_by[16];
    char compile_domain[32];
    char compile_date[32];
};
struct xen_platform_parameters {
    xen_ulong_t virt_start;
};
struct xen_feature_info {
    u32 submap_idx;
    u32 submap;
};
#define XENFEAT_writable_page_tables 0
#define XENFEAT_auto_translated_physmap 2
#define XENFEAT_dom0 11
#define XENFEAT_memory_op_vnode_supported 13
#define XENFEAT_ARM_SMCCC_supported 14
#define XENFEAT_not_direct_mapped 16
#define XENFEAT_direct_mapped 17
#define XEN_DOMU_FEATURES_SUBMAP0 0x00016005u

/* ---- console_io (spec 6.2) ------------------------------------------------------------------- */
#define CONSOLEIO_write 0
#define CONSOLEIO_read 1

/* ---- sched_op (spec 6.1) --------------------------------------------------------------------- */
#define SCHEDOP_yield 0
#define SCHEDOP_block 1
#define SCHEDOP_shutdown 2
#define SCHEDOP_poll 3
#define SCHEDOP_remote_shutdown 4
#define SCHEDOP_shutdown_code 5
#define SCHEDOP_watchdog 6
#define SCHEDOP_pin_override 7

#define SHUTDOWN_poweroff 0
#define SHUTDOWN_reboot 1
#define SHUTDOWN_suspend 2
#define SHUTDOWN_crash 3
#define SHUTDOWN_watchdog 4
#define SHUTDOWN_soft_reset 5

struct sched_shutdown {
    u32 reason;
};
struct sched_poll {
    xen_handle_t ports; /* evtchn_port_t[] */
    u32 nr_ports;
    u32 pad;
    u64 timeout; /* absolute Xen system time, ns; 0 = none */
};
struct sched_remote_shutdown {
    domid_t domain_id;
    u16 pad;
    u32 reason;
};
struct sched_watchdog {
    u32 id;
    u32 timeout;
};

/* ---- memory_op (spec 3.6, 6.4) --------------------------------------------------------------- */
#define XENMEM_increase_reservation 0
#define XENMEM_decrease_reservation 1
#define XENMEM_maximum_ram_page 2
#define XENMEM_current_reservation 3
#define XENMEM_maximum_reservation 4
#define XENMEM_machphys_mfn_list 5
#define XENMEM_populate_physmap 6
#define XENMEM_add_to_physmap 7
#define XENMEM_memory_map 9
#define XENMEM_maximum_gpfn 14
#define XENMEM_remove_from_physmap 15

struct xen_memory_reservation {
    xen_handle_t extent_start; /* xen_pfn_t[] */
    xen_ulong_t nr_extents;
    u32 extent_order;
    u32 mem_flags;
    domid_t domid;
    u16 pad[3];
};
struct xen_memory_domain {
    domid_t domid;
};

#define XENMAPSPACE_shared_info 0
#define XENMAPSPACE_grant_table 1
#define XENMAPSPACE_gmfn 2
#define XENMAPSPACE_gmfn_range 3
#define XENMAPSPACE_gmfn_foreign 4
#define XENMAPSPACE_dev_mmio 5
#define XENMAPIDX_grant_table_status 0x80000000u

struct xen_add_to_physmap {
    domid_t domid;
    u16 size;
    u32 space;
    xen_ulong_t idx;
    xen_pfn_t gpfn;
};
struct xen_remove_from_physmap {
    domid_t domid;
    u16 pad[3];
    xen_pfn_t gpfn;
};

/* ---- vcpu_op (spec 3.5, 3.8, 6.6) ------------------------------------------------------------ */
#define VCPUOP_initialise 0
#define VCPUOP_up 1
#define VCPUOP_down 2
#define VCPUOP_is_up 3
#define VCPUOP_get_runstate_info 4
#define VCPUOP_register_runstate_memory_area 5
#define VCPUOP_set_periodic_timer 6
#define VCPUOP_register_vcpu_info 10
#define VCPUOP_register_runstate_phys_area 14

struct vcpu_register_vcpu_info {
    u64 mfn; /* gfn of the page holding the vcpu_info */
    u32 offset;
    u32 rsvd;
};

#define RUNSTATE_running 0
#define RUNSTATE_runnable 1
#define RUNSTATE_blocked 2
#define RUNSTATE_offline 3
#define XEN_RUNSTATE_UPDATE (1ull << 63)
struct vcpu_runstate_info {
    s32 state;
    u32 pad;
    u64 state_entry_time;
    u64 time[4];
};
struct vcpu_register_runstate_memory_area {
    u64 addr; /* VA in the low half */
};

/* ---- vm_assist (spec 3.8) -------------------------------------------------------------------- */
#define VMASST_CMD_enable 0
#define VMASST_CMD_disable 1
#define VMASST_TYPE_runstate_update_flag 5

/* ---- hvm_op (spec 3.7) ----------------------------------------------------------------------- */
#define HVMOP_set_param 0
#define HVMOP_get_param 1
#define HVMOP_guest_request_vm_event 24
#define HVM_PARAM_CALLBACK_IRQ 0
#define HVM_PARAM_STORE_PFN 1
#define HVM_PARAM_STORE_EVTCHN 2
#define HVM_PARAM_CONSOLE_PFN 17
#define HVM_PARAM_CONSOLE_EVTCHN 18
#define HVM_PARAM_MONITOR_RING_PFN 28
#define HVM_CALLBACK_PPI31 0x020000000000021Full

struct xen_hvm_param {
    domid_t domid;
    u16 pad;
    u32 index;
    u64 value;
};

/* ---- event channels (spec 4) ----------------------------------------------------------------- */
typedef u32 evtchn_port_t;
#define EVTCHNOP_bind_interdomain 0
#define EVTCHNOP_bind_virq 1
#define EVTCHNOP_bind_pirq 2
#define EVTCHNOP_close 3
#define EVTCHNOP_send 4
#define EVTCHNOP_status 5
#define EVTCHNOP_alloc_unbound 6
#define EVTCHNOP_bind_ipi 7
#define EVTCHNOP_bind_vcpu 8
#define EVTCHNOP_unmask 9
#define EVTCHNOP_reset 10
#define EVTCHNOP_init_control 11

#define EVTCHNSTAT_closed 0
#define EVTCHNSTAT_unbound 1
#define EVTCHNSTAT_interdomain 2
#define EVTCHNSTAT_pirq 3
#define EVTCHNSTAT_virq 4
#define EVTCHNSTAT_ipi 5

#define VIRQ_TIMER 0
#define VIRQ_DEBUG 1
#define VIRQ_CONSOLE 2
#define VIRQ_DOM_EXC 3
#define NR_VIRQS 24

struct evtchn_alloc_unbound {
    domid_t dom, remote_dom;
    evtchn_port_t port;
};
struct evtchn_bind_interdomain {
    domid_t remote_dom;
    u16 pad;
    evtchn_port_t remote_port;
    evtchn_port_t local_port;
};
struct evtchn_bind_virq {
    u32 virq;
    u32 vcpu;
    evtchn_port_t port;
};
struct evtchn_bind_ipi {
    u32 vcpu;
    evtchn_port_t port;
};
struct evtchn_close {
    evtchn_port_t port;
};
struct evtchn_send {
    evtchn_port_t port;
};
struct evtchn_status {
    domid_t dom;
    u16 pad;
    evtchn_port_t port;
    u32 status;
    u32 vcpu;
    union {
        struct {
            domid_t dom;
        } unbound;
        struct {
            domid_t dom;
            u16 pad;
            evtchn_port_t port;
        } interdomain;
        u32 pirq;
        u32 virq;
    } u;
};
struct evtchn_bind_vcpu {
    evtchn_port_t port;
    u32 vcpu;
};
struct evtchn_unmask {
    evtchn_port_t port;
};
struct evtchn_reset {
    domid_t dom;
};

/* ---- grant tables v1 (spec 5) ---------------------------------------------------------------- */
typedef u32 grant_ref_t;
typedef u32 grant_handle_t;

struct grant_entry_v1 {
    u16 flags;
    domid_t domid;
    u32 frame;
};
#define GNTTAB_ENTRIES_PER_FRAME 512
#define GNTTAB_NR_RESERVED_ENTRIES 8
#define GNTTAB_DEFAULT_MAX_FRAMES 64

#define GTF_invalid 0
#define GTF_permit_access 1
#define GTF_accept_transfer 2
#define GTF_type_mask 3
#define GTF_readonly (1u << 2)
#define GTF_reading (1u << 3)
#define GTF_writing (1u << 4)

#define GNTTABOP_map_grant_ref 0
#define GNTTABOP_unmap_grant_ref 1
#define GNTTABOP_setup_table 2
#define GNTTABOP_dump_table 3
#define GNTTABOP_transfer 4
#define GNTTABOP_copy 5
#define GNTTABOP_query_size 6
#define GNTTABOP_unmap_and_replace 7
#define GNTTABOP_set_version 8
#define GNTTABOP_get_status_frames 9
#define GNTTABOP_get_version 10

#define GNTMAP_device_map (1u << 0)
#define GNTMAP_host_map (1u << 1)
#define GNTMAP_readonly (1u << 2)
#define GNTMAP_application_map (1u << 3)
#define GNTMAP_contains_pte (1u << 4)

#define GNTST_okay 0
#define GNTST_general_error (-1)
#define GNTST_bad_domain (-2)
#define GNTST_bad_gntref (-3)
#define GNTST_bad_handle (-4)
#define GNTST_bad_virt_addr (-5)
#define GNTST_bad_dev_addr (-6)
#define GNTST_no_device_space (-7)
#define GNTST_permission_denied (-8)
#define GNTST_bad_page (-9)
#define GNTST_bad_copy_arg (-10)
#define GNTST_address_too_big (-11)
#define GNTST_eagain (-12)
#define GNTST_no_space (-13)

struct gnttab_map_grant_ref {
    u64 host_addr;
    u32 flags;
    grant_ref_t ref;
    domid_t dom;
    s16 status;
    grant_handle_t handle;
    u64 dev_bus_addr;
};
struct gnttab_unmap_grant_ref {
    u64 host_addr;
    u64 dev_bus_addr;
    grant_handle_t handle;
    s16 status;
    u16 pad;
};
struct gnttab_setup_table {
    domid_t dom;
    u16 pad;
    u32 nr_frames;
    s16 status;
    u16 pad2[3];
    xen_handle_t frame_list; /* xen_pfn_t[] */
};
struct gnttab_query_size {
    domid_t dom;
    u16 pad;
    u32 nr_frames;
    u32 max_nr_frames;
    s16 status;
    u16 pad2;
};
struct gnttab_set_version {
    u32 version;
};
struct gnttab_get_version {
    domid_t dom;
    u16 pad;
    u32 version;
};

#define GNTCOPY_source_gref 1
#define GNTCOPY_dest_gref 2
struct gnttab_copy_ptr {
    union {
        grant_ref_t ref;
        xen_pfn_t gmfn;
    } u;
    domid_t domid;
    u16 offset;
    u32 pad;
};
struct gnttab_copy {
    struct gnttab_copy_ptr source;
    struct gnttab_copy_ptr dest;
    u16 len;
    u16 flags;
    s16 status;
    u16 pad;
};

/* ---- physdev_op (spec 6.5) ------------------------------------------------------------------- */
#define PHYSDEVOP_irq_status_query 5
#define PHYSDEVOP_map_pirq 13

/* ---- PV console ring (spec 9.1) -------------------------------------------------------------- */
struct xencons_interface {
    char in[1024];
    char out[2048];
    u32 in_cons, in_prod;
    u32 out_cons, out_prod;
    u8 connection;
};

/* ---- SMCCC / PSCI over HVC #0 (spec 7.1, 7.2) -------------------------------------------------- */
#define SMCCC_VERSION 0x80000000u
#define SMCCC_ARCH_FEATURES 0x80000001u
#define XEN_SMCCC_CALL_COUNT 0x8500FF00u
#define XEN_SMCCC_UID 0x8500FF01u
#define XEN_SMCCC_REVISION 0x8500FF03u
#define PSCI_0_2_VERSION 0x84000000u
#define PSCI_0_2_SYSTEM_OFF 0x84000008u
#define SMCCC_RET_NOT_SUPPORTED 0xFFFFFFFFu

/* ---- sizes and offsets the spec gives for arm32 ------------------------------------------------ */
#define XEN_OFFSET(t, f) __builtin_offsetof(t, f)
_Static_assert(sizeof(struct multicall_entry) == 64, "multicall_entry");
_Static_assert(sizeof(struct vcpu_info) == 48, "vcpu_info");
_Static_assert(sizeof(struct shared_info) == 1088, "shared_info");
_Static_assert(XEN_OFFSET(struct shared_info, evtchn_mask) == 560, "evtchn_mask");
_Static_assert(XEN_OFFSET(struct shared_info, wc_version) == 1072, "wc_version");
_Static_assert(sizeof(struct sched_poll) == 24, "sched_poll");
_Static_assert(sizeof(struct sched_remote_shutdown) == 8, "sched_remote_shutdown");
_Static_assert(sizeof(struct xen_memory_reservation) == 32, "xen_memory_reservation");
_Static_assert(XEN_OFFSET(struct xen_memory_reservation, domid) == 24, "reservation.domid");
_Static_assert(sizeof(struct xen_add_to_physmap) == 24, "xen_add_to_physmap");
_Static_assert(sizeof(struct xen_remove_from_physmap) == 16, "xen_remove_from_physmap");
_Static_assert(sizeof(struct vcpu_register_vcpu_info) == 16, "vcpu_register_vcpu_info");
_Static_assert(sizeof(struct vcpu_runstate_info) == 48, "vcpu_runstate_info");
_Static_assert(sizeof(struct xen_hvm_param) == 16, "xen_hvm_param");
_Static_assert(sizeof(struct evtchn_alloc_unbound) == 8, "evtchn_alloc_unbound");
_Static_assert(sizeof(struct evtchn_bind_interdomain) == 12, "evtchn_bind_interdomain");
_Static_assert(sizeof(struct evtchn_bind_virq) == 12, "evtchn_bind_virq");
_Static_assert(sizeof(struct evtchn_status) == 24, "evtchn_status");
_Static_assert(XEN_OFFSET(struct evtchn_status, u.interdomain.port) == 20, "status.u.interdomain.port");
_Static_assert(sizeof(struct grant_entry_v1) == 8, "grant_entry_v1");
_Static_assert(sizeof(struct gnttab_map_grant_ref) == 32, "gnttab_map_grant_ref");
_Static_assert(XEN_OFFSET(struct gnttab_map_grant_ref, status) == 18, "map.status");
_Static_assert(sizeof(struct gnttab_unmap_grant_ref) == 24, "gnttab_unmap_grant_ref");
_Static_assert(sizeof(struct gnttab_setup_table) == 24, "gnttab_setup_table");
_Static_assert(XEN_OFFSET(struct gnttab_setup_table, frame_list) == 16, "setup.frame_list");
_Static_assert(sizeof(struct gnttab_query_size) == 16, "gnttab_query_size");
_Static_assert(XEN_OFFSET(struct gnttab_query_size, status) == 12, "query_size.status");
_Static_assert(sizeof(struct gnttab_get_version) == 8, "gnttab_get_version");
_Static_assert(sizeof(struct gnttab_copy) == 40, "gnttab_copy");
_Static_assert(XEN_OFFSET(struct gnttab_copy, dest.offset) == 26, "copy.dest.offset");
_Static_assert(XEN_OFFSET(struct gnttab_copy, status) == 36, "copy.status");
_Static_assert(XEN_OFFSET(struct xencons_interface, out_prod) == 3084, "xencons.out_prod");

#endif
