/* shared_info, vcpu_info and 2-level event channels (spec 3, 4), upcall on the PPI the device
   tree names (31). Single vCPU (vCPU 0). */
#ifndef XEN_EVENTS_H
#define XEN_EVENTS_H

#include "rt.h"

extern struct shared_info *shared_info; /* 0 until xen_map_shared_info */
extern struct vcpu_info *vcpu_info;     /* the registered one, else the shared_info slot */

/* XENMEM_add_to_physmap(shared_info) at a page this library reserves; returns the hypercall rc. */
long xen_map_shared_info(void);
/* VCPUOP_register_vcpu_info for vCPU 0 with a 64-byte aligned vcpu_info in this library. */
long xen_register_own_vcpu_info(void);
/* Maps shared_info, registers vcpu_info, masks every port, sets up the GIC and the upcall
   handler on boot.evtchn_irq. IRQs stay masked (CPSR.I) until the caller enables them.
   Returns 0, or the first failing hypercall's rc. */
long xen_events_init(void);

typedef void (*evtchn_handler)(evtchn_port_t port, void *arg);
/* Handler for port; events on a port without one are counted in evtchn_unhandled. */
void evtchn_set_handler(evtchn_port_t port, evtchn_handler fn, void *arg);
extern volatile u32 evtchn_upcalls;   /* upcall handler runs */
extern volatile u32 evtchn_unhandled; /* events on ports without a handler */
extern volatile u32 evtchn_count[NR_EVENT_CHANNELS]; /* events delivered per port */
void evtchn_do_upcall(void);          /* the PPI 31 handler body; callable with IRQs masked */

/* Hypercall wrappers; OUT values through pointers; return 0 or -errno. */
long evtchn_alloc_unbound(domid_t remote_dom, evtchn_port_t *port);
long evtchn_bind_interdomain(domid_t remote_dom, evtchn_port_t remote_port, evtchn_port_t *local_port);
long evtchn_bind_virq(u32 virq, u32 vcpu, evtchn_port_t *port);
long evtchn_bind_ipi(u32 vcpu, evtchn_port_t *port);
long evtchn_bind_vcpu(evtchn_port_t port, u32 vcpu);
long evtchn_send(evtchn_port_t port);
long evtchn_close(evtchn_port_t port);
long evtchn_unmask(evtchn_port_t port); /* EVTCHNOP_unmask: the hypervisor re-delivers if pending */
long evtchn_status(evtchn_port_t port, struct evtchn_status *st); /* dom = DOMID_SELF */
long evtchn_reset(void);

/* Bitmap access in shared_info (atomic on 32-bit halves of the 64-bit words). */
void evtchn_mask(evtchn_port_t port);
void evtchn_clear_mask(evtchn_port_t port); /* memory only, no re-delivery */
void evtchn_clear_pending(evtchn_port_t port);
int evtchn_is_pending(evtchn_port_t port);
int evtchn_is_masked(evtchn_port_t port);

/* Our domain id, learnt from EVTCHNOP_status of a loopback unbound port (Xen resolves
   DOMID_SELF there); DOMID_INVALID if that fails. */
domid_t xen_self_domid(void);

#endif
