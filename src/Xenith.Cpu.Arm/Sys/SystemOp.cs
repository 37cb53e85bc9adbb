namespace Xenith.Cpu.Arm.Sys;

/// <summary>Operations of <see cref="OpGroup.System"/>: values 0x0300–0x03ff.</summary>
public enum SystemOp : ushort
{
    First = 0x0300,
}
