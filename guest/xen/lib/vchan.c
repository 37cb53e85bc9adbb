/* libxenvchan for the SDK (vchan.h). Same page layout, notify protocol and XenStore keys as Xen's
   tools/libs/vchan; the sharing is done with grant entries and GNTTABOP_map instead of gntalloc
   and gntdev, and waits are SCHEDOP_poll slices instead of an evtchn file descriptor. */
#include "vchan.h"
#include "hypercall.h"
#include "events.h"
#include "gnttab.h"
#include "xenstore.h"

#define SLICE_NS ((u64)VCHAN_SLICE_MS * 1000000u)

/* The server's shared memory: the control page, then its ring pages (one vchan per program). */
static u8 server_pages[1 + VCHAN_MAX_PAGES][XEN_PAGE_SIZE] PAGE_ALIGNED;

/* ---- Xen system time for SCHEDOP_poll deadlines ------------------------------------------------
   The poll timeout is absolute Xen system time. The guest only has CNTVCT (offset from it), so we
   learn the offset from the runstate's entry time, which is never later than now: the estimate
   stays at or below the true time, so a deadline can only come early (a spurious wake), never late. */
static u64 time_offset_ns;

static u64 ticks_to_ns(u64 t)
{
    u64 f = read_cntfrq();
    return f ? (t / f) * 1000000000ull + (t % f) * 1000000000ull / f : 0;
}

static u64 system_time_ns(void)
{
    struct vcpu_runstate_info r;
    long rc = HYPERVISOR_vcpu_op(VCPUOP_get_runstate_info, 0, &r);
    u64 local = ticks_to_ns(read_cntvct());
    if (rc == 0 && r.state_entry_time > local && r.state_entry_time - local > time_offset_ns)
        time_offset_ns = r.state_entry_time - local;
    return local + time_offset_ns;
}

/* ---- small helpers ----------------------------------------------------------------------------- */
static u32 parse_u32(const char *s, int *ok)
{
    u32 v = 0, n = 0;
    for (; *s >= '0' && *s <= '9' && n < 10; s++, n++)
        v = v * 10 + (u32)(*s - '0');
    *ok = n > 0 && *s == 0;
    return v;
}

void vchan_path(char *buf, u32 size, domid_t server, domid_t client, u32 port)
{
    snprintf(buf, size, "/local/domain/%u/data/vchan/%u/%u", server, client, port);
}

static u32 min_page_order(u32 size)
{
    u32 order = 12;
    while (order < VCHAN_MAX_ORDER && size > (1u << order))
        order++;
    return order;
}

/* libxenvchan_server_init's choice: both rings inside the control page when they fit. */
static void choose_orders(u32 left_min, u32 right_min, u32 *lo, u32 *ro)
{
    if (left_min <= 1024 && right_min <= 2048) {
        *lo = 10, *ro = 11;
    } else if (left_min <= 2048 && right_min <= 1024) {
        *lo = 11, *ro = 10;
    } else if (left_min <= 2048) {
        *lo = 11, *ro = min_page_order(right_min);
    } else if (right_min <= 2048) {
        *lo = min_page_order(left_min), *ro = 11;
    } else {
        *lo = min_page_order(left_min), *ro = min_page_order(right_min);
    }
}

static u32 ring_pages(u32 order) { return order >= 12 ? 1u << (order - 12) : 0; }

/* What a client accepts: orders in range, two in-page rings not at the same offset, and a grant
   list that fits in front of any in-page ring and within this SDK's mapping budget. */
static int orders_valid(u32 lo, u32 ro)
{
    if (lo < VCHAN_MIN_ORDER || lo > VCHAN_MAX_ORDER || ro < VCHAN_MIN_ORDER || ro > VCHAN_MAX_ORDER)
        return 0;
    if (lo == ro && lo < 12)
        return 0;
    u32 grants = ring_pages(lo) + ring_pages(ro);
    u32 limit = (lo == 10 || ro == 10) ? 1024 : (lo == 11 || ro == 11) ? 2048 : XEN_PAGE_SIZE;
    return grants <= VCHAN_MAX_PAGES && sizeof(struct vchan_interface) + 4 * grants <= limit;
}

static volatile u8 *in_page_ring(struct vchan *v, u32 order) { return (volatile u8 *)v->ctrl + (order == 10 ? 1024 : 2048); }

static void set_rings(struct vchan *v, volatile u8 *left, u32 lo, volatile u8 *right, u32 ro)
{
    volatile struct vchan_interface *c = v->ctrl;
    if (v->is_server) {
        v->rd_idx = &c->left, v->rd_buf = left, v->rd_size = 1u << lo;
        v->wr_idx = &c->right, v->wr_buf = right, v->wr_size = 1u << ro;
    } else {
        v->rd_idx = &c->right, v->rd_buf = right, v->rd_size = 1u << ro;
        v->wr_idx = &c->left, v->wr_buf = left, v->wr_size = 1u << lo;
    }
}

/* ---- notify bits ------------------------------------------------------------------------------- */
/* Ask the peer to kick us: the bit goes in the byte the peer honours. */
static void request_notify(struct vchan *v, u8 bit)
{
    u8 *b = (u8 *)(v->is_server ? &v->ctrl->cli_notify : &v->ctrl->srv_notify);
    __atomic_fetch_or(b, bit, __ATOMIC_SEQ_CST);
}

/* After moving an index: kick the peer only if it asked (the bit is in our own byte). */
static void send_notify(struct vchan *v, u8 bit)
{
    u8 *b = (u8 *)(v->is_server ? &v->ctrl->srv_notify : &v->ctrl->cli_notify);
    u8 old = __atomic_fetch_and(b, (u8)~bit, __ATOMIC_SEQ_CST);
    if (old & bit)
        evtchn_send(v->port);
}

/* ---- liveness ---------------------------------------------------------------------------------- */
/* A peer destroyed without clearing its live byte leaves our port unbound: that is its death notice. */
static void check_peer(struct vchan *v)
{
    struct evtchn_status st;
    if (evtchn_status(v->port, &st) != 0)
        return;
    if (st.status == EVTCHNSTAT_interdomain)
        return;
    if (v->is_server && st.status == EVTCHNSTAT_unbound && v->ctrl->cli_live == 2)
        return; /* the client has not bound yet */
    v->peer_gone = 1;
}

int vchan_is_open(struct vchan *v)
{
    if (v->closed || v->peer_gone)
        return 0;
    return v->is_server ? v->ctrl->cli_live != 0 : v->ctrl->srv_live != 0;
}

long vchan_wait(struct vchan *v)
{
    if (v->closed)
        return VCHAN_ECLOSED;
    evtchn_port_t p = v->port;
    u32 flags = irq_save();
    if (!evtchn_is_pending(p))
        xen_poll(&p, 1, system_time_ns() + SLICE_NS);
    int got = evtchn_is_pending(p);
    evtchn_clear_pending(p);
    irq_restore(flags);
    if (got)
        return 0;
    check_peer(v);
    return vchan_is_open(v) ? 1 : VCHAN_ECLOSED;
}

/* ---- ring access ------------------------------------------------------------------------------- */
static long raw_ready(struct vchan *v)
{
    u32 n = v->rd_idx->prod - v->rd_idx->cons;
    dmb();
    return n > v->rd_size ? VCHAN_EPROTO : (long)n;
}

static long raw_space(struct vchan *v)
{
    u32 used = v->wr_idx->prod - v->wr_idx->cons;
    dmb();
    return used > v->wr_size ? VCHAN_EPROTO : (long)(v->wr_size - used);
}

/* Re-reading after the request closes the window where the peer moved its index before seeing it. */
static long fast_ready(struct vchan *v, u32 want)
{
    long n = raw_ready(v);
    if (n < 0 || (u32)n >= want)
        return n;
    request_notify(v, VCHAN_NOTIFY_WRITE);
    return raw_ready(v);
}

static long fast_space(struct vchan *v, u32 want)
{
    long n = raw_space(v);
    if (n < 0 || (u32)n >= want)
        return n;
    request_notify(v, VCHAN_NOTIFY_READ);
    return raw_space(v);
}

u32 vchan_data_ready(struct vchan *v)
{
    request_notify(v, VCHAN_NOTIFY_WRITE);
    long n = raw_ready(v);
    return n < 0 ? 0 : (u32)n;
}

u32 vchan_buffer_space(struct vchan *v)
{
    request_notify(v, VCHAN_NOTIFY_READ);
    long n = raw_space(v);
    return n < 0 ? 0 : (u32)n;
}

static void do_recv(struct vchan *v, u8 *dst, u32 n)
{
    u32 cons = v->rd_idx->cons;
    dmb();
    u32 off = cons & (v->rd_size - 1), first = v->rd_size - off < n ? v->rd_size - off : n;
    memcpy(dst, (const u8 *)v->rd_buf + off, first);
    memcpy(dst + first, (const u8 *)v->rd_buf, n - first);
    dmb();
    v->rd_idx->cons = cons + n;
    dmb();
    send_notify(v, VCHAN_NOTIFY_READ);
}

static void do_send(struct vchan *v, const u8 *src, u32 n)
{
    u32 prod = v->wr_idx->prod;
    dmb();
    u32 off = prod & (v->wr_size - 1), first = v->wr_size - off < n ? v->wr_size - off : n;
    memcpy((u8 *)v->wr_buf + off, src, first);
    memcpy((u8 *)v->wr_buf, src + first, n - first);
    dmb();
    v->wr_idx->prod = prod + n;
    dmb();
    send_notify(v, VCHAN_NOTIFY_WRITE);
}

/* One step of a blocking loop: wait a slice; a wait with nothing moving for VCHAN_IDLE_LIMIT_MS of guest time
   (the virtual counter) gives up. Time, not a count of slices: SCHEDOP_poll's timeout is absolute Xen system
   time, which a domU on ARM can only estimate, so a slice may end at once and must not count as 20 ms. */
long vchan_wait_bounded(struct vchan *v, u64 *idle_since)
{
    long rc = vchan_wait(v);
    if (rc == 0) {
        *idle_since = 0;
    } else if (rc == 1) {
        u64 now = ticks_to_ns(read_cntvct());
        if (*idle_since == 0)
            *idle_since = now;
        else if (now - *idle_since >= (u64)VCHAN_IDLE_LIMIT_MS * 1000000u)
            return VCHAN_ETIMEDOUT;
    }
    return rc < 0 ? rc : 0;
}

long vchan_read(struct vchan *v, void *buf, u32 size)
{
    if (v->closed)
        return VCHAN_ECLOSED;
    u64 idle = 0;
    for (;;) {
        long n = fast_ready(v, size ? size : 1);
        if (n < 0)
            return n;
        if (n > 0 && size) {
            u32 take = (u32)n < size ? (u32)n : size;
            do_recv(v, buf, take);
            return take;
        }
        if (!size || !v->blocking || !vchan_is_open(v))
            return 0;
        long rc = vchan_wait_bounded(v, &idle);
        if (rc == VCHAN_ECLOSED)
            continue; /* drain what is left, then report end of stream */
        if (rc < 0)
            return rc;
    }
}

long vchan_recv(struct vchan *v, void *buf, u32 size)
{
    if (v->closed)
        return VCHAN_ECLOSED;
    if (size > v->rd_size)
        return -XEN_EINVAL;
    u64 idle = 0;
    for (;;) {
        long n = fast_ready(v, size);
        if (n < 0)
            return n;
        if ((u32)n >= size) {
            do_recv(v, buf, size);
            return size;
        }
        if (!vchan_is_open(v))
            return VCHAN_ECLOSED;
        if (!v->blocking)
            return 0;
        long rc = vchan_wait_bounded(v, &idle);
        if (rc < 0 && rc != VCHAN_ECLOSED)
            return rc;
    }
}

long vchan_write(struct vchan *v, const void *buf, u32 size)
{
    const u8 *src = buf;
    u32 done = 0;
    u64 idle = 0;
    for (;;) {
        if (!vchan_is_open(v))
            return done ? (long)done : VCHAN_ECLOSED;
        long n = fast_space(v, size - done);
        if (n < 0)
            return n;
        u32 put = (u32)n < size - done ? (u32)n : size - done;
        if (put) {
            do_send(v, src + done, put);
            done += put;
        }
        if (done == size || !v->blocking)
            return done;
        long rc = vchan_wait_bounded(v, &idle);
        if (rc < 0)
            return rc == VCHAN_ECLOSED && done ? (long)done : rc;
    }
}

long vchan_send(struct vchan *v, const void *buf, u32 size)
{
    if (size > v->wr_size)
        return -XEN_EINVAL;
    u64 idle = 0;
    for (;;) {
        if (!vchan_is_open(v))
            return VCHAN_ECLOSED;
        long n = fast_space(v, size);
        if (n < 0)
            return n;
        if ((u32)n >= size) {
            do_send(v, buf, size);
            return size;
        }
        if (!v->blocking)
            return 0;
        long rc = vchan_wait_bounded(v, &idle);
        if (rc < 0)
            return rc;
    }
}

/* ---- setup ------------------------------------------------------------------------------------- */
long vchan_server_init(struct vchan *v, domid_t peer, const char *path, u32 left_min, u32 right_min)
{
    memset(v, 0, sizeof *v);
    u32 lo, ro;
    choose_orders(left_min, right_min, &lo, &ro);
    u32 lp = ring_pages(lo), rp = ring_pages(ro);
    if (lo > VCHAN_MAX_ORDER || ro > VCHAN_MAX_ORDER || lp + rp > VCHAN_MAX_PAGES)
        return -XEN_EINVAL;
    if (strlen(path) + 16 > sizeof v->path)
        return -XEN_EINVAL;
    memcpy(v->path, path, strlen(path) + 1);
    v->is_server = 1;
    v->blocking = 1;
    v->peer = peer;
    domid_t self = xen_self_domid();
    if (self == DOMID_INVALID)
        return -XEN_ESRCH;
    /* The refs must exist: a big ring needs more than the first grant-table frame's 512 entries. */
    long rc = 0;
    while (rc == 0 && gnttab_frames * (XEN_PAGE_SIZE / sizeof(struct grant_entry_v1)) < VCHAN_FIRST_REF + 1 + lp + rp)
        rc = gnttab_map_frame(gnttab_frames);
    if (rc)
        return rc;
    rc = evtchn_alloc_unbound(peer, &v->port);
    if (rc)
        return rc;

    v->ctrl = (volatile struct vchan_interface *)server_pages[0];
    memset(server_pages[0], 0, XEN_PAGE_SIZE);
    v->ctrl->left_order = (u16)lo;
    v->ctrl->right_order = (u16)ro;
    volatile u8 *left = lp ? server_pages[1] : in_page_ring(v, lo);
    volatile u8 *right = rp ? server_pages[1 + lp] : in_page_ring(v, ro);
    for (u32 i = 0; i < lp + rp; i++) {
        gnttab_grant_access(VCHAN_FIRST_REF + 1 + i, peer, (u32)virt_to_gfn(server_pages[1 + i]), 0);
        v->ctrl->grants[i] = VCHAN_FIRST_REF + 1 + i;
    }
    v->npages = lp + rp;
    set_rings(v, left, lo, right, ro);
    v->ctrl->cli_live = 2;
    v->ctrl->srv_live = 1;
    v->ctrl->cli_notify = VCHAN_NOTIFY_WRITE;
    dmb();
    gnttab_grant_access(VCHAN_FIRST_REF, peer, (u32)virt_to_gfn(server_pages[0]), 0);

    char key[112], val[16], own[8], rd[8];
    snprintf(own, sizeof own, "n%u", self);
    snprintf(rd, sizeof rd, "r%u", peer);
    const char *perms[2] = {own, rd};
    for (u32 attempt = 0; attempt < 16; attempt++) {
        u32 tx;
        if ((rc = xs_transaction_start(&tx)) != 0)
            return rc;
        snprintf(key, sizeof key, "%s/ring-ref", path);
        snprintf(val, sizeof val, "%u", VCHAN_FIRST_REF);
        rc = xs_write(tx, key, val);
        if (!rc)
            rc = xs_set_perms(tx, key, perms, 2);
        snprintf(key, sizeof key, "%s/event-channel", path);
        snprintf(val, sizeof val, "%u", v->port);
        if (!rc)
            rc = xs_write(tx, key, val);
        if (!rc)
            rc = xs_set_perms(tx, key, perms, 2);
        long end = xs_transaction_end(tx, rc != 0);
        if (rc)
            return rc;
        if (end != -XEN_EAGAIN)
            return end;
    }
    return -XEN_EAGAIN;
}

static long read_key(const char *path, const char *leaf, u32 *out)
{
    char key[112], val[16];
    snprintf(key, sizeof key, "%s/%s", path, leaf);
    long rc = xs_read(0, key, val, sizeof val);
    if (rc < 0)
        return rc;
    int ok;
    *out = parse_u32(val, &ok);
    return ok && *out ? 0 : -XEN_ENOENT;
}

long vchan_client_init(struct vchan *v, domid_t server, const char *path)
{
    memset(v, 0, sizeof *v);
    if (strlen(path) + 16 > sizeof v->path)
        return -XEN_EINVAL;
    memcpy(v->path, path, strlen(path) + 1);
    v->blocking = 1;
    v->peer = server;
    long rc = xs_watch(path, "vchan");
    if (rc)
        return rc;
    u32 ref = 0, remote_port = 0;
    /* A watch fires once at registration and then for each change under P: bounded by events. */
    for (u32 events = 0; events < 256; events++) {
        if (read_key(path, "ring-ref", &ref) == 0 && read_key(path, "event-channel", &remote_port) == 0)
            break;
        char wp[112], tok[16];
        if ((rc = xs_read_watch(wp, sizeof wp, tok, sizeof tok, 1)) != 0)
            break;
        ref = remote_port = 0;
    }
    xs_unwatch(path, "vchan");
    if (!ref || !remote_port)
        return rc ? rc : -XEN_ENOENT;

    if ((rc = evtchn_bind_interdomain(server, remote_port, &v->port)) != 0)
        return rc;
    v->map_base = (u32)(boot.mem_base + boot.mem_size);
    s32 st = gnttab_map(server, ref, v->map_base, GNTMAP_host_map, &v->ctrl_handle, NULL);
    if (st != GNTST_okay) {
        evtchn_close(v->port);
        return -XEN_EFAULT;
    }
    v->ctrl = (volatile struct vchan_interface *)v->map_base;
    u32 lo = v->ctrl->left_order, ro = v->ctrl->right_order;
    if (!orders_valid(lo, ro)) {
        vchan_close(v);
        return VCHAN_EPROTO;
    }
    u32 lp = ring_pages(lo), rp = ring_pages(ro);
    for (u32 i = 0; i < lp + rp; i++) {
        u32 flags = GNTMAP_host_map | (i >= lp ? GNTMAP_readonly : 0);
        st = gnttab_map(server, v->ctrl->grants[i], v->map_base + (1 + i) * XEN_PAGE_SIZE, flags, &v->handles[i], NULL);
        if (st != GNTST_okay) {
            vchan_close(v);
            return -XEN_EFAULT;
        }
        v->npages = i + 1;
    }
    volatile u8 *left = lp ? (volatile u8 *)(v->map_base + XEN_PAGE_SIZE) : in_page_ring(v, lo);
    volatile u8 *right = rp ? (volatile u8 *)(v->map_base + (1 + lp) * XEN_PAGE_SIZE) : in_page_ring(v, ro);
    set_rings(v, left, lo, right, ro);
    if (v->ctrl->srv_live == 0) {
        vchan_close(v);
        return VCHAN_ECLOSED;
    }
    v->ctrl->cli_live = 1;
    v->ctrl->srv_notify = VCHAN_NOTIFY_WRITE;
    dmb();
    evtchn_send(v->port);
    return 0;
}

void vchan_close(struct vchan *v)
{
    if (v->closed || !v->ctrl)
        return;
    if (v->is_server)
        v->ctrl->srv_live = 0;
    else
        v->ctrl->cli_live = 0;
    dmb();
    evtchn_send(v->port);
    v->closed = 1;
    if (v->is_server) {
        xs_rm(0, v->path);
        /* A client still mapping a page keeps it (EBUSY); the grant stays until the domain ends. */
        for (u32 i = 0; i < v->npages; i++)
            gnttab_end_access(VCHAN_FIRST_REF + 1 + i);
        gnttab_end_access(VCHAN_FIRST_REF);
    } else {
        for (u32 i = 0; i < v->npages; i++)
            gnttab_unmap(v->handles[i], v->map_base + (1 + i) * XEN_PAGE_SIZE);
        gnttab_unmap(v->ctrl_handle, v->map_base);
    }
    evtchn_close(v->port);
}
