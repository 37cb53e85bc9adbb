namespace Xenith.Bench;

/// <summary>One kernel's results in both emulators; a missing run carries the reason instead.</summary>
internal sealed record BenchRow(string Name, KernelRun? Xenith, string? XenithError, KernelRun? Qemu, string? QemuError)
{
    /// <summary>Both ran and printed the same thing (the kernels print their checksum).</summary>
    public bool OutputsMatch => Xenith != null && Qemu != null && Xenith.Output == Qemu.Output;

    /// <summary>qemu time / xenith time: above 1 means Xenith is faster. Only for runs whose outputs match.</summary>
    public double? Speed => OutputsMatch ? Qemu!.Seconds / Xenith!.Seconds : null;
}
