/* The writing end of the vchan transfer test (lib/vchan.h): the server by default (or
   vchan.role=client), it writes vchan.bytes of the xorshift32 stream from vchan.seed in
   vchan.chunk pieces through a ring of vchan.ring bytes, then waits for the reader to drain it.
   vchan.mode=pingpong instead sends vchan.count messages of vchan.msg bytes, each echoed back by
   vchan_recv, and reports the median round trip. P = /local/domain/<server>/data/vchan/<client>/
   <vchan.port>; vchan.peer names the other domain. */
#include "xfer.h"
#include "vchan.h"
#include "xenstore.h"

#define MAX_CHUNK 4096u
#define MAX_PINGS 2048u

static struct vchan vc;
static u8 buf[MAX_CHUNK] __attribute__((aligned(4)));
static u8 echo[MAX_CHUNK] __attribute__((aligned(4)));
static u32 rtt[MAX_PINGS];

static void ping_pong(u32 count, u32 msg, u32 seed)
{
    struct xfer_stream g = XFER_STREAM(seed);
    u32 errors = 0, done = 0;
    for (; done < count; done++) {
        xfer_stream_fill(&g, buf, msg);
        u64 t0 = read_cntvct();
        long rc = vchan_send(&vc, buf, msg);
        if (rc == (long)msg)
            rc = vchan_recv(&vc, echo, msg);
        if (rc != (long)msg) {
            fail("vchan.pingpong", "message %u: rc %ld", done, rc);
            return;
        }
        rtt[done] = (u32)(read_cntvct() - t0);
        errors += memcmp(buf, echo, msg) != 0;
    }
    /* Insertion sort: count is at most MAX_PINGS. */
    for (u32 i = 1; i < count; i++) {
        u32 t = rtt[i], j = i;
        for (; j > 0 && rtt[j - 1] > t; j--)
            rtt[j] = rtt[j - 1];
        rtt[j] = t;
    }
    u64 f = read_cntfrq();
    u64 median_ns = f ? (u64)rtt[count / 2] * 1000000000ull / f : 0;
    char name[64];
    snprintf(name, sizeof name, "vchan.pingpong count=%u errors=%u", count, errors);
    if (errors == 0)
        pass(name);
    else
        fail(name, "%u echoes differ", errors);
    note("vchan.pingpong: median round trip %llu.%03llu us, %u messages of %u bytes", median_ns / 1000, median_ns % 1000, count, msg);
}

static void stream_out(u32 bytes, u32 chunk, u32 seed)
{
    struct xfer_stream g = XFER_STREAM(seed);
    u32 sent = 0;
    u64 t0 = read_cntvct();
    while (sent < bytes) {
        u32 n = bytes - sent < chunk ? bytes - sent : chunk;
        xfer_stream_fill(&g, buf, n);
        long rc = vchan_write(&vc, buf, n);
        if (rc < 0 || (u32)rc != n) {
            fail("vchan.send", "write returned %ld after %u of %u bytes", rc, sent, bytes);
            return;
        }
        sent += n;
    }
    /* Stay until the reader has taken everything (or left): our pages hold the tail. */
    u64 idle = 0;
    while (vchan_is_open(&vc) && vchan_buffer_space(&vc) < vc.wr_size && vchan_wait_bounded(&vc, &idle) != VCHAN_ETIMEDOUT)
        ;
    u64 us, kib;
    xfer_rate(read_cntvct() - t0, bytes, &us, &kib);
    char name[48];
    snprintf(name, sizeof name, "vchan.send bytes=%u", sent);
    pass(name);
    note("vchan.send: %llu us guest time, %llu KiB/s", us, kib);
}

void test_main(void)
{
    domid_t peer = (domid_t)xfer_arg("vchan.peer", 0);
    int server = !xfer_arg_is("vchan.role", "client");
    u32 bytes = xfer_arg("vchan.bytes", 16u << 20);
    u32 seed = xfer_arg("vchan.seed", 1);
    u32 port = xfer_arg("vchan.port", 1);
    u32 ring = xfer_arg("vchan.ring", 65536);
    u32 chunk = xfer_arg("vchan.chunk", MAX_CHUNK);
    u32 count = xfer_arg("vchan.count", 1000), msg = xfer_arg("vchan.msg", 64);
    if (!seed)
        seed = 1;
    if (!chunk || chunk > MAX_CHUNK)
        chunk = MAX_CHUNK;
    if (!check_rc("vchan.send.events-init", xen_events_init(), 0) || !check_rc("vchan.send.xs-init", xs_init(), 0))
        return;
    if (server && !check_rc("vchan.send.gnttab-init", gnttab_init(), 0))
        return;
    domid_t self = xen_self_domid();
    char path[96];
    vchan_path(path, sizeof path, server ? self : peer, server ? peer : self, port);
    long rc = server ? vchan_server_init(&vc, peer, path, ring, ring) : vchan_client_init(&vc, peer, path);
    if (!check_rc("vchan.send.open", rc, 0))
        return;
    note("vchan.send: %s of %s, peer d%u, port %u, rings %u/%u bytes", server ? "server" : "client", path, peer, vc.port,
         vc.rd_size, vc.wr_size);
    if (xfer_arg_is("vchan.mode", "pingpong")) {
        if (!count || count > MAX_PINGS)
            count = MAX_PINGS;
        if (!msg || msg > MAX_CHUNK || msg > vc.wr_size || msg > vc.rd_size)
            msg = 64;
        ping_pong(count, msg, seed);
    } else {
        stream_out(bytes, chunk, seed);
    }
    vchan_close(&vc);
}
