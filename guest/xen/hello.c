/* The example guest of examples/hello.cfg: greets on its PV console (what `xl console` shows),
   then echoes what is typed there, line by line, until it reads "poweroff". Without a PV console
   (booted with `xenith run --xen`) it greets through console_io and powers off. */
#include "rt.h"
#include "hypercall.h"
#include "events.h"
#include "pvcons.h"

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
    evtchn_unmask(pvcons_port);
    say("Type a line and it comes back; \"poweroff\" ends this domain. (Ctrl-] leaves xl console.)\n> ");
    char in[64], acc[128];
    u32 len = 0;
    irq_disable();
    for (;;) {
        u32 n = take_input(in, sizeof in);
        if (n == 0) {
            xen_block(); /* returns with IRQs on; the upcall runs, then we look again */
            irq_disable();
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
