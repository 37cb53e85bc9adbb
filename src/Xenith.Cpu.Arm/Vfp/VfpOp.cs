namespace Xenith.Cpu.Arm.Vfp;

/// <summary>Operations of <see cref="OpGroup.Vfp"/>: values 0x0400–0x04ff.</summary>
public enum VfpOp : ushort
{
    First = 0x0400,
}
