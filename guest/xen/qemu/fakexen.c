/* Smoke-test shim for QEMU (no Xen there): QEMU's virt board has no EL2 and takes every HVC as a
   PSCI call; this replacement of hypercall() answers a few hypercalls (console_io -> PL011, xen_version, sched_op
   shutdown -> PSCI SYSTEM_OFF, everything else -ENOSYS). It only checks that start-up, the
   device-tree reader, exceptions, printf and the report protocol work; the values the programs
   check are the real hypervisor's business. Not part of the library. */
#include "rt.h"
#include "hypercall.h"

#define UART 0x09000000u

long hypercall(u32 nr, u32 a0, u32 a1, u32 a2, u32 a3, u32 a4)
{
    (void)a3;
    (void)a4;
    switch (nr) {
    case __HYPERVISOR_console_io:
        if (a0 != CONSOLEIO_write)
            return -XEN_ENOSYS;
        if (a2 < 0x40000000u || a2 + a1 > 0x44000000u || a2 + a1 < a2)
            return -XEN_EFAULT; /* outside the 64 MiB of RAM qemu/run.sh gives */
        for (u32 i = 0; i < a1; i++)
            REG32(UART) = (u8)((const char *)a2)[i];
        return 0;
    case __HYPERVISOR_xen_version:
        return a0 == XENVER_version ? 0x00040011 : a0 == XENVER_pagesize ? 4096 : -XEN_ENOSYS;
    case __HYPERVISOR_sched_op:
        if (a0 == SCHEDOP_shutdown && a1 >= 0x40000000u && a1 < 0x44000000u) {
            struct smccc_res res;
            smccc_call(PSCI_0_2_SYSTEM_OFF, 0, 0, 0, &res);
        }
        return a0 == SCHEDOP_yield ? 0 : -XEN_ENOSYS;
    }
    return -XEN_ENOSYS;
}

void platform_early(void);
void platform_early(void)
{
    if (boot.dtb == 0)
        boot.dtb = 0x40000000u; /* QEMU starts a bare ELF without r2; it puts the DTB at RAM base */
}
