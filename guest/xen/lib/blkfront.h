/* A Xen PV block frontend (blkif, spec 10.2) on the generic shared ring (spec 10.1), with the xenbus
   handshake of spec 8.7 done through the XenStore client. Synchronous: callers put requests on the
   ring and wait for responses; the ring and data pages are the caller's, granted to the backend. */
#ifndef XEN_BLKFRONT_H
#define XEN_BLKFRONT_H

#include "rt.h"

#define BLKIF_OP_READ 0
#define BLKIF_OP_WRITE 1
#define BLKIF_OP_WRITE_BARRIER 2
#define BLKIF_OP_FLUSH_DISKCACHE 3
#define BLKIF_OP_RESERVED_1 4
#define BLKIF_OP_DISCARD 5
#define BLKIF_OP_INDIRECT 6

#define BLKIF_RSP_OKAY 0
#define BLKIF_RSP_ERROR (-1)
#define BLKIF_RSP_EOPNOTSUPP (-2)

#define BLKIF_MAX_SEGMENTS_PER_REQUEST 11
#define BLKIF_SECTOR_SIZE 512u
#define VDISK_CDROM 1u
#define VDISK_REMOVABLE 2u
#define VDISK_READONLY 4u

struct blkif_request_segment {
    grant_ref_t gref;
    u8 first_sect, last_sect; /* 512-byte sectors inside the page, inclusive */
    u16 pad;
};
_Static_assert(sizeof(struct blkif_request_segment) == 8, "blkif_request_segment");

struct blkif_request {
    u8 operation;
    u8 nr_segments;
    u16 handle;
    u32 pad;
    u64 id;
    u64 sector_number;
    struct blkif_request_segment seg[BLKIF_MAX_SEGMENTS_PER_REQUEST];
};
_Static_assert(sizeof(struct blkif_request) == 112, "blkif_request");
_Static_assert(XEN_OFFSET(struct blkif_request, seg) == 24, "blkif_request.seg");

struct blkif_response {
    u64 id;
    u8 operation;
    u8 pad;
    s16 status;
    u32 pad2;
};
_Static_assert(sizeof(struct blkif_response) == 16, "blkif_response");

union blkif_sring_entry {
    struct blkif_request req;
    struct blkif_response rsp;
};

struct blkif_sring {
    u32 req_prod, req_event, rsp_prod, rsp_event;
    u8 pvt[4];
    u8 pad[44];
    union blkif_sring_entry ring[];
};
_Static_assert(XEN_OFFSET(struct blkif_sring, ring) == 64, "blkif_sring.ring");

#define BLKFRONT_MAX_ORDER 2

struct blkfront {
    u32 vdev;                 /* virtual-device, the name of the directory under device/vbd */
    char front[48];           /* "device/vbd/<vdev>" */
    char back[96];            /* its "backend" key */
    domid_t backend_id;
    evtchn_port_t port;
    struct blkif_sring *sring;
    u32 order, ring_size;     /* 2^order pages, ring_size entries */
    grant_ref_t ring_ref[1u << BLKFRONT_MAX_ORDER];
    u32 req_prod_pvt, rsp_cons;
    u64 sectors;              /* what the backend published on Connected */
    u32 info, sector_size;
    int feature_flush, feature_barrier;
};

/* The frontend handshake for device/vbd/<vdev>: reads backend and backend-id, zeroes and grants the
   2^order pages at ring (page aligned) with refs first_ref.., allocates the event channel, writes
   ring-ref (ring-ref0.. and ring-page-order when order > 0), event-channel and protocol=arm-abi in
   one transaction, goes to Initialised, waits for the backend's Connected, reads sectors, info,
   sector-size and the feature keys, and goes to Connected. 0 or -XEN_Exxx (-XEN_EIO: the backend
   did not connect). */
long blkfront_connect(struct blkfront *f, u32 vdev, void *ring, u32 order, grant_ref_t first_ref);

/* Copies req into the next free slot without publishing it; -XEN_ENOSPC when the ring is full. */
long blkfront_queue(struct blkfront *f, const struct blkif_request *req);
/* Publishes queued requests and notifies the backend if it asked (req_event). */
void blkfront_push(struct blkfront *f);
/* Waits (bounded) for the next response and takes it. 0, or -XEN_EIO when none came. */
long blkfront_take_response(struct blkfront *f, struct blkif_response *rsp);
/* One request and its response: 0 with *status set (BLKIF_RSP_*), or -XEN_Exxx; a response with
   another id or operation is -XEN_EINVAL. */
long blkfront_io(struct blkfront *f, const struct blkif_request *req, s16 *status);

/* Closing, the backend's Closed awaited, Closed; the ring grants are ended. 0 or -XEN_Exxx. */
long blkfront_close(struct blkfront *f);

/* The backend's state, or -errno. */
long blkfront_backend_state(struct blkfront *f);

#endif
