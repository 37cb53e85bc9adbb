namespace Xenith.Cpu.Arm.Integer;

/// <summary>Operations of <see cref="OpGroup.Integer"/>: values 0x0100–0x01ff.</summary>
public enum IntegerOp : ushort
{
    First = 0x0100,
}
