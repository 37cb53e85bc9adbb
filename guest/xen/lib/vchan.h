/* libxenvchan for the SDK (spec 11): a byte stream between two domains over a granted control
   page, two rings and one event channel, byte-compatible with Xen's tools/libs/vchan so a peer
   built on that library (or Xenith's C# domain 0 end) interoperates. One vCPU; the caller runs
   xen_events_init first (and gnttab_init for a server). Waits poll the masked vchan port with IRQs
   masked, in slices of VCHAN_SLICE_MS, re-checking the peer's liveness after each empty slice, so
   a peer that dies without a word ends the wait (never a hang). */
#ifndef XEN_VCHAN_H
#define XEN_VCHAN_H

#include "rt.h"

/* struct vchan_interface (io/libxenvchan.h): 24-byte header, then grants[]. */
struct vchan_ring_shared {
    u32 cons, prod;
};
struct vchan_interface {
    struct vchan_ring_shared left, right; /* left: client -> server; right: server -> client */
    u16 left_order, right_order;
    u8 cli_live, srv_live; /* 0 exited, 1 connected, 2 client not yet connected */
    u8 cli_notify, srv_notify;
    u32 grants[];
};
_Static_assert(sizeof(struct vchan_interface) == 24, "vchan_interface");

#define VCHAN_NOTIFY_WRITE 1 /* wake me when data is written */
#define VCHAN_NOTIFY_READ 2  /* wake me when data is consumed */
#define VCHAN_MIN_ORDER 10
#define VCHAN_MAX_ORDER 20

/* This SDK's limits: ring pages a vchan may own or map (both rings together), and the grant
   references a server uses (above those the toolstack reserves). */
#define VCHAN_MAX_PAGES 512 /* both rings at the protocol's largest order (20): 256 pages each */
#define VCHAN_FIRST_REF 32
#define VCHAN_SLICE_MS 20
#define VCHAN_IDLE_LIMIT_MS 30000 /* a blocking call gives up after this much guest time with nothing moving */

/* Errors besides -XEN_Exxx from the hypercalls and XenStore. */
#define VCHAN_ECLOSED (-32)   /* EPIPE: the peer (or this end) closed, nothing more will come */
#define VCHAN_ETIMEDOUT (-110) /* nothing moved for VCHAN_IDLE_LIMIT_MS while the peer stayed up */
#define VCHAN_EPROTO (-71)     /* the peer broke the protocol: indices beyond the ring, bad orders */

struct vchan {
    volatile struct vchan_interface *ctrl;
    volatile struct vchan_ring_shared *rd_idx, *wr_idx;
    volatile u8 *rd_buf, *wr_buf;
    u32 rd_size, wr_size;
    evtchn_port_t port;
    domid_t peer;
    u8 is_server, blocking, closed, peer_gone;
    u32 npages;                         /* server: ring pages granted; client: pages mapped */
    grant_handle_t ctrl_handle;
    grant_handle_t handles[VCHAN_MAX_PAGES];
    u32 map_base;                       /* client: the control page's mapping, rings after it */
    char path[96];
};

/* P for a vchan: /local/domain/<server>/data/vchan/<client>/<port> (this SDK's convention). */
void vchan_path(char *buf, u32 size, domid_t server, domid_t client, u32 port);

/* Server: picks ring orders for the minimum sizes as libxenvchan does, grants the control page
   and ring pages to peer, offers an unbound port and publishes P/ring-ref and P/event-channel in
   one transaction with permissions [n<self>, r<peer>]. 0 or -errno. */
long vchan_server_init(struct vchan *v, domid_t peer, const char *path, u32 left_min, u32 right_min);
/* Client: waits (bounded, with a XenStore watch) for the server's keys, binds, maps the control
   page and rings (left writable, right read-only) just above RAM, marks itself live. */
long vchan_client_init(struct vchan *v, domid_t server, const char *path);

/* Read up to size bytes. Blocking: waits for at least one; 0 means end of stream (peer closed and
   ring drained). Non-blocking: 0 when none is ready. */
long vchan_read(struct vchan *v, void *buf, u32 size);
/* Write. Blocking: all of buf (VCHAN_ECLOSED if the peer leaves first). Non-blocking: what fits. */
long vchan_write(struct vchan *v, const void *buf, u32 size);
/* Exactly size bytes or (non-blocking) nothing. */
long vchan_recv(struct vchan *v, void *buf, u32 size);
long vchan_send(struct vchan *v, const void *buf, u32 size);

u32 vchan_data_ready(struct vchan *v);
u32 vchan_buffer_space(struct vchan *v);
int vchan_is_open(struct vchan *v);
/* One bounded wait for the vchan's event (one slice); 0 event, 1 slice passed, VCHAN_ECLOSED. */
long vchan_wait(struct vchan *v);
/* vchan_wait for blocking loops: 0 event, 1 nothing yet, VCHAN_ECLOSED, or VCHAN_ETIMEDOUT once nothing has
   moved for VCHAN_IDLE_LIMIT_MS of guest time since *idle_since (start it at 0; an event resets it). */
long vchan_wait_bounded(struct vchan *v, u64 *idle_since);
/* Marks this end exited, kicks the peer, unmaps or revokes what it can; server removes P. */
void vchan_close(struct vchan *v);

#endif
