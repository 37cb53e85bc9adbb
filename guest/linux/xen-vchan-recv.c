/* xen-vchan-recv SERVER PORT BYTES SEED: a libxenvchan client for a Linux domU, built on the kernel's
   own Xen devices as Xen's tools/libs/vchan is: /dev/xen/xenbus for the rendezvous keys,
   /dev/xen/gntdev to map the server's pages and /dev/xen/evtchn for the event channel. It reads
   BYTES from the server at /local/domain/SERVER/data/vchan/<self>/PORT (the guest SDK's path
   convention, guest/xen/lib/vchan.h), checks every byte against the xorshift32 stream from SEED, and
   prints the transfer test's report lines:
     PASS vchan.linux-recv bytes=N errors=0      (or FAIL ...: why)
     # vchan.linux-recv: U us, K KiB/s
   Exit status 0 only when every byte arrived intact. */
#include "sys.h"
#include "../common/xorshift.h"

/* ---- /dev/xen/xenbus: one XS_READ at a time (spec 8.2, 8.3) ---------------------------------- */
#define XS_READ 2
#define XS_ERROR 16

struct xsd_sockmsg {
    u32 type, req_id, tx_id, len;
};

static int xenbus_fd = -1;

/* The value of path (relative paths are under the domain's home), NUL-terminated; -1 if absent. */
static int xs_read(const char *path, char *out, u32 size)
{
    static u8 msg[sizeof(struct xsd_sockmsg) + 256];
    static u32 req_id;
    u32 n = strlen(path) + 1;
    if (n > 256 || size == 0)
        return -1;
    struct xsd_sockmsg h = {XS_READ, ++req_id, 0, n};
    memcpy(msg, &h, sizeof h);
    memcpy(msg + sizeof h, path, n);
    if (sys_write(xenbus_fd, msg, sizeof h + n) != (long)(sizeof h + n))
        return -1;
    long got = sys_read(xenbus_fd, msg, sizeof msg);
    if (got < (long)sizeof h)
        return -1;
    memcpy(&h, msg, sizeof h);
    if (h.type == XS_ERROR || h.len >= size || sizeof h + h.len > (u32)got)
        return -1;
    memcpy(out, msg + sizeof h, h.len);
    out[h.len] = 0;
    return 0;
}

static int xs_read_u32(const char *path, u32 *v)
{
    char s[16];
    if (xs_read(path, s, sizeof s) != 0)
        return -1;
    u32 x = 0, digits = 0;
    for (const char *p = s; *p >= '0' && *p <= '9' && digits < 10; p++, digits++)
        x = x * 10 + (u32)(*p - '0');
    *v = x;
    return digits ? 0 : -1;
}

/* ---- /dev/xen/gntdev and /dev/xen/evtchn (include/uapi/xen/gntdev.h, evtchn.h) ---------------- */
#define IOC_NONE(type, nr, size) ((u32)(size) << 16 | (u32)(type) << 8 | (u32)(nr))
#define MAX_MAP 64

struct gntdev_map {
    u32 count, pad;
    u64 index;
    struct {
        u32 domid, ref;
    } refs[MAX_MAP];
};
#define IOCTL_GNTDEV_MAP_GRANT_REF IOC_NONE('G', 0, 24)
#define IOCTL_EVTCHN_BIND_INTERDOMAIN IOC_NONE('E', 1, 8)
#define IOCTL_EVTCHN_NOTIFY IOC_NONE('E', 4, 4)

static int gntdev_fd = -1, evtchn_fd = -1;

/* Maps count grants of domid (contiguous in this process); NULL on failure. */
static volatile u8 *map_grants(u32 domid, const u32 *refs, u32 count, int prot)
{
    static struct gntdev_map m;
    if (count == 0 || count > MAX_MAP)
        return 0;
    m.count = count;
    for (u32 i = 0; i < count; i++)
        m.refs[i].domid = domid, m.refs[i].ref = refs[i];
    if (sys_ioctl(gntdev_fd, IOCTL_GNTDEV_MAP_GRANT_REF, &m) != 0)
        return 0;
    void *p = sys_mmap(count * 4096, prot, gntdev_fd, m.index);
    return mmap_failed(p) ? 0 : (volatile u8 *)p;
}

static u32 local_port;

static void notify(void)
{
    u32 p = local_port;
    sys_ioctl(evtchn_fd, IOCTL_EVTCHN_NOTIFY, &p);
}

/* Waits up to ms for the event; 1 if it came (and re-arms the port), 0 if not. */
static int wait_event(int ms)
{
    struct pollfd f = {evtchn_fd, POLLIN, 0};
    if (sys_poll(&f, 1, ms) <= 0)
        return 0;
    u32 port;
    if (sys_read(evtchn_fd, &port, 4) == 4)
        sys_write(evtchn_fd, &port, 4); /* unmask */
    return 1;
}

/* ---- the vchan client (spec 11) ---------------------------------------------------------------- */
struct vchan_ring_shared {
    u32 cons, prod;
};
struct vchan_interface {
    struct vchan_ring_shared left, right;
    u16 left_order, right_order;
    u8 cli_live, srv_live, cli_notify, srv_notify;
    u32 grants[];
};
_Static_assert(sizeof(struct vchan_interface) == 24, "vchan_interface");
#define NOTIFY_WRITE 1
#define NOTIFY_READ 2
#define IDLE_LIMIT_MS 30000

static volatile struct vchan_interface *ctrl;
static volatile u8 *rd_buf; /* the right ring: server -> client */
static u32 rd_size;

static u32 ring_pages(u32 order) { return order >= 12 ? 1u << (order - 12) : 0; }

static const char *connect(u32 server, const char *path)
{
    char key[128];
    u32 ref, remote;
    snprintf(key, sizeof key, "%s/ring-ref", path);
    int ok = xs_read_u32(key, &ref) == 0;
    snprintf(key, sizeof key, "%s/event-channel", path);
    if (!ok || xs_read_u32(key, &remote) != 0)
        return "no ring-ref/event-channel under the path";
    u32 bind[2] = {server, remote};
    long port = sys_ioctl(evtchn_fd, IOCTL_EVTCHN_BIND_INTERDOMAIN, bind);
    if (port < 0)
        return "cannot bind the server's port";
    local_port = (u32)port;
    ctrl = (volatile struct vchan_interface *)map_grants(server, &ref, 1, PROT_READ | PROT_WRITE);
    if (!ctrl)
        return "cannot map the control page";
    u32 lo = ctrl->left_order, ro = ctrl->right_order;
    if (lo < 10 || lo > 20 || ro < 10 || ro > 20 || (lo == ro && lo < 12))
        return "bad ring orders";
    u32 lp = ring_pages(lo), rp = ring_pages(ro);
    if (lp > MAX_MAP || rp > MAX_MAP || 24 + 4 * (lp + rp) > 1024)
        return "rings larger than this tool maps";
    u32 refs[MAX_MAP];
    for (u32 i = 0; i < rp; i++)
        refs[i] = ctrl->grants[lp + i];
    /* The left ring (client -> server) is never written here: only the right one is mapped. */
    rd_buf = rp ? map_grants(server, refs, rp, PROT_READ) : (volatile u8 *)ctrl + (ro == 10 ? 1024 : 2048);
    if (!rd_buf)
        return "cannot map the right ring";
    rd_size = 1u << ro;
    if (ctrl->srv_live == 0)
        return "the server has already left";
    ctrl->cli_live = 1;
    ctrl->srv_notify = NOTIFY_WRITE;
    __sync_synchronize();
    notify();
    return 0;
}

/* Takes up to n bytes; 0 at the end of the stream, -1 on a protocol error or a silent peer. */
static long vchan_read(u8 *dst, u32 n)
{
    u64 idle = monotonic_ns();
    for (;;) {
        volatile struct vchan_ring_shared *r = &ctrl->right;
        u32 ready = r->prod - r->cons;
        if (ready == 0) {
            /* Ask for a kick in the byte the server honours; its kicks for us are asked in ours. */
            __atomic_fetch_or((u8 *)&ctrl->srv_notify, NOTIFY_WRITE, __ATOMIC_SEQ_CST);
            ready = r->prod - r->cons;
        }
        __sync_synchronize();
        if (ready > rd_size)
            return -1;
        if (ready) {
            u32 take = ready < n ? ready : n, cons = r->cons, off = cons & (rd_size - 1);
            u32 first = rd_size - off < take ? rd_size - off : take;
            memcpy(dst, (const u8 *)rd_buf + off, first);
            memcpy(dst + first, (const u8 *)rd_buf, take - first);
            __sync_synchronize();
            r->cons = cons + take;
            __sync_synchronize();
            u8 old = __atomic_fetch_and((u8 *)&ctrl->cli_notify, (u8)~NOTIFY_READ, __ATOMIC_SEQ_CST);
            if (old & NOTIFY_READ)
                notify();
            return take;
        }
        if (ctrl->srv_live == 0)
            return 0;
        if (wait_event(20))
            idle = monotonic_ns();
        else if (monotonic_ns() - idle > (u64)IDLE_LIMIT_MS * 1000000u)
            return -1;
    }
}

/* ---- the test ---------------------------------------------------------------------------------- */
static u32 parse(const char *s)
{
    u32 v = 0;
    for (; *s >= '0' && *s <= '9'; s++)
        v = v * 10 + (u32)(*s - '0');
    return v;
}

static int open_all(void)
{
    xenbus_fd = (int)sys_open("/dev/xen/xenbus", O_RDWR);
    gntdev_fd = (int)sys_open("/dev/xen/gntdev", O_RDWR);
    evtchn_fd = (int)sys_open("/dev/xen/evtchn", O_RDWR);
    if (xenbus_fd < 0 || gntdev_fd < 0 || evtchn_fd < 0) {
        printf("FAIL vchan.linux-recv: cannot open /dev/xen/%s (modules xen-gntdev, xen-evtchn loaded?)\n",
               xenbus_fd < 0 ? "xenbus" : gntdev_fd < 0 ? "gntdev" : "evtchn");
        return 0;
    }
    return 1;
}

static u8 buf[4096] __attribute__((aligned(4)));
static u8 expect[4096] __attribute__((aligned(4)));

int main(int argc, char **argv)
{
    if (argc != 5) {
        printf("usage: xen-vchan-recv SERVER PORT BYTES SEED\n");
        return 2;
    }
    u32 server = parse(argv[1]), port = parse(argv[2]), bytes = parse(argv[3]), seed = parse(argv[4]);
    if (!open_all())
        return 1;
    u32 self;
    if (xs_read_u32("domid", &self) != 0) {
        printf("FAIL vchan.linux-recv: cannot read domid from XenStore\n");
        return 1;
    }
    char path[96];
    snprintf(path, sizeof path, "/local/domain/%u/data/vchan/%u/%u", server, self, port);
    const char *why = connect(server, path);
    if (why) {
        printf("FAIL vchan.linux-recv: %s: %s\n", path, why);
        return 1;
    }
    struct xfer_stream g = XFER_STREAM(seed ? seed : 1);
    u32 got = 0, errors = 0;
    long rc = 0;
    u64 t0 = monotonic_ns();
    while (got < bytes) {
        rc = vchan_read(buf, bytes - got < sizeof buf ? bytes - got : sizeof buf);
        if (rc <= 0)
            break;
        xfer_stream_fill(&g, expect, (u32)rc);
        for (long i = 0; i < rc; i++)
            errors += buf[i] != expect[i];
        got += (u32)rc;
    }
    u64 us = (monotonic_ns() - t0) / 1000;
    ctrl->cli_live = 0;
    __sync_synchronize();
    notify();
    int good = got == bytes && errors == 0;
    printf("%s vchan.linux-recv bytes=%u errors=%u", good ? "PASS" : "FAIL", got, errors);
    if (!good)
        printf(": %s", rc < 0 ? "protocol error or silent server" : got < bytes ? "end of stream before the end" : "bytes differ");
    printf("\n# vchan.linux-recv: %llu us, %llu KiB/s\n", us, us ? (u64)got * 1000000ull / us / 1024 : 0);
    return good ? 0 : 1;
}

/* ---- printf over write(2) ---------------------------------------------------------------------- */
struct line {
    char b[256];
    u32 n;
};

static void put(void *ctx, char c)
{
    struct line *l = ctx;
    l->b[l->n++] = c;
    if (l->n == sizeof l->b || c == '\n') {
        sys_write(1, l->b, l->n);
        l->n = 0;
    }
}

int printf(const char *fmt, ...)
{
    struct line l = {.n = 0};
    va_list ap;
    va_start(ap, fmt);
    vformat(put, &l, fmt, ap);
    va_end(ap);
    if (l.n)
        sys_write(1, l.b, l.n);
    return 0;
}
