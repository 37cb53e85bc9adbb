/* The two-domain transfer test's shared convention (xfer_send.c, xfer_recv.c).

   No XenStore: the sender grants its control page at the fixed reference XFER_CTL_REF to the
   peer named on its command line, and publishes there everything else (its unbound port, the
   ring's grant references, the size and seed). The receiver maps that reference, waiting until
   the grant exists. Command-line keys: xfer.peer=DOMID, xfer.bytes=N, xfer.slots=N,
   xfer.seed=N (sender), xfer.mode=map|copy and the test hook xfer.seed-xor=N (receiver). */
#ifndef XFER_H
#define XFER_H

#include "rt.h"
#include "hypercall.h"
#include "events.h"
#include "gnttab.h"
#include "xorshift.h"

#define XFER_CTL_REF GNTTAB_NR_RESERVED_ENTRIES /* the first reference a guest owns (8) */
#define XFER_MAGIC 0x58464552u                   /* "XFER" once the page is filled in */
#define XFER_MAX_SLOTS 32

/* The control page: written by the sender except cons (and bound), which only the receiver writes. */
struct xfer_ctl {
    u32 magic;
    u32 port;      /* the sender's unbound port for the receiver */
    u32 slots;     /* ring pages, granted read-only at first_ref .. first_ref + slots - 1 */
    u32 first_ref;
    u32 bytes;     /* total payload, a multiple of the page size */
    u32 seed;      /* xorshift32 seed of the payload */
    u32 bound;     /* receiver: bound to port (it also sends an event) */
    u32 pad;
    volatile u32 prod; /* pages written so far; page n is in slot n % slots */
    volatile u32 cons; /* pages the receiver is done with */
};

/* The value of "key=..." in /chosen/bootargs as a number, or dflt. */
static inline u32 xfer_arg(const char *key, u32 dflt)
{
    const char *s = boot.bootargs;
    unsigned n = strlen(key);
    for (unsigned guard = 0; *s && guard < 4096; guard++) {
        while (*s == ' ')
            s++;
        if (strncmp(s, key, n) == 0 && s[n] == '=') {
            u32 v = 0;
            for (s += n + 1; *s >= '0' && *s <= '9'; s++)
                v = v * 10 + (u32)(*s - '0');
            return v;
        }
        while (*s && *s != ' ')
            s++;
    }
    return dflt;
}

/* Whether "key=word" is in the bootargs. */
static inline int xfer_arg_is(const char *key, const char *word)
{
    const char *s = boot.bootargs;
    unsigned n = strlen(key), w = strlen(word);
    for (unsigned guard = 0; *s && guard < 4096; guard++) {
        while (*s == ' ')
            s++;
        if (strncmp(s, key, n) == 0 && s[n] == '=' && strncmp(s + n + 1, word, w) == 0 &&
            (s[n + 1 + w] == ' ' || s[n + 1 + w] == 0))
            return 1;
        while (*s && *s != ' ')
            s++;
    }
    return 0;
}

/* Waits for an event on port (masked: SCHEDOP_poll sees it pending) and consumes it. */
static inline void xfer_wait(evtchn_port_t port)
{
    xen_poll(&port, 1, 0);
    evtchn_clear_pending(port);
}

/* Guest time since t0 in microseconds and the rate in KiB/s, from CNTVCT. */
static inline void xfer_rate(u64 ticks, u32 bytes, u64 *us, u64 *kib_s)
{
    u64 f = read_cntfrq();
    *us = f ? ticks * 1000000 / f : 0;
    *kib_s = ticks ? (u64)bytes * f / ticks / 1024 : 0;
}

#endif
