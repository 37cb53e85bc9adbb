/* The PV block device as a domU sees it after `xl create` with two disks: xvda (51712, read-write,
   its image filled by the harness with pattern(1, sector, byte)) and xvdb (51728, read-only,
   pattern(99, ...)). The xenbus handshake (xvdb with a two-page ring), reads and writes with
   several and partial segments, FLUSH and WRITE_BARRIER, requests in flight together, hostile
   requests and their statuses (spec 10.2), a read-only disk refusing writes, and the close.
   Command line: blk.sectors=N (xvda's size, for the check), blk.hold=1 (stop after the writes and
   the flush, connected, so the harness can destroy the domain under a live backend). */
#include "blkfront.h"
#include "xenstore.h"
#include "xfer.h"

#define VDEV_A 51712u
#define VDEV_B 51728u
#define DATA_REF 20u /* data pages: refs 20..31; rings: 16 (xvda), 17..18 (xvdb) */
#define NPAGES 12

static u8 ring_a[XEN_PAGE_SIZE] PAGE_ALIGNED;
static u8 ring_b[2 * XEN_PAGE_SIZE] PAGE_ALIGNED;
static u8 data[NPAGES][XEN_PAGE_SIZE] PAGE_ALIGNED;
static struct blkfront a, b;
static char buf[128];
static u64 next_id = 1;

/* What the harness wrote into the images (Block tests in C# compute the same). */
static u8 pattern(u32 salt, u64 sector, u32 i) { return (u8)((u32)sector * 131u + i * 7u + salt); }
/* What this program writes. */
static u8 written(u64 sector, u32 i) { return (u8)((u32)sector * 29u + i * 13u + 0x80u); }

static void grant(u32 page, int readonly) { gnttab_grant_access(DATA_REF + page, 0, (u32)virt_to_gfn(data[page]), readonly); }

static void req_init(struct blkif_request *r, u8 op, u64 sector, u8 nseg)
{
    memset(r, 0, sizeof *r);
    r->operation = op;
    r->nr_segments = nseg;
    r->handle = (u16)VDEV_A;
    r->id = next_id++;
    r->sector_number = sector;
}

static void seg(struct blkif_request *r, u32 i, u32 page, u8 first, u8 last)
{
    r->seg[i].gref = DATA_REF + page;
    r->seg[i].first_sect = first;
    r->seg[i].last_sect = last;
}

/* The request's status, or a FAIL line and a value no status has. */
static s16 io(struct blkfront *f, const char *name, const struct blkif_request *r)
{
    s16 st = 99;
    long rc = blkfront_io(f, r, &st);
    if (rc)
        fail(name, "no response: rc %ld", rc);
    return st;
}

static void check_status(struct blkfront *f, const char *name, const struct blkif_request *r, s16 want)
{
    s16 st = io(f, name, r);
    if (st != 99)
        check_rc(name, st, want);
}

/* Do the count sectors at page:first.. hold pat(salt, sector0 ..)? */
static int holds(u32 page, u32 first, u32 count, u32 salt, u64 sector0, int mine)
{
    for (u32 s = 0; s < count; s++)
        for (u32 i = 0; i < BLKIF_SECTOR_SIZE; i++) {
            u8 want = mine ? written(sector0 + s, i) : pattern(salt, sector0 + s, i);
            if (data[page][(first + s) * BLKIF_SECTOR_SIZE + i] != want)
                return 0;
        }
    return 1;
}

static void read_back_str(const char *name, const char *path, const char *want)
{
    long rc = xs_read(0, path, buf, sizeof buf);
    if (rc < 0)
        fail(name, "read %s: rc %ld", path, rc);
    else
        check_str(name, buf, want);
}

static void entries(void)
{
    check_rc("blk.xs.vbd-count", xs_directory(0, "device/vbd", buf, sizeof buf), 2);
    char path[96], want[96];
    domid_t me = xen_self_domid();
    snprintf(want, sizeof want, "/local/domain/0/backend/vbd/%u/%u", (unsigned)me, VDEV_A);
    read_back_str("blk.xs.backend", "device/vbd/51712/backend", want);
    read_back_str("blk.xs.backend-id", "device/vbd/51712/backend-id", "0");
    read_back_str("blk.xs.virtual-device", "device/vbd/51712/virtual-device", "51712");
    read_back_str("blk.xs.device-type", "device/vbd/51712/device-type", "disk");
    read_back_str("blk.xs.front-state", "device/vbd/51712/state", "1");
    snprintf(path, sizeof path, "%s/state", want);
    read_back_str("blk.xs.back-initwait", path, "2");
    snprintf(path, sizeof path, "%s/mode", want);
    read_back_str("blk.xs.back-mode", path, "w");
    snprintf(path, sizeof path, "/local/domain/0/backend/vbd/%u/%u/mode", (unsigned)me, VDEV_B);
    read_back_str("blk.xs.back-mode-ro", path, "r");
    /* Our own frontend directory is ours to write; the backend's is dom0's. */
    check_rc("blk.xs.front-writable", xs_write(0, "device/vbd/51712/xenith-test", "1"), 0);
    xs_rm(0, "device/vbd/51712/xenith-test");
    snprintf(path, sizeof path, "%s/sectors", want);
    check_rc("blk.xs.back-readonly", xs_write(0, path, "1"), -XEN_EACCES);
}

static void reads(u64 sectors)
{
    struct blkif_request r;
    /* One full page: sectors 0..7. */
    grant(0, 0);
    req_init(&r, BLKIF_OP_READ, 0, 1);
    seg(&r, 0, 0, 0, 7);
    if (io(&a, "blk.read.page", &r) == BLKIF_RSP_OKAY)
        check("blk.read.page.pattern", holds(0, 0, 8, 1, 0, 0));
    /* Eleven full pages, sectors 8..95. */
    req_init(&r, BLKIF_OP_READ, 8, 11);
    for (u32 i = 0; i < 11; i++) {
        grant(i, 0);
        seg(&r, i, i, 0, 7);
    }
    if (io(&a, "blk.read.11-segments", &r) == BLKIF_RSP_OKAY) {
        int ok = 1;
        for (u32 i = 0; i < 11; i++)
            ok &= holds(i, 0, 8, 1, 8 + i * 8, 0);
        check("blk.read.11-segments.pattern", ok);
    }
    /* Partial pages: sectors 100..102 into page 0 at sectors 3..5, sector 103 into page 1 at 7;
       the rest of the pages stays as it was. */
    memset(data[0], 0xee, XEN_PAGE_SIZE);
    memset(data[1], 0xee, XEN_PAGE_SIZE);
    req_init(&r, BLKIF_OP_READ, 100, 2);
    seg(&r, 0, 0, 3, 5);
    seg(&r, 1, 1, 7, 7);
    if (io(&a, "blk.read.partial", &r) == BLKIF_RSP_OKAY) {
        check("blk.read.partial.pattern", holds(0, 3, 3, 1, 100, 0) && holds(1, 7, 1, 1, 103, 0));
        int untouched = 1;
        for (u32 i = 0; i < 3 * BLKIF_SECTOR_SIZE; i++)
            untouched &= data[0][i] == 0xee;
        for (u32 i = 6 * BLKIF_SECTOR_SIZE; i < XEN_PAGE_SIZE; i++)
            untouched &= data[0][i] == 0xee;
        for (u32 i = 0; i < 7 * BLKIF_SECTOR_SIZE; i++)
            untouched &= data[1][i] == 0xee;
        check("blk.read.partial.rest-untouched", untouched);
    }
    /* The last sector is readable. */
    req_init(&r, BLKIF_OP_READ, sectors - 1, 1);
    seg(&r, 0, 0, 0, 0);
    if (io(&a, "blk.read.last-sector", &r) == BLKIF_RSP_OKAY)
        check("blk.read.last-sector.pattern", holds(0, 0, 1, 1, sectors - 1, 0));
}

/* Sectors 40..55 from three read-only grants (6 + 8 + 2 sectors), then read back as two pages;
   39 and 56 keep the image's pattern. Sector 200 by WRITE_BARRIER, then a FLUSH. */
static void writes(void)
{
    struct blkif_request r;
    for (u32 s = 0; s < 16; s++) {
        u32 page = s < 6 ? 2 : s < 14 ? 3 : 4, at = s < 6 ? s + 2 : s < 14 ? s - 6 : s - 14;
        for (u32 i = 0; i < BLKIF_SECTOR_SIZE; i++)
            data[page][at * BLKIF_SECTOR_SIZE + i] = written(40 + s, i);
    }
    grant(2, 1);
    grant(3, 1);
    grant(4, 1);
    req_init(&r, BLKIF_OP_WRITE, 40, 3);
    seg(&r, 0, 2, 2, 7);
    seg(&r, 1, 3, 0, 7);
    seg(&r, 2, 4, 0, 1);
    check_status(&a, "blk.write.partial-segments", &r, BLKIF_RSP_OKAY);

    memset(data[5], 0, XEN_PAGE_SIZE);
    memset(data[6], 0, XEN_PAGE_SIZE);
    memset(data[7], 0, XEN_PAGE_SIZE);
    grant(5, 0);
    grant(6, 0);
    grant(7, 0);
    req_init(&r, BLKIF_OP_READ, 39, 3);
    seg(&r, 0, 5, 7, 7);
    seg(&r, 1, 6, 0, 7);
    seg(&r, 2, 7, 0, 7);
    if (io(&a, "blk.write.read-back", &r) == BLKIF_RSP_OKAY) {
        check("blk.write.read-back.data", holds(6, 0, 8, 0, 40, 1) && holds(7, 0, 8, 0, 48, 1));
        check("blk.write.read-back.before-kept", holds(5, 7, 1, 1, 39, 0));
    }
    req_init(&r, BLKIF_OP_READ, 56, 1);
    seg(&r, 0, 5, 0, 0);
    if (io(&a, "blk.write.after-kept", &r) == BLKIF_RSP_OKAY)
        check("blk.write.after-kept.pattern", holds(5, 0, 1, 1, 56, 0));

    check("blk.feature-barrier", a.feature_barrier);
    for (u32 i = 0; i < BLKIF_SECTOR_SIZE; i++)
        data[8][i] = written(200, i);
    grant(8, 1);
    req_init(&r, BLKIF_OP_WRITE_BARRIER, 200, 1);
    seg(&r, 0, 8, 0, 0);
    check_status(&a, "blk.barrier", &r, BLKIF_RSP_OKAY);

    check("blk.feature-flush-cache", a.feature_flush);
    req_init(&r, BLKIF_OP_FLUSH_DISKCACHE, 0, 0);
    check_status(&a, "blk.flush", &r, BLKIF_RSP_OKAY);
}

/* Several requests published together, then a full ring's worth: every id answered once. */
static void in_flight(void)
{
    struct blkif_request r;
    grant(9, 0);
    u64 first = next_id;
    u32 queued = 0;
    for (u32 i = 0; i < a.ring_size; i++) {
        req_init(&r, BLKIF_OP_READ, i, 1);
        seg(&r, 0, 9, 0, 0);
        queued += blkfront_queue(&a, &r) == 0;
    }
    check_rc("blk.inflight.queued", (long)queued, (long)a.ring_size);
    req_init(&r, BLKIF_OP_READ, 0, 1);
    check_rc("blk.inflight.ring-full", blkfront_queue(&a, &r), -XEN_ENOSPC);
    next_id--;
    blkfront_push(&a);
    u32 seen = 0, okay = 0;
    for (u32 i = 0; i < queued; i++) {
        struct blkif_response rsp;
        if (blkfront_take_response(&a, &rsp))
            break;
        if (rsp.id >= first && rsp.id < first + 32 && !(seen & (1u << (rsp.id - first))))
            seen |= 1u << (rsp.id - first);
        okay += rsp.status == BLKIF_RSP_OKAY;
    }
    check_eq("blk.inflight.ids", seen, queued == 32 ? 0xffffffffu : (1u << queued) - 1);
    check_rc("blk.inflight.okay", (long)okay, (long)queued);
}

static void hostile(u64 sectors)
{
    struct blkif_request r;
    grant(0, 0);
    /* A reference we never granted, one granted to another domain, a read into a read-only grant. */
    req_init(&r, BLKIF_OP_READ, 0, 1);
    seg(&r, 0, 0, 0, 7);
    r.seg[0].gref = 300;
    check_status(&a, "blk.hostile.bad-gref", &r, BLKIF_RSP_ERROR);
    r.seg[0].gref = 0x7fffffff;
    r.id = next_id++;
    check_status(&a, "blk.hostile.gref-out-of-table", &r, BLKIF_RSP_ERROR);
    gnttab_grant_access(DATA_REF + 10, 7, (u32)virt_to_gfn(data[10]), 0);
    req_init(&r, BLKIF_OP_READ, 0, 1);
    seg(&r, 0, 10, 0, 7);
    check_status(&a, "blk.hostile.gref-for-another-domain", &r, BLKIF_RSP_ERROR);
    grant(10, 1);
    req_init(&r, BLKIF_OP_READ, 0, 1);
    seg(&r, 0, 10, 0, 7);
    check_status(&a, "blk.hostile.read-into-readonly-grant", &r, BLKIF_RSP_ERROR);
    /* A good segment after a bad one: nothing reaches the good page either way, and no exception. */
    req_init(&r, BLKIF_OP_READ, 0, 2);
    seg(&r, 0, 0, 0, 7);
    seg(&r, 1, 0, 0, 7);
    r.seg[1].gref = 301;
    check_status(&a, "blk.hostile.second-segment-bad", &r, BLKIF_RSP_ERROR);

    /* Ranges. */
    req_init(&r, BLKIF_OP_READ, sectors - 1, 1);
    seg(&r, 0, 0, 0, 1);
    check_status(&a, "blk.hostile.past-the-end", &r, BLKIF_RSP_ERROR);
    req_init(&r, BLKIF_OP_READ, sectors, 1);
    seg(&r, 0, 0, 0, 0);
    check_status(&a, "blk.hostile.at-the-end", &r, BLKIF_RSP_ERROR);
    req_init(&r, BLKIF_OP_WRITE, 0xfffffffffffffff8ull, 1);
    seg(&r, 0, 0, 0, 7);
    check_status(&a, "blk.hostile.sector-wraps", &r, BLKIF_RSP_ERROR);

    /* Segments. */
    req_init(&r, BLKIF_OP_READ, 0, 12);
    for (u32 i = 0; i < 11; i++)
        seg(&r, i, 0, 0, 0);
    check_status(&a, "blk.hostile.12-segments", &r, BLKIF_RSP_ERROR);
    req_init(&r, BLKIF_OP_READ, 0, 0);
    check_status(&a, "blk.hostile.read-no-segments", &r, BLKIF_RSP_ERROR);
    req_init(&r, BLKIF_OP_READ, 0, 1);
    seg(&r, 0, 0, 5, 4);
    check_status(&a, "blk.hostile.first-after-last", &r, BLKIF_RSP_ERROR);
    req_init(&r, BLKIF_OP_READ, 0, 1);
    seg(&r, 0, 0, 0, 8);
    check_status(&a, "blk.hostile.last-sect-8", &r, BLKIF_RSP_ERROR);

    /* Operations not served. */
    static const u8 ops[] = {BLKIF_OP_RESERVED_1, BLKIF_OP_DISCARD, BLKIF_OP_INDIRECT, 7, 0xff};
    for (u32 i = 0; i < sizeof ops; i++) {
        char name[48];
        snprintf(name, sizeof name, "blk.hostile.op-%u", (unsigned)ops[i]);
        req_init(&r, ops[i], 0, 1);
        seg(&r, 0, 0, 0, 0);
        check_status(&a, name, &r, BLKIF_RSP_EOPNOTSUPP);
    }

    /* The device still works. */
    req_init(&r, BLKIF_OP_READ, 8, 1);
    seg(&r, 0, 0, 0, 7);
    if (io(&a, "blk.hostile.after", &r) == BLKIF_RSP_OKAY)
        check("blk.hostile.after.pattern", holds(0, 0, 8, 1, 8, 0));
}

static void read_only(void)
{
    long rc = blkfront_connect(&b, VDEV_B, ring_b, 1, 17);
    if (!check_rc("blk.ro.connect", rc, 0))
        return;
    check_rc("blk.ro.ring-size", (long)b.ring_size, 64);
    check("blk.ro.info-readonly", (b.info & VDISK_READONLY) != 0);
    struct blkif_request r;
    grant(0, 0);
    req_init(&r, BLKIF_OP_READ, 3, 1);
    r.handle = (u16)VDEV_B;
    seg(&r, 0, 0, 0, 7);
    if (io(&b, "blk.ro.read", &r) == BLKIF_RSP_OKAY)
        check("blk.ro.read.pattern", holds(0, 0, 8, 99, 3, 0));
    grant(1, 1);
    req_init(&r, BLKIF_OP_WRITE, 3, 1);
    r.handle = (u16)VDEV_B;
    seg(&r, 0, 1, 0, 7);
    check_status(&b, "blk.ro.write-refused", &r, BLKIF_RSP_ERROR);
    req_init(&r, BLKIF_OP_WRITE_BARRIER, 3, 1);
    r.handle = (u16)VDEV_B;
    seg(&r, 0, 1, 0, 0);
    check_status(&b, "blk.ro.barrier-refused", &r, BLKIF_RSP_ERROR);
    req_init(&r, BLKIF_OP_FLUSH_DISKCACHE, 0, 0);
    r.handle = (u16)VDEV_B;
    check_status(&b, "blk.ro.flush-refused", &r, BLKIF_RSP_ERROR);
    check_rc("blk.ro.close", blkfront_close(&b), 0);
}

void test_main(void)
{
    long rc = xs_init();
    if (rc == 1) {
        skip("blk", "no XenStore (not created by xl)");
        return;
    }
    if (!check_rc("blk.xs-init", rc, 0) || !check_rc("blk.gnttab-init", gnttab_init(), 0))
        return;
    entries();
    rc = blkfront_connect(&a, VDEV_A, ring_a, 0, 16);
    if (!check_rc("blk.connect", rc, 0))
        return;
    check_rc("blk.ring-size", (long)a.ring_size, 32);
    check_eq64("blk.sectors", a.sectors, xfer_arg("blk.sectors", 0));
    check_rc("blk.info", (long)a.info, 0);
    check_rc("blk.sector-size", (long)a.sector_size, 512);
    read_back_str("blk.back-connected", "device/vbd/51712/state", "4");
    reads(a.sectors);
    writes();
    if (xfer_arg("blk.hold", 0)) {
        note("blk.hold: connected, written and flushed");
        console_flush();
        evtchn_port_t p = a.port;
        for (;;)
            xen_poll(&p, 1, 0);
    }
    in_flight();
    hostile(a.sectors);
    read_only();
    check_rc("blk.close", blkfront_close(&a), 0);
    check_rc("blk.close.backend-closed", blkfront_backend_state(&a), 6);
    read_back_str("blk.close.front-closed", "device/vbd/51712/state", "6");
}
