namespace Xenith.Cpu.Arm.Media;

/// <summary>Operations of <see cref="OpGroup.Media"/>: values 0x0500–0x05ff.</summary>
public enum MediaOp : ushort
{
    First = 0x0500,
}
