/* PV console ring (spec 9) at the page HVM_PARAM_CONSOLE_PFN names, notified on
   HVM_PARAM_CONSOLE_EVTCHN. */
#ifndef XEN_PVCONS_H
#define XEN_PVCONS_H

#include "rt.h"

extern struct xencons_interface *pvcons;
extern evtchn_port_t pvcons_port;
/* Reads both params; 0 if the console exists, 1 if either param is 0 (no console), else rc. */
long pvcons_init(void);
/* Copies what fits into out[], publishes out_prod, notifies; returns bytes queued. */
u32 pvcons_write(const char *s, u32 n);
/* Yields until the backend consumed everything (out_cons == out_prod), at most max_yields times.
   Returns 1 when drained. */
int pvcons_wait_drained(u32 max_yields);

#endif
