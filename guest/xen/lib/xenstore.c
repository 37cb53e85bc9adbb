#include "xenstore.h"
#include "events.h"
#include "hypercall.h"

struct xenstore_domain_interface *xs_ring;
evtchn_port_t xs_port;
u32 xs_watch_dropped;

/* Every wait is one SCHEDOP_poll that returns when the server notified us; a reply of 4 KiB
   through a 1 KiB ring takes a handful. The bound only stops a server that never answers
   properly from keeping us here for ever. */
#define XS_MAX_STEPS 10000u
#define XS_RING_MASK (XENSTORE_RING_SIZE - 1)

static u32 next_req_id = 1;
static int ring_broken;

/* The message being received: the header first, then its payload (messages straddle
   notifications, and a payload may be larger than the ring). */
static struct xsd_sockmsg in_hdr;
static u32 hdr_got, body_got;
static char body[XENSTORE_PAYLOAD_MAX + 1];
static char out[XENSTORE_PAYLOAD_MAX];

#define XS_QUEUE 8
static struct {
    char path[256];
    char token[64];
} events[XS_QUEUE];
static u32 ev_head, ev_count;

long xs_init(void)
{
    u64 pfn, port;
    long rc = xen_get_param(HVM_PARAM_STORE_PFN, &pfn);
    if (rc)
        return rc;
    rc = xen_get_param(HVM_PARAM_STORE_EVTCHN, &port);
    if (rc)
        return rc;
    if (pfn == 0 || port == 0)
        return 1;
    if (!shared_info && (rc = xen_map_shared_info()) != 0)
        return rc;
    xs_port = (evtchn_port_t)port;
    /* We poll the port; an upcall for it would only be counted as unhandled. */
    evtchn_mask(xs_port);
    volatile struct xenstore_domain_interface *r = (struct xenstore_domain_interface *)(u32)(pfn << XEN_PAGE_SHIFT);
    /* What Linux does at start: output nobody asked for is dropped. */
    r->rsp_cons = r->rsp_prod;
    xs_ring = (struct xenstore_domain_interface *)r;
    return 0;
}

static int rsp_ready(void)
{
    volatile struct xenstore_domain_interface *r = xs_ring;
    return r->rsp_prod != r->rsp_cons;
}

static int req_space(void)
{
    volatile struct xenstore_domain_interface *r = xs_ring;
    return r->req_prod - r->req_cons < XENSTORE_RING_SIZE;
}

/* Clear the port, look once more (the server may have notified before the clear), then sleep
   until it notifies again. Called with IRQs masked: SCHEDOP_poll then waits for our port only. */
static void xs_wait(int (*ready)(void))
{
    evtchn_clear_pending(xs_port);
    if (!ready()) {
        evtchn_port_t p = xs_port;
        xen_poll(&p, 1, 0);
    }
}

static u32 rsp_copy(char *dst, u32 want)
{
    volatile struct xenstore_domain_interface *r = xs_ring;
    u32 cons = r->rsp_cons, prod = r->rsp_prod;
    dmb();
    if (prod - cons > XENSTORE_RING_SIZE) {
        ring_broken = 1;
        return 0;
    }
    u32 n = prod - cons < want ? prod - cons : want;
    for (u32 i = 0; i < n; i++)
        dst[i] = r->rsp[(cons + i) & XS_RING_MASK];
    dmb();
    r->rsp_cons = cons + n;
    return n;
}

/* 1: a whole message is in in_hdr/body; 0: not yet; -XEN_EIO: the ring is unusable. */
static int take_msg(void)
{
    if (ring_broken)
        return -XEN_EIO;
    u32 moved = 0;
    if (hdr_got < sizeof in_hdr) {
        u32 n = rsp_copy((char *)&in_hdr + hdr_got, sizeof in_hdr - hdr_got);
        hdr_got += n;
        moved += n;
        if (hdr_got == sizeof in_hdr && in_hdr.len > XENSTORE_PAYLOAD_MAX)
            ring_broken = 1;
    }
    if (!ring_broken && hdr_got == sizeof in_hdr && body_got < in_hdr.len) {
        u32 n = rsp_copy(body + body_got, in_hdr.len - body_got);
        body_got += n;
        moved += n;
    }
    if (moved)
        evtchn_send(xs_port); /* the server may be waiting for room */
    if (ring_broken)
        return -XEN_EIO;
    if (hdr_got < sizeof in_hdr || body_got < in_hdr.len)
        return 0;
    body[in_hdr.len] = 0;
    hdr_got = body_got = 0;
    return 1;
}

static void copy_str(char *dst, u32 size, const char *src)
{
    u32 n = strnlen(src, size - 1);
    memcpy(dst, src, n);
    dst[n] = 0;
}

static void queue_event(void)
{
    if (ev_count == XS_QUEUE) {
        xs_watch_dropped++;
        return;
    }
    u32 plen = strnlen(body, in_hdr.len);
    const char *token = plen < in_hdr.len ? body + plen + 1 : "";
    u32 slot = (ev_head + ev_count++) % XS_QUEUE;
    copy_str(events[slot].path, sizeof events[slot].path, body);
    copy_str(events[slot].token, sizeof events[slot].token, token);
}

static long put_bytes(const char *src, u32 n)
{
    volatile struct xenstore_domain_interface *r = xs_ring;
    u32 done = 0;
    for (u32 step = 0; done < n; step++) {
        if (step == XS_MAX_STEPS)
            return -XEN_EIO;
        u32 cons = r->req_cons, prod = r->req_prod;
        dmb();
        if (prod - cons > XENSTORE_RING_SIZE) {
            ring_broken = 1;
            return -XEN_EIO;
        }
        u32 k = XENSTORE_RING_SIZE - (prod - cons);
        if (k > n - done)
            k = n - done;
        for (u32 i = 0; i < k; i++)
            r->req[(prod + i) & XS_RING_MASK] = src[done + i];
        dmb();
        r->req_prod = prod + k;
        done += k;
        evtchn_send(xs_port);
        if (done < n)
            xs_wait(req_space);
    }
    return 0;
}

static const struct {
    const char *name;
    int err;
} errnames[] = {
    {"EINVAL", XEN_EINVAL}, {"EACCES", XEN_EACCES}, {"EEXIST", XEN_EEXIST}, {"EISDIR", XEN_EISDIR},
    {"ENOENT", XEN_ENOENT}, {"ENOMEM", XEN_ENOMEM}, {"ENOSPC", XEN_ENOSPC}, {"EIO", XEN_EIO},
    {"ENOTEMPTY", XEN_ENOTEMPTY}, {"ENOSYS", XEN_ENOSYS}, {"EROFS", XEN_EROFS}, {"EBUSY", XEN_EBUSY},
    {"EAGAIN", XEN_EAGAIN}, {"EISCONN", XEN_EISCONN}, {"E2BIG", XEN_E2BIG}, {"EPERM", XEN_EPERM},
};

static long errno_of(const char *name)
{
    for (u32 i = 0; i < sizeof errnames / sizeof errnames[0]; i++)
        if (strcmp(name, errnames[i].name) == 0)
            return -errnames[i].err;
    return -XEN_EINVAL;
}

long xs_request(u32 type, u32 tx, const void *payload, u32 len, char *reply, u32 size, u32 *reply_len)
{
    if (!xs_ring || ring_broken)
        return -XEN_EIO;
    if (len > XENSTORE_PAYLOAD_MAX)
        return -XEN_E2BIG;
    u32 flags = irq_save();
    struct xsd_sockmsg h = {type, next_req_id++, tx, len};
    if (next_req_id == 0)
        next_req_id = 1; /* 0 is what watch events carry */
    long rc = put_bytes((const char *)&h, sizeof h);
    if (rc == 0)
        rc = put_bytes(payload, len);
    if (rc)
        ring_broken = 1; /* half a message is in the ring: nothing after it would parse */
    for (u32 step = 0; rc == 0; step++) {
        if (step == XS_MAX_STEPS) {
            rc = -XEN_EIO;
            break;
        }
        int got = take_msg();
        if (got < 0) {
            rc = got;
            break;
        }
        if (got == 0) {
            xs_wait(rsp_ready);
            continue;
        }
        if (in_hdr.type == XS_WATCH_EVENT) {
            queue_event();
            continue;
        }
        if (in_hdr.req_id != h.req_id)
            continue; /* the answer to a request we gave up on */
        if (in_hdr.type == XS_ERROR) {
            rc = errno_of(body);
            break;
        }
        if (reply && size) {
            u32 n = in_hdr.len < size - 1 ? in_hdr.len : size - 1;
            memcpy(reply, body, n);
            reply[n] = 0;
        }
        if (reply_len)
            *reply_len = in_hdr.len;
        break;
    }
    irq_restore(flags);
    return rc;
}

/* Joins the strings of parts into out[] as "a\0b\0..."; the last one gets no NUL when raw_last
   (XS_WRITE's value). Returns the length or -XEN_E2BIG. */
static long build(const char *const *parts, u32 n, int raw_last)
{
    u32 len = 0;
    for (u32 i = 0; i < n; i++) {
        u32 l = strnlen(parts[i], XENSTORE_PAYLOAD_MAX);
        u32 nul = raw_last && i == n - 1 ? 0 : 1;
        if (len + l + nul > XENSTORE_PAYLOAD_MAX)
            return -XEN_E2BIG;
        memcpy(out + len, parts[i], l);
        len += l;
        if (nul)
            out[len++] = 0;
    }
    return len;
}

static long simple(u32 type, u32 tx, const char *const *parts, u32 n, int raw_last)
{
    long len = build(parts, n, raw_last);
    if (len < 0)
        return len;
    return xs_request(type, tx, out, (u32)len, NULL, 0, NULL);
}

/* A reply that must fit in buf with its terminating NUL; returns its length. */
static long fetch(u32 type, u32 tx, const char *path, char *buf, u32 size)
{
    long len = build(&path, 1, 0);
    if (len < 0)
        return len;
    u32 got = 0;
    long rc = xs_request(type, tx, out, (u32)len, buf, size, &got);
    if (rc)
        return rc;
    return got < size ? (long)got : -XEN_E2BIG;
}

static long count_strings(long len, const char *buf)
{
    if (len < 0)
        return len;
    long n = 0;
    for (long i = 0; i < len; i++)
        n += buf[i] == 0;
    return n;
}

long xs_read(u32 tx, const char *path, char *buf, u32 size)
{
    return fetch(XS_READ, tx, path, buf, size);
}

long xs_write(u32 tx, const char *path, const char *value)
{
    const char *parts[] = {path, value};
    return simple(XS_WRITE, tx, parts, 2, 1);
}

long xs_mkdir(u32 tx, const char *path)
{
    return simple(XS_MKDIR, tx, &path, 1, 0);
}

long xs_rm(u32 tx, const char *path)
{
    return simple(XS_RM, tx, &path, 1, 0);
}

long xs_directory(u32 tx, const char *path, char *buf, u32 size)
{
    return count_strings(fetch(XS_DIRECTORY, tx, path, buf, size), buf);
}

long xs_get_perms(u32 tx, const char *path, char *buf, u32 size)
{
    return count_strings(fetch(XS_GET_PERMS, tx, path, buf, size), buf);
}

long xs_set_perms(u32 tx, const char *path, const char *const *perms, u32 n)
{
    const char *parts[16];
    if (n + 1 > sizeof parts / sizeof parts[0])
        return -XEN_E2BIG;
    parts[0] = path;
    for (u32 i = 0; i < n; i++)
        parts[i + 1] = perms[i];
    return simple(XS_SET_PERMS, tx, parts, n + 1, 0);
}

long xs_transaction_start(u32 *tx)
{
    char reply[16];
    u32 len = 0;
    long rc = xs_request(XS_TRANSACTION_START, 0, "", 1, reply, sizeof reply, &len);
    if (rc)
        return rc;
    u32 id = 0, i = 0;
    for (; i < 10 && reply[i] >= '0' && reply[i] <= '9'; i++)
        id = id * 10 + (u32)(reply[i] - '0');
    if (i == 0 || reply[i] != 0 || id == 0)
        return -XEN_EIO;
    *tx = id;
    return 0;
}

long xs_transaction_end(u32 tx, int abort)
{
    return xs_request(XS_TRANSACTION_END, tx, abort ? "F" : "T", 2, NULL, 0, NULL);
}

long xs_watch(const char *path, const char *token)
{
    const char *parts[] = {path, token};
    return simple(XS_WATCH, 0, parts, 2, 0);
}

long xs_unwatch(const char *path, const char *token)
{
    const char *parts[] = {path, token};
    return simple(XS_UNWATCH, 0, parts, 2, 0);
}

/* Takes what the ring holds without waiting: events are queued, stray replies dropped. */
static long pump(void)
{
    for (u32 i = 0; i < XS_MAX_STEPS; i++) {
        int got = take_msg();
        if (got <= 0)
            return got;
        if (in_hdr.type == XS_WATCH_EVENT)
            queue_event();
    }
    return 0;
}

long xs_read_watch(char *path, u32 path_size, char *token, u32 token_size, int wait)
{
    if (!xs_ring)
        return -XEN_EIO;
    u32 flags = irq_save();
    long rc = 0;
    for (u32 step = 0; ev_count == 0 && rc == 0; step++) {
        rc = pump();
        if (rc || ev_count)
            break;
        if (!wait || step == XS_MAX_STEPS)
            rc = -XEN_EAGAIN;
        else
            xs_wait(rsp_ready);
    }
    irq_restore(flags);
    if (rc)
        return rc;
    copy_str(path, path_size, events[ev_head].path);
    copy_str(token, token_size, events[ev_head].token);
    ev_head = (ev_head + 1) % XS_QUEUE;
    ev_count--;
    return 0;
}

int xs_has_input(void)
{
    return xs_ring && (ev_count || rsp_ready());
}

const char *xs_nth(const char *list, u32 count, u32 n)
{
    if (n >= count)
        return NULL;
    for (u32 i = 0; i < n; i++)
        list += strlen(list) + 1;
    return list;
}
