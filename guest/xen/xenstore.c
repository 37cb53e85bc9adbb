/* XenStore through the ring (spec 8) as a domU sees it after `xl create`: the entries libxl wrote
   (spec 8.6) and their permissions, reads and writes in the guest's home, EACCES elsewhere,
   watches, transactions, errors. Expected values follow spec 8 and C xenstored. */
#include "rt.h"
#include "hypercall.h"
#include "events.h"
#include "xenstore.h"

static char buf[512];
static char path[256], token[64];

static void check_read(const char *name, u32 tx, const char *p, const char *want)
{
    long rc = xs_read(tx, p, buf, sizeof buf);
    if (rc < 0)
        fail(name, "read %s: rc %ld", p, rc);
    else
        check_str(name, buf, want);
}

/* Is name one of the count NUL-separated strings in list? */
static int listed(const char *list, long count, const char *name)
{
    for (long i = 0; i < count; i++)
        if (strcmp(xs_nth(list, (u32)count, (u32)i), name) == 0)
            return 1;
    return 0;
}

static void own_entries(domid_t me)
{
    char want[64], home[32];
    snprintf(home, sizeof home, "/local/domain/%u", (unsigned)me);
    snprintf(want, sizeof want, "%u", (unsigned)me);
    check_read("xs.read.domid", 0, "domid", want);
    snprintf(path, sizeof path, "%s/domid", home);
    check_read("xs.read.domid.absolute", 0, path, want);
    check_read("xs.read.store-ring-ref", 0, "store/ring-ref", "233473");
    snprintf(want, sizeof want, "%u", (unsigned)xs_port);
    check_read("xs.read.store-port", 0, "store/port", want);
    u64 cport = 0;
    xen_get_param(HVM_PARAM_CONSOLE_EVTCHN, &cport);
    snprintf(want, sizeof want, "%u", (unsigned)cport);
    check_read("xs.read.console-port", 0, "console/port", want);
    check_read("xs.read.console-ring-ref", 0, "console/ring-ref", "233472");
    snprintf(want, sizeof want, "/local/domain/0/backend/console/%u/0", (unsigned)me);
    check_read("xs.read.console-backend", 0, "console/backend", want);
    /* libxl sets the backend directory's permissions (n0, rD) before it writes the keys, which
       inherit them: the frontend can read its backend (xenbus frontends read <backend>/state). */
    snprintf(path, sizeof path, "%s/frontend", want);
    snprintf(want, sizeof want, "%s/console", home);
    check_read("xs.read.console-backend-frontend", 0, path, want);
    snprintf(want, sizeof want, "%u", (unsigned)(boot.mem_size >> 10));
    check_read("xs.read.memory-target", 0, "memory/target", want);
    check_read("xs.read.cpu0", 0, "cpu/0/availability", "online");
    check_read("xs.read.feature-xs_reset_watches", 0, "control/platform-feature-xs_reset_watches", "1");
    /* name is the xl.cfg name; /vm/<uuid>/name says the same, and we may read it: libxl makes
       /vm/<uuid> (n0, rD) before it writes name and uuid, which inherit that. */
    char name[64];
    long rc = xs_read(0, "name", name, sizeof name);
    check("xs.read.name", rc > 0);
    note("name \"%s\"", rc > 0 ? name : "?");
    rc = xs_read(0, "vm", path, sizeof path);
    if (check("xs.read.vm", rc > 4 && strncmp(path, "/vm/", 4) == 0)) {
        snprintf(path + rc, sizeof path - (u32)rc, "/name");
        check_read("xs.read.vm-name", 0, path, name);
    }
    /* The home and control are dom0's, readable by us; data is ours (spec 8.6). */
    long n = xs_get_perms(0, home, buf, sizeof buf);
    check_rc("xs.perms.home.count", n, 2);
    if (n == 2) {
        check_str("xs.perms.home.0", xs_nth(buf, 2, 0), "n0");
        snprintf(want, sizeof want, "r%u", (unsigned)me);
        check_str("xs.perms.home.1", xs_nth(buf, 2, 1), want);
    }
    n = xs_get_perms(0, "data", buf, sizeof buf);
    check_rc("xs.perms.data.count", n, 1);
    snprintf(want, sizeof want, "n%u", (unsigned)me);
    if (n == 1)
        check_str("xs.perms.data.0", buf, want);
    snprintf(want, sizeof want, "/local/domain/%u", (unsigned)me);
    u32 len = 0;
    snprintf(path, sizeof path, "%u", (unsigned)me);
    rc = xs_request(XS_GET_DOMAIN_PATH, 0, path, strlen(path) + 1, buf, sizeof buf, &len);
    check_rc("xs.get-domain-path.rc", rc, 0);
    check_str("xs.get-domain-path", rc == 0 ? buf : "", want);
}

static void reads_and_writes(void)
{
    check_rc("xs.write.data", xs_write(0, "data/greeting", "hello store"), 0);
    check_read("xs.read.data", 0, "data/greeting", "hello store");
    check_rc("xs.read.length", xs_read(0, "data/greeting", buf, sizeof buf), 11);
    check_rc("xs.read.too-small", xs_read(0, "data/greeting", buf, 8), -XEN_E2BIG);
    check_rc("xs.write.empty", xs_write(0, "data/empty", ""), 0);
    check_rc("xs.read.empty", xs_read(0, "data/empty", buf, sizeof buf), 0);
    check_rc("xs.write.deep", xs_write(0, "data/a/b/c", "deep"), 0);
    check_rc("xs.read.deep-parent", xs_read(0, "data/a/b", buf, sizeof buf), 0);
    check_rc("xs.read.missing", xs_read(0, "data/missing", buf, sizeof buf), -XEN_ENOENT);
    check_rc("xs.mkdir", xs_mkdir(0, "data/dir"), 0);
    check_rc("xs.mkdir.existing-keeps-value", xs_mkdir(0, "data/greeting"), 0);
    check_read("xs.mkdir.value-kept", 0, "data/greeting", "hello store");
    long n = xs_directory(0, "data", buf, sizeof buf);
    check_rc("xs.directory.data.count", n, 4);
    check("xs.directory.data.names", n == 4 && listed(buf, n, "greeting") && listed(buf, n, "empty") &&
                                         listed(buf, n, "a") && listed(buf, n, "dir") && listed(buf, n, "b") == 0);
    check_rc("xs.directory.leaf", xs_directory(0, "data/dir", buf, sizeof buf), 0);
    n = xs_directory(0, "control", buf, sizeof buf);
    check("xs.directory.control", n > 0 && listed(buf, n, "shutdown") && listed(buf, n, "feature-poweroff"));
    check_rc("xs.directory.missing", xs_directory(0, "data/missing", buf, sizeof buf), -XEN_ENOENT);
    check_rc("xs.rm", xs_rm(0, "data/a"), 0);
    check_rc("xs.rm.subtree-gone", xs_read(0, "data/a/b/c", buf, sizeof buf), -XEN_ENOENT);
    check_rc("xs.rm.missing-leaf", xs_rm(0, "data/a"), 0);
    check_rc("xs.rm.missing-parent", xs_rm(0, "data/a/b"), -XEN_ENOENT);
    char own[8];
    snprintf(own, sizeof own, "n%u", (unsigned)xen_self_domid());
    const char *const mine[] = {own, "r0"};
    check_rc("xs.set-perms", xs_set_perms(0, "data/greeting", mine, 2), 0);
    n = xs_get_perms(0, "data/greeting", buf, sizeof buf);
    check("xs.set-perms.read-back", n == 2 && strcmp(xs_nth(buf, 2, 0), own) == 0 && strcmp(xs_nth(buf, 2, 1), "r0") == 0);
    check_rc("xs.set-perms.not-owner", xs_set_perms(0, "name", mine, 2), -XEN_EACCES);
}

/* Values larger than the 1 KiB rings: the request and the reply each wrap and take several
   notifications. A node over xenstored's 2048-byte size quota is refused with ENOSPC. */
static void big_values(void)
{
    static char big[2200], back[2200];
    for (u32 i = 0; i < sizeof big - 1; i++)
        big[i] = (char)('a' + i % 26);
    big[1900] = 0;
    check_rc("xs.big.write", xs_write(0, "data/big", big), 0);
    long rc = xs_read(0, "data/big", back, sizeof back);
    check_rc("xs.big.read.length", rc, 1900);
    check("xs.big.read.same", rc == 1900 && memcmp(back, big, 1900) == 0);
    big[1900] = 'x';
    big[sizeof big - 1] = 0;
    check_rc("xs.big.over-quota", xs_write(0, "data/big", big), -XEN_ENOSPC);
    check_rc("xs.big.kept", xs_read(0, "data/big", back, sizeof back), 1900);
    check_rc("xs.big.rm", xs_rm(0, "data/big"), 0);
}

static void access_denied(void)
{
    check_rc("xs.read.dom0-name", xs_read(0, "/local/domain/0/name", buf, sizeof buf), -XEN_EACCES);
    check_rc("xs.directory.dom0", xs_directory(0, "/local/domain/0", buf, sizeof buf), -XEN_EACCES);
    check_rc("xs.write.dom0", xs_write(0, "/local/domain/0/data/x", "1"), -XEN_EACCES);
    check_rc("xs.write.root", xs_write(0, "/xenith-test", "1"), -XEN_EACCES);
    /* Our home itself is dom0's: readable, not writable. */
    check_rc("xs.write.home", xs_write(0, "new-key", "1"), -XEN_EACCES);
    check_rc("xs.write.name", xs_write(0, "name", "renamed"), -XEN_EACCES);
    check_rc("xs.rm.name", xs_rm(0, "name"), -XEN_EACCES);
    check_rc("xs.write.bad-path", xs_write(0, "data//x", "1"), -XEN_EINVAL);
    check_rc("xs.unknown-type", xs_request(99, 0, "x", 2, buf, sizeof buf, NULL), -XEN_ENOSYS);
    check_rc("xs.read.no-nul", xs_request(XS_READ, 0, "data", 4, buf, sizeof buf, NULL), -XEN_EINVAL);
}

static void watches(void)
{
    /* Created first, so that the write below changes exactly one node. */
    check_rc("xs.watch.setup", xs_write(0, "data/w", ""), 0);
    check_rc("xs.watch", xs_watch("data/w", "tok-w"), 0);
    check_rc("xs.watch.twice", xs_watch("data/w", "tok-w"), -XEN_EEXIST);
    /* Fires at once with the path as registered (relative). */
    if (check_rc("xs.watch.initial.rc", xs_read_watch(path, sizeof path, token, sizeof token, 1), 0)) {
        check_str("xs.watch.initial.path", path, "data/w");
        check_str("xs.watch.initial.token", token, "tok-w");
    }
    check_rc("xs.watch.none-queued", xs_read_watch(path, sizeof path, token, sizeof token, 0), -XEN_EAGAIN);
    check_rc("xs.watch.write", xs_write(0, "data/w/x", "1"), 0);
    if (check_rc("xs.watch.fired.rc", xs_read_watch(path, sizeof path, token, sizeof token, 1), 0)) {
        check_str("xs.watch.fired.path", path, "data/w/x");
        check_str("xs.watch.fired.token", token, "tok-w");
    }
    /* An absolute watch reports absolute paths. */
    char abs[64];
    snprintf(abs, sizeof abs, "/local/domain/%u/data/v", (unsigned)xen_self_domid());
    check_rc("xs.watch.absolute", xs_watch(abs, "tok-v"), 0);
    if (check_rc("xs.watch.absolute.initial.rc", xs_read_watch(path, sizeof path, token, sizeof token, 1), 0))
        check_str("xs.watch.absolute.initial", path, abs);
    check_rc("xs.unwatch.absolute", xs_unwatch(abs, "tok-v"), 0);
    check_rc("xs.unwatch", xs_unwatch("data/w", "tok-w"), 0);
    check_rc("xs.unwatch.again", xs_unwatch("data/w", "tok-w"), -XEN_ENOENT);
    check_rc("xs.watch.after-unwatch.write", xs_write(0, "data/w/y", "1"), 0);
    /* A request round trip after the write: any event for it would be queued by now. */
    xs_read(0, "data/w/y", buf, sizeof buf);
    check_rc("xs.watch.after-unwatch.quiet", xs_read_watch(path, sizeof path, token, sizeof token, 0), -XEN_EAGAIN);
    check_rc("xs.watch.dropped", (long)xs_watch_dropped, 0);
}

static void transactions(void)
{
    u32 tx = 0;
    if (!check_rc("xs.tx.start", xs_transaction_start(&tx), 0))
        return;
    check("xs.tx.id", tx != 0);
    check_rc("xs.tx.write", xs_write(tx, "data/tx", "committed"), 0);
    check_read("xs.tx.read-inside", tx, "data/tx", "committed");
    check_rc("xs.tx.invisible-outside", xs_read(0, "data/tx", buf, sizeof buf), -XEN_ENOENT);
    check_rc("xs.tx.commit", xs_transaction_end(tx, 0), 0);
    check_read("xs.tx.committed", 0, "data/tx", "committed");
    check_rc("xs.tx.end-again", xs_transaction_end(tx, 0), -XEN_ENOENT);

    if (!check_rc("xs.tx2.start", xs_transaction_start(&tx), 0))
        return;
    check_rc("xs.tx2.write", xs_write(tx, "data/aborted", "no"), 0);
    check_rc("xs.tx2.rm", xs_rm(tx, "data/tx"), 0);
    check_rc("xs.tx2.abort", xs_transaction_end(tx, 1), 0);
    check_rc("xs.tx2.write-dropped", xs_read(0, "data/aborted", buf, sizeof buf), -XEN_ENOENT);
    check_read("xs.tx2.rm-dropped", 0, "data/tx", "committed");

    /* A conflicting change made outside the transaction: the commit fails with EAGAIN. */
    if (!check_rc("xs.tx3.start", xs_transaction_start(&tx), 0))
        return;
    check_read("xs.tx3.read", tx, "data/tx", "committed");
    check_rc("xs.tx3.write", xs_write(tx, "data/tx", "mine"), 0);
    check_rc("xs.tx3.outside-write", xs_write(0, "data/tx", "theirs"), 0);
    check_rc("xs.tx3.conflict", xs_transaction_end(tx, 0), -XEN_EAGAIN);
    check_read("xs.tx3.outside-kept", 0, "data/tx", "theirs");
    check_rc("xs.tx.unknown-id", xs_write(0x7fff0000u, "data/x", "1"), -XEN_ENOENT);
}

void test_main(void)
{
    long rc = xs_init();
    if (rc == 1) {
        skip("xs", "HVM_PARAM_STORE_PFN/EVTCHN is 0: no XenStore (not created by xl)");
        return;
    }
    if (!check_rc("xs.init", rc, 0))
        return;
    check_eq("xs.ring-pfn", (u32)xs_ring >> XEN_PAGE_SHIFT, GUEST_STORE_PFN);
    domid_t me = xen_self_domid();
    if (!check("xs.self-domid", me != DOMID_INVALID && me != 0))
        return;
    own_entries(me);
    reads_and_writes();
    big_values();
    access_denied();
    watches();
    transactions();
}
