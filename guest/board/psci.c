/* PSCI over HVC #0: version, features, MIGRATE_INFO_TYPE, CPU_ON of CPU 1 with a context id,
   AFFINITY_INFO, CPU_ON error codes, CPU_OFF from the secondary, and SYSTEM_OFF at the end (by
   finish()). Only CPU 0 prints; CPU 1 reports through shared variables. Run with -smp 2. */
#include "rt.h"

#define PSCI_SUCCESS 0u
#define PSCI_NOT_SUPPORTED 0xffffffffu
#define PSCI_INVALID_PARAMETERS 0xfffffffeu
#define PSCI_ALREADY_ON 0xfffffffcu

static volatile u32 cpu1_started, cpu1_ctx, cpu1_mpidr, cpu1_cpsr, cpu1_sctlr, cpu1_go_off, cpu1_runs;

static void cpu1_main(u32 ctx)
{
    cpu1_ctx = ctx;
    cpu1_mpidr = read_mpidr();
    cpu1_cpsr = get_cpsr();
    cpu1_sctlr = read_sctlr();
    cpu1_runs++;
    dsb();
    cpu1_started = 1;
    while (!cpu1_go_off)
        dmb();
    hvc_call(PSCI_CPU_OFF, 0, 0, 0);
    cpu1_started = 0xdead; /* CPU_OFF does not return on success */
}

static int wait_for(volatile u32 *v, u32 want)
{
    for (u32 i = 0; i < 10000000; i++) {
        if (*v == want)
            return 1;
        dmb();
    }
    return 0;
}

static int wait_off(void)
{
    for (u32 i = 0; i < 1000000; i++)
        if (hvc_call(PSCI_AFFINITY_INFO, 1, 0, 0) == 1)
            return 1;
    return 0;
}

void test_main(void)
{
    check_eq("psci_version", hvc_call(PSCI_VERSION, 0, 0, 0), 0x00010001);
    static const u32 ids[] = {PSCI_VERSION, PSCI_CPU_SUSPEND, PSCI_CPU_OFF, PSCI_CPU_ON, PSCI_AFFINITY_INFO,
                              PSCI_MIGRATE_INFO_TYPE, PSCI_SYSTEM_OFF, PSCI_SYSTEM_RESET, PSCI_FEATURES};
    for (u32 i = 0; i < sizeof ids / sizeof ids[0]; i++)
        printf("  psci_features 0x%08x -> 0x%08x\n", ids[i], hvc_call(PSCI_FEATURES, ids[i], 0, 0));
    check_eq("psci_features unknown id", hvc_call(PSCI_FEATURES, 0x8400ff00u, 0, 0), PSCI_NOT_SUPPORTED);
    check_eq("psci_features cpu_on", hvc_call(PSCI_FEATURES, PSCI_CPU_ON, 0, 0), PSCI_SUCCESS);
    check_eq("unknown function id", hvc_call(0x8400ff00u, 0, 0, 0), PSCI_NOT_SUPPORTED);
    check_eq("migrate_info_type", hvc_call(PSCI_MIGRATE_INFO_TYPE, 0, 0, 0), 2);

    check_eq("mpidr cpu 0", read_mpidr(), 0x80000000);
    check_eq("affinity_info cpu 0 on", hvc_call(PSCI_AFFINITY_INFO, 0, 0, 0), 0);
    check_eq("affinity_info cpu 1 off", hvc_call(PSCI_AFFINITY_INFO, 1, 0, 0), 1);
    check_eq("cpu_on bad target", hvc_call(PSCI_CPU_ON, 7, (u32)secondary_entry, 0), PSCI_INVALID_PARAMETERS);
    check_eq("cpu_on cpu 0 already on", hvc_call(PSCI_CPU_ON, 0, (u32)secondary_entry, 0), PSCI_ALREADY_ON);

    secondary_fn = cpu1_main;
    dsb();
    check_eq("cpu_on cpu 1", hvc_call(PSCI_CPU_ON, 1, (u32)secondary_entry, 0x1234abcd), PSCI_SUCCESS);
    check("cpu 1 started", wait_for(&cpu1_started, 1));
    check_eq("cpu 1 context id in r0", cpu1_ctx, 0x1234abcd);
    check_eq("cpu 1 mpidr", cpu1_mpidr, 0x80000001);
    check_eq("cpu 1 entry mode svc, a/i/f masked", cpu1_cpsr & 0x1ff, 0x1d3);
    check_eq("cpu 1 mmu off", cpu1_sctlr & SCTLR_M, 0);
    check_eq("affinity_info cpu 1 on", hvc_call(PSCI_AFFINITY_INFO, 1, 0, 0), 0);
    check_eq("cpu_on cpu 1 again", hvc_call(PSCI_CPU_ON, 1, (u32)secondary_entry, 0), PSCI_ALREADY_ON);
    cpu1_go_off = 1;
    dsb();
    check("cpu 1 off after cpu_off", wait_off());
    check_eq("cpu_off did not return", cpu1_started, 1);

    /* Once off, CPU 1 can be started again with a new context id. */
    cpu1_started = 0;
    cpu1_go_off = 0;
    dsb();
    check_eq("cpu_on cpu 1 second time", hvc_call(PSCI_CPU_ON, 1, (u32)secondary_entry, 0x55), PSCI_SUCCESS);
    check("cpu 1 started again", wait_for(&cpu1_started, 1));
    check_eq("second context id", cpu1_ctx, 0x55);
    check_eq("cpu 1 ran twice", cpu1_runs, 2);
    cpu1_go_off = 1;
    dsb();
    check("cpu 1 off again", wait_off());
}
