/* The example guest of examples/hello.cfg: greets on its PV console (what `xl console` shows),
   then echoes what is typed there, line by line, until it reads "poweroff". With a XenStore it
   also answers `xl shutdown` / `xl reboot` as Linux's xenbus shutdown handler does. Without a PV
   console (booted with `xenith run --xen`) it greets through console_io and powers off. */
#include "rt.h"
#include "hypercall.h"
#include "events.h"
#include "pvcons.h"
#include "xenstore.h"

static int have_ring;

static void put(const char *s, u32 n)
{
    if (!have_ring) {
        xen_console_write(s, n);
        return;
    }
    u32 done = 0;
    for (u32 tries = 0; done < n && tries < 100000; tries++) {
        done += pvcons_write(s + done, n - done);
        if (done < n)
            xen_yield();
    }
}

static void say(const char *s) { put(s, (u32)strlen(s)); }

/* Takes what the backend put in in[]; returns the number of bytes copied to buf. */
static u32 take_input(char *buf, u32 max)
{
    volatile struct xencons_interface *r = pvcons;
    u32 cons = r->in_cons, prod = r->in_prod, n = 0;
    dmb();
    if (prod - cons > sizeof r->in)
        return 0;
    while (cons != prod && n < max)
        buf[n++] = r->in[cons++ & (sizeof r->in - 1)];
    dmb();
    r->in_cons = cons;
    if (n)
        evtchn_send(pvcons_port);
    return n;
}

static int input_waiting(void)
{
    volatile struct xencons_interface *r = pvcons;
    return r->in_cons != r->in_prod;
}

static int have_store;

/* Says it listens for shutdown requests (libxl checks control/feature-*) and watches for them. */
static void store_init(void)
{
    have_store = xs_init() == 0 && xs_write(0, "control/feature-poweroff", "1") == 0 &&
                 xs_write(0, "control/feature-reboot", "1") == 0 && xs_watch("control/shutdown", "shutdown") == 0;
    if (!have_store && xs_ring)
        say("hello: XenStore setup failed\n");
}

/* The toolstack's request in control/shutdown, taken (cleared) in a transaction as Linux does;
   -1 when there is none. */
static int take_shutdown_request(void)
{
    char req[16];
    for (int tries = 0; tries < 8; tries++) {
        u32 tx;
        if (xs_transaction_start(&tx) != 0)
            return -1;
        long len = xs_read(tx, "control/shutdown", req, sizeof req);
        int reason = -1;
        if (len > 0 && strcmp(req, "poweroff") == 0)
            reason = SHUTDOWN_poweroff;
        else if (len > 0 && strcmp(req, "reboot") == 0)
            reason = SHUTDOWN_reboot;
        if (reason < 0) {
            xs_transaction_end(tx, 1);
            return -1;
        }
        xs_write(tx, "control/shutdown", "");
        long rc = xs_transaction_end(tx, 0);
        if (rc == 0)
            return reason;
        if (rc != -XEN_EAGAIN)
            return -1;
    }
    return -1;
}

/* 1 when the toolstack asked us to go (and, for reboot, we did not come back). */
static int handle_store_events(void)
{
    char path[64], token[16];
    int reason = -1;
    for (int i = 0; i < 16 && xs_read_watch(path, sizeof path, token, sizeof token, 0) == 0; i++)
        if (strcmp(token, "shutdown") == 0 && reason < 0)
            reason = take_shutdown_request();
    if (reason < 0)
        return 0;
    say(reason == SHUTDOWN_reboot ? "\r\nhello: rebooting\n" : "\r\nhello: shutting down\n");
    pvcons_wait_drained(1000);
    xen_shutdown((u32)reason); /* returns only if refused: then power off as the runtime does */
    return 1;
}

void test_main(void)
{
    have_ring = pvcons_init() == 0;
    char line[160];
    snprintf(line, sizeof line, "Hello from Xenith! I am domain %u, a paravirtualized ARM guest.\n", (unsigned)xen_self_domid());
    say(line);
    snprintf(line, sizeof line, "Xen %u.%u, %u MiB of RAM at 0x%08x, command line \"%s\"\n", boot.xen_major, boot.xen_minor,
             (unsigned)(boot.mem_size >> 20), (unsigned)boot.mem_base, boot.bootargs);
    say(line);
    if (!have_ring)
        return;
    if (xen_events_init() != 0) {
        say("hello: event channels failed\n");
        return;
    }
    store_init();
    say("Type a line and it comes back; \"poweroff\" ends this domain. (Ctrl-] leaves xl console.)\n> ");
    char in[64], acc[128];
    u32 len = 0;
    /* Both ports stay masked and IRQs off: SCHEDOP_poll wakes us for either, and we look at both
       rings each time. */
    evtchn_port_t ports[2] = {pvcons_port, xs_port};
    u32 nports = have_store ? 2 : 1;
    irq_disable();
    for (;;) {
        if (have_store && handle_store_events())
            return;
        u32 n = take_input(in, sizeof in);
        if (n == 0) {
            for (u32 i = 0; i < nports; i++)
                evtchn_clear_pending(ports[i]);
            if (!input_waiting() && !(have_store && xs_has_input()))
                xen_poll(ports, nports, 0);
            continue;
        }
        for (u32 i = 0; i < n; i++) {
            char c = in[i];
            if (c == '\r' || c == '\n') {
                acc[len] = 0;
                say("\r\n");
                if (strcmp(acc, "poweroff") == 0) {
                    say("hello: powering off\n");
                    pvcons_wait_drained(1000);
                    return;
                }
                snprintf(line, sizeof line, "you said: %s\n> ", acc);
                say(line);
                len = 0;
            } else if (len + 1 < sizeof acc) {
                acc[len++] = c;
                put(&c, 1);
            }
        }
    }
}
