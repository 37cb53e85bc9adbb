/* xen_version sub-ops (spec 6.3), the same call from Thumb state, and the Xen SMCCC service
   (spec 7.1). Expected values: a Xen-4.17-like ARM host answering a domU. */
#include "rt.h"
#include "hypercall.h"

static char buf[1024];

/* A string answer must be NUL-terminated inside its buffer. */
static int terminated(const char *s, unsigned size)
{
    return strnlen(s, size) < size;
}

void test_main(void)
{
    check("boot.dtb", boot.dt_ok);
    check("boot.hypervisor-node", boot.has_hypervisor);
    check_eq("boot.r0", boot.boot_r0, 0);
    check_eq("boot.r1", boot.boot_r1, 0xffffffffu);
    check_eq("boot.cpsr", boot.boot_cpsr & 0x1ff, 0x1d3); /* SVC, A/I/F masked (spec 2.3) */
    check_eq("boot.sctlr.m", read_sctlr() & 1, 0);
    note("xen compatible \"%s\", grant window 0x%llx+0x%llx, event PPI %u, memory 0x%llx+0x%llx",
         boot.xen_compat, boot.gnttab_base, boot.gnttab_size, boot.evtchn_irq, boot.mem_base, boot.mem_size);
    check_eq64("boot.dt.gnttab-base", boot.gnttab_base, GUEST_GNTTAB_BASE);
    check_eq64("boot.dt.gnttab-size", boot.gnttab_size, GUEST_GNTTAB_SIZE);
    check_eq("boot.dt.evtchn-ppi", boot.evtchn_irq, GUEST_EVTCHN_PPI);
    check_eq("boot.dt.gicd", boot.gicd, GUEST_GICD_BASE);
    check_eq("boot.dt.gicc", boot.gicc, GUEST_GICC_BASE);
    check_eq64("boot.dt.memory-base", boot.mem_base, GUEST_RAM0_BASE);

    long v = HYPERVISOR_xen_version(XENVER_version, NULL);
    note("XENVER_version = 0x%08lx", v);
    if (boot.xen_major)
        check_eq("version.matches-dt", (u32)v, (boot.xen_major << 16) | boot.xen_minor);
    else
        check("version.major", (v >> 16) >= 4);

    memset(buf, 0x55, sizeof buf);
    check_rc("version.extraversion.rc", HYPERVISOR_xen_version(XENVER_extraversion, buf), 0);
    check("version.extraversion.terminated", terminated(buf, 16));

    struct xen_compile_info ci;
    memset(&ci, 0x55, sizeof ci);
    check_rc("version.compile-info.rc", HYPERVISOR_xen_version(XENVER_compile_info, &ci), 0);
    check("version.compile-info.terminated", terminated(ci.compiler, 64) && terminated(ci.compile_by, 16) &&
                                                 terminated(ci.compile_domain, 32) && terminated(ci.compile_date, 32));

    memset(buf, 0x55, sizeof buf);
    check_rc("version.capabilities.rc", HYPERVISOR_xen_version(XENVER_capabilities, buf), 0);
    if (terminated(buf, sizeof buf))
        check_str("version.capabilities", buf, "xen-3.0-armv7l ");
    else
        fail("version.capabilities", "not NUL-terminated");

    memset(buf, 0x55, sizeof buf);
    check_rc("version.changeset.rc", HYPERVISOR_xen_version(XENVER_changeset, buf), 0);
    check("version.changeset.terminated", terminated(buf, 64));

    struct xen_platform_parameters pp = {0x5555555555555555ull};
    check_rc("version.platform-parameters.rc", HYPERVISOR_xen_version(XENVER_platform_parameters, &pp), 0);
    check_eq64("version.platform-parameters.virt-start", pp.virt_start, 0);

    struct xen_feature_info fi = {0, 0x55555555};
    if (check_rc("version.get-features.0.rc", HYPERVISOR_xen_version(XENVER_get_features, &fi), 0)) {
        check_eq("version.get-features.0", fi.submap, XEN_DOMU_FEATURES_SUBMAP0);
        /* The bits Linux acts on, named so a mismatch is easy to read. */
        check_eq("version.get-features.dom0-clear", (fi.submap >> XENFEAT_dom0) & 1, 0);
        check_eq("version.get-features.auto-translated", (fi.submap >> XENFEAT_auto_translated_physmap) & 1, 1);
        check_eq("version.get-features.not-direct-mapped", (fi.submap >> XENFEAT_not_direct_mapped) & 1, 1);
        check_eq("version.get-features.direct-mapped-clear", (fi.submap >> XENFEAT_direct_mapped) & 1, 0);
    }
    fi.submap_idx = 1;
    check_rc("version.get-features.1", HYPERVISOR_xen_version(XENVER_get_features, &fi), -XEN_EINVAL);

    check_rc("version.pagesize", HYPERVISOR_xen_version(XENVER_pagesize, NULL), 4096);
    check_rc("version.pagesize.non-null-arg", HYPERVISOR_xen_version(XENVER_pagesize, buf), -XEN_EINVAL);

    u8 handle[16];
    check_rc("version.guest-handle.rc", HYPERVISOR_xen_version(XENVER_guest_handle, handle), 0);

    memset(buf, 0x55, sizeof buf);
    check_rc("version.commandline.rc", HYPERVISOR_xen_version(XENVER_commandline, buf), 0);
    if (terminated(buf, sizeof buf))
        check_str("version.commandline.denied", buf, "<denied>");
    else
        fail("version.commandline.denied", "not NUL-terminated");

    check_rc("version.build-id.privileged", HYPERVISOR_xen_version(XENVER_build_id, buf), -XEN_EPERM);
    check_rc("version.unknown-cmd", HYPERVISOR_xen_version(99, buf), -XEN_ENOSYS);

    /* The same hypercall from Thumb state (HVC T32 encoding). */
    check_rc("version.thumb-hvc", hypercall_thumb(__HYPERVISOR_xen_version, XENVER_version, 0, 0, 0, 0), v);
    check_rc("version.thumb-hvc.pagesize", hypercall_thumb(__HYPERVISOR_xen_version, XENVER_pagesize, 0, 0, 0, 0), 4096);

    /* Registers other than r0-r4 and r12 survive a hypercall (spec 1.2). */
    u32 r5 = 0x5a5a0005, r6 = 0x5a5a0006, r7 = 0x5a5a0007, r8 = 0x5a5a0008;
    __asm__ volatile(".arch_extension virt\n\tmov r0, #0\n\tmov r1, #0\n\tmov r12, #17\n\thvc #0xea1"
                     : "+r"(r5), "+r"(r6), "+r"(r7), "+r"(r8)
                     :
                     : "r0", "r1", "r2", "r3", "r4", "r12", "memory");
    check("version.callee-registers-preserved",
          r5 == 0x5a5a0005 && r6 == 0x5a5a0006 && r7 == 0x5a5a0007 && r8 == 0x5a5a0008);

    /* Xen's SMCCC hypervisor service (HVC #0). */
    struct smccc_res res;
    smccc_call(XEN_SMCCC_CALL_COUNT, 0, 0, 0, &res);
    check_eq("smccc.xen.call-count", res.a0, 3);
    smccc_call(XEN_SMCCC_UID, 0, 0, 0, &res);
    check("smccc.xen.uid", res.a0 == 0xDC1218A7u && res.a1 == 0x694398C6u && res.a2 == 0xD179CF9Au &&
                               res.a3 == 0x67E6DE8Du);
    smccc_call(XEN_SMCCC_REVISION, 0, 0, 0, &res);
    check("smccc.xen.revision", res.a0 == 0 && res.a1 == 1);
    smccc_call(PSCI_0_2_VERSION, 0, 0, 0, &res);
    check_eq("smccc.psci-version", res.a0, 0x00010001);
}
