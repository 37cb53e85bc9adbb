/* The null hypercall loop for `xenith bench hypervisor`: nullcall.count=N calls of
   xen_version(XENVER_version), nothing else, so the host can time the round trip. */
#include "rt.h"
#include "hypercall.h"

void test_main(void)
{
    const char *s = boot.bootargs;
    u32 n = 0;
    for (unsigned guard = 0; *s && guard < 4096; guard++, s++) {
        if (strncmp(s, "nullcall.count=", 15) == 0) {
            for (s += 15; *s >= '0' && *s <= '9'; s++)
                n = n * 10 + (u32)(*s - '0');
            break;
        }
    }
    long want = HYPERVISOR_xen_version(XENVER_version, NULL), got = want;
    u64 t0 = read_cntvct();
    for (u32 i = 0; i < n && got == want; i++)
        got = HYPERVISOR_xen_version(XENVER_version, NULL);
    u64 ticks = read_cntvct() - t0, f = read_cntfrq();
    check_eq("nullcall.version", (u32)got, (u32)want);
    note("nullcall: %u calls, %llu ns each in guest time", n, n && f ? ticks * 1000000000ull / f / n : 0);
}
