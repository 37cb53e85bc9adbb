namespace Xenith.Toolstack.Config;

/// <summary>The top-level keys xl reads (tools/xl/xl_parse.c), split into those Xenith models and the rest.</summary>
internal static class XlKnownKeys
{
    public static readonly HashSet<string> Modelled =
    [
        "name", "type", "memory", "maxmem", "vcpus", "maxvcpus", "cpus", "cpus_soft", "cpu_weight", "cap", "pool",
        "kernel", "ramdisk", "device_tree", "cmdline", "root", "extra", "disk", "vif", "on_poweroff", "on_reboot",
        "on_watchdog", "on_crash", "on_soft_reset", "uuid", "max_grant_frames", "max_maptrack_frames",
        "max_event_channels", "vuart", "gic_version", "trap_unmapped_accesses",
        // Xenith's own: the vCPUs' CPU model.
        "cpu",
    ];

    /// <summary>Keys xl knows that this toolstack reads past (x86, HVM, device-model, passthrough and other devices).</summary>
    public static readonly HashSet<string> Unsupported =
    [
        "acpi", "acpi_firmware", "acpi_laptop_slate", "acpi_s3", "acpi_s4", "altp2m", "altp2m_count", "altp2mhvm",
        "apic", "arm_sci", "bios", "bios_path_override", "boot", "bootloader", "bootloader_args", "bootloader_restrict",
        "bootloader_user", "builder", "channel", "cpuid", "device_model", "device_model_args", "device_model_override",
        "device_model_stubdomain_override", "device_model_stubdomain_seclabel", "device_model_user",
        "device_model_version", "display", "dm_restrict", "driver_domain", "dtdev", "e820_host", "extratime",
        "firmware", "firmware_override", "gfx_passthru", "hap", "hdtype", "hpet", "hvm_pirq", "init_seclabel",
        "iomem", "ioports", "irqs", "keymap", "latency", "llc_colors", "localtime", "max_grant_version", "mca_caps",
        "mmio_hole", "ms_vm_genid", "msr_relaxed", "nestedhvm", "nographic", "nomigrate", "nr_spis", "nx", "oos",
        "opengl", "p9", "pae", "passthrough", "pci", "pci_msitranslate", "pci_permissive", "pci_power_mgmt",
        "pci_seize", "period", "pvcalls", "pvshim", "pvshim_cmdline", "pvshim_extra", "pvshim_path", "rdm",
        "rdm_mem_boundary", "rtc_timeoffset", "sdl", "seclabel", "serial", "shadow_memory", "slice", "smbios",
        "smbios_firmware", "soundhw", "spice", "spice_clipboard_sharing", "spice_image_compression",
        "spice_streaming_video", "spiceagent_mouse", "spicedisable_ticketing", "spicehost", "spicepasswd",
        "spiceport", "spicetls_port", "spiceusbredirection", "spicevdagent", "stdvga", "stubdomain_cmdline",
        "stubdomain_kernel", "stubdomain_memory", "stubdomain_ramdisk", "sve", "tee", "timer_mode", "tsc_mode",
        "usb", "usbctrl", "usbdev", "usbdevice", "usbversion", "vdispl", "vendor_device", "vfb", "vga", "videoram",
        "vif2", "viridian", "virtio", "vkb", "vkb_device", "vmtrace_buf_kb", "vnc", "vncdisplay", "vnclisten",
        "vncpasswd", "vncunused", "vncviewer", "vnuma", "vpmu", "vpt_align", "vsnd", "vtpm", "xauthority",
        "xen_platform_pci", "xen_platform_pci_bar_uc", "xend_suspend_evtchn_compat", "xenstore_feature_mask",
        "xenstore_quota",
    ];
}
