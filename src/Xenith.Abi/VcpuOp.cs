namespace Xenith.Abi;

/// <summary>vcpu_op commands (VCPUOP_*, spec 6.6). ARM accepts only RegisterRunstateMemoryArea and RegisterVcpuInfo.</summary>
public enum VcpuOp : uint
{
    /// <summary>VCPUOP_initialise.</summary>
    Initialise = 0,
    /// <summary>VCPUOP_up.</summary>
    Up = 1,
    /// <summary>VCPUOP_down.</summary>
    Down = 2,
    /// <summary>VCPUOP_is_up.</summary>
    IsUp = 3,
    /// <summary>VCPUOP_get_runstate_info.</summary>
    GetRunstateInfo = 4,
    /// <summary>VCPUOP_register_runstate_memory_area (supported on ARM).</summary>
    RegisterRunstateMemoryArea = 5,
    /// <summary>VCPUOP_set_periodic_timer.</summary>
    SetPeriodicTimer = 6,
    /// <summary>VCPUOP_stop_periodic_timer.</summary>
    StopPeriodicTimer = 7,
    /// <summary>VCPUOP_set_singleshot_timer.</summary>
    SetSingleshotTimer = 8,
    /// <summary>VCPUOP_stop_singleshot_timer.</summary>
    StopSingleshotTimer = 9,
    /// <summary>VCPUOP_register_vcpu_info (supported on ARM).</summary>
    RegisterVcpuInfo = 10,
    /// <summary>VCPUOP_send_nmi.</summary>
    SendNmi = 11,
    /// <summary>VCPUOP_get_physid.</summary>
    GetPhysid = 12,
    /// <summary>VCPUOP_register_vcpu_time_memory_area.</summary>
    RegisterVcpuTimeMemoryArea = 13,
    /// <summary>VCPUOP_register_runstate_phys_area.</summary>
    RegisterRunstatePhysArea = 14,
    /// <summary>VCPUOP_register_vcpu_time_phys_area.</summary>
    RegisterVcpuTimePhysArea = 15,
}

/// <summary>vCPU run states (RUNSTATE_*, spec 3.8).</summary>
public enum RunstateState
{
    /// <summary>RUNSTATE_running.</summary>
    Running = 0,
    /// <summary>RUNSTATE_runnable.</summary>
    Runnable = 1,
    /// <summary>RUNSTATE_blocked.</summary>
    Blocked = 2,
    /// <summary>RUNSTATE_offline.</summary>
    Offline = 3,
}

/// <summary>Runstate constants.</summary>
public static class Runstate
{
    /// <summary>XEN_RUNSTATE_UPDATE: bit 63 of state_entry_time, set while the hypervisor rewrites the area.</summary>
    public const ulong XenRunstateUpdate = 1UL << 63;
}
