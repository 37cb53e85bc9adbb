#include "blkfront.h"
#include "events.h"
#include "gnttab.h"
#include "hypercall.h"
#include "xenstore.h"

/* A response normally comes after one poll; the bound only stops a backend that never answers from
   keeping us here for ever (each poll returns on the backend's notification). */
#define BLK_MAX_POLLS 10000u
/* State changes of the backend we look at while waiting for one state. */
#define BLK_MAX_STATE_EVENTS 64u

static char buf[128];

static long read_u64(const char *dir, const char *key, u64 *out)
{
    char path[160];
    snprintf(path, sizeof path, "%s/%s", dir, key);
    long rc = xs_read(0, path, buf, sizeof buf);
    if (rc < 0)
        return rc;
    u64 v = 0;
    u32 n = 0;
    for (const char *s = buf; *s >= '0' && *s <= '9' && n < 20; s++, n++)
        v = v * 10 + (u64)(*s - '0');
    if (n == 0 || buf[n] != 0)
        return -XEN_EINVAL;
    *out = v;
    return 0;
}

static long write_u32(u32 tx, const char *dir, const char *key, u32 v)
{
    char path[160], val[16];
    snprintf(path, sizeof path, "%s/%s", dir, key);
    snprintf(val, sizeof val, "%u", (unsigned)v);
    return xs_write(tx, path, val);
}

long blkfront_backend_state(struct blkfront *f)
{
    u64 s;
    long rc = read_u64(f->back, "state", &s);
    return rc < 0 ? rc : (long)s;
}

/* Waits on a watch of <backend>/state until it reads want (or Closed when want is not Closed). */
static long wait_backend(struct blkfront *f, long want)
{
    char path[128], evpath[128], token[16];
    snprintf(path, sizeof path, "%s/state", f->back);
    long rc = xs_watch(path, "blkfront");
    if (rc)
        return rc;
    long state = -XEN_EIO;
    /* The watch fires once at once, then on each change. */
    for (u32 i = 0; i < BLK_MAX_STATE_EVENTS; i++) {
        rc = xs_read_watch(evpath, sizeof evpath, token, sizeof token, 1);
        if (rc)
            break;
        state = blkfront_backend_state(f);
        if (state == want || state == 6)
            break;
    }
    xs_unwatch(path, "blkfront");
    return state == want ? 0 : -XEN_EIO;
}

static long switch_state(struct blkfront *f, u32 tx, u32 state)
{
    return write_u32(tx, f->front, "state", state);
}

static long publish_ring(struct blkfront *f)
{
    char key[16];
    for (u32 attempt = 0; attempt < 16; attempt++) {
        u32 tx;
        long rc = xs_transaction_start(&tx);
        if (rc)
            return rc;
        if (f->order == 0) {
            rc = write_u32(tx, f->front, "ring-ref", f->ring_ref[0]);
        } else {
            rc = write_u32(tx, f->front, "ring-page-order", f->order);
            for (u32 i = 0; rc == 0 && i < (1u << f->order); i++) {
                snprintf(key, sizeof key, "ring-ref%u", (unsigned)i);
                rc = write_u32(tx, f->front, key, f->ring_ref[i]);
            }
        }
        if (rc == 0)
            rc = write_u32(tx, f->front, "event-channel", f->port);
        if (rc == 0) {
            char path[80];
            snprintf(path, sizeof path, "%s/protocol", f->front);
            rc = xs_write(tx, path, "arm-abi");
        }
        if (rc == 0)
            rc = switch_state(f, tx, 3);
        if (rc) {
            xs_transaction_end(tx, 1);
            return rc;
        }
        rc = xs_transaction_end(tx, 0);
        if (rc != -XEN_EAGAIN)
            return rc;
    }
    return -XEN_EAGAIN;
}

long blkfront_connect(struct blkfront *f, u32 vdev, void *ring, u32 order, grant_ref_t first_ref)
{
    if (order > BLKFRONT_MAX_ORDER)
        return -XEN_EINVAL;
    memset(f, 0, sizeof *f);
    f->vdev = vdev;
    f->order = order;
    snprintf(f->front, sizeof f->front, "device/vbd/%u", (unsigned)vdev);
    char path[80];
    snprintf(path, sizeof path, "%s/backend", f->front);
    long rc = xs_read(0, path, f->back, sizeof f->back);
    if (rc < 0)
        return rc;
    u64 v;
    if ((rc = read_u64(f->front, "backend-id", &v)) != 0)
        return rc;
    f->backend_id = (domid_t)v;

    /* SHARED_RING_INIT and FRONT_RING_INIT. */
    u32 bytes = XEN_PAGE_SIZE << order;
    memset(ring, 0, bytes);
    f->sring = ring;
    f->sring->req_event = f->sring->rsp_event = 1;
    u32 n = (bytes - 64) / sizeof(union blkif_sring_entry);
    for (f->ring_size = 1; f->ring_size * 2 <= n; f->ring_size *= 2) {
    }
    for (u32 i = 0; i < (1u << order); i++) {
        f->ring_ref[i] = first_ref + i;
        gnttab_grant_access(f->ring_ref[i], f->backend_id, (u32)virt_to_gfn((u8 *)ring + i * XEN_PAGE_SIZE), 0);
    }
    if ((rc = evtchn_alloc_unbound(f->backend_id, &f->port)) != 0)
        return rc;
    /* We poll the port; an upcall would only be counted as unhandled. */
    evtchn_mask(f->port);
    if ((rc = publish_ring(f)) != 0)
        return rc;
    if ((rc = wait_backend(f, 4)) != 0)
        return rc;
    if ((rc = read_u64(f->back, "sectors", &f->sectors)) != 0 || (rc = read_u64(f->back, "info", &v)) != 0)
        return rc;
    f->info = (u32)v;
    if ((rc = read_u64(f->back, "sector-size", &v)) != 0)
        return rc;
    f->sector_size = (u32)v;
    f->feature_flush = read_u64(f->back, "feature-flush-cache", &v) == 0 && v == 1;
    f->feature_barrier = read_u64(f->back, "feature-barrier", &v) == 0 && v == 1;
    return switch_state(f, 0, 4);
}

long blkfront_queue(struct blkfront *f, const struct blkif_request *req)
{
    volatile struct blkif_sring *s = f->sring;
    if (f->req_prod_pvt - s->rsp_prod >= f->ring_size || f->req_prod_pvt - f->rsp_cons >= f->ring_size)
        return -XEN_ENOSPC;
    memcpy((void *)&f->sring->ring[f->req_prod_pvt & (f->ring_size - 1)].req, req, sizeof *req);
    f->req_prod_pvt++;
    return 0;
}

void blkfront_push(struct blkfront *f)
{
    volatile struct blkif_sring *s = f->sring;
    u32 old = s->req_prod, now = f->req_prod_pvt;
    dmb();
    s->req_prod = now;
    dsb();
    if (now - s->req_event < now - old)
        evtchn_send(f->port);
}

long blkfront_take_response(struct blkfront *f, struct blkif_response *rsp)
{
    volatile struct blkif_sring *s = f->sring;
    for (u32 i = 0; i < BLK_MAX_POLLS; i++) {
        if (s->rsp_prod != f->rsp_cons) {
            dmb();
            memcpy(rsp, (const void *)&f->sring->ring[f->rsp_cons & (f->ring_size - 1)].rsp, sizeof *rsp);
            f->rsp_cons++;
            return 0;
        }
        /* RING_FINAL_CHECK_FOR_RESPONSES: ask for an event at the next response, look again, sleep. */
        evtchn_clear_pending(f->port);
        s->rsp_event = f->rsp_cons + 1;
        dsb();
        if (s->rsp_prod != f->rsp_cons)
            continue;
        evtchn_port_t p = f->port;
        xen_poll(&p, 1, 0);
    }
    return -XEN_EIO;
}

long blkfront_io(struct blkfront *f, const struct blkif_request *req, s16 *status)
{
    long rc = blkfront_queue(f, req);
    if (rc)
        return rc;
    blkfront_push(f);
    struct blkif_response rsp;
    if ((rc = blkfront_take_response(f, &rsp)) != 0)
        return rc;
    if (rsp.id != req->id || rsp.operation != req->operation)
        return -XEN_EINVAL;
    *status = rsp.status;
    return 0;
}

long blkfront_close(struct blkfront *f)
{
    long rc = switch_state(f, 0, 5);
    if (rc)
        return rc;
    /* As blkback does: it answers Closing with Closing, and our Closed makes it let go of the ring (Closed); only
       then can the grants end. */
    rc = wait_backend(f, 5);
    long rc2 = switch_state(f, 0, 6);
    long rc3 = wait_backend(f, 6);
    for (u32 i = 0; i < (1u << f->order); i++)
        gnttab_end_access(f->ring_ref[i]);
    evtchn_close(f->port);
    return rc ? rc : rc2 ? rc2 : rc3;
}
