/* The reading end of the vchan transfer test (lib/vchan.h): the client by default (or
   vchan.role=server), it reads vchan.bytes and checks every block against the xorshift32 stream
   from vchan.seed, then reports bytes, errors, guest time and throughput. With
   vchan.mode=pingpong it echoes vchan.count messages of vchan.msg bytes; vchan.io=nonblock reads
   without blocking and waits with vchan_wait itself. Path and keys as in vchan_send.c. */
#include "xfer.h"
#include "vchan.h"
#include "xenstore.h"

#define BLOCK 4096u

static struct vchan vc;
static u8 buf[BLOCK] __attribute__((aligned(4)));
static u8 expect[BLOCK] __attribute__((aligned(4)));

/* Bytes of a block that differ from the stream's next n bytes. */
static u32 verify(struct xfer_stream *g, const u8 *d, u32 n)
{
    xfer_stream_fill(g, expect, n);
    if (memcmp(d, expect, n) == 0)
        return 0;
    u32 errors = 0;
    for (u32 i = 0; i < n; i++)
        errors += d[i] != expect[i];
    return errors;
}

static void pong(u32 count, u32 msg)
{
    u32 done = 0;
    long rc = 0;
    for (; done < count; done++) {
        rc = vchan_recv(&vc, buf, msg);
        if (rc == (long)msg)
            rc = vchan_send(&vc, buf, msg);
        if (rc != (long)msg)
            break;
    }
    char name[48];
    snprintf(name, sizeof name, "vchan.pong count=%u", done);
    if (done == count)
        pass(name);
    else
        fail(name, "rc %ld after %u of %u messages", rc, done, count);
}

/* Non-blocking reads: an empty ring is a wait for one slice, bounded by the idle limit. */
static long read_nonblocking(u32 want)
{
    u64 idle = 0;
    for (;;) {
        long rc = vchan_read(&vc, buf, want);
        if (rc != 0 || !vchan_is_open(&vc))
            return rc;
        if (vchan_wait_bounded(&vc, &idle) == VCHAN_ETIMEDOUT)
            return VCHAN_ETIMEDOUT;
    }
}

static void stream_in(u32 bytes, u32 seed)
{
    struct xfer_stream g = XFER_STREAM(seed);
    u32 got = 0, errors = 0;
    long rc = 0;
    vc.blocking = !xfer_arg_is("vchan.io", "nonblock");
    u64 t0 = read_cntvct();
    while (got < bytes) {
        u32 want = bytes - got < BLOCK ? bytes - got : BLOCK;
        rc = vc.blocking ? vchan_read(&vc, buf, want) : read_nonblocking(want);
        if (rc <= 0)
            break;
        errors += verify(&g, buf, (u32)rc);
        got += (u32)rc;
    }
    u64 us, kib;
    xfer_rate(read_cntvct() - t0, got, &us, &kib);
    char name[64];
    snprintf(name, sizeof name, "vchan.recv bytes=%u errors=%u", got, errors);
    if (got == bytes && errors == 0)
        pass(name);
    else if (rc == 0 && got < bytes)
        fail(name, "end of stream after %u of %u bytes", got, bytes);
    else if (rc < 0)
        fail(name, "read error %ld after %u of %u bytes", rc, got, bytes);
    else
        fail(name, "%u of %u bytes differ from the stream", errors, got);
    note("vchan.recv: %llu us guest time, %llu KiB/s", us, kib);
}

void test_main(void)
{
    domid_t peer = (domid_t)xfer_arg("vchan.peer", 0);
    int server = xfer_arg_is("vchan.role", "server");
    u32 bytes = xfer_arg("vchan.bytes", 16u << 20);
    u32 seed = xfer_arg("vchan.seed", 1);
    u32 port = xfer_arg("vchan.port", 1);
    u32 ring = xfer_arg("vchan.ring", 65536);
    u32 count = xfer_arg("vchan.count", 1000), msg = xfer_arg("vchan.msg", 64);
    if (!seed)
        seed = 1;
    if (!check_rc("vchan.recv.events-init", xen_events_init(), 0) || !check_rc("vchan.recv.xs-init", xs_init(), 0))
        return;
    if (server && !check_rc("vchan.recv.gnttab-init", gnttab_init(), 0))
        return;
    domid_t self = xen_self_domid();
    char path[96];
    vchan_path(path, sizeof path, server ? self : peer, server ? peer : self, port);
    long rc = server ? vchan_server_init(&vc, peer, path, ring, ring) : vchan_client_init(&vc, peer, path);
    if (!check_rc("vchan.recv.open", rc, 0))
        return;
    note("vchan.recv: %s of %s, peer d%u, port %u, rings %u/%u bytes", server ? "server" : "client", path, peer, vc.port,
         vc.rd_size, vc.wr_size);
    if (xfer_arg_is("vchan.mode", "pingpong")) {
        if (!count || count > 2048)
            count = 2048;
        if (!msg || msg > BLOCK || msg > vc.wr_size || msg > vc.rd_size)
            msg = 64;
        pong(count, msg);
    } else {
        stream_in(bytes, seed);
    }
    vchan_close(&vc);
}
