/* vcpu_op (spec 3.5, 3.8, 6.6): register_vcpu_info (argument checks, the copy and the
   deliberate spurious upcall, only once), the runstate area, unsupported sub-ops; vm_assist. */
#include "rt.h"
#include "hypercall.h"
#include "events.h"

static u8 vi_page[XEN_PAGE_SIZE] PAGE_ALIGNED;
static struct vcpu_runstate_info runstate __attribute__((aligned(8)));

static long reg_vi(u32 vcpu, u64 gfn, u32 offset)
{
    struct vcpu_register_vcpu_info r;
    memset(&r, 0, sizeof r);
    r.mfn = gfn;
    r.offset = offset;
    return HYPERVISOR_vcpu_op(VCPUOP_register_vcpu_info, vcpu, &r);
}

void test_main(void)
{
    check_rc("vcpu.shared-info", xen_map_shared_info(), 0);
    u64 gfn = virt_to_gfn(vi_page);

    check_rc("vcpu.register-vcpu-info.no-such-vcpu", reg_vi(200, gfn, 64), -XEN_ENOENT);
    check_rc("vcpu.register-vcpu-info.misaligned", reg_vi(0, gfn, 4), -XEN_ENXIO);
    check_rc("vcpu.register-vcpu-info.crosses-page", reg_vi(0, gfn, XEN_PAGE_SIZE - 40), -XEN_ENXIO);
    long rc = reg_vi(0, 0x10, 0); /* a hole below the GIC */
    if (rc == -XEN_EINVAL || rc == -XEN_EACCES)
        pass("vcpu.register-vcpu-info.not-ram");
    else
        fail("vcpu.register-vcpu-info.not-ram", "got %ld, want -22 or -13", rc);

    /* Registration copies the old vcpu_info, then sets pending_sel = ~0 and upcall_pending. */
    struct vcpu_info *vi = (struct vcpu_info *)(vi_page + 64);
    memset(vi, 0xee, sizeof *vi);
    check_rc("vcpu.register-vcpu-info", reg_vi(0, gfn, 64), 0);
    check_eq64("vcpu.register-vcpu-info.pending-sel", ((volatile struct vcpu_info *)vi)->evtchn_pending_sel, ~0ull);
    check_eq("vcpu.register-vcpu-info.upcall-pending", ((volatile struct vcpu_info *)vi)->evtchn_upcall_pending, 1);
    check_rc("vcpu.register-vcpu-info.twice", reg_vi(0, gfn, 128), -XEN_EBUSY);

    /* Runstate area: the VA is the low half; Linux leaves stack garbage in the high half. */
    struct vcpu_register_runstate_memory_area ra;
    memset(&runstate, 0xff, sizeof runstate);
    ra.addr = 0xdeadbeef00000000ull | (u32)&runstate;
    check_rc("vcpu.runstate.register", HYPERVISOR_vcpu_op(VCPUOP_register_runstate_memory_area, 0, &ra), 0);
    check_rc("vcpu.runstate.no-such-vcpu", HYPERVISOR_vcpu_op(VCPUOP_register_runstate_memory_area, 200, &ra),
             -XEN_ENOENT);
    xen_yield();
    volatile struct vcpu_runstate_info *rs = &runstate;
    if (rs->state == -1 && rs->state_entry_time == ~0ull) {
        skip("vcpu.runstate.updated", "the hypervisor records the area but does not update it (spec 3.8 allows it)");
    } else {
        check_rc("vcpu.runstate.state-running", rs->state, RUNSTATE_running);
        check_eq64("vcpu.runstate.update-flag-clear", rs->state_entry_time & XEN_RUNSTATE_UPDATE, 0);
        check("vcpu.runstate.running-time", rs->time[RUNSTATE_running] > 0);
        /* time[offline] is what passed between the vCPU's creation and its first run: 0 under the
           deterministic clock, the toolstack's build time in real time (as on Xen), so not checked. */
    }

    /* Everything else is -EINVAL on ARM; a missing vCPU is -ENOENT first. */
    static const int other_ops[] = {VCPUOP_initialise, VCPUOP_up, VCPUOP_down, VCPUOP_is_up,
                                    VCPUOP_get_runstate_info, VCPUOP_set_periodic_timer, 11, 12, 13,
                                    VCPUOP_register_runstate_phys_area, 15, 99};
    u8 arg[64];
    memset(arg, 0, sizeof arg);
    for (u32 i = 0; i < ARRAY_SIZE(other_ops); i++) {
        char name[48];
        snprintf(name, sizeof name, "vcpu.op-%d.einval", other_ops[i]);
        check_rc(name, HYPERVISOR_vcpu_op(other_ops[i], 0, arg), -XEN_EINVAL);
    }
    check_rc("vcpu.op-up.no-such-vcpu", HYPERVISOR_vcpu_op(VCPUOP_up, 200, arg), -XEN_ENOENT);

    check_rc("vm-assist.runstate-update-flag", HYPERVISOR_vm_assist(VMASST_CMD_enable, VMASST_TYPE_runstate_update_flag), 0);
    check_rc("vm-assist.disable", HYPERVISOR_vm_assist(VMASST_CMD_disable, VMASST_TYPE_runstate_update_flag), 0);
    check_rc("vm-assist.bad-type", HYPERVISOR_vm_assist(VMASST_CMD_enable, 0), -XEN_EINVAL);
    check_rc("vm-assist.bad-cmd", HYPERVISOR_vm_assist(7, VMASST_TYPE_runstate_update_flag), -XEN_ENOSYS);
}
